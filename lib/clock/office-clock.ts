import { calendarDateIn, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * The office's clock: the instant, the office's calendar day and its time zone. Made once per
 * request or job by the door (`server/context.ts`, a script) and passed into use cases and
 * queries, so domain code never reads the system clock and a test can fix "today".
 */
export type OfficeClock = { now: Date; today: CalendarDate; timeZone: string };

export function officeClockAt(now: Date, timeZone: string): OfficeClock {
  return { now, today: calendarDateIn(now, timeZone), timeZone };
}
