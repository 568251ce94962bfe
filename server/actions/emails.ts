"use server";

import { revalidatePath } from "next/cache";
import { ResendEmailInput } from "@/lib/email/email-schemas";
import { resendEmail } from "@/lib/email/resend-email";
import { mailSetup } from "@/server/context";
import { createAction } from "@/server/create-action";
import { wakeOutbox } from "@/server/jobs/outbox";

export const resendEmailAction = createAction({
  input: ResendEmailInput,
  permission: "debtors:write",
  handler: async (input, { user, db }) => {
    const r = await resendEmail(db, user, input, mailSetup());
    if (r.status === "pending") wakeOutbox([r.emailId]);
    revalidatePath(`/debtors/${r.debtorId}`);
    return { emailId: r.emailId };
  },
});
