import { audit } from "@/lib/audit/audit";
import { writableDebtor, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { ATTACHMENTS_SELECT, enqueueEmail, type EmailKind, type MailSetup } from "./outbox";

/**
 * A message the mail server refused for good, sent again to a corrected address: one of the
 * debtor's contacts (never free text), with the same attachments. The failed message stays as it was, for the record; the
 * form's key makes a repeated click send once.
 */
export async function resendEmail(db: Db, actor: Actor, input: { emailId: string; contactId: string; idempotencyKey: string }, mail: MailSetup): Promise<{ emailId: string; debtorId: string; status: string }> {
  const failed = await db.emailOutbox.findUnique({ where: { id: input.emailId }, select: { id: true, debtorId: true, status: true, subject: true, body: true, kind: true, attachments: ATTACHMENTS_SELECT } });
  if (!failed?.debtorId) throw new DomainError("not_found");
  await writableDebtor(db, actor, failed.debtorId);
  if (failed.status !== "failed") throw new DomainError("conflict", "only a failed message is sent again");
  const key = `resend:${input.idempotencyKey}`;
  const earlier = await db.emailOutbox.findUnique({ where: { idempotencyKey: key }, select: { id: true, status: true } });
  if (earlier) return { emailId: earlier.id, debtorId: failed.debtorId, status: earlier.status };
  const contact = await db.contact.findUnique({ where: { id: input.contactId }, select: { debtorId: true, email: true, name: true } });
  if (!contact || contact.debtorId !== failed.debtorId) throw new DomainError("invalid", "contact of another debtor", { contactId: ["validation.invalid"] });
  if (!contact.email) throw new DomainError("invalid", "contact without e-mail", { contactId: ["validation.contactNoEmail"] });
  const emailId = await db.$transaction(async (tx) => {
    const id = await enqueueEmail(tx, { debtorId: failed.debtorId!, to: { address: contact.email!, name: contact.name }, subject: failed.subject, body: failed.body, kind: failed.kind as EmailKind, state: "send", idempotencyKey: key, createdById: actor.id, attachments: failed.attachments }, mail);
    await audit(tx, { actorId: actor.id, action: "email.resend", entity: "email", entityId: failed.id, data: { newEmailId: id, to: contact.email } });
    return id;
  });
  return { emailId, debtorId: failed.debtorId, status: mail.smtpConfigured ? "pending" : "not_configured" };
}
