import { addDays, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * A credit insurer must be told of non-payment within its policy's term, counted from the due
 * date of the debtor's oldest overdue item. Null when the debtor is not insured, the policy has
 * no term, or nothing is overdue. The one home of this rule: debtor page, worklist, dashboard.
 */
export function insurerDeadline(
  debtor: { isCreditInsured: boolean; insurerNotifyDays: number | null },
  oldestOverdueDueDate: CalendarDate | null,
): CalendarDate | null {
  if (!debtor.isCreditInsured || !debtor.insurerNotifyDays || !oldestOverdueDueDate) return null;
  return addDays(oldestOverdueDueDate, debtor.insurerNotifyDays);
}
