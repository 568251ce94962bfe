import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";

export const AGING_BUCKETS = ["current", "1-30", "31-60", "61-90", "90+"] as const;
export type AgingBucket = (typeof AGING_BUCKETS)[number];

export function isAgingBucket(value: unknown): value is AgingBucket {
  return typeof value === "string" && (AGING_BUCKETS as readonly string[]).includes(value);
}

/** Days past the due date on `today` (0 or negative when not yet due). */
export function daysOverdue(dueDate: CalendarDate, today: CalendarDate): number {
  return daysBetween(dueDate, today);
}

export function agingBucket(dueDate: CalendarDate, today: CalendarDate): AgingBucket {
  const d = daysOverdue(dueDate, today);
  if (d <= 0) return "current";
  if (d <= 30) return "1-30";
  if (d <= 60) return "31-60";
  if (d <= 90) return "61-90";
  return "90+";
}

/**
 * The due dates that fall in a bucket on `today`, as an inclusive range for a query
 * (undefined = unbounded). Inverse of agingBucket.
 */
export function dueDateRange(bucket: AgingBucket, today: CalendarDate): { from?: CalendarDate; to?: CalendarDate } {
  switch (bucket) {
    case "current":
      return { from: today };
    case "1-30":
      return { from: addDays(today, -30), to: addDays(today, -1) };
    case "31-60":
      return { from: addDays(today, -60), to: addDays(today, -31) };
    case "61-90":
      return { from: addDays(today, -90), to: addDays(today, -61) };
    case "90+":
      return { to: addDays(today, -91) };
  }
}
