/**
 * The hand-written SQL floor of `npm run bench:load -- --sequential N`: the data the debtor page
 * and the worklist show, read with hand-written SQL straight through the driver (better-sqlite3
 * or pg; statements prepared once, as a tuned hand-written app would), with no ORM and no
 * rendering. A page's time is compared with this floor plus the page without data (the app
 * shell around a one-line page) measured in the same run.
 *
 * What each floor reads, per view:
 * - both: the session with its user (one join) and the broken-promises badge of the menu;
 * - debtor page: the debtor, its contacts, its open invoices, its holding disputes with their
 *   invoice numbers, its open agreements with instalments and invoice numbers, the user's call
 *   draft, summary e-mails, the dunning ladder of its policy, the payment behaviour (last payments,
 *   paid invoices' days late, broken agreements in 12 months), the numbers called and the 60 newest
 *   history entries of every kind with their authors, allocations and attachments;
 * - worklist: for the 25 rows on screen (the controller's debtors with most overdue, standing in
 *   for the kept ranking, which the app does not recompute per view either): each debtor with its
 *   primary contact, its open tasks, its overdue sum, a running 14-day letter, and the colleagues
 *   who may hold it.
 */
import Database from "better-sqlite3";
import pg from "pg";
import { providerOf, sqlitePath } from "@/lib/db/client";

type Row = Record<string, unknown>;
type Sql = { all(sql: string, args: unknown[]): Promise<Row[]>; instant(d: Date): unknown; close(): Promise<void> };

function sqliteSql(url: string): Sql {
  const db = new Database(sqlitePath(url), { readonly: true });
  db.pragma("mmap_size = 268435456");
  db.pragma("cache_size = -65536");
  const kept = new Map<string, Database.Statement>();
  return {
    all: async (sql, args) => {
      let s = kept.get(sql);
      if (!s) kept.set(sql, (s = db.prepare(sql)));
      return s.all(...args) as Row[];
    },
    // Stored as milliseconds since 1970 (the adapter's unixepoch-ms).
    instant: (d) => d.getTime(),
    close: async () => void db.close(),
  };
}

function postgresSql(url: string): Sql {
  const u = new URL(url);
  const schema = u.searchParams.get("schema");
  u.searchParams.delete("schema");
  const pool = new pg.Pool({ connectionString: u.toString(), max: 2, ...(schema ? { options: `-c search_path="${schema.replace(/"/g, "")}"` } : {}) });
  let n = 0;
  const names = new Map<string, string>();
  return {
    all: async (sql, args) => {
      let i = 0;
      const text = sql.replace(/\?/g, () => `$${++i}`);
      let name = names.get(text);
      if (!name) names.set(text, (name = `floor_${++n}`));
      return (await pool.query({ name, text, values: args })).rows as Row[];
    },
    instant: (d) => d,
    close: () => pool.end(),
  };
}

export type SqlFloor = {
  /** Reads what the debtor page shows; returns the number of rows read. */
  debtorPage(sessionToken: string, userId: string, debtorId: string): Promise<number>;
  /** Reads what the worklist's rows on screen show; returns the number of rows read. */
  worklist(sessionToken: string, userId: string): Promise<number>;
  close(): Promise<void>;
};

export function sqlFloor(url: string, today: string): SqlFloor {
  const sql = providerOf(url) === "postgresql" ? postgresSql(url) : sqliteSql(url);
  const ids = (n: number) => Array.from({ length: n }, () => "?").join(",");
  const yearAgo = () => new Date(Date.now() - 365 * 86_400_000);
  const shell = (token: string, userId: string) =>
    Promise.all([
      sql.all(
        `SELECT s."id", s."expiresAt", s."twoFactorPending", u."id" AS "userId", u."name", u."email", u."role", u."locale", u."active", u."mustChangePassword", u."twoFactorEnabledAt"
         FROM "session" s JOIN "user" u ON u."id" = s."userId" WHERE s."token" = ?`,
        [token],
      ),
      sql.all(
        `SELECT COUNT(*) AS n FROM "Task" WHERE "status" = 'open' AND "type" = 'callback' AND ("note" = 'broken_promise' OR "note" LIKE 'broken_promise: %')
         AND "assigneeId" = ? AND ("snoozedUntil" IS NULL OR "snoozedUntil" < ?)`,
        [userId, sql.instant(new Date())],
      ),
    ]);
  const count = (sets: Row[][]) => sets.reduce((n, s) => n + s.length, 0);
  const TIMELINE = 60;

  return {
    async debtorPage(token, userId, debtorId) {
      const sets = await Promise.all([
        ...(await shell(token, userId)),
        sql.all(`SELECT * FROM "Debtor" WHERE "id" = ?`, [debtorId]),
        sql.all(`SELECT * FROM "Contact" WHERE "debtorId" = ? ORDER BY "isPrimaryForPayments" DESC, "name"`, [debtorId]),
        sql.all(
          `SELECT i."id", i."number", i."issueDate", i."dueDate", i."currency", i."amountCents", i."openCents", i."costsOpenCents", i."interestOpenCents", i."dunningLevel", i."lastDunnedOn"
           FROM "Invoice" i WHERE i."debtorId" = ? AND (i."openCents" > 0 OR i."costsOpenCents" > 0 OR i."interestOpenCents" > 0) ORDER BY i."dueDate", i."id"`,
          [debtorId],
        ),
        sql.all(`SELECT d.*, i."number" FROM "Dispute" d JOIN "Invoice" i ON i."id" = d."invoiceId" WHERE d."debtorId" = ? AND d."status" IN ('open', 'credit_expected') ORDER BY d."openedOn", d."id"`, [debtorId]),
        sql.all(
          `SELECT a."id", a."version", a."kind", a."totalCents", a."currency", a."needsApproval", n."seq", n."dueDate", n."amountCents", n."status"
           FROM "Agreement" a LEFT JOIN "Instalment" n ON n."agreementId" = a."id" WHERE a."debtorId" = ? AND a."status" = 'open' ORDER BY a."createdAt", a."id", n."seq"`,
          [debtorId],
        ),
        sql.all(`SELECT ai."agreementId", i."number" FROM "AgreementInvoice" ai JOIN "Agreement" a ON a."id" = ai."agreementId" JOIN "Invoice" i ON i."id" = ai."invoiceId" WHERE a."debtorId" = ? AND a."status" = 'open'`, [debtorId]),
        sql.all(`SELECT * FROM "CallLog" WHERE "debtorId" = ? AND "authorId" = ? AND "status" = 'draft' ORDER BY "startedAt" DESC LIMIT 1`, [debtorId, userId]),
        sql.all(`SELECT * FROM "EmailOutbox" WHERE "debtorId" = ? AND "kind" = 'agreement_summary' AND ("status" <> 'sent' OR "createdById" = ?) ORDER BY "createdAt" DESC LIMIT 5`, [debtorId, userId]),
        sql.all(
          `SELECT p."id", p."name", p."remindAfterHandover", s."level", s."code", s."offsetDays", s."channel", s."template" FROM "Debtor" d
           JOIN "DunningPolicy" p ON p."id" = COALESCE(d."dunningPolicyId", (SELECT x."id" FROM "DunningPolicy" x WHERE x."isDefault" = TRUE LIMIT 1))
           JOIN "DunningStep" s ON s."policyId" = p."id" WHERE d."id" = ? ORDER BY s."level"`,
          [debtorId],
        ),
        sql.all(`SELECT "valueDate", "amountCents" FROM "Payment" WHERE "debtorId" = ? ORDER BY "valueDate" DESC LIMIT 12`, [debtorId]),
        sql.all(
          `SELECT i."id", i."dueDate", i."amountCents", MAX(p."valueDate") AS "paidOn" FROM "Invoice" i JOIN "PaymentAllocation" a ON a."invoiceId" = i."id" JOIN "Payment" p ON p."id" = a."paymentId"
           WHERE i."debtorId" = ? AND i."openCents" = 0 GROUP BY i."id", i."dueDate", i."amountCents" ORDER BY "paidOn" DESC LIMIT 24`,
          [debtorId],
        ),
        sql.all(`SELECT COUNT(*) AS n FROM "Agreement" WHERE "debtorId" = ? AND "status" = 'broken' AND "updatedAt" >= ?`, [debtorId, sql.instant(yearAgo())]),
        sql.all(`SELECT "phoneUsed", MAX("startedAt") AS "at" FROM "CallLog" WHERE "debtorId" = ? AND "status" = 'final' AND "phoneUsed" IS NOT NULL GROUP BY "phoneUsed"`, [debtorId]),
        // The history: 60 newest of each kind (the page shows the 60 newest of all).
        sql.all(`SELECT c.*, u."name" AS "authorName" FROM "CallLog" c JOIN "user" u ON u."id" = c."authorId" WHERE c."debtorId" = ? AND c."status" = 'final' ORDER BY c."startedAt" DESC, c."id" DESC LIMIT ${TIMELINE}`, [debtorId]),
        sql.all(
          `SELECT a.*, u."name" AS "authorName", n."seq", n."dueDate", n."amountCents" AS "instalmentCents", n."status" AS "instalmentStatus" FROM "Agreement" a JOIN "user" u ON u."id" = a."createdById"
           LEFT JOIN "Instalment" n ON n."agreementId" = a."id" WHERE a."id" IN (SELECT "id" FROM "Agreement" WHERE "debtorId" = ? ORDER BY "createdAt" DESC, "id" DESC LIMIT ${TIMELINE})`,
          [debtorId],
        ),
        sql.all(
          `SELECT p.*, a."invoiceId", a."kind", a."amountCents" AS "allocatedCents", i."number", i."openCents" FROM "Payment" p LEFT JOIN "PaymentAllocation" a ON a."paymentId" = p."id" LEFT JOIN "Invoice" i ON i."id" = a."invoiceId"
           WHERE p."id" IN (SELECT "id" FROM "Payment" WHERE "debtorId" = ? ORDER BY "valueDate" DESC, "id" DESC LIMIT ${TIMELINE})`,
          [debtorId],
        ),
        sql.all(`SELECT d.*, i."number", i."currency" FROM "Dispute" d JOIN "Invoice" i ON i."id" = d."invoiceId" WHERE d."debtorId" = ? ORDER BY d."openedOn" DESC, d."id" DESC LIMIT ${TIMELINE}`, [debtorId]),
        sql.all(`SELECT "id", "sentAt", "level", "channel", "invoiceNumbers", "subject" FROM "DunningCommunication" WHERE "debtorId" = ? ORDER BY "sentAt" DESC, "id" DESC LIMIT ${TIMELINE}`, [debtorId]),
        sql.all(
          `SELECT e."id", e."createdAt", e."subject", e."toAddress", e."status", e."attempts", e."nextAttemptAt", e."lastError", t."filename" FROM "EmailOutbox" e LEFT JOIN "EmailAttachment" t ON t."emailId" = e."id"
           WHERE e."id" IN (SELECT "id" FROM "EmailOutbox" WHERE "debtorId" = ? AND "status" <> 'draft' ORDER BY "createdAt" DESC, "id" DESC LIMIT ${TIMELINE})`,
          [debtorId],
        ),
      ]);
      return count(sets);
    },

    async worklist(token, userId) {
      const [session, badge] = await shell(token, userId);
      // The rows on screen (see above): not timed apart, it is part of the floor's view too.
      const shown = (
        await sql.all(`SELECT "id" FROM "Debtor" WHERE "assignedControllerId" = ? AND "openCents" > 0 ORDER BY "openCents" DESC, "id" LIMIT 25`, [userId])
      ).map((r) => String(r.id));
      const list = ids(shown.length || 1);
      const args = shown.length ? shown : [""];
      const sets = await Promise.all([
        sql.all(
          `SELECT d."id", d."name", d."customerNumber", d."timeZone", d."country", d."openCents", d."creditLimitCents", d."assignedControllerId", c."preferredCallTimes"
           FROM "Debtor" d LEFT JOIN "Contact" c ON c."debtorId" = d."id" AND c."isPrimaryForPayments" = TRUE WHERE d."id" IN (${list})`,
          args,
        ),
        sql.all(`SELECT "id", "version", "type", "note", "dueAt", "assigneeId", "debtorId", "agreementId" FROM "Task" WHERE "debtorId" IN (${list}) AND "status" = 'open'`, args),
        sql.all(`SELECT "debtorId", SUM("openCents") AS cents, MIN("dueDate") AS oldest FROM "Invoice" WHERE "debtorId" IN (${list}) AND "openCents" > 0 AND "dueDate" < ? GROUP BY "debtorId"`, [...args, today]),
        sql.all(`SELECT "debtorId", "payByDate" FROM "DunningCommunication" WHERE "debtorId" IN (${list}) AND "template" = 'fourteen_day_letter' AND "payByDate" >= ?`, [...args, today]),
        sql.all(`SELECT "id", "name" FROM "user" WHERE "role" = 'controller' AND "active" = TRUE ORDER BY "name"`, []),
      ]);
      return count([session!, badge!, ...sets]);
    },

    close: () => sql.close(),
  };
}
