import { DomainError } from "@/lib/errors/domain-error";
import type { CalendarDate } from "@/lib/format/calendar-date";

/**
 * Money cannot arrive for an invoice before the invoice existed: a value date before the invoice
 * date is nearly always a typo (a wrong year, a day and month swapped). It is not forbidden (a
 * customer may pay a pro-forma or an order in advance), so the person confirms it explicitly.
 * Compared with the invoices the payment is booked on; with none picked, with the debtor's oldest
 * open invoice (the one the money goes to first). Returns the invoice date it conflicts with, or
 * null when the value date is fine.
 */
export function earlyValueDateConflict(valueDate: CalendarDate, invoices: { pickedIssueDates: CalendarDate[]; openIssueDates: CalendarDate[] }): CalendarDate | null {
  const compareWith = invoices.pickedIssueDates.length ? latest(invoices.pickedIssueDates) : earliest(invoices.openIssueDates);
  return compareWith !== null && valueDate < compareWith ? compareWith : null;
}

const latest = (dates: CalendarDate[]) => dates.reduce<CalendarDate | null>((m, d) => (m === null || d > m ? d : m), null);
const earliest = (dates: CalendarDate[]) => dates.reduce<CalendarDate | null>((m, d) => (m === null || d < m ? d : m), null);

/** "2026-03-05" -> "05-03-2026", the way the office writes a date in a message. */
export function dayMonthYear(date: CalendarDate): string {
  const [y, m, d] = date.split("-");
  return `${d}-${m}-${y}`;
}

/**
 * Refusal of a payment whose value date lies before the invoice date, until confirmed. The doors
 * that can show the date in the message (the workbench form) read `issueDate`; others get the
 * catalogue text without it.
 */
export class EarlyValueDateError extends DomainError {
  constructor(public readonly issueDate: CalendarDate) {
    super("invalid", `value date before invoice date ${issueDate}`, { valueDate: ["payments.errors.earlyValueDate"], confirmEarlyValueDate: ["payments.errors.confirmEarlyValueDate"] });
    this.name = "EarlyValueDateError";
  }
}
