import { randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { invoiceCopyPdf } from "@/lib/documents/invoice-copy-document";
import { loadInvoiceCopyData } from "@/lib/documents/invoice-copy-data";
import { statementPdf } from "@/lib/documents/statement-document";
import { loadStatementData, statementTotals } from "@/lib/documents/statement-data";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { drawnText } from "../factories/pdf-text";
import { createContact, createDebtor, createDispute, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * The statement of account and the invoice copy from what the database holds: a debtor with
 * overdue, part-paid, disputed and not yet due invoices, booked costs and interest, a credit note,
 * an unallocated payment, a reversed one, an old one, and an invoice in another currency.
 */
const TODAY = "2026-12-02";
const u = randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase();
const creditor = { name: "Test Groothandel B.V.", address: "Markt 1, Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@test.nl", phone: "030 123 4567", bic: "ABNANL2A", cocNumber: "12345678", vatNumber: null };
const ctx = { today: TODAY, creditor, logo: null };
const flat = (pdf: Uint8Array) => drawnText(pdf).replace(/\n/g, " ");
const euro = (s: string) => s.replace(/€/g, "\u0080");

type User = Awaited<ReturnType<typeof createUser>>;
let viewer: User;
let debtor: Awaited<ReturnType<typeof createDebtor>>;
const ids: Record<"overdue" | "partPaid" | "notYetDue" | "disputed" | "credit" | "usd" | "paidLongAgo", string> = { overdue: "", partPaid: "", notYetDue: "", disputed: "", credit: "", usd: "", paidLongAgo: "" };
const number = (n: string) => `DOC${u}-${n}`;

beforeAll(async () => {
  const controller = await createUser(testDb, "controller");
  viewer = await createUser(testDb, "viewer");
  debtor = await createDebtor(testDb, { name: `Bakkerij ${u} B.V.`, assignedControllerId: controller.id });
  await testDb.debtor.update({ where: { id: debtor.id }, data: { street: "Dorpsstraat 1", postalCode: "1234 AB", city: "Amersfoort", language: "nl" } });
  await createContact(testDb, debtor.id, { name: "M. de Vries", isPrimaryForPayments: true });
  const invoice = async (key: keyof typeof ids, issueDate: string, dueDate: string, amountCents: bigint, extra: { currency?: string; openCents?: bigint } = {}) => {
    const row = await testDb.invoice.create({ data: { debtorId: debtor.id, number: number(key), issueDate, dueDate, amountCents, openCents: extra.openCents ?? amountCents, currency: extra.currency ?? "EUR", description: `Levering ${key}` } });
    ids[key] = row.id;
    return row;
  };
  await invoice("overdue", "2026-09-01", "2026-10-01", 121_000n);
  await invoice("partPaid", "2026-10-15", "2026-11-14", 50_000n);
  await invoice("notYetDue", "2026-11-10", "2026-12-10", 75_000n);
  const disputed = await invoice("disputed", "2026-10-01", "2026-10-31", 30_000n);
  await invoice("credit", "2026-11-01", "2026-11-01", -5_000n);
  await invoice("usd", "2026-10-01", "2026-11-01", 100_000n, { currency: "USD" });
  const old = await invoice("paidLongAgo", "2026-06-01", "2026-07-01", 10_000n, { openCents: 0n });
  await createDispute(testDb, disputed, 10_000);
  // 300.00 on the part-paid invoice, booked the way a controller books it.
  await recordPayment(
    testDb,
    { id: controller.id, role: "controller" },
    { debtorId: debtor.id, amount: 30_000n, valueDate: "2026-11-20", reference: `Betaling ${number("partPaid")}`, method: "bank_transfer", invoiceIds: [ids.partPaid], idempotencyKey: randomUUID() },
    { today: TODAY, now: new Date(`${TODAY}T09:00:00Z`), timeZone: "Europe/Amsterdam", graceDays: 2 },
  );
  // Booked by a dunning step and still open.
  await testDb.invoice.update({ where: { id: ids.overdue }, data: { costsOpenCents: 4_000n, interestOpenCents: 1_234n } });
  // Money nobody allocated; a payment the bank reversed; one paid long before the last 90 days.
  await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: 2_500n, valueDate: "2026-11-25", reference: "Onbekend" } });
  const bounced = await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: 6_000n, valueDate: "2026-11-26", reference: "Incasso", reversedAt: new Date(`${TODAY}T08:00:00Z`) } });
  await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: -6_000n, valueDate: "2026-11-27", reference: "storno Incasso", reversalOfId: bounced.id } });
  const paidOld = await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: 10_000n, valueDate: "2026-07-01", reference: "Oud" } });
  await testDb.paymentAllocation.create({ data: { paymentId: paidOld.id, invoiceId: old.id, amountCents: 10_000n } });
  await recomputeDebtorBalances(testDb, [debtor.id]);
});

describe("the statement of account", () => {
  it("loads every open item per currency, the booked costs and interest, the credit and the last 90 days' payments", async () => {
    const data = await loadStatementData(testDb, { debtorId: debtor.id }, { today: TODAY });
    expect(data).toMatchObject({ language: "nl", date: TODAY, debtor: { id: debtor.id, customerNumber: debtor.customerNumber, contactName: "M. de Vries", street: "Dorpsstraat 1", city: "Amersfoort" } });
    expect(data.currencies.map((c) => c.currency)).toEqual(["EUR", "USD"]);
    const [eur, usd] = data.currencies;
    // Oldest due first; the credit note and the paid invoice are not rows.
    expect(eur!.invoices).toEqual([
      { number: number("overdue"), issueDate: "2026-09-01", dueDate: "2026-10-01", amountCents: 121_000n, openCents: 121_000n, isDisputed: false, disputedCents: 0n },
      { number: number("disputed"), issueDate: "2026-10-01", dueDate: "2026-10-31", amountCents: 30_000n, openCents: 30_000n, isDisputed: true, disputedCents: 10_000n },
      { number: number("partPaid"), issueDate: "2026-10-15", dueDate: "2026-11-14", amountCents: 50_000n, openCents: 20_000n, isDisputed: false, disputedCents: 0n },
      { number: number("notYetDue"), issueDate: "2026-11-10", dueDate: "2026-12-10", amountCents: 75_000n, openCents: 75_000n, isDisputed: false, disputedCents: 0n },
    ]);
    // Unallocated: 300.00 allocated in full, 25.00 not at all, 60.00 and its reversal cancel, 100.00 allocated in full.
    expect(eur).toMatchObject({ costsCents: 4_000n, interestCents: 1_234n, creditNoteCents: 5_000n, unallocatedCents: 2_500n });
    expect(eur!.payments).toEqual([
      { valueDate: "2026-11-20", reference: `Betaling ${number("partPaid")}`, amountCents: 30_000n },
      { valueDate: "2026-11-25", reference: "Onbekend", amountCents: 2_500n },
      { valueDate: "2026-11-26", reference: "Incasso", amountCents: 6_000n },
      { valueDate: "2026-11-27", reference: "storno Incasso", amountCents: -6_000n },
    ]);
    expect(statementTotals(eur!, TODAY)).toEqual({
      notYetDueCents: 75_000n,
      overdueCents: 176_234n, // 1,210.00 + 300.00 + 200.00 + 40.00 + 12.34
      openCents: 251_234n,
      creditCents: 7_500n, // 50.00 credit note + 25.00 unallocated
      balanceCents: 243_734n,
      disputedOverdueCents: 10_000n,
      payNowCents: 158_734n, // 1,762.34 - 100.00 - 75.00
    });
    // The statement's open amount and credit note are what the debtor's kept balance nets.
    const kept = await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id }, select: { openCents: true } });
    expect(kept.openCents).toBe(75_000n + 121_000n + 30_000n + 20_000n - 5_000n + 100_000n);
    expect(usd).toMatchObject({ currency: "USD", invoices: [{ number: number("usd"), openCents: 100_000n }], creditNoteCents: 0n, unallocatedCents: 0n, payments: [] });
  });

  it("renders for a viewer in the debtor's language, with a safe file name and the e-mail text", async () => {
    const file = await statementPdf(testDb, { id: viewer.id, role: "viewer" }, { debtorId: debtor.id }, ctx);
    expect(file.language).toBe("nl");
    expect(file.filename).toBe(`rekeningoverzicht-${debtor.customerNumber}-2026-12-02.pdf`);
    const text = flat(file.bytes);
    expect(text).toContain(`Bakkerij ${u} B.V. T.a.v. M. de Vries Dorpsstraat 1 1234 AB  Amersfoort`);
    expect(text).toContain(`Klantnummer: ${debtor.customerNumber}`);
    expect(text).toContain(euro(`${number("partPaid")} 15-10-2026 14-11-2026 € 500,00 € 200,00 18 dagen`));
    expect(text).toContain(euro(`${number("disputed")} 01-10-2026 31-10-2026 € 300,00 € 300,00 32 dagen in geschil`));
    expect(text).toContain(euro("Totaal openstaand € 2.512,34"));
    expect(text).toContain(euro("Saldo € 2.437,34"));
    expect(text).toContain(euro("27-11-2026 storno Incasso -€ 60,00"));
    expect(text).not.toContain("Oud");
    expect(text).toContain(euro(`Wij verzoeken u het vervallen bedrag van € 1.587,34 en USD 1.000,00 over te maken op rekening NL91ABNA0417164300 t.n.v. Test Groothandel B.V., onder vermelding van uw klantnummer ${debtor.customerNumber}.`));
    expect(file.email.subject).toBe("Rekeningoverzicht Test Groothandel B.V. per 2 december 2026");
    expect(file.email.body).toContain("€ 1.587,34 en USD 1.000,00 vervallen");
  });

  it("is not_found for an unknown debtor", async () => {
    const reader = { id: viewer.id, role: "viewer" as const };
    await expect(statementPdf(testDb, reader, { debtorId: "no-such-debtor" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(statementPdf(testDb, reader, { debtorId: "x".repeat(200) }, ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(loadStatementData(testDb, { debtorId: "no-such-debtor" }, { today: TODAY })).rejects.toMatchObject({ code: "not_found" });
  });
});

describe("the copy of an invoice", () => {
  it("loads the invoice as recorded with what was paid on it", async () => {
    const data = await loadInvoiceCopyData(testDb, { invoiceId: ids.partPaid }, { today: TODAY });
    expect(data.invoice).toMatchObject({ number: number("partPaid"), description: "Levering partPaid", currency: "EUR", amountCents: 50_000n, openCents: 20_000n, costsOpenCents: 0n, interestOpenCents: 0n });
    expect(data.payments).toEqual([{ valueDate: "2026-11-20", reference: `Betaling ${number("partPaid")}`, kind: "principal", amountCents: 30_000n }]);
    expect(data.dispute).toBeNull();
    expect((await loadInvoiceCopyData(testDb, { invoiceId: ids.disputed }, { today: TODAY })).dispute).toEqual({ disputedCents: 10_000n, creditExpected: false });
  });

  it("renders for a viewer, marked as a copy, with the payment instruction quoting the invoice number", async () => {
    const file = await invoiceCopyPdf(testDb, { id: viewer.id, role: "viewer" }, { invoiceId: ids.partPaid }, ctx);
    expect(file).toMatchObject({ language: "nl", debtorId: debtor.id, filename: `kopiefactuur-${number("partPaid")}.pdf` });
    const text = flat(file.bytes);
    expect(text).toContain(`Kopiefactuur ${number("partPaid")}`);
    expect(text).toContain("Dit is een kopie van de factuur zoals vastgelegd in onze debiteurenadministratie.");
    expect(text).toContain(euro(`20-11-2026 Betaling ${number("partPaid")} € 300,00 Totaal ontvangen € 300,00`));
    expect(text).toContain(euro("Openstaand € 200,00 Totaal openstaand € 200,00"));
    expect(text).toContain(euro(`Wij verzoeken u het openstaande bedrag van € 200,00 over te maken op rekening NL91ABNA0417164300 t.n.v. Test Groothandel B.V., onder vermelding van factuurnummer ${number("partPaid")}.`));
    expect(file.email.subject).toBe(`Kopiefactuur ${number("partPaid")} van Test Groothandel B.V.`);

    const disputed = flat((await invoiceCopyPdf(testDb, { id: viewer.id, role: "viewer" }, { invoiceId: ids.disputed }, ctx)).bytes);
    expect(disputed).toContain(euro("Over deze factuur loopt een geschil over € 100,00."));
    expect(disputed).toContain(euro("het openstaande bedrag van € 200,00"));
  });

  it("speaks English to a debtor who reads English", async () => {
    const other = await createDebtor(testDb, { name: `Acme ${u} Ltd` });
    await testDb.debtor.update({ where: { id: other.id }, data: { language: "en", country: "GB" } });
    const inv = await testDb.invoice.create({ data: { debtorId: other.id, number: `DOC${u}/EN 1`, issueDate: "2026-11-01", dueDate: "2026-12-01", amountCents: 12_345n, openCents: 12_345n } });
    const file = await invoiceCopyPdf(testDb, { id: viewer.id, role: "viewer" }, { invoiceId: inv.id }, ctx);
    expect(file.language).toBe("en");
    expect(file.filename).toBe(`invoice-copy-DOC${u}-EN-1.pdf`);
    expect(flat(file.bytes)).toContain(`Copy invoice DOC${u}/EN 1`);
    expect(flat(file.bytes)).toContain(euro("Please transfer the open amount of €123.45"));
    const statement = await statementPdf(testDb, { id: viewer.id, role: "viewer" }, { debtorId: other.id }, ctx);
    expect(statement.filename).toBe(`statement-${other.customerNumber}-2026-12-02.pdf`);
    expect(flat(statement.bytes)).toContain("Statement of account");
  });

  it("is not_found for an unknown invoice", async () => {
    const reader = { id: viewer.id, role: "viewer" as const };
    await expect(invoiceCopyPdf(testDb, reader, { invoiceId: "no-such-invoice" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(invoiceCopyPdf(testDb, reader, { invoiceId: "" }, ctx)).rejects.toMatchObject({ code: "not_found" });
    await expect(loadInvoiceCopyData(testDb, { invoiceId: "no-such-invoice" }, { today: TODAY })).rejects.toMatchObject({ code: "not_found" });
  });
});
