import { Link } from "@/components/ui/link";

export function StatusPage({ code, title, body, homeLabel }: { code: string; title: string; body: string; homeLabel: string }) {
  return (
    <main className="flex min-h-[60vh] items-center justify-center px-4">
      <div className="max-w-md text-center">
        <div className="text-[12px] font-semibold uppercase tracking-widest text-slate-400">{code}</div>
        <h1 className="mt-1 text-lg font-semibold">{title}</h1>
        <p className="mt-1 text-slate-600">{body}</p>
        <Link href="/worklist" className="mt-3 inline-block rounded bg-blue-700 px-3 py-1.5 font-medium text-white hover:bg-blue-800">
          {homeLabel}
        </Link>
      </div>
    </main>
  );
}
