import { assertCan, type Actor } from "@/lib/auth/guards";
import type { DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { invoiceCopyEmail } from "./document-email";
import { MAX_ID_LENGTH, safeFileName, type DocumentContext, type DocumentFile } from "./document-layout";
import { loadInvoiceCopyData } from "./invoice-copy-data";
import { renderInvoiceCopyPdf } from "./invoice-copy-pdf";

/**
 * A copy of one invoice as recorded, as a PDF in its debtor's language, with the e-mail text to
 * send it with and the debtor it belongs to. Every role that may read debtors may make one; an
 * unknown invoice is not_found.
 */
export async function invoiceCopyPdf(db: DbOrTx, actor: Actor, input: { invoiceId: string }, ctx: DocumentContext): Promise<DocumentFile & { debtorId: string }> {
  assertCan(actor, "debtors:read");
  if (!input.invoiceId || input.invoiceId.length > MAX_ID_LENGTH) throw new DomainError("not_found");
  const data = await loadInvoiceCopyData(db, { invoiceId: input.invoiceId }, { today: ctx.today });
  const bytes = await renderInvoiceCopyPdf(data, { creditor: ctx.creditor, logo: ctx.logo });
  return {
    filename: safeFileName(data.language === "nl" ? "kopiefactuur" : "invoice-copy", data.invoice.number),
    bytes,
    language: data.language,
    debtorId: data.debtor.id,
    email: invoiceCopyEmail(data, ctx.creditor),
  };
}
