import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { addDays } from "@/lib/format/calendar-date";
import { importStatement, resolveBankLine } from "@/lib/payments/import-statement";
import { recordPayment, settlePromises } from "@/lib/payments/payment-use-cases";
import { listWorklist } from "@/lib/worklist/worklist-queries";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const TZ = "Europe/Amsterdam";
const TODAY = "2031-03-10";
const ctx = { today: TODAY, now: new Date(`${TODAY}T10:00:00Z`), timeZone: TZ, graceDays: 2 };
const csv = (rows: string[]) => new TextEncoder().encode(["date,amount,currency,name,iban,description", ...rows].join("\r\n") + "\r\n");

async function debtorWithInvoice(euros: number, dueDate = "2031-02-01") {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  const invoice = await createInvoice(testDb, debtor.id, { dueDate, amountCents: euros * 100 });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { controller, debtor, invoice };
}

async function promise(d: Awaited<ReturnType<typeof debtorWithInvoice>>, dueDate: string, euros: number) {
  return testDb.agreement.create({
    data: {
      debtorId: d.debtor.id, kind: "promise", totalCents: BigInt(euros * 100), createdById: d.controller.id, idempotencyKey: `p-${d.invoice.id}`, createdAt: new Date("2031-03-01T10:00:00Z"),
      instalments: { create: [{ seq: 1, dueDate, amountCents: BigInt(euros * 100) }] }, invoices: { create: [{ invoiceId: d.invoice.id }] },
    },
  });
}

const counts = async () => ({ statements: await testDb.bankStatement.count(), lines: await testDb.bankLine.count(), payments: await testDb.payment.count(), allocations: await testDb.paymentAllocation.count() });

describe("bank statement import", () => {
  it("books sure matches, sends unsure ones to review, ignores outgoing money; the same file twice changes nothing", async () => {
    const a = await debtorWithInvoice(1_210);
    const b = await debtorWithInvoice(500);
    const file = csv([
      `2031-03-09,"1.210,00",EUR,Klant A,NL02ABNA0123456789,Factuur ${a.invoice.number}`,
      `2031-03-09,"200,00",EUR,Klant B,,betaling ${b.invoice.number} deel`,
      `2031-03-09,"-45,00",EUR,Energiebedrijf,,maandtermijn`,
    ]);
    const r = await importStatement(testDb, a.controller, { name: "afschrift.csv", bytes: file }, ctx);
    expect(r).toMatchObject({ lines: 3, applied: 1, review: 1, ignored: 1, duplicates: 0 });
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: a.invoice.id } })).toMatchObject({ openCents: 0n });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: a.debtor.id } })).toMatchObject({ openCents: 0n, openInvoiceCount: 0 });
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: b.invoice.id } })).toMatchObject({ openCents: 50_000n });

    const before = await counts();
    await expect(importStatement(testDb, a.controller, { name: "afschrift-kopie.csv", bytes: file }, ctx)).rejects.toMatchObject({ code: "duplicate" });
    expect(await counts()).toEqual(before);

    // The review line: booked on the debtor the controller names; the account is learnt.
    const line = await testDb.bankLine.findFirstOrThrow({ where: { status: "review", matchDebtorId: b.debtor.id } });
    await resolveBankLine(testDb, b.controller, { action: "apply", lineId: line.id, version: line.version, customerNumber: b.debtor.customerNumber, invoiceNumbers: [b.invoice.number] }, ctx);
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: b.invoice.id } })).toMatchObject({ openCents: 30_000n });
    // A second click on the same line is a conflict, not a second payment.
    await expect(resolveBankLine(testDb, b.controller, { action: "apply", lineId: line.id, version: line.version, customerNumber: b.debtor.customerNumber, invoiceNumbers: [] }, ctx)).rejects.toMatchObject({ code: "conflict" });
    expect(await testDb.payment.count({ where: { debtorId: b.debtor.id } })).toBe(1);
  });

  it("imports nothing from a malformed file and names every bad row", async () => {
    const a = await debtorWithInvoice(100);
    const before = await counts();
    const bad = csv([`2031-03-09,"100,00",EUR,A,,${a.invoice.number}`, `2031-03-09,"12,3x",EUR,B,,x`, `2031-02-31,"1,00",EUR,C,,y`]);
    const error = await importStatement(testDb, a.controller, { name: "kapot.csv", bytes: bad }, ctx).catch((e: unknown) => e);
    expect(error).toMatchObject({ code: "invalid" });
    const messages = (error as { fieldErrors: { file: string[] } }).fieldErrors.file;
    expect(messages.some((m) => m.startsWith("#3:"))).toBe(true);
    expect(messages.some((m) => m.startsWith("#4:"))).toBe(true);
    expect(await counts()).toEqual(before);
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: a.invoice.id } })).toMatchObject({ openCents: 10_000n });
  });

  it("reads a CAMT.053 statement", async () => {
    const a = await debtorWithInvoice(250);
    const xml = `<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>1</MsgId><CreDtTm>2031-03-10T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S1</Id><Acct><Id><IBAN>NL91ABNA0417164300</IBAN></Id></Acct>
<Ntry><Amt Ccy="EUR">250.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2031-03-09</Dt></BookgDt><ValDt><Dt>2031-03-09</Dt></ValDt><AcctSvcrRef>REF-${a.invoice.id}</AcctSvcrRef>
<NtryDtls><TxDtls><Refs><EndToEndId>NOTPROVIDED</EndToEndId></Refs><RltdPties><Dbtr><Nm>Klant</Nm></Dbtr><DbtrAcct><Id><IBAN>NL20INGB0001234567</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>${a.invoice.number}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>
</Stmt></BkToCstmrStmt></Document>`;
    const r = await importStatement(testDb, a.controller, { name: "camt.xml", bytes: new TextEncoder().encode(xml) }, ctx);
    expect(r).toMatchObject({ lines: 1, applied: 1 });
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: a.invoice.id } })).toMatchObject({ openCents: 0n });
  });

  it("a payment turns a promise kept at once; an unpaid promise past its grace days turns broken and is on tomorrow's worklist", async () => {
    const keeps = await debtorWithInvoice(300);
    const breaks = await debtorWithInvoice(400);
    const kept = await promise(keeps, "2031-03-20", 300);
    const broken = await promise(breaks, "2031-03-05", 400);
    const r = await importStatement(testDb, keeps.controller, { name: "promises.csv", bytes: csv([`2031-03-10,"300,00",EUR,Klant,,${keeps.invoice.number}`]) }, ctx);
    await settlePromises(testDb, r.debtorIds, ctx);
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: kept.id } })).toMatchObject({ status: "kept" });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: broken.id } })).toMatchObject({ status: "broken" });
    const tomorrow = await listWorklist(testDb, { userId: breaks.controller.id, day: addDays(TODAY, 1), today: TODAY, timeZone: TZ, now: ctx.now });
    // (The database is shared with other files: look at this test's debtors only.)
    const mine = tomorrow.rows.filter((row) => [breaks.debtor.id, keeps.debtor.id].includes(row.debtorId));
    expect(mine.map((row) => [row.debtorId, row.top])).toEqual([[breaks.debtor.id, "broken_promise"]]);
    expect(mine[0]!.parts.map((p) => p.key)).toContain("broken_promises");
  });

  it("a payment by hand closes the dunning call once nothing is overdue; a future value date is refused", async () => {
    const d = await debtorWithInvoice(100);
    await testDb.task.create({ data: { debtorId: d.debtor.id, type: "dunning_call", dueAt: new Date(`${TODAY}T08:00:00Z`), assigneeId: d.controller.id } });
    await expect(recordPayment(testDb, d.controller, { debtorId: d.debtor.id, amount: 100_00n, valueDate: addDays(TODAY, 1), reference: null, method: "bank_transfer", invoiceIds: [], idempotencyKey: crypto.randomUUID() }, ctx)).rejects.toMatchObject({ code: "invalid" });
    await recordPayment(testDb, d.controller, { debtorId: d.debtor.id, amount: 60_00n, valueDate: TODAY, reference: null, method: "bank_transfer", invoiceIds: [], idempotencyKey: crypto.randomUUID() }, ctx);
    expect(await testDb.task.count({ where: { debtorId: d.debtor.id, status: "open" } })).toBe(1);
    await recordPayment(testDb, d.controller, { debtorId: d.debtor.id, amount: 40_00n, valueDate: TODAY, reference: "rest", method: "bank_transfer", invoiceIds: [], idempotencyKey: crypto.randomUUID() }, ctx);
    expect(await testDb.task.count({ where: { debtorId: d.debtor.id, status: "open" } })).toBe(0);
  });
});
