/** The look of each tone is in app/globals.css (.badge-*): one short class on every badge. */
export type BadgeTone = "neutral" | "red" | "amber" | "green" | "blue" | "violet";

export function Badge({ tone = "neutral", children, title }: { tone?: BadgeTone; children: React.ReactNode; title?: string }) {
  return (
    <span title={title} className={`badge badge-${tone}`}>
      {children}
    </span>
  );
}
