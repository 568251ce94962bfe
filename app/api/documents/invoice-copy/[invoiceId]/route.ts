import { z } from "zod";
import { invoiceCopyPdf } from "@/lib/documents/invoice-copy-document";
import { idField } from "@/lib/validation/fields";
import { documentContext } from "@/server/context";
import { createRoute } from "@/server/create-route";

export const dynamic = "force-dynamic";

/** A copy of one invoice as recorded, as a PDF in its debtor's language. */
export const GET = createRoute({
  permission: "debtors:read",
  params: z.object({ invoiceId: idField }),
  handler: async ({ db, user, params }) => {
    const file = await invoiceCopyPdf(db, user, { invoiceId: params.invoiceId }, await documentContext());
    return { file: file.bytes, contentType: "application/pdf", fileName: file.filename };
  },
});
