import { randomInt, randomUUID } from "node:crypto";
import { beforeAll, describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { listDebtors, type SearchHit } from "@/lib/debtors/debtor-queries";
import { ListDebtorsInput } from "@/lib/debtors/debtor-schemas";
import { getInvoiceDetail } from "@/lib/invoices/invoice-detail";
import { findInvoiceByNumber } from "@/lib/invoices/invoice-queries";
import { createContact, createDebtor, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

const TODAY = "2026-11-23";
const u = randomUUID().replace(/-/g, "").slice(0, 8).toUpperCase();
/** Seven random digits: a phone number no other row has. */
const subscriber = () => String(randomInt(1_000_000, 9_999_999));
const spaced = (d: string) => `${d.slice(0, 3)} ${d.slice(3)}`;
/** "12.345,67" */
const dutch = (cents: number) => `${Math.floor(cents / 100).toLocaleString("de-DE")},${String(cents % 100).padStart(2, "0")}`;
/** "12,345.67" */
const english = (cents: number) => `${Math.floor(cents / 100).toLocaleString("en-US")}.${String(cents % 100).padStart(2, "0")}`;

let me: Awaited<ReturnType<typeof createUser>>;
let colleague: Awaited<ReturnType<typeof createUser>>;
let debtor: Awaited<ReturnType<typeof createDebtor>>;
let other: Awaited<ReturnType<typeof createDebtor>>;
const number = `ZK${u}-0012`;
const otherNumber = `ZK${u}-00123`;
const amountCents = randomInt(10_000_000, 99_999_999);
const openCents = amountCents - randomInt(10_000, 99_999);
const landline = subscriber();
const ownPhone = subscriber();
const iban = `NL${randomInt(10, 99)}ZOEK${randomInt(1_000_000_000, 9_999_999_999)}`;
const contactName = `Jan de Vries-${u}`;
let invoiceId = "";
let otherInvoiceId = "";

async function search(q: string) {
  const list = await listDebtors(testDb, ListDebtorsInput.parse({ q }), { today: TODAY, userId: me.id, provider });
  return list.rows;
}
async function hitsOf(q: string, debtorId = debtor.id): Promise<SearchHit[] | undefined> {
  return (await search(q)).find((r) => r.id === debtorId)?.hits;
}

beforeAll(async () => {
  me = await createUser(testDb, "controller");
  colleague = await createUser(testDb, "controller");
  // The debtor is in a colleague's portfolio: reading (and so finding) is not portfolio-bound.
  debtor = await createDebtor(testDb, { name: `Zoekbedrijf ${u} B.V.`, assignedControllerId: colleague.id });
  other = await createDebtor(testDb, { name: `Anderbedrijf ${u} B.V.`, assignedControllerId: colleague.id });
  // Stored as people type them: an IBAN in groups, phone numbers with spaces and a (0).
  await testDb.debtor.update({ where: { id: debtor.id }, data: { iban: iban.replace(/(.{4})(?=.)/g, "$1 "), phone: `+31 (0)20 ${spaced(ownPhone)}` } });
  await createContact(testDb, debtor.id, { name: contactName, phone: `+31 30 ${spaced(landline)}` });
  const inv = await testDb.invoice.create({ data: { debtorId: debtor.id, number, issueDate: "2026-09-01", dueDate: "2026-10-01", amountCents: BigInt(amountCents), openCents: BigInt(openCents) } });
  const inv2 = await testDb.invoice.create({ data: { debtorId: debtor.id, number: otherNumber, issueDate: "2026-09-05", dueDate: "2026-10-05", amountCents: 50_000n, openCents: 40_000n } });
  invoiceId = inv.id;
  otherInvoiceId = inv2.id;
  await recomputeDebtorBalances(testDb, [debtor.id, other.id]);
});

describe("one search box finds a debtor by everything that belongs to it", () => {
  it("an invoice number, whole or its start, in any case, also on a colleague's debtor", async () => {
    expect(await hitsOf(number)).toContainEqual({ kind: "invoice", invoiceId, number });
    expect(await hitsOf(number.toLowerCase())).toContainEqual({ kind: "invoice", invoiceId, number });
    // The start of the number finds both invoices that begin with it.
    const byPrefix = await hitsOf(`zk${u.toLowerCase()}-001`);
    expect(byPrefix).toEqual(expect.arrayContaining([{ kind: "invoice", invoiceId, number }, { kind: "invoice", invoiceId: otherInvoiceId, number: otherNumber }]));
    expect((await search(`zk${u.toLowerCase()}-001`)).find((r) => r.id === other.id)).toBeUndefined();
  });

  it("exactly one invoice's number is that invoice (the page opens it)", async () => {
    expect((await findInvoiceByNumber(testDb, number))?.id).toBe(invoiceId);
    expect((await findInvoiceByNumber(testDb, ` ${number.toLowerCase()} `))?.id).toBe(invoiceId);
    expect(await findInvoiceByNumber(testDb, number.slice(0, -1))).toBeNull();
  });

  it("an amount as people write it matches the invoice's amount or what is open on it", async () => {
    const want = { kind: "amount", invoiceId, number, cents: amountCents, currency: "EUR" };
    for (const q of [dutch(amountCents), english(amountCents), `€ ${dutch(amountCents)}`, `${Math.floor(amountCents / 100)}.${String(amountCents % 100).padStart(2, "0")}`]) {
      expect(await hitsOf(q), q).toContainEqual(want);
    }
    expect(await hitsOf(dutch(openCents))).toContainEqual({ ...want, cents: openCents });
  });

  it("a whole-euro amount without decimals", async () => {
    const inv = await testDb.invoice.create({ data: { debtorId: other.id, number: `ZE${u}-1`, issueDate: "2026-09-01", dueDate: "2026-10-01", amountCents: 9_876_500n, openCents: 9_876_500n } });
    for (const q of ["98765", "98.765", "€ 98.765", "98.765,-", "98,765.00"]) {
      expect(await hitsOf(q, other.id), q).toContainEqual({ kind: "amount", invoiceId: inv.id, number: inv.number, cents: 9_876_500, currency: "EUR" });
    }
  });

  it("an IBAN, spaces and case ignored", async () => {
    expect(await hitsOf(iban)).toContainEqual({ kind: "iban" });
    expect(await hitsOf(iban.toLowerCase().replace(/(.{4})(?=.)/g, "$1 "))).toContainEqual({ kind: "iban" });
  });

  it("an IBAN the debtor paid from, found on its booked bank lines", async () => {
    const account = `NL${randomInt(10, 99)}BANK${randomInt(1_000_000_000, 9_999_999_999)}`;
    const statement = await testDb.bankStatement.create({ data: { fileHash: `h-${u}`, fileName: "x.csv", format: "csv", lineCount: 1 } });
    const payment = await testDb.payment.create({ data: { debtorId: other.id, amountCents: 100n, valueDate: "2026-11-01" } });
    await testDb.bankLine.create({ data: { statementId: statement.id, lineNo: 1, lineKey: `k-${u}`, valueDate: "2026-11-01", amountCents: 100n, currency: "EUR", counterpartyIban: account, description: "x", status: "applied", matchDebtorId: other.id, paymentId: payment.id } });
    expect(await hitsOf(account.toLowerCase(), other.id)).toEqual([{ kind: "bankIban" }]);
  });

  it("a contact's name, or part of it", async () => {
    expect(await hitsOf(contactName)).toContainEqual({ kind: "contact", name: contactName });
    expect(await hitsOf(`vries-${u.toLowerCase()}`)).toContainEqual({ kind: "contact", name: contactName });
  });

  it("a phone number however it is written: a contact's and the debtor's own", async () => {
    for (const q of [`030-${landline}`, `030${landline}`, `+31 30 ${spaced(landline)}`, `0031 (0)30 ${landline}`, `(030) ${spaced(landline)}`]) {
      expect(await hitsOf(q), q).toContainEqual({ kind: "phone", contactName });
    }
    expect(await hitsOf(`020 ${ownPhone}`)).toContainEqual({ kind: "phone", contactName: null });
    // Another area code with the same subscriber digits is another number.
    expect(await hitsOf(`010-${landline}`)).toBeUndefined();
  });

  it("a name still finds the debtor itself, without a reason beside it", async () => {
    const row = (await search(`Zoekbedrijf ${u}`)).find((r) => r.id === debtor.id);
    expect(row?.hits).toEqual([]);
  });

  it("never fails on odd input", async () => {
    for (const q of ["%", "_", "'", "\\", "%%%%", "' OR 1=1 --", "+++", "((", "€", "0", "-", "1e999", "NL", "💶", "x".repeat(100)]) {
      await expect(search(q), q).resolves.toBeInstanceOf(Array);
    }
    // Longer than the box allows: the list without the search.
    expect(ListDebtorsInput.parse({ q: "x".repeat(101) }).q).toBeUndefined();
  });
});

describe("invoice detail", () => {
  it("shows this invoice's payments, disputes, dunning, agreements and audit only", async () => {
    const booked = await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: 30_000n, valueDate: "2026-10-10", method: "bank_transfer", reference: `BET-${u}` } });
    await testDb.paymentAllocation.create({ data: { paymentId: booked.id, invoiceId, amountCents: 30_000n } });
    const bounced = await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: 5_000n, valueDate: "2026-10-12", method: "direct_debit", reference: `SDD-${u}`, reversedAt: new Date("2026-10-20T10:00:00Z") } });
    await testDb.paymentAllocation.create({ data: { paymentId: bounced.id, invoiceId, amountCents: 5_000n } });
    const storno = await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: -5_000n, valueDate: "2026-10-20", method: "direct_debit", reference: `storno SDD-${u}`, reversalOfId: bounced.id } });
    await testDb.paymentAllocation.create({ data: { paymentId: storno.id, invoiceId, amountCents: -5_000n } });
    // Money and a dispute on the other invoice stay there.
    const elsewhere = await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: 10_000n, valueDate: "2026-10-11", reference: `ANDER-${u}` } });
    await testDb.paymentAllocation.create({ data: { paymentId: elsewhere.id, invoiceId: otherInvoiceId, amountCents: 10_000n } });
    await testDb.dispute.create({ data: { debtorId: debtor.id, invoiceId, reason: "price", description: "Prijs wijkt af van offerte", disputedCents: 20_000n, openedOn: "2026-10-15" } });
    await testDb.dispute.create({ data: { debtorId: debtor.id, invoiceId: otherInvoiceId, reason: "goods", disputedCents: 1_000n, openedOn: "2026-10-16" } });
    // One reminder for both, one for the other invoice only (whose number starts with this one's).
    await testDb.dunningCommunication.create({ data: { debtorId: debtor.id, level: 1, channel: "email", stepCode: "reminder", sentAt: new Date("2026-10-08T08:00:00Z"), invoiceNumbers: `${number},${otherNumber}` } });
    await testDb.dunningCommunication.create({ data: { debtorId: debtor.id, level: 2, channel: "letter", stepCode: "formal_reminder", sentAt: new Date("2026-10-22T08:00:00Z"), invoiceNumbers: otherNumber } });
    const agreement = await testDb.agreement.create({ data: { debtorId: debtor.id, kind: "promise", totalCents: 20_000n, createdById: me.id, idempotencyKey: `zoek-${u}`, invoices: { create: [{ invoiceId }] }, instalments: { create: [{ seq: 1, dueDate: "2026-12-01", amountCents: 20_000n }] } } });
    await testDb.auditLog.create({ data: { actorId: colleague.id, action: "invoice.updated", entity: "Invoice", entityId: invoiceId } });

    // A viewer reads it too: the colleague's debtor is no obstacle to reading.
    const viewer = await createUser(testDb, "viewer");
    const detail = await getInvoiceDetail(testDb, viewer, invoiceId, TODAY);
    expect(detail).toMatchObject({ number, debtor: { id: debtor.id, name: debtor.name }, amountCents, openCents, status: "disputed", daysOverdue: 53 });
    expect(detail!.payments.map((p) => [p.reference, p.amountCents, p.isReversed, p.isReversal])).toEqual([
      [`BET-${u}`, 30_000, false, false],
      [`SDD-${u}`, 5_000, true, false],
      [`storno SDD-${u}`, -5_000, false, true],
    ]);
    expect(detail!.disputes).toEqual([expect.objectContaining({ reason: "price", status: "open", disputedCents: 20_000, openedOn: "2026-10-15" })]);
    expect(detail!.dunning).toEqual([expect.objectContaining({ stepCode: "reminder", level: 1, otherInvoiceCount: 1 })]);
    expect(detail!.agreements).toEqual([expect.objectContaining({ id: agreement.id, kind: "promise", status: "open", totalCents: 20_000, instalmentCount: 1, createdBy: me.name })]);
    expect(detail!.audit).toEqual([expect.objectContaining({ action: "invoice.updated", actor: colleague.name })]);

    const second = await getInvoiceDetail(testDb, me, otherInvoiceId, TODAY);
    expect(second!.payments.map((p) => p.reference)).toEqual([`ANDER-${u}`]);
    expect(second!.dunning.map((d) => d.stepCode)).toEqual(["formal_reminder", "reminder"]);
    expect(second!.agreements).toEqual([]);
  });

  it("is null for an unknown or absurd id", async () => {
    expect(await getInvoiceDetail(testDb, me, "inv_does_not_exist", TODAY)).toBeNull();
    expect(await getInvoiceDetail(testDb, me, "x".repeat(500), TODAY)).toBeNull();
  });
});
