export function Panel({
  title,
  actions,
  children,
  className = "",
  id,
}: {
  title?: React.ReactNode;
  actions?: React.ReactNode;
  children: React.ReactNode;
  className?: string;
  id?: string;
}) {
  return (
    <section id={id} aria-labelledby={id ? `${id}-title` : undefined} className={`rounded-md border border-slate-200 bg-white ${className}`}>
      {title ? (
        <header className="flex items-center justify-between gap-2 border-b border-slate-200 px-3 py-1.5">
          <h2 id={id ? `${id}-title` : undefined} className="text-[13px] font-semibold text-slate-800">
            {title}
          </h2>
          {actions}
        </header>
      ) : null}
      {children}
    </section>
  );
}

export function EmptyState({ children }: { children: React.ReactNode }) {
  return <p className="px-3 py-6 text-center text-slate-500">{children}</p>;
}
