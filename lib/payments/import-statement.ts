import { createHash } from "node:crypto";
import { EVENT_TRANSACTION_TIMEOUT_MS } from "@/lib/events/event-feed";
import { audit } from "@/lib/audit/audit";
import { assertCan, assertCanWriteDebtor, writableDebtor, type Actor } from "@/lib/auth/guards";
import { canWriteDebtor } from "@/lib/auth/roles";
import type { Db, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { parseBankStatement, type StatementLine } from "./bank-statement-parse";
import { matchBankLine, tokensOf, type MatchDebtor, type MatchIndex, type MatchInvoice } from "./match-bank-line";
import { applyPayment } from "./apply-payment";
import { reversePayment } from "./reverse-payment";

/**
 * Importing a bank statement (CSV or CAMT.053). All or nothing: a file with any bad row imports
 * nothing and every bad row is reported with its line number; the statement, its lines and the
 * payments for sure matches are written in one transaction. The same file twice is refused; a
 * line that an overlapping earlier statement already holds is skipped.
 */
export type ImportContext = { today: CalendarDate; now: Date; baseCurrency?: string };
export const MAX_STATEMENT_LINES = 2_000;
/** Lines written per transaction (see importStatement). */
export const STATEMENT_BATCH = 100;

export type ImportResult = {
  statementId: string;
  lines: number;
  applied: number;
  /** reversals (storno, returned direct debits) that undid an earlier booking */
  reversed: number;
  review: number;
  ignored: number;
  duplicates: number;
  /** entries the file holds but the bank has not booked (pending): shown, not imported */
  skipped: number;
  debtorIds: string[];
};

function lineData(statementId: string, line: StatementLine, key: string, detailNo: number) {
  return {
    statementId, lineNo: line.lineNo, detailNo, lineKey: key, valueDate: line.valueDate, amountCents: line.amountCents, currency: line.currency,
    counterpartyName: line.counterpartyName, counterpartyIban: line.counterpartyIban, description: line.description, entryRef: line.entryRef,
  };
}

/**
 * A reversal undoes the booking of the transfer it reverses: the same amount from the same account,
 * booked earlier from a statement and not reversed yet. One candidate: reversed at once. None or
 * several, or a debtor outside the importer's portfolio: a person decides in review. A reversal of
 * outgoing money (a returned refund) books nothing.
 */
async function bookReversal(tx: Tx, actor: Actor, line: StatementLine, accountIban: string | null, ctx: ImportContext): Promise<{ status: "applied" | "review" | "ignored"; reason: string; debtorId: string | null; paymentId: string | null }> {
  if (line.amountCents >= 0n) return { status: "ignored", reason: "reversal_outgoing", debtorId: null, paymentId: null };
  const candidates = await tx.bankLine.findMany({
    where: {
      status: "applied", paymentId: { not: null }, amountCents: -line.amountCents, currency: line.currency, valueDate: { lte: line.valueDate },
      ...(line.counterpartyIban ? { counterpartyIban: line.counterpartyIban } : {}),
      // Same account, or a statement that did not name its account (a CSV without one).
      ...(accountIban ? { statement: { OR: [{ accountIban }, { accountIban: null }] } } : {}),
    },
    select: { id: true, paymentId: true, matchDebtorId: true },
  });
  const open = candidates.length ? await tx.payment.findMany({ where: { id: { in: candidates.map((c) => c.paymentId!) }, reversedAt: null, reversalOfId: null, amountCents: { gt: 0 } }, select: { id: true, debtorId: true } }) : [];
  if (open.length !== 1) return { status: "review", reason: open.length ? "reversal_ambiguous" : "reversal_unmatched", debtorId: open[0]?.debtorId ?? null, paymentId: null };
  const original = open[0]!;
  const debtor = original.debtorId ? await tx.debtor.findUnique({ where: { id: original.debtorId }, select: { id: true, assignedControllerId: true } }) : null;
  if (debtor && !canWriteDebtor(actor, debtor)) return { status: "review", reason: "other_portfolio", debtorId: debtor.id, paymentId: null };
  const r = await reversePayment(tx, { paymentId: original.id, valueDate: line.valueDate, reference: line.description.slice(0, 140) || null, actorId: actor.id, now: ctx.now });
  return { status: "applied", reason: "reversal", debtorId: r.debtorId, paymentId: r.reversalId };
}

/**
 * A line's identity across files, so an overlapping statement never books a payment twice. The
 * bank's own reference (when it gives one) is part of it; two genuinely identical transactions in
 * one file (no reference, same day, amount and text) are two payments: the n-th occurrence gets
 * its own key, and the same n-th occurrence in an overlapping file is recognised as the same line.
 */
export function lineKeyOf(accountIban: string | null, l: StatementLine, occurrence = 1): string {
  const content = createHash("sha256").update([accountIban ?? "", l.valueDate, l.amountCents.toString(), l.currency, l.counterpartyIban ?? "", l.description, l.entryRef ?? ""].join("\u0001")).digest("hex");
  return occurrence === 1 ? content : createHash("sha256").update(`${content}#${occurrence}`).digest("hex");
}

function keyLines(accountIban: string | null, lines: StatementLine[]): { line: StatementLine; key: string }[] {
  const seen = new Map<string, number>();
  return lines.map((line) => {
    const first = lineKeyOf(accountIban, line);
    const n = (seen.get(first) ?? 0) + 1;
    seen.set(first, n);
    return { line, key: n === 1 ? first : lineKeyOf(accountIban, line, n) };
  });
}

/**
 * Rights: importing needs payments:write; a line is booked at once only on a debtor the importer
 * may write on (a controller's own portfolio or an unassigned debtor). A sure match on another
 * controller's debtor waits in review for someone who may book it.
 */
export async function importStatement(db: Db, actor: Actor, file: { name: string; bytes: Uint8Array }, ctx: ImportContext): Promise<ImportResult> {
  assertCan(actor, "payments:write");
  const parsed = parseBankStatement(file.bytes, file.name);
  if (parsed.errors.length) throw new DomainError("invalid", "statement", { file: parsed.errors.map((e) => (e.line > 0 ? `#${e.line}: ${e.message}` : e.message)) });
  if (parsed.lines.length === 0) throw new DomainError("invalid", "statement", { file: ["payments.errors.noLines"] });
  // A file is checked whole before anything is written (a bad row imports nothing); then it is
  // written in short batches. 2,000 lines book in about 1–4 s on the reference machine: a longer
  // file is refused with the way out (split it by date).
  if (parsed.lines.length > MAX_STATEMENT_LINES) throw new DomainError("invalid", "statement too long", { file: ["payments.errors.tooManyLines"] });
  const fileHash = createHash("sha256").update(file.bytes).digest("hex");
  const earlier = await db.bankStatement.findUnique({ where: { fileHash }, select: { id: true, completedAt: true } });
  if (earlier?.completedAt) throw new DomainError("duplicate", "statement", { file: ["payments.errors.alreadyImported"] });

  const keyed = keyLines(parsed.accountIban, parsed.lines);
  // Lines this file's own unfinished import already wrote are done; lines of other statements are duplicates.
  const knownRows = await db.bankLine.findMany({ where: { lineKey: { in: keyed.map((k) => k.key) } }, select: { lineKey: true, statementId: true } });
  const known = new Set(knownRows.map((r) => r.lineKey));
  const duplicates = knownRows.filter((r) => r.statementId !== earlier?.id).length;
  const fresh = keyed.filter((k) => !known.has(k.key));
  const index = await buildIndex(db, fresh.map((k) => k.line));
  const writable = await writableDebtorIds(db, actor, index);

  const statement =
    earlier ??
    (await db.bankStatement.create({ data: { fileHash, fileName: file.name.slice(0, 200), format: parsed.format, accountIban: parsed.accountIban, importedById: actor.id, lineCount: parsed.lines.length } }));
  const statementId = statement.id;
  const accountIban = parsed.accountIban;
  const debtorIds = new Set<string>();
  // A batch entry's transactions share the entry's line number: number them within it (over the whole file, so a resumed import numbers alike).
  const details = new Map<number, number>();
  const numbered = keyed.map(({ line, key }) => {
    const detailNo = (details.get(line.lineNo) ?? 0) + 1;
    details.set(line.lineNo, detailNo);
    return { line, key, detailNo };
  }).filter((k) => !known.has(k.key));

  // Short transactions, BATCH lines each: on SQLite no import holds the write lock for long, and
  // every other user's write slips in between batches. Every line is keyed, so a batch is written
  // once: after a crash, importing the same file again writes only what is missing.
  for (let i = 0; i < numbered.length; i += STATEMENT_BATCH) {
    const batch = numbered.slice(i, i + STATEMENT_BATCH);
    await db.$transaction(
      async (tx) => {
        for (const { line, key, detailNo } of batch) {
          if (line.reversal) {
            const r = await bookReversal(tx, actor, line, accountIban, ctx);
            if (r.status === "applied" && r.debtorId) debtorIds.add(r.debtorId);
            await tx.bankLine.create({ data: { ...lineData(statementId, line, key, detailNo), status: r.status, matchDebtorId: r.debtorId, matchInvoiceIds: "", matchReason: r.reason, paymentId: r.paymentId } });
            continue;
          }
          const found = matchBankLine(line, index, ctx.baseCurrency ?? "EUR");
          const m = found.status === "apply" && found.debtorId && !writable.has(found.debtorId) ? { ...found, status: "review" as const, reason: "other_portfolio" as const } : found;
          let paymentId: string | null = null;
          if (m.status === "apply" && m.debtorId) {
            const paid = await applyPayment(tx, { debtorId: m.debtorId, amountCents: line.amountCents, currency: line.currency, valueDate: line.valueDate, reference: line.description.slice(0, 140) || null, method: "bank_transfer", source: "bank_import", preferredInvoiceIds: m.invoiceIds, actorId: actor.id, today: ctx.today, now: ctx.now });
            paymentId = paid.paymentId;
            debtorIds.add(m.debtorId);
          }
          await tx.bankLine.create({ data: { ...lineData(statementId, line, key, detailNo), status: m.status === "apply" ? "applied" : m.status, matchDebtorId: m.debtorId, matchInvoiceIds: m.invoiceIds.join(","), matchReason: m.reason, paymentId } });
        }
      },
      // Each batch records payment.booked events early in its transaction: it must end within the
      // event feed's settling window (lib/events/event-feed.ts), as every event-writing transaction does.
      { timeout: EVENT_TRANSACTION_TIMEOUT_MS, maxWait: 10_000 },
    );
  }

  // The figures are read from what was written, so a resumed import reports the whole file.
  return db.$transaction(async (tx) => {
    const lines = await tx.bankLine.findMany({ where: { statementId }, select: { status: true, matchReason: true, paymentId: true } });
    const reversal = (l: { matchReason: string | null }) => (l.matchReason ?? "").startsWith("reversal");
    const result: ImportResult = {
      statementId,
      lines: parsed.lines.length,
      applied: lines.filter((l) => l.status === "applied" && !reversal(l)).length,
      reversed: lines.filter((l) => l.status === "applied" && reversal(l)).length,
      review: lines.filter((l) => l.status === "review").length,
      ignored: lines.filter((l) => l.status === "ignored").length,
      duplicates,
      skipped: parsed.skipped?.length ?? 0,
      debtorIds: [...debtorIds],
    };
    await tx.bankStatement.update({ where: { id: statementId }, data: { appliedCount: result.applied, reviewCount: result.review, completedAt: ctx.now } });
    await audit(tx, { actorId: actor.id, action: "bank.import", entity: "bankStatement", entityId: statementId, data: { lines: result.lines, applied: result.applied, reversed: result.reversed, review: result.review, duplicates: result.duplicates, resumed: Boolean(earlier) } });
    return result;
  });
}

async function writableDebtorIds(db: Db, actor: Actor, index: MatchIndex): Promise<Set<string>> {
  const ids = [...new Set([...index.invoicesByNumber.values()].map((i) => i.debtorId).concat([...index.debtorsByIban.values()].map((d) => d.id)))];
  const out = new Set<string>();
  for (let i = 0; i < ids.length; i += 500) {
    for (const d of await db.debtor.findMany({ where: { id: { in: ids.slice(i, i + 500) } }, select: { id: true, assignedControllerId: true } })) {
      if (canWriteDebtor(actor, d)) out.add(d.id);
    }
  }
  return out;
}

async function buildIndex(db: Db | Tx, lines: StatementLine[]): Promise<MatchIndex> {
  // Invoice and customer numbers are matched case-insensitively: look them up as written and upper-cased.
  const tokens = [...new Set(lines.flatMap((l) => [...tokensOf(l.description), ...l.description.split(/[^A-Za-z0-9-]+/).filter((t) => t.length >= 4)]))];
  const ibans = [...new Set(lines.map((l) => l.counterpartyIban).filter((i): i is string => !!i))];
  const invoicesByNumber = new Map<string, MatchInvoice>();
  const debtorsByIban = new Map<string, MatchDebtor>();
  const debtorsByCustomerNumber = new Map<string, MatchDebtor>();
  const toMatch = (i: { id: string; number: string; debtorId: string; dueDate: string; openCents: bigint; costsOpenCents: bigint; interestOpenCents: bigint }): MatchInvoice => ({ id: i.id, number: i.number, debtorId: i.debtorId, dueDate: i.dueDate, totalOpenCents: i.openCents + i.costsOpenCents + i.interestOpenCents });
  const invSelect = { id: true, number: true, debtorId: true, dueDate: true, openCents: true, costsOpenCents: true, interestOpenCents: true } as const;
  const debSelect = { id: true, customerNumber: true, name: true, iban: true } as const;
  for (let i = 0; i < tokens.length; i += 500) {
    const chunk = tokens.slice(i, i + 500);
    for (const inv of await db.invoice.findMany({ where: { number: { in: chunk } }, select: invSelect })) {
      const m = toMatch(inv);
      invoicesByNumber.set(inv.number.toUpperCase(), m);
      invoicesByNumber.set(inv.number.toUpperCase().replace(/-/g, ""), m);
    }
    for (const d of await db.debtor.findMany({ where: { customerNumber: { in: chunk } }, select: debSelect })) debtorsByCustomerNumber.set(d.customerNumber.toUpperCase(), d);
  }
  // Invoice numbers written without their dash ("F2026000123") are found by the dashed form too.
  const undashed = tokens.filter((t) => /^[A-Z]+\d{10,}$/.test(t)).map((t) => t.replace(/^([A-Z]+\d{4})(\d+)$/, "$1-$2"));
  for (let i = 0; i < undashed.length; i += 500) {
    for (const inv of await db.invoice.findMany({ where: { number: { in: undashed.slice(i, i + 500) } }, select: invSelect })) invoicesByNumber.set(inv.number.toUpperCase().replace(/-/g, ""), toMatch(inv));
  }
  for (let i = 0; i < ibans.length; i += 500) for (const d of await db.debtor.findMany({ where: { iban: { in: ibans.slice(i, i + 500) } }, select: debSelect })) if (d.iban) debtorsByIban.set(d.iban, d);
  const debtorIds = [...new Set([...invoicesByNumber.values()].map((i) => i.debtorId).concat([...debtorsByIban.values()].map((d) => d.id)))];
  const openInvoicesByDebtor = new Map<string, MatchInvoice[]>();
  for (let i = 0; i < debtorIds.length; i += 500) {
    for (const inv of await db.invoice.findMany({ where: { debtorId: { in: debtorIds.slice(i, i + 500) }, openCents: { gt: 0 } }, select: invSelect })) {
      openInvoicesByDebtor.set(inv.debtorId, [...(openInvoicesByDebtor.get(inv.debtorId) ?? []), toMatch(inv)]);
    }
  }
  return { invoicesByNumber, openInvoicesByDebtor, debtorsByIban, debtorsByCustomerNumber };
}

/** A line from the review screen: booked on the debtor (and invoices) the controller chose, or set aside with a reason. */
export async function resolveBankLine(
  db: Db,
  actor: Actor,
  input: { lineId: string; version: number } & ({ action: "apply"; customerNumber: string; invoiceNumbers: string[] } | { action: "ignore"; reason: string }),
  ctx: ImportContext,
): Promise<{ debtorId: string | null }> {
  assertCan(actor, "payments:write");
  return db.$transaction(async (tx) => {
    const line = await tx.bankLine.findUnique({ where: { id: input.lineId } });
    if (!line) throw new DomainError("not_found");
    // A line the import matched to a debtor of another portfolio is that portfolio's controller's
    // to book or to set aside: neither ignoring it nor booking it elsewhere is for anyone else.
    if (line.matchDebtorId) {
      const matched = await tx.debtor.findUnique({ where: { id: line.matchDebtorId }, select: { id: true, assignedControllerId: true } });
      if (matched) assertCanWriteDebtor(actor, matched, "payments:write");
    }
    const claimed = await tx.bankLine.updateMany({ where: { id: line.id, version: input.version, status: "review" }, data: { version: { increment: 1 } } });
    if (claimed.count !== 1) throw new DomainError("conflict");
    if (input.action === "ignore") {
      await tx.bankLine.update({ where: { id: line.id }, data: { status: "ignored", matchReason: `manual: ${input.reason}` } });
      await tx.bankStatement.update({ where: { id: line.statementId }, data: { reviewCount: { decrement: 1 } } });
      await audit(tx, { actorId: actor.id, action: "bank.line.ignore", entity: "bankLine", entityId: line.id, data: { reason: input.reason } });
      return { debtorId: null };
    }
    if (line.amountCents <= 0n) throw new DomainError("invalid", undefined, { customerNumber: ["payments.errors.outgoing"] });
    const debtor = await tx.debtor.findUnique({ where: { customerNumber: input.customerNumber }, select: { id: true, iban: true, assignedControllerId: true } });
    if (!debtor) throw new DomainError("invalid", undefined, { customerNumber: ["payments.errors.unknownCustomer"] });
    // Money is booked only onto a debtor the actor may write on (own portfolio or unassigned).
    await writableDebtor(tx, actor, debtor.id, "payments:write");
    const invoices = input.invoiceNumbers.length ? await tx.invoice.findMany({ where: { number: { in: input.invoiceNumbers }, debtorId: debtor.id }, select: { id: true, number: true } }) : [];
    if (invoices.length !== new Set(input.invoiceNumbers).size) throw new DomainError("invalid", undefined, { invoiceNumbers: ["payments.errors.unknownInvoice"] });
    const paid = await applyPayment(tx, { debtorId: debtor.id, amountCents: line.amountCents, currency: line.currency, valueDate: line.valueDate, reference: line.description.slice(0, 140) || null, method: "bank_transfer", source: "bank_import", preferredInvoiceIds: input.invoiceNumbers.map((n) => invoices.find((i) => i.number === n)!.id), actorId: actor.id, today: ctx.today, now: ctx.now });
    await tx.bankLine.update({ where: { id: line.id }, data: { status: "applied", matchDebtorId: debtor.id, paymentId: paid.paymentId, matchReason: "manual" } });
    // The account is learnt, so the next payment from it matches by itself.
    if (!debtor.iban && line.counterpartyIban) await tx.debtor.update({ where: { id: debtor.id }, data: { iban: line.counterpartyIban } });
    await tx.bankStatement.update({ where: { id: line.statementId }, data: { appliedCount: { increment: 1 }, reviewCount: { decrement: 1 } } });
    await audit(tx, { actorId: actor.id, action: "bank.line.apply", entity: "bankLine", entityId: line.id, data: { debtorId: debtor.id, paymentId: paid.paymentId } });
    return { debtorId: debtor.id };
  });
}
