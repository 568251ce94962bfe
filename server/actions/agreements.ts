"use server";

import { revalidatePath } from "next/cache";
import { officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";
import { decidePlan } from "@/lib/agreements/approve-plan";
import { DecidePlanInput } from "@/lib/agreements/agreement-schemas";

export const decidePlanAction = createAction({
  input: DecidePlanInput,
  permission: "agreements:approve",
  handler: async (input, { user, db }) => {
    const r = await decidePlan(db, user, input, officeClock());
    revalidatePath("/worklist");
    return r;
  },
});
