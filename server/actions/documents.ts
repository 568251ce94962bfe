"use server";

import { revalidatePath } from "next/cache";
import { SendDocumentInput } from "@/lib/documents/document-schemas";
import { sendDocument } from "@/lib/documents/send-document";
import { documentContext, mailSetup } from "@/server/context";
import { createAction } from "@/server/create-action";
import { wakeOutbox } from "@/server/jobs/outbox";

/** E-mails a statement of account or a copy of an invoice, with the PDF attached. */
export const sendDocumentAction = createAction({
  input: SendDocumentInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await sendDocument(db, user, input, { ...(await documentContext()), mail: mailSetup() });
    if (r.status === "pending") wakeOutbox([r.emailId]);
    revalidatePath(`/debtors/${r.debtorId}`);
    if (input.invoiceId) revalidatePath(`/invoices/${input.invoiceId}`);
    return { emailId: r.emailId, status: r.status, filename: r.filename };
  },
});
