import { beforeAll, describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { DEFAULT_LADDER } from "@/lib/dunning/dunning-ladder";
import { findHandoverStop } from "@/lib/dunning/dunning-queries";
import { runDunning, type RunOptions } from "@/lib/dunning/run-dunning";
import { addDays } from "@/lib/format/calendar-date";
import { applyPayment } from "@/lib/payments/apply-payment";
import { listWorklist } from "@/lib/worklist/worklist-queries";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * The real daily run, day by day, over the months a claim takes, checked against amounts computed
 * by hand from the law. Rates are fixed for 2032 so the arithmetic is plain: commercial 10 %,
 * statutory 6 %; interest = principal × rate × days / 365 (actual/365, both ends counted), rounded
 * to the cent per booking. WIK scale: 15 % of the first € 2,500, 10 % of the next € 2,500, …
 */
const creditor = { name: "Test Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567" };
const opts = (today: string): RunOptions => ({ today, timeZone: "Europe/Amsterdam", now: new Date(`${today}T06:00:00Z`), creditor, messageIdDomain: "test.local", smtpConfigured: false, triggeredBy: null });

async function runDaily(from: string, until: string) {
  for (let day = from; day <= until; day = addDays(day, 1)) await runDunning(testDb, opts(day));
}

const invoiceState = (id: string) => testDb.invoice.findUniqueOrThrow({ where: { id }, select: { costsOpenCents: true, costsChargedCents: true, costsBaseCents: true, interestOpenCents: true, interestBookedUntil: true, dunningLevel: true } });

beforeAll(async () => {
  for (const [kind, rateBp] of [["commercial", 1000], ["statutory", 600]] as const) {
    await testDb.interestRate.upsert({ where: { kind_validFrom: { kind, validFrom: "2032-01-01" } }, update: { rateBp }, create: { kind, validFrom: "2032-01-01", rateBp, source: "test rate" } });
  }
});

describe("a claim over months, day by day", () => {
  it("B2B: three invoices reach hand-over on different days; costs are the scale on the total once, interest is never counted twice", async () => {
    const controller = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
    const a = await createInvoice(testDb, debtor.id, { dueDate: "2032-01-10", amountCents: 150_000 });
    const b = await createInvoice(testDb, debtor.id, { dueDate: "2032-02-10", amountCents: 150_000 });
    const c = await createInvoice(testDb, debtor.id, { dueDate: "2032-03-20", amountCents: 150_000 });
    await recomputeDebtorBalances(testDb, [debtor.id]);

    // A reaches hand-over on due + 63 = Sat 13 Mar 2032; B (overdue) is in the claim with it.
    // Costs: scale on € 3,000 = 375 + 50 = € 425, split 212.50 / 212.50.
    // Interest A: 11 Jan – 13 Mar = 21 + 29 + 13 = 63 days: 150,000 × 10 % × 63 / 365 = 2,589.04 → € 25.89.
    // Interest B: 11 Feb – 13 Mar = 19 + 13 = 32 days → 1,315.07 → € 13.15.
    await runDaily("2032-01-11", "2032-03-13");
    const handoverA = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: debtor.id, stepCode: "handover" } });
    expect(handoverA.runDate).toBe("2032-03-13");
    expect(await invoiceState(a.id)).toMatchObject({ costsChargedCents: 21_250n, costsBaseCents: 150_000n, interestOpenCents: 2_589n, interestBookedUntil: "2032-03-13", dunningLevel: 7 });
    expect(await invoiceState(b.id)).toMatchObject({ costsChargedCents: 21_250n, interestOpenCents: 1_315n, interestBookedUntil: "2032-03-13" });

    // B reaches hand-over on 13 Apr (due + 63); C (due 20 Mar) is overdue and joins the claim:
    // scale on € 4,500 = 375 + 200 = € 575, of which 425 charged → € 150 more, all on C.
    // Interest continues from 14 Mar: A and B 14 Mar – 13 Apr = 31 days → 1,273.97 → € 12.74 each;
    // C 21 Mar – 13 Apr = 24 days → 986.30 → € 9.86.
    // C reaches hand-over on 22 May: no new invoice, no new costs; interest 14 Apr – 22 May = 39 days
    // → 1,602.74 → € 16.03 on each.
    await runDaily("2032-03-14", "2032-05-31");
    const [sa, sb, sc] = await Promise.all([invoiceState(a.id), invoiceState(b.id), invoiceState(c.id)]);
    expect([sa.costsChargedCents, sb.costsChargedCents, sc.costsChargedCents]).toEqual([21_250n, 21_250n, 15_000n]);
    expect(sa.costsChargedCents + sb.costsChargedCents + sc.costsChargedCents).toBe(57_500n); // = the scale on € 4,500, once
    expect([sa.interestOpenCents, sb.interestOpenCents, sc.interestOpenCents]).toEqual([2_589n + 1_274n + 1_603n, 1_315n + 1_274n + 1_603n, 986n + 1_603n]);
    // Booked in three parts, A's interest equals one computation over 11 Jan – 22 May (133 days): 5,465.75 → € 54.66.
    expect(sa.interestOpenCents).toBe(5_466n);
    expect([sa.interestBookedUntil, sc.interestBookedUntil, sc.dunningLevel]).toEqual(["2032-05-22", "2032-05-22", 7]);
    const handovers = await testDb.dunningCommunication.findMany({ where: { debtorId: debtor.id, stepCode: "handover" }, orderBy: { runDate: "asc" }, select: { runDate: true } });
    expect(handovers.map((h) => h.runDate)).toEqual(["2032-03-13", "2032-04-13", "2032-05-22"]);
    // Once handed over, the agency has the file: no reminders for B or C, only their hand-over rung.
    const afterHandover = await testDb.dunningCommunication.findMany({ where: { debtorId: debtor.id, runDate: { gt: "2032-03-13" } }, select: { stepCode: true } });
    expect(afterHandover.map((m) => m.stepCode)).toEqual(["handover", "handover"]);
    expect(await findHandoverStop(testDb, await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id }, select: { id: true, dunningPolicyId: true } }))).toEqual({ handedOverOn: "2032-03-13" });
  }, 240_000);

  it("consumer: costs only for invoices a 14-day letter named after its own term, never above what it stated; interest only from default", async () => {
    const controller = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id, kind: "consumer" });
    // A policy that keeps reminding after a hand-over, so Y gets its own 14-day letter.
    const policy = await testDb.dunningPolicy.create({ data: { name: `Blijft herinneren ${debtor.id}`, remindAfterHandover: true, steps: { create: DEFAULT_LADDER.map((step) => ({ ...step })) } } });
    await testDb.debtor.update({ where: { id: debtor.id }, data: { dunningPolicyId: policy.id } });
    const x = await createInvoice(testDb, debtor.id, { dueDate: "2032-01-10", amountCents: 100_000 });
    const y = await createInvoice(testDb, debtor.id, { dueDate: "2032-02-25", amountCents: 50_000 });
    await recomputeDebtorBalances(testDb, [debtor.id]);

    // X's 14-day letter: due + 42 = Sat 21 Feb 2032 → dated Mon 23 Feb. Receipt: Tue 24 (1), Wed 25 (2);
    // last day Wed 10 Mar. It names X only (Y is not yet due) and states the scale on € 1,000 = € 150.
    await runDaily("2032-01-11", "2032-03-12");
    const letterX = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: debtor.id, stepCode: "fourteen_day_letter" } });
    expect(letterX).toMatchObject({ payByDate: "2032-03-10", costsCents: 15_000n });
    expect(letterX.invoiceNumbers).toBe(x.number);
    expect(JSON.parse(letterX.content!)).toMatchObject({ letterDate: "2032-02-23" });

    // X's hand-over on 13 Mar: € 150 on X; Y is overdue but no letter named it → no costs, no interest.
    // Interest X from the day after the last day: 11 – 13 Mar = 3 days × 6 % on € 1,000 → 49.32 → € 0.49.
    await runDaily("2032-03-13", "2032-03-13");
    expect(await invoiceState(x.id)).toMatchObject({ costsChargedCents: 15_000n, interestOpenCents: 49n });
    expect(await invoiceState(y.id)).toMatchObject({ costsChargedCents: 0n, interestOpenCents: 0n, interestBookedUntil: null });

    // Y's own 14-day letter: due + 42 = Wed 7 Apr. Receipt Thu 8 (1), Fri 9 (2) → last day Fri 23 Apr.
    // It states the claim's costs: € 150 charged on X plus the scale on € 1,500 (225) less 150 = € 225 in all.
    // Y's hand-over on due + 63 = 28 Apr: Y joins the claim with € 75; interest Y 24 – 28 Apr = 5 days
    // → 41.10 → € 0.41; X continues 14 Mar – 28 Apr = 46 days → 756.16 → € 7.56.
    await runDaily("2032-03-14", "2032-04-30");
    const letterY = await testDb.dunningCommunication.findFirstOrThrow({ where: { debtorId: debtor.id, stepCode: "fourteen_day_letter", runDate: "2032-04-07" } });
    expect(letterY).toMatchObject({ payByDate: "2032-04-23", costsCents: 22_500n });
    const [sx, sy] = await Promise.all([invoiceState(x.id), invoiceState(y.id)]);
    expect([sx.costsChargedCents, sy.costsChargedCents]).toEqual([15_000n, 7_500n]);
    expect([sx.interestOpenCents, sy.interestOpenCents]).toEqual([49n + 756n, 41n]);
  }, 240_000);

  it("consumer, default policy: after the hand-over no more letters; an invoice no 14-day letter named is handed over without costs or interest", async () => {
    const controller = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id, kind: "consumer" });
    const x = await createInvoice(testDb, debtor.id, { dueDate: "2032-01-10", amountCents: 100_000 });
    const y = await createInvoice(testDb, debtor.id, { dueDate: "2032-02-25", amountCents: 50_000 });
    await recomputeDebtorBalances(testDb, [debtor.id]);
    await runDaily("2032-01-11", "2032-04-30");
    const letters = await testDb.dunningCommunication.findMany({ where: { debtorId: debtor.id }, orderBy: { runDate: "asc" }, select: { runDate: true, stepCode: true } });
    // Y's reminder (3 Mar) and call (10 Mar) came before X's hand-over on 13 Mar; after it only Y's hand-over on 28 Apr.
    expect(letters.filter((l) => (l.runDate ?? "") > "2032-03-13").map((l) => [l.runDate, l.stepCode])).toEqual([["2032-04-28", "handover"]]);
    expect(await invoiceState(x.id)).toMatchObject({ costsChargedCents: 15_000n });
    expect(await invoiceState(y.id)).toMatchObject({ costsChargedCents: 0n, interestOpenCents: 0n, dunningLevel: 7 });
  }, 240_000);

  it("consumer: a part payment within the 14-day term lowers the costs to the scale on what remains", async () => {
    const controller = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id, kind: "consumer" });
    const x = await createInvoice(testDb, debtor.id, { dueDate: "2032-01-10", amountCents: 100_000 });
    await recomputeDebtorBalances(testDb, [debtor.id]);
    // The 14-day letter (dated Mon 23 Feb, last day Wed 10 Mar) states the scale on € 1,000 = € 150.
    await runDaily("2032-01-11", "2032-02-29");
    // The worklist shows the same last day while the term runs (the letter's call item is on it).
    const list = await listWorklist(testDb, { userId: controller.id, day: "2032-03-01", today: "2032-03-01", timeZone: "Europe/Amsterdam", now: new Date("2032-03-01T09:00:00Z"), take: 100_000 });
    expect(list.rows.filter((r) => r.debtorId === debtor.id).map((r) => r.fourteenDayTermUntil)).toContain("2032-03-10");
    // € 400 arrives on 1 Mar, within the term; nothing else is open on X, so it all goes to principal.
    await testDb.$transaction((tx) => applyPayment(tx, { debtorId: debtor.id, amountCents: 40_000n, currency: "EUR", valueDate: "2032-03-01", reference: null, method: "bank_transfer", source: "manual", actorId: null, today: "2032-03-01", now: new Date("2032-03-01T10:00:00Z") }));
    // Hand-over on 13 Mar: the scale on the € 600 that remains = 15 % = € 90 (under the € 150 stated).
    // Interest from 11 Mar on € 600: 3 days × 6 % → 29.59 → € 0.30.
    await runDaily("2032-03-01", "2032-03-13");
    expect(await invoiceState(x.id)).toMatchObject({ costsChargedCents: 9_000n, costsBaseCents: 60_000n, interestOpenCents: 30n });
  }, 240_000);
});
