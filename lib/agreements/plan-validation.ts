import { nextWorkingDay } from "@/lib/clock/working-days";
import { addDays, daysBetween, isCalendarDate, type CalendarDate } from "@/lib/format/calendar-date";

/**
 * Rules for promises and payment plans (a promise is a plan with one instalment). Errors block
 * saving; approval reasons let it be saved but flag it for a manager, because it is outside the
 * negotiation room agreed for the debtor.
 */
export type PlanInstalment = { dueDate: CalendarDate; amountCents: bigint };
export type PlanRoom = { maxInstalments: number; minDownPaymentPct: number; maxDaysAhead?: number };
export type PlanErrorCode = "no_instalments" | "too_many_instalments_hard" | "invalid_date" | "date_in_past" | "not_ascending" | "amount_not_positive" | "sum_mismatch";
export type PlanError = { path: string; code: PlanErrorCode; params?: Record<string, string | number> };
export type ApprovalReason = "too_many_instalments" | "down_payment_too_low" | "too_long";
export type PlanCheck = { ok: boolean; errors: PlanError[]; needsApproval: boolean; approvalReasons: ApprovalReason[] };

export const MAX_INSTALMENTS = 24;
export const DEFAULT_MAX_DAYS_AHEAD = 180;

export function checkPlan(input: { totalCents: bigint; instalments: PlanInstalment[] }, room: PlanRoom, today: CalendarDate): PlanCheck {
  const errors: PlanError[] = [];
  const { instalments } = input;
  if (instalments.length === 0) errors.push({ path: "instalments", code: "no_instalments" });
  if (instalments.length > MAX_INSTALMENTS) errors.push({ path: "instalments", code: "too_many_instalments_hard", params: { max: MAX_INSTALMENTS } });
  let previous: CalendarDate | null = null;
  instalments.forEach((i, k) => {
    if (!isCalendarDate(i.dueDate)) errors.push({ path: `instalments.${k}.dueDate`, code: "invalid_date" });
    else {
      if (i.dueDate < today) errors.push({ path: `instalments.${k}.dueDate`, code: "date_in_past" });
      if (previous !== null && i.dueDate <= previous) errors.push({ path: `instalments.${k}.dueDate`, code: "not_ascending" });
      previous = i.dueDate;
    }
    if (i.amountCents <= 0n) errors.push({ path: `instalments.${k}.amountCents`, code: "amount_not_positive" });
  });
  const sum = instalments.reduce((s, i) => s + i.amountCents, 0n);
  if (instalments.length > 0 && sum !== input.totalCents) errors.push({ path: "instalments", code: "sum_mismatch", params: { differenceCents: (sum - input.totalCents).toString() } });

  const approvalReasons: ApprovalReason[] = [];
  if (instalments.length > room.maxInstalments) approvalReasons.push("too_many_instalments");
  const first = instalments[0];
  if (instalments.length >= 2 && first && first.amountCents * 100n < input.totalCents * BigInt(room.minDownPaymentPct)) approvalReasons.push("down_payment_too_low");
  const last = instalments.at(-1);
  if (last && isCalendarDate(last.dueDate) && daysBetween(today, last.dueDate) > (room.maxDaysAhead ?? DEFAULT_MAX_DAYS_AHEAD)) approvalReasons.push("too_long");
  return { ok: errors.length === 0, errors, needsApproval: approvalReasons.length > 0, approvalReasons };
}

/**
 * A plan proposal that adds up exactly: an optional down payment first, the rest split evenly
 * with the leftover cents on the last instalment.
 */
/**
 * Monthly instalments as people agree them: on the same day of each month (the 31st becomes the
 * last day of a shorter month), each moved to the next working day when it falls on a weekend or
 * a public holiday.
 */
export function monthlyDueDates(firstDueDate: CalendarDate, count: number): CalendarDate[] {
  const [y, m, d] = firstDueDate.split("-").map(Number) as [number, number, number];
  return Array.from({ length: Math.max(1, Math.floor(count)) }, (_, k) => {
    const month0 = m - 1 + k;
    const year = y + Math.floor(month0 / 12);
    const month = (month0 % 12) + 1;
    const last = new Date(Date.UTC(year, month, 0)).getUTCDate();
    return nextWorkingDay(`${year}-${String(month).padStart(2, "0")}-${String(Math.min(d, last)).padStart(2, "0")}`);
  });
}

/** A monthly plan proposal (see `monthlyDueDates`), adding up to the cent. */
export function proposeMonthlyPlan(totalCents: bigint, count: number, firstDueDate: CalendarDate, downPaymentPct?: number): PlanInstalment[] {
  const dates = monthlyDueDates(firstDueDate, count);
  return proposePlan(totalCents, count, firstDueDate, 0, downPaymentPct).map((inst, k) => ({ ...inst, dueDate: dates[k]! }));
}

export function proposePlan(totalCents: bigint, count: number, firstDueDate: CalendarDate, intervalDays: number, downPaymentPct?: number): PlanInstalment[] {
  const n = Math.max(1, Math.floor(count));
  const amounts: bigint[] = [];
  if (downPaymentPct && n >= 2) {
    const down = (totalCents * BigInt(Math.round(downPaymentPct)) + 99n) / 100n;
    const rest = totalCents - down;
    const each = rest / BigInt(n - 1);
    amounts.push(down, ...Array.from({ length: n - 1 }, (_, k) => (k === n - 2 ? rest - each * BigInt(n - 2) : each)));
  } else {
    const each = totalCents / BigInt(n);
    amounts.push(...Array.from({ length: n }, (_, k) => (k === n - 1 ? totalCents - each * BigInt(n - 1) : each)));
  }
  return amounts.map((amountCents, k) => ({ dueDate: addDays(firstDueDate, k * intervalDays), amountCents }));
}
