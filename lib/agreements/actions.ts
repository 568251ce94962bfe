"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/lib/auth/action";
import { decidePlan } from "./approve-plan";
import { DecidePlanInput } from "./agreement-schemas";

export const decidePlanAction = createAction({
  input: DecidePlanInput,
  permission: "agreements:approve",
  handler: async (input, { user, db }) => {
    const r = await decidePlan(db, user, input, { now: new Date() });
    revalidatePath("/worklist");
    return r;
  },
});
