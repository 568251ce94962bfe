"use server";

import { revalidatePath } from "next/cache";
import { ResolveDisputeInput } from "@/lib/disputes/dispute-schemas";
import { resolveDispute } from "@/lib/disputes/resolve-dispute";
import { officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";

export const resolveDisputeAction = createAction({
  input: ResolveDisputeInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await resolveDispute(db, user, input, officeClock());
    revalidatePath(`/debtors/${r.debtorId}`);
    revalidatePath("/worklist");
    return r;
  },
});
