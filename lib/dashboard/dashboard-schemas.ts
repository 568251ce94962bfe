import { addDays, daysBetween, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * The dashboard's vocabulary that its drill-down links carry to other pages: how long a dispute
 * has been open (days since opened), in the dashboard's bands.
 */
export const DISPUTE_AGES = ["0-30", "31-60", "61+"] as const;
export type DisputeAge = (typeof DISPUTE_AGES)[number];

export function disputeAge(openedOn: CalendarDate, today: CalendarDate): DisputeAge {
  const days = daysBetween(openedOn, today);
  return days <= 30 ? "0-30" : days <= 60 ? "31-60" : "61+";
}

/** The opening dates of a band on `today`, as an inclusive range for a query (undefined = unbounded). Inverse of disputeAge. */
export function openedOnRange(age: DisputeAge, today: CalendarDate): { from?: CalendarDate; to?: CalendarDate } {
  switch (age) {
    case "0-30":
      return { from: addDays(today, -30) };
    case "31-60":
      return { from: addDays(today, -60), to: addDays(today, -31) };
    case "61+":
      return { to: addDays(today, -61) };
  }
}
