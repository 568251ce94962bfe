import { createHash } from "node:crypto";
import nodemailer, { type SendMailOptions } from "nodemailer";
import MailComposer from "nodemailer/lib/mail-composer";
import type { Db, DbOrTx, Prisma } from "@/lib/db/client";
import type { SmtpConfig } from "@/lib/env/settings";

/**
 * The e-mail outbox. Every message is a row first, written in the same transaction as what
 * caused it; a worker sends it. Exactly once: the row's idempotency key is unique, a row is
 * claimed (pending -> sending) by one worker only, and the Message-ID is derived from the key, so
 * even a resend after a crash carries the same Message-ID and receivers can drop the duplicate.
 *
 * Statuses: draft (written, still being edited) -> pending -> sending -> sent | failed;
 * not_configured when no SMTP server is set up (kept, shown as not delivered, .eml download).
 */
export const OUTBOX_STATUSES = ["draft", "pending", "sending", "sent", "failed", "not_configured"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/**
 * A temporary failure (4xx, connection refused, time-out) is retried for two days: a mail server
 * down for hours loses nothing. Delays grow 30 s, 1, 2, 5 min and then stay at 5 minutes, so the
 * mail goes out within minutes once the server is back. Only after RETRY_FOR_MS is it failed,
 * visibly, for a person to resend.
 */
export const RETRY_FOR_MS = 48 * 3_600_000;
export const BACKOFF_MS = [30_000, 60_000, 120_000, 300_000] as const;
export function retryDelayMs(attempts: number): number {
  return BACKOFF_MS[Math.min(Math.max(attempts, 1) - 1, BACKOFF_MS.length - 1)]!;
}
/** A row left in "sending" this long (a worker died mid-send) is tried again. */
export const STUCK_AFTER_MS = 5 * 60_000;

/** Why a message was written; the outbox's only writers are the ones named here. */
export type EmailKind = "agreement_summary" | "dunning" | "document";
/** A file sent with the message (a PDF the app made): stored with it, so a retry sends the same bytes. */
export type Attachment = { filename: string; contentType: string; content: Uint8Array };
export type MailSetup = { messageIdDomain: string; smtpConfigured: boolean };
export type NewEmail = {
  debtorId: string;
  to: { address: string; name: string | null };
  subject: string;
  body: string;
  kind: EmailKind;
  /** unique per message: the same key twice is the same message (a replay, a rerun) */
  idempotencyKey: string;
  createdById: string | null;
  /** draft: kept for the controller to edit and send; send: queued at once */
  state: "draft" | "send";
  /** not sent before this instant (a message dated the next working day) */
  notBefore?: Date;
  attachments?: Attachment[];
};

/** The outbox row for a new message (for callers that write many at once). */
export function emailRow(e: NewEmail, mail: MailSetup): Prisma.EmailOutboxCreateManyInput {
  return {
    debtorId: e.debtorId,
    toAddress: e.to.address,
    toName: e.to.name,
    subject: headerSafe(e.subject),
    body: e.body,
    kind: e.kind,
    status: e.state === "draft" ? "draft" : mail.smtpConfigured ? "pending" : "not_configured",
    idempotencyKey: e.idempotencyKey,
    messageId: messageIdFor(e.idempotencyKey, mail.messageIdDomain),
    createdById: e.createdById,
    ...(e.notBefore ? { nextAttemptAt: e.notBefore } : {}),
  };
}

/** Writes one message into the outbox, in the caller's transaction; returns its id. */
export async function enqueueEmail(tx: DbOrTx, e: NewEmail, mail: MailSetup): Promise<string> {
  const files = (e.attachments ?? []).map((a) => ({ filename: headerSafe(a.filename), contentType: a.contentType, content: new Uint8Array(a.content) }));
  const row = await tx.emailOutbox.create({ data: { ...emailRow(e, mail), ...(files.length ? { attachments: { create: files } } : {}) }, select: { id: true } });
  return row.id;
}

/** Writes many messages at once (the dunning run's batches). */
export async function enqueueEmails(tx: DbOrTx, list: NewEmail[], mail: MailSetup): Promise<number> {
  if (list.length === 0) return 0;
  return (await tx.emailOutbox.createMany({ data: list.map((e) => emailRow(e, mail)) })).count;
}

export function messageIdFor(idempotencyKey: string, domain: string): string {
  return `<${createHash("sha256").update(idempotencyKey).digest("hex").slice(0, 32)}@${domain}>`;
}

/** Header-safe text: no CR/LF (header injection), trimmed. */
export function headerSafe(value: string): string {
  return value.replace(/[\r\n]+/g, " ").trim();
}

export type MailTransport = { sendMail(message: SendMailOptions): Promise<unknown> };

export function smtpTransport(config: SmtpConfig): MailTransport {
  return nodemailer.createTransport({
    host: config.host,
    port: config.port,
    secure: config.secure,
    requireTLS: config.requireTls,
    auth: config.user ? { user: config.user, pass: config.password ?? "" } : undefined,
    connectionTimeout: 10_000,
    greetingTimeout: 10_000,
    socketTimeout: 20_000,
  });
}

type OutboxRow = { id: string; toAddress: string; toName: string | null; subject: string; body: string; messageId: string; createdAt: Date; attachments?: Attachment[] };

/** What an outbox query selects of a row's attachments, in the order they were added. */
export const ATTACHMENTS_SELECT = { select: { filename: true, contentType: true, content: true }, orderBy: { createdAt: "asc" } } as const;
/** Who a message is from; replies go to `replyTo` when the creditor saved one (settings screen). */
export type Sender = SmtpConfig["from"] & { replyTo?: string | null };

function composeOptions(row: OutboxRow, from: Sender): SendMailOptions {
  return {
    from: { name: headerSafe(from.name), address: from.address },
    ...(from.replyTo && from.replyTo !== from.address ? { replyTo: from.replyTo } : {}),
    to: { name: headerSafe(row.toName ?? ""), address: row.toAddress },
    subject: headerSafe(row.subject),
    text: row.body,
    ...(row.attachments?.length ? { attachments: row.attachments.map((a) => ({ filename: a.filename, contentType: a.contentType, content: Buffer.from(a.content) })) } : {}),
    messageId: row.messageId,
    date: row.createdAt,
    // One recipient, the one on the row: never derived from the text.
    envelope: { from: from.address, to: [row.toAddress] },
  };
}

/** The message as an RFC 5322 .eml file, as it is sent. */
export async function toEml(row: OutboxRow, from: Sender): Promise<Buffer> {
  return new MailComposer(composeOptions(row, from)).compile().build();
}

/**
 * The message as an .eml file to send by hand (when it could not be delivered): a draft. Mail
 * programs open a file with `X-Unsent: 1` as a new message ready to send (Outlook, Apple Mail);
 * a Date or Message-ID would make them show it as received or sent instead, so both are left out
 * (the client stamps its own when it sends).
 */
export async function toDraftEml(row: OutboxRow, from: Sender): Promise<Buffer> {
  const raw = (await toEml(row, from)).toString("latin1");
  const end = raw.indexOf("\r\n\r\n");
  // Header fields with their folded continuation lines (which start with white space).
  const fields = raw.slice(0, end).split(/\r\n(?![ \t])/);
  const kept = fields.filter((f) => !/^(date|message-id):/i.test(f));
  return Buffer.from(["X-Unsent: 1", ...kept].join("\r\n") + raw.slice(end), "latin1");
}

/** Temporary: the server said 4xx, or the connection failed/timed out. Permanent: 5xx and the rest. */
export function isTemporaryFailure(error: unknown): boolean {
  const e = error as { responseCode?: number; code?: string } | null;
  if (e?.responseCode) return e.responseCode >= 400 && e.responseCode < 500;
  return ["ECONNECTION", "ETIMEDOUT", "ESOCKET", "ECONNREFUSED", "ECONNRESET", "EDNS", "ETLS"].includes(e?.code ?? "");
}

export type OutboxRunResult = { sent: number; retried: number; failed: number };

/**
 * Sends what is due: pending rows whose next attempt has come (optionally only `ids`). Each row
 * is claimed with a conditional update, so two workers never send the same row.
 */
export async function processOutbox(
  db: Db,
  transport: MailTransport,
  from: Sender,
  opts: { now?: Date; ids?: string[]; limit?: number } = {},
): Promise<OutboxRunResult> {
  const now = opts.now ?? new Date();
  const result: OutboxRunResult = { sent: 0, retried: 0, failed: 0 };
  // Rows a dead worker left in "sending" go back to pending.
  await db.emailOutbox.updateMany({ where: { status: "sending", updatedAt: { lt: new Date(now.getTime() - STUCK_AFTER_MS) } }, data: { status: "pending" } });
  const due = await db.emailOutbox.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now }, ...(opts.ids ? { id: { in: opts.ids } } : {}) },
    orderBy: { nextAttemptAt: "asc" },
    take: opts.limit ?? 20,
    include: { attachments: ATTACHMENTS_SELECT },
  });
  for (const row of due) {
    const claimed = await db.emailOutbox.updateMany({ where: { id: row.id, status: "pending" }, data: { status: "sending", attempts: { increment: 1 } } });
    if (claimed.count !== 1) continue;
    const attempts = row.attempts + 1;
    try {
      await transport.sendMail(composeOptions(row, from));
      await db.emailOutbox.update({ where: { id: row.id }, data: { status: "sent", sentAt: new Date(), lastError: null } });
      result.sent++;
    } catch (error) {
      const message = headerSafe(error instanceof Error ? error.message : String(error)).slice(0, 500);
      if (isTemporaryFailure(error) && now.getTime() - row.createdAt.getTime() < RETRY_FOR_MS) {
        await db.emailOutbox.update({ where: { id: row.id }, data: { status: "pending", lastError: message, nextAttemptAt: new Date(now.getTime() + retryDelayMs(attempts)) } });
        result.retried++;
      } else {
        await db.emailOutbox.update({ where: { id: row.id }, data: { status: "failed", lastError: message } });
        result.failed++;
      }
    }
  }
  return result;
}

/** Makes a draft the final message and queues it (or keeps it as not delivered without SMTP). */
export async function releaseDraft(
  db: DbOrTx,
  id: string,
  content: { subject: string; body: string; toAddress: string; toName: string | null },
  smtpConfigured: boolean,
): Promise<boolean> {
  const r = await db.emailOutbox.updateMany({
    where: { id, status: "draft" },
    data: { ...content, subject: headerSafe(content.subject), status: smtpConfigured ? "pending" : "not_configured", nextAttemptAt: new Date() },
  });
  return r.count === 1;
}
