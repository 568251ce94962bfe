"use client";

import "./globals.css";

export default function GlobalError({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  return (
    <html lang="nl">
      <body>
        <main className="flex min-h-screen items-center justify-center px-4">
          <div className="max-w-md text-center" role="alert">
            <h1 className="text-lg font-semibold">Er ging iets mis · Something went wrong</h1>
            {error.digest ? <p className="mt-1 font-mono text-[12px] text-slate-400">ref {error.digest}</p> : null}
            <button type="button" onClick={reset} className="mt-3 rounded bg-blue-700 px-3 py-1.5 font-medium text-white">
              Opnieuw · Try again
            </button>
          </div>
        </main>
      </body>
    </html>
  );
}
