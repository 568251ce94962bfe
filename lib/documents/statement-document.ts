import { assertCan, type Actor } from "@/lib/auth/guards";
import type { DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { statementEmail } from "./document-email";
import { MAX_ID_LENGTH, safeFileName, type DocumentContext, type DocumentFile } from "./document-layout";
import { loadStatementData } from "./statement-data";
import { renderStatementPdf } from "./statement-pdf";

export type { DocumentContext, DocumentFile };

/**
 * A debtor's statement of account on `today`, as a PDF in the debtor's language, with the e-mail
 * text to send it with. Every role that may read debtors may make one (reading is not
 * portfolio-bound); an unknown debtor is not_found.
 */
export async function statementPdf(db: DbOrTx, actor: Actor, input: { debtorId: string }, ctx: DocumentContext): Promise<DocumentFile> {
  assertCan(actor, "debtors:read");
  if (!input.debtorId || input.debtorId.length > MAX_ID_LENGTH) throw new DomainError("not_found");
  const data = await loadStatementData(db, { debtorId: input.debtorId }, { today: ctx.today });
  const bytes = await renderStatementPdf(data, { creditor: ctx.creditor, logo: ctx.logo });
  return {
    filename: safeFileName(data.language === "nl" ? "rekeningoverzicht" : "statement", data.debtor.customerNumber, data.date),
    bytes,
    language: data.language,
    email: statementEmail(data, ctx.creditor),
  };
}
