import type { ComponentProps } from "react";

/**
 * The dense list table: one cell padding for header and body (wider at the outer edges), so
 * header labels and right-aligned figures line up without each page repeating the classes. The
 * padding and row dividers are set once for the table (`.data-table` in app/globals.css), not on
 * every cell: a list of 50 rows would otherwise carry the same classes 400 times in its HTML and
 * again in its payload. On a narrow screen the table keeps readable columns and scrolls sideways
 * instead of squeezing, or (`stack`) shows each row as a card.
 */
export function DataTable({ className = "", stack, ...props }: ComponentProps<"table"> & { stack?: boolean }) {
  return (
    <div className="relative overflow-x-auto">
      <table {...props} className={`data-table w-full min-w-[40rem] text-[13px] ${stack ? "stack" : ""} ${className}`} />
    </div>
  );
}

/** The header row: pass `Th` cells as children. */
export function TableHead({ children, className = "" }: { children: React.ReactNode; className?: string }) {
  return (
    <thead className={`border-b border-slate-200 bg-slate-50 text-slate-600 ${className}`}>
      <tr>{children}</tr>
    </thead>
  );
}

/** A column header; `numeric` right-aligns it over a column of figures. */
export function Th({ numeric, className = "", ...props }: ComponentProps<"th"> & { numeric?: boolean }) {
  return <th scope="col" {...props} className={`font-medium ${numeric ? "text-right" : "text-left"} ${className}`} />;
}

/** A body row with the light divider between rows. */
export function Tr({ className = "", ...props }: ComponentProps<"tr">) {
  return <tr {...props} className={className || undefined} />;
}

/** A body cell; `numeric` for figures (tabular, right-aligned), `tall` for rows with more air. */
export function Td({ numeric, tall, className = "", ...props }: ComponentProps<"td"> & { numeric?: boolean; tall?: boolean }) {
  const classes = [tall ? "tall" : "", numeric ? "num" : "", className].filter(Boolean).join(" ");
  return <td {...props} className={classes || undefined} />;
}
