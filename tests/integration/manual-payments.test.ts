import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { isDomainError } from "@/lib/errors/domain-error";
import { applyPayment } from "@/lib/payments/apply-payment";
import { EarlyValueDateError } from "@/lib/payments/early-value-date";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { reverseManualPayment } from "@/lib/payments/reverse-manual-payment";
import { listTimeline, type TimelineEntry } from "@/lib/timeline/timeline-queries";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * Payments booked by hand: a value date before the invoice date needs the person's confirmation,
 * and a payment booked by mistake is undone by hand, giving back exactly what it had settled.
 */
const TZ = "Europe/Amsterdam";
const TODAY = "2031-03-10";
const ctx = { today: TODAY, now: new Date(`${TODAY}T10:00:00Z`), timeZone: TZ, graceDays: 2 };

type User = Awaited<ReturnType<typeof createUser>>;
const actor = (u: User) => ({ id: u.id, role: u.role });

async function portfolio() {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  return { controller, debtor };
}

const invoiceOf = (id: string) => testDb.invoice.findUniqueOrThrow({ where: { id }, select: { openCents: true, costsOpenCents: true, interestOpenCents: true } });
const paymentsOf = (debtorId: string) => testDb.payment.count({ where: { debtorId } });
const invoicesOn = (e: TimelineEntry | undefined) => (e?.kind === "payment" ? e.invoices : []);

async function refusal(run: () => Promise<unknown>) {
  const e = await run().then(() => null, (err: unknown) => err);
  expect(isDomainError(e), String(e)).toBe(true);
  return e as { code: string; fieldErrors?: Record<string, string[]>; issueDate?: string };
}

describe("a value date before the invoice date", () => {
  it("is refused until the person confirms it, and nothing is booked meanwhile", async () => {
    const { controller, debtor } = await portfolio();
    // B is the older invoice (issued 20 Jan), A the newer one (issued 15 Feb).
    const a = await createInvoice(testDb, debtor.id, { issueDate: "2031-02-15", dueDate: "2031-03-01", amountCents: 500_00 });
    const b = await createInvoice(testDb, debtor.id, { issueDate: "2031-01-20", dueDate: "2031-02-03", amountCents: 300_00 });
    await recomputeDebtorBalances(testDb, [debtor.id]);
    const pay = (o: { valueDate: string; invoiceIds: string[]; key?: string; confirm?: boolean }) =>
      recordPayment(testDb, actor(controller), { debtorId: debtor.id, amount: 200_00n, valueDate: o.valueDate, reference: "vooruit", method: "bank_transfer", invoiceIds: o.invoiceIds, idempotencyKey: o.key ?? randomUUID(), confirmEarlyValueDate: o.confirm }, ctx);

    // Picked A (issued 15 Feb), money dated 10 Feb: refused, naming A's date, on the date field.
    const key = randomUUID();
    const early = await refusal(() => pay({ valueDate: "2031-02-10", invoiceIds: [a.id], key }));
    expect(early).toBeInstanceOf(EarlyValueDateError);
    expect(early).toMatchObject({ code: "invalid", issueDate: "2031-02-15", fieldErrors: { valueDate: ["payments.errors.earlyValueDate"], confirmEarlyValueDate: ["payments.errors.confirmEarlyValueDate"] } });
    // An explicit "no" is a refusal too.
    await expect(pay({ valueDate: "2031-02-10", invoiceIds: [a.id], confirm: false })).rejects.toBeInstanceOf(EarlyValueDateError);
    // Nothing picked: compared with the oldest open invoice, B (20 Jan).
    expect(await refusal(() => pay({ valueDate: "2031-01-10", invoiceIds: [] }))).toMatchObject({ issueDate: "2031-01-20" });
    expect(await paymentsOf(debtor.id)).toBe(0);
    expect(await invoiceOf(a.id)).toMatchObject({ openCents: 500_00n });
    expect(await invoiceOf(b.id)).toMatchObject({ openCents: 300_00n });

    // Confirmed, with the same key (the refusal booked nothing under it): booked on A, 500 - 200 = 300 open.
    const booked = await pay({ valueDate: "2031-02-10", invoiceIds: [a.id], key, confirm: true });
    expect(booked.replayed).toBe(false);
    expect(await paymentsOf(debtor.id)).toBe(1);
    expect(await invoiceOf(a.id)).toMatchObject({ openCents: 300_00n });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } })).toMatchObject({ openCents: 600_00n });
    // The reply was lost and the form sent again: the first booking is the answer, nothing new.
    const again = await pay({ valueDate: "2031-02-10", invoiceIds: [a.id], key, confirm: true });
    expect(again).toMatchObject({ paymentId: booked.paymentId, replayed: true });
    expect(await paymentsOf(debtor.id)).toBe(1);

    // On or after the date needs no confirmation: 15 Feb on A, and (nothing picked) 1 Feb, after B's 20 Jan.
    await pay({ valueDate: "2031-02-15", invoiceIds: [a.id] });
    await pay({ valueDate: "2031-02-01", invoiceIds: [] });
    expect(await paymentsOf(debtor.id)).toBe(3);
  });
});

describe("reversing a payment by hand", () => {
  /**
   * X: € 1.000,00 principal + € 40,00 costs + € 3,12 interest, due 15 Jan. Y: € 500,00 + € 2,50 interest, due 15 Feb.
   * € 1.200,00 by hand, no invoice picked, oldest due first, costs -> interest -> principal:
   *   X costs 40,00 + interest 3,12 + principal 1.000,00 = 1.043,12 (156,88 left)
   *   Y interest 2,50 (154,38 left) + principal 154,38 -> Y open 500,00 - 154,38 = 345,62
   */
  async function bookedByHand() {
    const { controller, debtor } = await portfolio();
    const x = await createInvoice(testDb, debtor.id, { issueDate: "2031-01-01", dueDate: "2031-01-15", amountCents: 1_000_00 });
    const y = await createInvoice(testDb, debtor.id, { issueDate: "2031-02-01", dueDate: "2031-02-15", amountCents: 500_00 });
    await testDb.invoice.update({ where: { id: x.id }, data: { costsOpenCents: 40_00n, interestOpenCents: 3_12n } });
    await testDb.invoice.update({ where: { id: y.id }, data: { interestOpenCents: 2_50n } });
    await recomputeDebtorBalances(testDb, [debtor.id]);
    // A promise on X of € 1.000,00 by 20 March, made 1 March: the payment keeps it at once.
    const promise = await testDb.agreement.create({
      data: {
        debtorId: debtor.id, kind: "promise", totalCents: 1_000_00n, createdById: controller.id, idempotencyKey: `mp-${x.id}`, createdAt: new Date("2031-03-01T10:00:00Z"),
        instalments: { create: [{ seq: 1, dueDate: "2031-03-20", amountCents: 1_000_00n }] }, invoices: { create: [{ invoiceId: x.id }] },
      },
    });
    const paid = await recordPayment(testDb, actor(controller), { debtorId: debtor.id, amount: 1_200_00n, valueDate: TODAY, reference: "verkeerde debiteur", method: "bank_transfer", invoiceIds: [], idempotencyKey: randomUUID() }, ctx);
    return { controller, debtor, x, y, promise, paymentId: paid.paymentId };
  }

  it("reopens exactly what the payment settled (costs, interest, principal per invoice) and the promise it kept", async () => {
    const { controller, debtor, x, y, promise, paymentId } = await bookedByHand();
    expect(await invoiceOf(x.id)).toEqual({ openCents: 0n, costsOpenCents: 0n, interestOpenCents: 0n });
    expect(await invoiceOf(y.id)).toEqual({ openCents: 345_62n, costsOpenCents: 0n, interestOpenCents: 0n });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: promise.id } })).toMatchObject({ status: "kept" });

    // The timeline names what it settled: X in full (with costs and interest), Y partly.
    const before = await listTimeline(testDb, debtor.id, { kinds: ["payment"] });
    expect(before).toHaveLength(1);
    expect(before[0]).toMatchObject({ id: paymentId, source: "manual", reversedAt: null, reversalOfId: null, unallocatedCents: 0 });
    expect(invoicesOn(before[0])).toHaveLength(2);
    expect(invoicesOn(before[0])).toEqual(
      expect.arrayContaining([
        { invoiceNumber: x.number, principalCents: 1_000_00, costsCents: 40_00, interestCents: 3_12, isPartial: false },
        { invoiceNumber: y.number, principalCents: 154_38, costsCents: 0, interestCents: 2_50, isPartial: true },
      ]),
    );

    const key = randomUUID();
    const input = { paymentId, reason: "Geboekt op de verkeerde debiteur", idempotencyKey: key };
    const r = await reverseManualPayment(testDb, actor(controller), input, ctx);
    expect(r).toMatchObject({ paymentId, debtorId: debtor.id, reopenedAgreementIds: [promise.id], replayed: false });

    // Everything back as before the payment: X 1.000,00 + 40,00 + 3,12; Y 500,00 + 2,50; the debtor owes 1.500,00 principal on 2 invoices.
    expect(await invoiceOf(x.id)).toEqual({ openCents: 1_000_00n, costsOpenCents: 40_00n, interestOpenCents: 3_12n });
    expect(await invoiceOf(y.id)).toEqual({ openCents: 500_00n, costsOpenCents: 0n, interestOpenCents: 2_50n });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } })).toMatchObject({ openCents: 1_500_00n, openInvoiceCount: 2, oldestOpenDueDate: "2031-01-15" });
    // The promise is open again (its date, 20 March, is still to come), its instalment unpaid.
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: promise.id }, include: { instalments: true } })).toMatchObject({ status: "open", instalments: [{ status: "open", paidCents: 0n }] });

    // The counter-booking: -1.200,00 with the five allocations negated; the original marked reversed.
    const original = await testDb.payment.findUniqueOrThrow({ where: { id: paymentId } });
    expect(original.reversedAt).not.toBeNull();
    const reversal = await testDb.payment.findUniqueOrThrow({ where: { id: r.reversalId }, include: { allocations: true } });
    expect(reversal).toMatchObject({ amountCents: -1_200_00n, reversalOfId: paymentId, source: "manual", valueDate: TODAY, createdById: controller.id, reference: input.reason });
    expect(reversal.allocations.map((a) => a.amountCents).reduce((s, c) => s + c, 0n)).toBe(-1_200_00n);
    expect(reversal.allocations).toHaveLength(5);

    // Audited with the reason; outside systems get a payment.reversed event.
    const audit = await testDb.auditLog.findFirstOrThrow({ where: { entityId: paymentId, action: "payment.reverse" } });
    expect(JSON.parse(audit.data!)).toMatchObject({ reversalId: r.reversalId, reason: input.reason, reopened: [promise.id] });
    const event = await testDb.domainEvent.findFirstOrThrow({ where: { type: "payment.reversed", debtorId: debtor.id } });
    expect(JSON.parse(event.payload)).toMatchObject({ paymentId, reversalId: r.reversalId, amountCents: "120000", source: "manual" });

    // The timeline: the payment shown reversed, the counter-booking naming the invoices it reopened.
    const after = await listTimeline(testDb, debtor.id, { kinds: ["payment"] });
    const shown = Object.fromEntries(after.map((e) => [e.id, e]));
    expect(shown[paymentId]).toMatchObject({ reversedAt: expect.any(String) });
    expect(shown[r.reversalId]).toMatchObject({ amountCents: -1_200_00, reversalOfId: paymentId, reference: input.reason });
    expect(invoicesOn(shown[r.reversalId])).toHaveLength(2);
    expect(invoicesOn(shown[r.reversalId])).toEqual(
      expect.arrayContaining([
        { invoiceNumber: x.number, principalCents: 1_000_00, costsCents: 40_00, interestCents: 3_12, isPartial: false },
        { invoiceNumber: y.number, principalCents: 154_38, costsCents: 0, interestCents: 2_50, isPartial: false },
      ]),
    );

    // The reply was lost; the same request again answers with the same reversal and changes nothing.
    const counts = async () => ({ payments: await paymentsOf(debtor.id), x: await invoiceOf(x.id), y: await invoiceOf(y.id), audits: await testDb.auditLog.count({ where: { entityId: paymentId } }) });
    const settledState = await counts();
    await expect(reverseManualPayment(testDb, actor(controller), input, ctx)).resolves.toMatchObject({ reversalId: r.reversalId, replayed: true });
    expect(await counts()).toEqual(settledState);
    // A new request on the reversed payment is a conflict, saying so on the payment.
    expect(await refusal(() => reverseManualPayment(testDb, actor(controller), { ...input, idempotencyKey: randomUUID() }, ctx))).toMatchObject({ code: "conflict", fieldErrors: { paymentId: ["payments.errors.alreadyReversed"] } });
    // The counter-booking itself cannot be reversed, and the key cannot be reused for it.
    expect(await refusal(() => reverseManualPayment(testDb, actor(controller), { paymentId: r.reversalId, reason: "terug", idempotencyKey: randomUUID() }, ctx))).toMatchObject({ code: "invalid" });
    expect(await refusal(() => reverseManualPayment(testDb, actor(controller), { paymentId: r.reversalId, reason: "terug", idempotencyKey: key }, ctx))).toMatchObject({ code: "conflict" });
    expect(await counts()).toEqual(settledState);
  });

  it("answers two identical requests at once with one reversal", async () => {
    const { controller, debtor, x, paymentId } = await bookedByHand();
    const input = { paymentId, reason: "Dubbel geklikt", idempotencyKey: randomUUID() };
    const answers = await Promise.allSettled([reverseManualPayment(testDb, actor(controller), input, ctx), reverseManualPayment(testDb, actor(controller), input, ctx)]);
    const ok = answers.flatMap((a) => (a.status === "fulfilled" ? [a.value] : []));
    expect(ok.length, JSON.stringify(answers.map((a) => (a.status === "rejected" ? String(a.reason) : "ok")))).toBe(2);
    expect(new Set(ok.map((a) => a.reversalId)).size).toBe(1);
    expect(await testDb.payment.count({ where: { debtorId: debtor.id, reversalOfId: paymentId } })).toBe(1);
    expect(await invoiceOf(x.id)).toMatchObject({ openCents: 1_000_00n, costsOpenCents: 40_00n });
  });

  it("is refused to a controller on a colleague's debtor and to a viewer, changing nothing; a manager may", async () => {
    const { debtor, x, y, paymentId } = await bookedByHand();
    const colleague = await createUser(testDb, "controller");
    const viewer = await createUser(testDb, "viewer");
    const manager = await createUser(testDb, "manager");
    const state = async () => ({ payments: await paymentsOf(debtor.id), reversed: (await testDb.payment.findUniqueOrThrow({ where: { id: paymentId } })).reversedAt, x: await invoiceOf(x.id), y: await invoiceOf(y.id), audits: await testDb.auditLog.count({ where: { entityId: paymentId } }) });
    const before = await state();
    const input = () => ({ paymentId, reason: "Niet van mij", idempotencyKey: randomUUID() });
    expect(await refusal(() => reverseManualPayment(testDb, actor(colleague), input(), ctx))).toMatchObject({ code: "forbidden" });
    expect(await refusal(() => reverseManualPayment(testDb, actor(viewer), input(), ctx))).toMatchObject({ code: "forbidden" });
    expect(await state()).toEqual(before);
    await expect(reverseManualPayment(testDb, actor(manager), input(), ctx)).resolves.toMatchObject({ replayed: false });
    expect(await invoiceOf(x.id)).toMatchObject({ openCents: 1_000_00n });
  });

  it("refuses a payment from a bank statement: the bank's storno line undoes it", async () => {
    const { controller, debtor } = await portfolio();
    const inv = await createInvoice(testDb, debtor.id, { issueDate: "2031-01-01", dueDate: "2031-02-01", amountCents: 250_00 });
    const paid = await testDb.$transaction((tx) =>
      applyPayment(tx, { debtorId: debtor.id, amountCents: 250_00n, currency: "EUR", valueDate: TODAY, reference: `Factuur ${inv.number}`, method: "bank_transfer", source: "bank_import", preferredInvoiceIds: [inv.id], actorId: controller.id, today: TODAY, now: ctx.now }),
    );
    expect(await invoiceOf(inv.id)).toMatchObject({ openCents: 0n });
    expect(await refusal(() => reverseManualPayment(testDb, actor(controller), { paymentId: paid.paymentId, reason: "Bank", idempotencyKey: randomUUID() }, ctx))).toMatchObject({ code: "invalid", fieldErrors: { paymentId: ["payments.errors.notManual"] } });
    expect(await invoiceOf(inv.id)).toMatchObject({ openCents: 0n });
    expect(await testDb.payment.findUniqueOrThrow({ where: { id: paid.paymentId } })).toMatchObject({ reversedAt: null });
    expect(await paymentsOf(debtor.id)).toBe(1);
    // An unknown payment is not found.
    expect(await refusal(() => reverseManualPayment(testDb, actor(controller), { paymentId: "nope", reason: "Bank", idempotencyKey: randomUUID() }, ctx))).toMatchObject({ code: "not_found" });
  });
});
