import { audit } from "@/lib/audit/audit";
import type { Db, DbOrTx } from "@/lib/db/client";
import { releaseDraft, type MailSetup } from "@/lib/email/outbox";
import { DomainError } from "@/lib/errors/domain-error";
import { writableCallDebtor, type Actor } from "./call-drafts";
import type { SendSummaryInput } from "./call-schemas";

/**
 * Sends the (edited) summary: the draft becomes pending in the outbox. The recipient is one of
 * the debtor's contacts, never free text. Sending twice sends once.
 */
/** Of these summary e-mails (by idempotency key, `summary:<callId>`), the ones whose call's agreement still waits for a manager. */
export async function awaitingApproval(db: DbOrTx, emailKeys: string[]): Promise<Set<string>> {
  const callKeys = emailKeys.filter((k) => k.startsWith("summary:")).map((k) => `call:${k.slice("summary:".length)}`);
  if (callKeys.length === 0) return new Set();
  const waiting = await db.agreement.findMany({ where: { idempotencyKey: { in: callKeys }, needsApproval: true, status: "open" }, select: { idempotencyKey: true } });
  return new Set(waiting.map((a) => `summary:${a.idempotencyKey.slice("call:".length)}`));
}

export async function sendSummary(db: Db, actor: Actor, input: SendSummaryInput, ctx: Pick<MailSetup, "smtpConfigured">): Promise<{ emailId: string; debtorId: string; status: string }> {
  const email = await db.emailOutbox.findUnique({ where: { id: input.emailId }, select: { id: true, debtorId: true, status: true, idempotencyKey: true } });
  if (!email || !email.debtorId) throw new DomainError("not_found");
  await writableCallDebtor(db, actor, email.debtorId);
  if (email.status !== "draft") return { emailId: email.id, debtorId: email.debtorId, status: email.status };
  // A confirmation of a plan outside the room waits for the manager: the debtor must not read an
  // agreement that may still be rejected.
  if ((await awaitingApproval(db, [email.idempotencyKey])).size) throw new DomainError("conflict", "agreement awaits approval", { body: ["summary.awaitingApproval"] });
  const contact = await db.contact.findUnique({ where: { id: input.contactId } });
  if (!contact || contact.debtorId !== email.debtorId) throw new DomainError("invalid", "contact of another debtor", { contactId: ["validation.invalid"] });
  if (!contact.email) throw new DomainError("invalid", "contact without e-mail", { contactId: ["validation.contactNoEmail"] });
  const status = ctx.smtpConfigured ? "pending" : "not_configured";
  const released = await db.$transaction(async (tx) => {
    const ok = await releaseDraft(tx, email.id, { subject: input.subject, body: input.body, toAddress: contact.email!, toName: contact.name }, ctx.smtpConfigured);
    if (ok) await audit(tx, { actorId: actor.id, action: "email.send", entity: "email", entityId: email.id, data: { to: contact.email } });
    return ok;
  });
  if (released) return { emailId: email.id, debtorId: email.debtorId, status };
  // Someone (or a repeated click) released it in between: report what it is now.
  const now = await db.emailOutbox.findUniqueOrThrow({ where: { id: email.id }, select: { status: true } });
  return { emailId: email.id, debtorId: email.debtorId, status: now.status };
}
