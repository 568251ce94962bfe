import { z } from "zod";
import { statementPdf } from "@/lib/documents/statement-document";
import { idField } from "@/lib/validation/fields";
import { documentContext } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

/** A debtor's statement of account as of today, as a PDF in the debtor's language. */
export const GET = createRoute({
  permission: "debtors:read",
  params: z.object({ debtorId: idField }),
  handler: async ({ db, user, params }) => {
    const file = await statementPdf(db, user, { debtorId: params.debtorId }, await documentContext());
    return { file: file.bytes, contentType: "application/pdf", fileName: file.filename };
  },
});
