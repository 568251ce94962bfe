import { describe, expect, it } from "vitest";
import { decideDunning, DEFAULT_LADDER, nextStepFor, type LadderDebtor, type LadderInvoice } from "./dunning-ladder";

const b2b: LadderDebtor = { kind: "b2b", customerSince: "2015-01-01", isPaused: false, hasEmail: true };
const consumer: LadderDebtor = { ...b2b, kind: "consumer" };
const inv = (p: Partial<LadderInvoice> = {}): LadderInvoice => ({ id: "i1", dueDate: "2026-10-01", openCents: 100_000n, dunningLevel: 0, lastDunnedOn: null, isDisputed: false, isUnderAgreement: false, ...p });
const opts = { consumerDefaultPassed: false };
const code = (d: LadderDebtor, i: LadderInvoice, today: string, o = opts) => nextStepFor(DEFAULT_LADDER, d, i, today, o)?.code ?? null;

describe("the dunning ladder", () => {
  it("sends the reminder 7 days after the due date, not before", () => {
    expect(code(b2b, inv(), "2026-10-07")).toBeNull();
    expect(code(b2b, inv(), "2026-10-08")).toBe("reminder");
  });

  it("climbs one rung per run: an invoice first seen 60 days late still starts with the reminder", () => {
    expect(code(b2b, inv(), "2026-11-30")).toBe("reminder");
    expect(code(b2b, inv({ dunningLevel: 2, lastDunnedOn: "2026-11-30" }), "2026-12-07")).toBe("call");
  });

  it("waits at least 7 days between two rungs", () => {
    expect(code(b2b, inv({ dunningLevel: 2, lastDunnedOn: "2026-11-25" }), "2026-11-30")).toBeNull();
  });

  it("offers a service call before the due date for large invoices or new customers only", () => {
    expect(code(b2b, inv({ dueDate: "2026-12-01", openCents: 600_000n }), "2026-11-27")).toBe("service_call");
    expect(code(b2b, inv({ dueDate: "2026-12-01" }), "2026-11-27")).toBeNull();
    expect(code({ ...b2b, customerSince: "2026-06-01" }, inv({ dueDate: "2026-12-01" }), "2026-11-27")).toBe("service_call");
    // Once the invoice is due the service call no longer applies.
    expect(code(b2b, inv({ dueDate: "2026-11-01", openCents: 600_000n }), "2026-11-10")).toBe("reminder");
  });

  it("gives business debtors a notice of default and consumers the 14-day letter", () => {
    const at = (level: number) => inv({ dunningLevel: level, lastDunnedOn: "2026-10-29" });
    expect(code(b2b, at(4), "2026-11-12")).toBe("notice_of_default");
    expect(code(consumer, at(4), "2026-11-12")).toBe("fourteen_day_letter");
  });

  it("charges a consumer collection costs only after the 14-day letter's period has passed (art. 6:96 lid 6 BW)", () => {
    const after14 = inv({ dunningLevel: 6, lastDunnedOn: "2026-11-12" });
    expect(code(consumer, after14, "2026-12-10")).toBeNull();
    expect(code(consumer, after14, "2026-12-10", { consumerDefaultPassed: true })).toBe("handover");
    expect(code(b2b, inv({ dunningLevel: 5, lastDunnedOn: "2026-11-12" }), "2026-12-10")).toBe("handover");
  });

  it("does not push disputed invoices or invoices under a promise or plan up the ladder", () => {
    expect(code(b2b, inv({ isDisputed: true }), "2026-11-30")).toBeNull();
    expect(code(b2b, inv({ isUnderAgreement: true }), "2026-11-30")).toBeNull();
  });

  it("sends one consolidated message per debtor at its highest rung, listing every overdue invoice", () => {
    const d = decideDunning(DEFAULT_LADDER, b2b, [inv({ id: "a" }), inv({ id: "b", dunningLevel: 3, lastDunnedOn: "2026-10-20" }), inv({ id: "c", isDisputed: true }), inv({ id: "d", dueDate: "2026-11-29" })], "2026-11-30", opts)!;
    expect(d.step.code).toBe("formal_reminder");
    expect(d.moves).toEqual([{ invoiceId: "a", toLevel: 2 }, { invoiceId: "b", toLevel: 4 }]);
    expect(d.coveredInvoiceIds).toEqual(["a", "b", "d"]);
    expect(d.payByDate).toBe("2026-12-09"); // letter: 2 days to arrive + 7 days
  });

  it("does nothing for a paused debtor", () => {
    expect(decideDunning(DEFAULT_LADDER, { ...b2b, isPaused: true }, [inv()], "2026-11-30", opts)).toBeNull();
  });

  it("sends an e-mail step by post when the debtor has no e-mail address", () => {
    expect(decideDunning(DEFAULT_LADDER, { ...b2b, hasEmail: false }, [inv()], "2026-10-10", opts)!.channel).toBe("letter");
    expect(decideDunning(DEFAULT_LADDER, b2b, [inv()], "2026-10-10", opts)!.channel).toBe("email");
  });

  it("dates the 14-day letter's deadline 14 days after the presumed day of receipt, moved off a weekend", () => {
    // Sent Thu 12 Nov 2026. Receipt: the second day after sending not counting Sundays, Mondays and
    // holidays (HR 25-11-2016): Fri 13 (1), Sat 14 (2) → received Sat 14 Nov. The 14 days run from
    // Sun 15 Nov: last day Sat 28 Nov, a Saturday → Algemene termijnenwet: Mon 30 Nov.
    const d = decideDunning(DEFAULT_LADDER, consumer, [inv({ dunningLevel: 4, lastDunnedOn: "2026-10-29" })], "2026-11-12", opts)!;
    expect(d.step.code).toBe("fourteen_day_letter");
    expect(d.sendOn).toBe("2026-11-12");
    expect(d.payByDate).toBe("2026-11-30");
  });

  it("dates nothing on a weekend or before Easter: a Saturday run's letter goes out on Monday, a Thursday-before-Easter letter skips the holidays", () => {
    // Run on Sat 21 Nov 2026 → dated Mon 23 Nov. Receipt: Tue 24 (1), Wed 25 (2); last day Wed 9 Dec.
    const sat = decideDunning(DEFAULT_LADDER, consumer, [inv({ dunningLevel: 4, lastDunnedOn: "2026-11-01" })], "2026-11-21", opts)!;
    expect([sat.sendOn, sat.payByDate]).toEqual(["2026-11-23", "2026-12-09"]);
    // Sent Thu 2 Apr 2026, counting the days after it and skipping Sundays, Mondays and public holidays:
    // Fri 3 (Good Friday, skipped), Sat 4 (1), Sun 5 and Mon 6 (Easter, skipped), Tue 7 (2) → received
    // Tue 7 Apr; the 14 days run from Wed 8 Apr: last day Tue 21 Apr, a working day.
    const easter = decideDunning(DEFAULT_LADDER, consumer, [inv({ dueDate: "2026-02-01", dunningLevel: 4, lastDunnedOn: "2026-03-01" })], "2026-04-02", opts)!;
    expect([easter.sendOn, easter.payByDate]).toEqual(["2026-04-02", "2026-04-21"]);
    // A formal reminder by letter on Fri 20 Nov 2026: receipt Sat 21 (1), Tue 24 (2); + 7 days = Tue 1 Dec.
    const friday = decideDunning(DEFAULT_LADDER, { ...b2b, hasEmail: false }, [inv({ dunningLevel: 3, lastDunnedOn: "2026-11-01" })], "2026-11-20", opts)!;
    expect([friday.step.code, friday.sendOn, friday.payByDate]).toEqual(["formal_reminder", "2026-11-20", "2026-12-01"]);
    // An e-mail reminder on Sun 27 Dec 2026: goes out Mon 28 Dec; pay within 7 days → Mon 4 Jan 2027.
    const email = decideDunning(DEFAULT_LADDER, b2b, [inv({ dueDate: "2026-12-15" })], "2026-12-27", opts)!;
    expect([email.step.code, email.channel, email.sendOn, email.payByDate]).toEqual(["reminder", "email", "2026-12-28", "2027-01-04"]);
  });
});
