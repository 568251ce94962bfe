"use client";

import { en } from "@/lib/i18n/messages/en";
import { nl } from "@/lib/i18n/messages/nl";

/** Never shows the error itself: only a message and, for support, Next's digest reference. */
export default function ErrorPage({ error, reset }: { error: Error & { digest?: string }; reset: () => void }) {
  const m = typeof document !== "undefined" && document.documentElement.lang === "en" ? en : nl;
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center" role="alert">
        <h1 className="text-lg font-semibold">{m["errors.page.title"]}</h1>
        <p className="mt-1 text-slate-600">{m["errors.page.body"]}</p>
        {error.digest ? <p className="mt-1 font-mono text-[12px] text-slate-400">ref {error.digest}</p> : null}
        <button type="button" onClick={reset} className="mt-3 rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
          {m["errors.page.retry"]}
        </button>
      </div>
    </main>
  );
}
