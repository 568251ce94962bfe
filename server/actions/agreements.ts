"use server";

import { revalidatePath } from "next/cache";
import { creditor, mailSetup, officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";
import { decidePlan } from "@/lib/agreements/approve-plan";
import { ChangeAgreementInput, DecidePlanInput } from "@/lib/agreements/agreement-schemas";
import { changeAgreement } from "@/lib/agreements/change-agreement";

export const decidePlanAction = createAction({
  input: DecidePlanInput,
  permission: "agreements:approve",
  handler: async (input, { user, db }) => {
    const r = await decidePlan(db, user, input, officeClock());
    revalidatePath("/worklist");
    return r;
  },
});

export const changeAgreementAction = createAction({
  input: ChangeAgreementInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await changeAgreement(db, user, input, { ...officeClock(), ...mailSetup(), creditorName: (await creditor()).name });
    revalidatePath(`/debtors/${r.debtorId}`);
    revalidatePath("/worklist");
    return r;
  },
});
