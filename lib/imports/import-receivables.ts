import { createHash } from "node:crypto";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { settlePromises } from "@/lib/payments/payment-use-cases";
import { applyContacts, contactOf, planContacts, type ContactRow } from "./import-contacts";
import { SOURCE_NAME } from "./import-fields";
import { emptyOutcome, zeroCounts, type ImportContext, type ImportOutcome, type ImportRequest } from "./import-outcome";
import { bookPayments, paymentsOf, planPayments, type PaymentPlan } from "./import-payments";
import { readTableColumns, readTableRows } from "./import-table";
import { applyPlan } from "./receivable-apply";
import { makePlan } from "./receivable-plan";
import { eInvoiceRows, receivableRows, type ReceivableRows } from "./receivable-rows";

export type { ImportContext, ImportCounts, ImportOutcome, ImportRequest, RowError } from "./import-outcome";

/**
 * Loading a company's own receivables from an accounting package's export (or a spreadsheet), and
 * refreshing them every day. Keys are the source's own (customer number, invoice number), kept
 * per source in ExternalKey, so the same file twice changes nothing and a newer file:
 * - creates the debtors and invoices it has that the workbench does not;
 * - updates names, contact data and amounts that changed;
 * - closes invoices of this source that are no longer open, as paid outside the workbench on the
 *   file's date (a principal-only payment: costs and interest booked in the workbench stay);
 * - imports credit notes as open items with negative amounts, and closes them (nothing left to
 *   net) when the books no longer list them;
 * - never deletes anything: calls, agreements, disputes, tasks and dunning history stay linked.
 * A file is checked whole first: one bad row and nothing is written (all or nothing), and the
 * answer lists every bad row by its number. A dry run answers the same plan and writes nothing
 * but its line in the import history. Contacts (import-contacts.ts) and payments received
 * (import-payments.ts) go through the same steps, keyed the same way; payments, once the whole
 * file is found good, are booked in short transactions that a re-run completes without repeats.
 */
export async function importReceivables(db: Db, actor: Actor, req: ImportRequest, ctx: ImportContext): Promise<ImportOutcome> {
  assertCan(actor, "imports:write");
  // Booking money is a payments right too (a manager and an admin have both).
  if (req.kind === "payments") assertCan(actor, "payments:write");
  if (!SOURCE_NAME.test(req.source)) throw new DomainError("invalid", "source", { source: ["imports.errors.source"] });
  const fileDate = req.fileDate ?? ctx.today;
  if (fileDate > ctx.today) throw new DomainError("invalid", "file date in the future", { fileDate: ["imports.errors.futureDate"] });
  const checksum = createHash("sha256").update(req.bytes).digest("hex");

  const outcome = emptyOutcome();
  const finish = async (status: ImportOutcome["status"], tx: Db | Tx = db) => {
    outcome.status = status;
    // In the file's order, whichever check found them.
    outcome.errors.sort((a, b) => a.row - b.row);
    const { debtors: d, invoices: i, contacts: c, payments: p } = outcome;
    const counts = status === "refused" ? zeroCounts() : { created: d.created + i.created + c.created + p.created, updated: d.updated + i.updated + c.updated, closed: i.closed, unchanged: d.unchanged + i.unchanged + c.unchanged + p.unchanged };
    const run = await tx.importRun.create({
      data: {
        source: req.source, kind: req.kind, fileName: req.fileName.slice(0, 200), checksum, fileDate, status, rows: outcome.rows, ...counts, errorCount: outcome.errors.length, actorId: actor.id,
        details: JSON.stringify({ debtors: d, invoices: i, contacts: c, payments: p, errors: outcome.errors.slice(0, 50), mapping: outcome.mapping }),
      },
      select: { id: true },
    });
    outcome.runId = run.id;
    return outcome;
  };
  // The history line, the remembered mapping and the audit entry, with the last of the writes.
  const commit = async (tx: Tx) => {
    await tx.importMapping.upsert({ where: { source_kind: { source: req.source, kind: req.kind } }, create: { source: req.source, kind: req.kind, mapping: JSON.stringify(outcome.mapping) }, update: { mapping: JSON.stringify(outcome.mapping) } });
    const done = await finish("applied", tx);
    const { debtors, invoices, contacts, payments } = done;
    await audit(tx, { actorId: actor.id, action: "import.applied", entity: "importRun", entityId: done.runId, data: { source: req.source, kind: req.kind, checksum, debtors, invoices, contacts, payments } });
    return done;
  };

  if (req.kind === "contacts") {
    const parsed = await readTableRows(db, req, outcome);
    if (!parsed) return finish("refused");
    const rows = parsed.map((r) => contactOf(r, outcome)).filter((r): r is ContactRow => r !== null);
    const plan = await planContacts(db, req.source, rows, outcome);
    if (outcome.errors.length) return finish("refused");
    if (req.dryRun) return finish("dry_run");
    return db.$transaction(
      async (tx) => {
        await applyContacts(tx, req.source, plan, ctx.now);
        return commit(tx);
      },
      { timeout: 120_000, maxWait: 10_000 },
    );
  }
  if (req.kind === "payments") {
    const parsed = await readTableRows(db, req, outcome);
    if (!parsed) return finish("refused");
    const rows = paymentsOf(parsed, ctx.today, outcome);
    const plan: PaymentPlan = await planPayments(db, actor, req.source, rows, outcome);
    if (outcome.errors.length) return finish("refused");
    if (req.dryRun) return finish("dry_run");
    // Checked whole, then booked in short transactions (see bookPayments): a re-run finishes an interrupted one.
    const booked = await bookPayments(db, actor, req.source, plan, ctx, outcome);
    const done = await db.$transaction((tx) => commit(tx), { timeout: 60_000, maxWait: 10_000 });
    await settlePromises(db, booked.debtorIds, { today: ctx.today, now: ctx.now, timeZone: ctx.timeZone ?? "Europe/Amsterdam", graceDays: ctx.graceDays ?? 2 });
    return done;
  }

  // 1-3. The file, its mapping, every row typed (column by column; the raw table is let go as it is typed).
  const phase = ctx.onPhase ?? (() => {});
  let rows: ReceivableRows | null;
  if (req.kind === "e_invoices") rows = eInvoiceRows(req, outcome);
  else {
    const typed = await readTableColumns(db, req, outcome);
    phase("read");
    rows = typed && receivableRows(typed, req.kind === "debtors", outcome);
  }
  phase("rows");
  if (!rows) return finish("refused");

  // 4. The plan against what the workbench holds.
  const plan = await makePlan(db, req, rows, fileDate, outcome);
  phase("plan");
  if (outcome.errors.length) return finish("refused");
  if (req.dryRun) return finish("dry_run");

  // 5. All of it, or none of it.
  return db.$transaction(
    async (tx) => {
      await applyPlan(tx, actor, req, plan, fileDate, phase);
      const done = await commit(tx);
      phase("commit");
      return done;
    },
    { timeout: 600_000, maxWait: 10_000 },
  );
}
