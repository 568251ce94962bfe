"use server";

import { revalidatePath } from "next/cache";
import { eraseConsumerDebtor, eraseContact } from "@/lib/privacy/erase";
import { EraseConsumerDebtorInput, EraseContactInput } from "@/lib/privacy/privacy-schemas";
import { createAction } from "@/server/create-action";

/** Erases one contact's personal data (art. 17 GDPR); refused with the reasons while the claim is open. */
export const eraseContactAction = createAction({
  input: EraseContactInput,
  permission: "privacy:manage",
  handler: async (input, { user, db }) => {
    const r = await eraseContact(db, user, input);
    // The name shows on the worklist, the debtor list and the dashboard as well.
    revalidatePath("/", "layout");
    return { status: r.status, pseudonym: r.pseudonym };
  },
});

/** Erases a consumer debtor (the person) with their contacts; refused with the reasons while the claim is open. */
export const eraseConsumerDebtorAction = createAction({
  input: EraseConsumerDebtorInput,
  permission: "privacy:manage",
  handler: async (input, { user, db }) => {
    const r = await eraseConsumerDebtor(db, user, input);
    // The name shows on the worklist, the debtor list and the dashboard as well.
    revalidatePath("/", "layout");
    return { status: r.status, pseudonym: r.pseudonym };
  },
});
