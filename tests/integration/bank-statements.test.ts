import { describe, expect, it } from "vitest";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { importStatement } from "@/lib/payments/import-statement";
import { settlePromises } from "@/lib/payments/payment-use-cases";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * Statements as banks write them, through the real import: identical transactions, batches,
 * pending entries and reversals. (Parser details per bank are unit-tested beside the readers.)
 */
const TZ = "Europe/Amsterdam";
const TODAY = "2031-06-20";
const ctx = { today: TODAY, now: new Date(`${TODAY}T10:00:00Z`), timeZone: TZ, graceDays: 2 };
const enc = (s: string) => new TextEncoder().encode(s);
const csv = (rows: string[]) => enc(["date,amount,currency,name,iban,description", ...rows].join("\r\n") + "\r\n");

async function debtorWithInvoices(...euros: number[]) {
  const controller = await createUser(testDb, "controller");
  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  const invoices = [];
  for (const e of euros) invoices.push(await createInvoice(testDb, debtor.id, { dueDate: "2031-05-01", amountCents: e * 100 }));
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { controller, debtor, invoices };
}

/** A CAMT.053 statement (shape as in the reader's fixtures) with the given entries. */
function camt(account: string, entries: string): Uint8Array {
  return enc(`<?xml version="1.0" encoding="UTF-8"?>
<Document xmlns="urn:iso:std:iso:20022:tech:xsd:camt.053.001.02"><BkToCstmrStmt><GrpHdr><MsgId>${Math.random()}</MsgId><CreDtTm>2031-06-20T06:00:00</CreDtTm></GrpHdr>
<Stmt><Id>S</Id><Acct><Id><IBAN>${account}</IBAN></Id></Acct>${entries}</Stmt></BkToCstmrStmt></Document>`);
}
const tx = (euros: string, name: string, iban: string, text: string) =>
  `<TxDtls><Amt Ccy="EUR">${euros}</Amt><RltdPties><Dbtr><Nm>${name}</Nm></Dbtr><DbtrAcct><Id><IBAN>${iban}</IBAN></Id></DbtrAcct></RltdPties><RmtInf><Ustrd>${text}</Ustrd></RmtInf></TxDtls>`;

describe("bank statements as banks write them", () => {
  it("books two identical transactions in one file as two payments; an overlapping file later books only what is new", async () => {
    const d = await debtorWithInvoices(50, 50, 50);
    const [i1] = d.invoices;
    const same = `2031-06-18,"50,00",EUR,Klant,NL44RABO0123456789,termijn ${i1!.number}`;
    const first = await importStatement(testDb, d.controller, { name: "juni-1.csv", bytes: csv([same, same]) }, ctx);
    expect(first).toMatchObject({ lines: 2, duplicates: 0 });
    // The second statement overlaps: the same two lines, and a third new one.
    const second = await importStatement(testDb, d.controller, { name: "juni-2.csv", bytes: csv([same, same, same]) }, ctx);
    expect(second).toMatchObject({ lines: 3, duplicates: 2 });
    expect(await testDb.bankLine.count({ where: { statementId: { in: [first.statementId, second.statementId] } } })).toBe(3);
  });

  it("books each payer of a CAMT.053 batch entry on its own, and skips a pending entry", async () => {
    const a = await debtorWithInvoices(120);
    const b = await debtorWithInvoices(80);
    const entries = `
<Ntry><Amt Ccy="EUR">200.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>BOOK</Sts><BookgDt><Dt>2031-06-19</Dt></BookgDt><ValDt><Dt>2031-06-19</Dt></ValDt><AcctSvcrRef>BATCH-${a.debtor.id}</AcctSvcrRef>
<NtryDtls>${tx("120.00", "Klant A", "NL02ABNA0123456789", a.invoices[0]!.number)}${tx("80.00", "Klant B", "NL20INGB0001234567", b.invoices[0]!.number)}</NtryDtls></Ntry>
<Ntry><Amt Ccy="EUR">80.00</Amt><CdtDbtInd>CRDT</CdtDbtInd><Sts>PDNG</Sts><BookgDt><Dt>2031-06-20</Dt></BookgDt><ValDt><Dt>2031-06-20</Dt></ValDt>
<NtryDtls>${tx("80.00", "Klant B", "NL20INGB0001234567", b.invoices[0]!.number)}</NtryDtls></Ntry>`;
    const r = await importStatement(testDb, a.controller, { name: "batch.xml", bytes: camt("NL91ABNA0417164300", entries) }, ctx);
    // b's debtor is in another controller's portfolio: a sure match, but it waits for its own controller.
    expect(r).toMatchObject({ lines: 2, applied: 1, review: 1, skipped: 1 });
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: a.invoices[0]!.id } })).toMatchObject({ openCents: 0n });
    const waiting = await testDb.bankLine.findFirstOrThrow({ where: { statementId: r.statementId, status: "review" } });
    expect(waiting).toMatchObject({ amountCents: 8_000n, matchDebtorId: b.debtor.id, matchReason: "other_portfolio" });
  });

  it("a reversal after the payment kept a promise undoes the booking, reopens the invoice, and the promise is judged again", async () => {
    const d = await debtorWithInvoices(300);
    const invoice = d.invoices[0]!;
    const promise = await testDb.agreement.create({
      data: {
        debtorId: d.debtor.id, kind: "promise", totalCents: 30_000n, createdById: d.controller.id, idempotencyKey: `rev-${invoice.id}`, createdAt: new Date("2031-06-01T10:00:00Z"),
        instalments: { create: [{ seq: 1, dueDate: "2031-06-10", amountCents: 30_000n }] }, invoices: { create: [{ invoiceId: invoice.id }] },
      },
    });
    const paid = await importStatement(testDb, d.controller, { name: "betaald.csv", bytes: csv([`2031-06-09,"300,00",EUR,Klant,NL44RABO0123456789,${invoice.number}`]) }, { ...ctx, today: "2031-06-09", now: new Date("2031-06-09T10:00:00Z") });
    await settlePromises(testDb, paid.debtorIds, { ...ctx, today: "2031-06-09", now: new Date("2031-06-09T10:00:00Z") });
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: promise.id } })).toMatchObject({ status: "kept" });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: d.debtor.id } })).toMatchObject({ openCents: 0n });

    // The bank reverses it on 19 June (RvslInd; booked as a debit back to the payer's account).
    const reversal = `
<Ntry><Amt Ccy="EUR">300.00</Amt><CdtDbtInd>DBIT</CdtDbtInd><RvslInd>true</RvslInd><Sts>BOOK</Sts><BookgDt><Dt>2031-06-19</Dt></BookgDt><ValDt><Dt>2031-06-19</Dt></ValDt><AcctSvcrRef>STORNO-${invoice.id}</AcctSvcrRef>
<NtryDtls><TxDtls><Amt Ccy="EUR">300.00</Amt><RltdPties><Cdtr><Nm>Klant</Nm></Cdtr><CdtrAcct><Id><IBAN>NL44RABO0123456789</IBAN></Id></CdtrAcct></RltdPties><RmtInf><Ustrd>${invoice.number}</Ustrd></RmtInf></TxDtls></NtryDtls></Ntry>`;
    const r = await importStatement(testDb, d.controller, { name: "storno.xml", bytes: camt("NL91ABNA0417164300", reversal) }, ctx);
    expect(r).toMatchObject({ lines: 1, applied: 0, reversed: 1 });
    await settlePromises(testDb, r.debtorIds, ctx);
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ openCents: 30_000n });
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: d.debtor.id } })).toMatchObject({ openCents: 30_000n });
    const payments = await testDb.payment.findMany({ where: { debtorId: d.debtor.id }, orderBy: { createdAt: "asc" } });
    expect(payments.map((p) => [p.amountCents, p.reversedAt !== null, p.reversalOfId === payments[0]!.id])).toEqual([[30_000n, true, false], [-30_000n, false, true]]);
    // Without the reversed money the promise (due 10 June + 2 grace days) is broken, with a callback.
    expect(await testDb.agreement.findUniqueOrThrow({ where: { id: promise.id } })).toMatchObject({ status: "broken" });
    expect(await testDb.task.count({ where: { agreementId: promise.id, type: "callback", status: "open" } })).toBe(1);
    // The same reversal file again changes nothing; a second reversal of it would find nothing to undo.
    await expect(importStatement(testDb, d.controller, { name: "storno-kopie.xml", bytes: camt("NL91ABNA0417164300", reversal.replace("STORNO-", "STORNO2-")) }, ctx)).resolves.toMatchObject({ reversed: 0, review: 1 });
    expect(await testDb.invoice.findUniqueOrThrow({ where: { id: invoice.id } })).toMatchObject({ openCents: 30_000n });
  });

  it("refuses a statement of more than 2,000 transactions with the way out, and writes nothing", async () => {
    const d = await debtorWithInvoices(10);
    const rows = Array.from({ length: 2_001 }, (_, i) => `2031-06-18,"1,00",EUR,Klant,,regel ${i}`);
    const before = await testDb.bankStatement.count();
    await expect(importStatement(testDb, d.controller, { name: "jaar.csv", bytes: csv(rows) }, ctx)).rejects.toMatchObject({ code: "invalid", fieldErrors: { file: ["payments.errors.tooManyLines"] } });
    expect(await testDb.bankStatement.count()).toBe(before);
  });
});

describe("a long statement is written in short batches", () => {
  it("books 250 lines in batches of 100; cut off after the first batch, the same file again finishes it without booking anything twice", async () => {
    const d = await debtorWithInvoices(...Array.from({ length: 50 }, () => 10));
    const rows = Array.from({ length: 250 }, (_, n) =>
      n < 50
        ? `2031-06-${String(1 + (n % 19)).padStart(2, "0")},"10,00",EUR,Klant,NL44RABO0123456789,Factuur ${d.invoices[n]!.number}`
        : `2031-06-${String(1 + (n % 19)).padStart(2, "0")},"0,${String(n % 100).padStart(2, "0")}",EUR,Iemand ${n},NL02ABNA0123456789,onbekend ${n}`,
    );
    // Shuffle the matching lines in, so both batches that are written hold payments.
    const file = csv(rows.map((r, i) => rows[(i * 7) % 250]!));

    // The second write transaction fails, as a kill -9 or an outage would cut the import off.
    let transactions = 0;
    const cutOff = new Proxy(testDb, {
      get(target, prop, receiver) {
        if (prop === "$transaction") {
          return (...args: unknown[]) => {
            if (++transactions === 2) return Promise.reject(new Error("Connection terminated unexpectedly"));
            return (target.$transaction as (...a: unknown[]) => unknown)(...args);
          };
        }
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    await expect(importStatement(cutOff, d.controller, { name: "juni.csv", bytes: file }, ctx)).rejects.toThrow(/terminated/);
    const half = await testDb.bankStatement.findFirstOrThrow({ where: { fileName: "juni.csv" }, include: { _count: { select: { lines: true } } } });
    expect(half.completedAt).toBeNull();
    expect(half._count.lines).toBe(100);
    const paidAfterCut = await testDb.payment.count({ where: { debtorId: d.debtor.id } });
    expect(paidAfterCut).toBeGreaterThan(0);
    expect(paidAfterCut).toBeLessThan(50);

    // The same file again: not refused as a duplicate, finishes the import, books the rest once.
    let batches = 0;
    const counting = new Proxy(testDb, {
      get(target, prop, receiver) {
        if (prop === "$transaction") return (...args: unknown[]) => (batches++, (target.$transaction as (...a: unknown[]) => unknown)(...args));
        return Reflect.get(target, prop, receiver) as unknown;
      },
    });
    const r = await importStatement(counting, d.controller, { name: "juni.csv", bytes: file }, ctx);
    expect(r.statementId).toBe(half.id);
    expect(batches).toBe(2 + 1); // lines 101-200, 201-250, and the closing figures
    expect(r).toMatchObject({ lines: 250, applied: 50, duplicates: 0 });
    expect(await testDb.payment.count({ where: { debtorId: d.debtor.id } })).toBe(50);
    expect(await testDb.bankLine.count({ where: { statementId: half.id } })).toBe(250);
    const done = await testDb.bankStatement.findUniqueOrThrow({ where: { id: half.id } });
    expect(done.completedAt).not.toBeNull();
    expect(done.appliedCount).toBe(50);
    for (const inv of d.invoices) expect((await testDb.invoice.findUniqueOrThrow({ where: { id: inv.id } })).openCents).toBe(0n);

    // Once complete, the same file is a duplicate.
    await expect(importStatement(testDb, d.controller, { name: "juni.csv", bytes: file }, ctx)).rejects.toMatchObject({ code: "duplicate" });
  });
});
