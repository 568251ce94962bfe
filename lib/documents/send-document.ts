import { audit } from "@/lib/audit/audit";
import { writableDebtor, type Actor } from "@/lib/auth/guards";
import type { Db } from "@/lib/db/client";
import { isUniqueViolation } from "@/lib/db/transaction";
import { enqueueEmail, type MailSetup } from "@/lib/email/outbox";
import { DomainError } from "@/lib/errors/domain-error";
import type { DocumentContext, DocumentFile } from "./document-layout";
import type { SendDocumentInput } from "./document-schemas";
import { invoiceCopyPdf } from "./invoice-copy-document";
import { statementPdf } from "./statement-document";

export type SentDocument = { emailId: string; debtorId: string; status: string; filename: string };

/**
 * A statement of account or a copy of an invoice, e-mailed to one of the debtor's contacts (never
 * a typed address) with the PDF attached, in the debtor's language. The PDF is made once and kept
 * with the message, so a retry after the mail server was down sends the document of the moment it
 * was asked for. The form's key makes a repeated click, or a replay after a lost reply, one message.
 */
export async function sendDocument(db: Db, actor: Actor, input: SendDocumentInput, ctx: DocumentContext & { mail: MailSetup }): Promise<SentDocument> {
  await writableDebtor(db, actor, input.debtorId, "calls:write");
  const key = `document:${input.idempotencyKey}`;
  const earlier = await db.emailOutbox.findUnique({ where: { idempotencyKey: key }, select: { id: true, status: true, debtorId: true, attachments: { select: { filename: true } } } });
  if (earlier) {
    if (earlier.debtorId !== input.debtorId) throw new DomainError("conflict", "key used for another debtor");
    return { emailId: earlier.id, debtorId: input.debtorId, status: earlier.status, filename: earlier.attachments[0]?.filename ?? "" };
  }
  const contact = await db.contact.findUnique({ where: { id: input.contactId }, select: { debtorId: true, email: true, name: true } });
  if (!contact || contact.debtorId !== input.debtorId) throw new DomainError("invalid", "contact of another debtor", { contactId: ["documents.errors.contact"] });
  if (!contact.email) throw new DomainError("invalid", "contact without e-mail", { contactId: ["validation.contactNoEmail"] });

  let file: DocumentFile;
  if (input.document === "invoice_copy") {
    const copy = await invoiceCopyPdf(db, actor, { invoiceId: input.invoiceId ?? "" }, ctx);
    if (copy.debtorId !== input.debtorId) throw new DomainError("not_found");
    file = copy;
  } else {
    file = await statementPdf(db, actor, { debtorId: input.debtorId }, ctx);
  }

  const email = {
    debtorId: input.debtorId,
    to: { address: contact.email, name: contact.name },
    subject: file.email.subject,
    body: file.email.body,
    kind: "document" as const,
    state: "send" as const,
    idempotencyKey: key,
    createdById: actor.id,
    attachments: [{ filename: file.filename, contentType: "application/pdf", content: file.bytes }],
  };
  let emailId: string;
  try {
    emailId = await db.$transaction(async (tx) => {
      const id = await enqueueEmail(tx, email, ctx.mail);
      await audit(tx, { actorId: actor.id, action: "email.document", entity: "debtor", entityId: input.debtorId, data: { emailId: id, document: input.document, invoiceId: input.invoiceId ?? null, to: contact.email, filename: file.filename } });
      return id;
    });
  } catch (e) {
    // Two copies of the same request at once: the first one's message is the answer.
    if (!isUniqueViolation(e)) throw e;
    emailId = (await db.emailOutbox.findUniqueOrThrow({ where: { idempotencyKey: key }, select: { id: true } })).id;
  }
  return { emailId, debtorId: input.debtorId, status: ctx.mail.smtpConfigured ? "pending" : "not_configured", filename: file.filename };
}
