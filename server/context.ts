import { officeClockAt, type OfficeClock } from "@/lib/clock/office-clock";
import { env } from "@/lib/env/env";

/** The office clock for this request or job, in the configured APP_TIME_ZONE. */
export function officeClock(now: Date = new Date()): OfficeClock {
  return officeClockAt(now, env().APP_TIME_ZONE);
}
