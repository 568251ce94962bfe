"use server";

import { revalidatePath } from "next/cache";
import { savePolicy, setDebtorDunning } from "@/lib/dunning/dunning-policy";
import { AddRateInput, PreviewDunningInput, RunDunningInput, SavePolicyInput, SetDebtorDunningInput } from "@/lib/dunning/dunning-schemas";
import { addRate } from "@/lib/dunning/rate-store";
import { createAction } from "@/server/create-action";
import { previewDunningNow, runDunningNow } from "@/server/jobs/dunning";
import { wakeOutbox } from "@/server/jobs/outbox";

export const savePolicyAction = createAction({
  input: SavePolicyInput,
  permission: "policy:write",
  handler: async (input, { user, db }) => {
    const r = await savePolicy(db, user, input);
    revalidatePath("/dunning");
    return r;
  },
});

/** Today's run as a dry run: who gets what, with the amounts; writes nothing (the use case checks the right). */
export const previewDunningAction = createAction({
  input: PreviewDunningInput,
  permission: "policy:write",
  handler: async (_input, { user }) => previewDunningNow(user),
});

export const runDunningAction = createAction({
  input: RunDunningInput,
  permission: "policy:write",
  handler: async (_input, { user }) => {
    const r = await runDunningNow(user);
    wakeOutbox();
    revalidatePath("/dunning");
    revalidatePath("/worklist");
    return r;
  },
});

export const addRateAction = createAction({
  input: AddRateInput,
  permission: "policy:write",
  handler: async (input, { user, db }) => {
    await addRate(db, user, input);
    revalidatePath("/dunning");
    return null;
  },
});

/** Pause or own policy for one debtor: whoever may write on the debtor (checked by the use case). */
export const setDebtorDunningAction = createAction({
  input: SetDebtorDunningInput,
  permission: "debtors:write",
  handler: async (input, { user, db }) => {
    const r = await setDebtorDunning(db, user, input);
    revalidatePath(`/debtors/${input.debtorId}`);
    return r;
  },
});
