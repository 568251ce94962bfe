"use server";

import { revalidatePath } from "next/cache";
import { createApiToken, revokeApiToken } from "@/lib/users/api-tokens";
import { CreateApiTokenInput, RevokeApiTokenInput } from "@/lib/users/user-schemas";
import { createAction } from "@/server/create-action";

/** The user's own personal access tokens for the REST API (settings). */
export const createApiTokenAction = createAction({
  input: CreateApiTokenInput,
  permission: "profile:write",
  handler: async (input, { user, db }) => {
    const r = await createApiToken(db, user, input, new Date());
    revalidatePath("/settings");
    // The only time the token is ever shown.
    return { token: r.token, id: r.row.id };
  },
});

export const revokeApiTokenAction = createAction({
  input: RevokeApiTokenInput,
  permission: "profile:write",
  handler: async (input, { user, db }) => {
    const r = await revokeApiToken(db, user, input.tokenId, new Date());
    revalidatePath("/settings");
    return r;
  },
});
