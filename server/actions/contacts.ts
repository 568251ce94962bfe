"use server";

import { revalidatePath } from "next/cache";
import { EditContactInput, RemoveContactInput } from "@/lib/debtors/debtor-schemas";
import { removeContact, updateContact } from "@/lib/debtors/manage-debtors";
import { createAction } from "@/server/create-action";

export const editContactAction = createAction({
  input: EditContactInput,
  permission: "debtors:write",
  handler: async ({ contactId, ...fields }, { user, db }) => {
    const r = await updateContact(db, user, contactId, fields);
    revalidatePath(`/debtors/${r.debtorId}`);
    return { version: r.version };
  },
});

export const removeContactAction = createAction({
  input: RemoveContactInput,
  permission: "debtors:write",
  handler: async (input, { user, db }) => {
    const r = await removeContact(db, user, input);
    revalidatePath(`/debtors/${r.debtorId}`);
    return r;
  },
});
