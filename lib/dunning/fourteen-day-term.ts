import { addDays, isCalendarDate, type CalendarDate } from "@/lib/format/calendar-date";
import { isPublicHoliday, nextWorkingDay, weekday, type HolidayOptions } from "@/lib/clock/working-days";

/**
 * The term of a consumer's 14-day letter (veertiendagenbrief, art. 6:96 lid 6 BW). A letter that
 * states too early a last day fails and then no collection costs are due at all, so every choice
 * here errs towards the later date.
 */

// The Atw calendar: 5 May counts every year. For the receipt count this also skips Good Friday
// and Liberation Day in non-lustrum years, when post may well arrive: a day later, never earlier.
const LEGAL: HolidayOptions = { liberationDay: "every_year" };
const SUNDAY = 0;
const MONDAY = 1;
const TERM_DAYS = 14;
const RECEIPT_COUNT = 2;

export type FourteenDayTerm = {
  /** The day the debtor is presumed to have received the letter. */
  receivedOn: CalendarDate;
  /** The last day on which the debtor may still pay without collection costs. */
  lastDay: CalendarDate;
};

function assertDate(date: CalendarDate): void {
  if (!isCalendarDate(date)) throw new RangeError(`not a calendar date: ${date}`);
}

// PostNL delivers no letters on Sundays and Mondays, which is why the HR leaves them out.
function isPostalDay(date: CalendarDate): boolean {
  const day = weekday(date);
  return day !== SUNDAY && day !== MONDAY && !isPublicHoliday(date, LEGAL);
}

/**
 * Receipt is presumed on the second day after sending, not counting Sundays, Mondays and public
 * holidays (HR 25-11-2016, ECLI:NL:HR:2016:2704). The count starts the day after sending,
 * whatever day that was, so a letter posted on a Saturday still has a defined receipt.
 */
export function presumedReceipt(sentOn: CalendarDate): CalendarDate {
  assertDate(sentOn);
  let day = sentOn;
  for (let counted = 0; counted < RECEIPT_COUNT; ) {
    day = addDays(day, 1);
    if (isPostalDay(day)) counted += 1;
  }
  return day;
}

/**
 * The 14 days run from the day after receipt (art. 6:96 lid 6 BW), so the last is receipt + 14.
 * A last day on a Saturday, Sunday or public holiday moves to the next day that is none of
 * these (Algemene termijnenwet, art. 1 and 3).
 */
export function fourteenDayDeadline(sentOn: CalendarDate): FourteenDayTerm {
  const receivedOn = presumedReceipt(sentOn);
  return { receivedOn, lastDay: nextWorkingDay(addDays(receivedOn, TERM_DAYS), LEGAL) };
}

/** Costs become due once the term has passed (HR 13-6-2014, ECLI:NL:HR:2014:1405). */
export function costsDueFrom(sentOn: CalendarDate): CalendarDate {
  return addDays(fourteenDayDeadline(sentOn).lastDay, 1);
}

/** A letter is dated on a working day: a run on a weekend or holiday dates it the next one. */
export function letterDate(runDate: CalendarDate): CalendarDate {
  assertDate(runDate);
  return nextWorkingDay(runDate, LEGAL);
}
