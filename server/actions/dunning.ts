"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/server/create-action";
import { canWriteDebtor } from "@/lib/auth/roles";
import { DomainError } from "@/lib/db/domain-error";
import { runOutboxPass } from "@/server/jobs/outbox";
import { savePolicy, setDebtorDunning } from "@/lib/dunning/dunning-policy";
import { AddRateInput, RunDunningInput, SavePolicyInput, SetDebtorDunningInput } from "@/lib/dunning/dunning-schemas";
import { runDunningToday } from "@/server/jobs/dunning";
import { addRate } from "@/lib/dunning/rate-store";

export const savePolicyAction = createAction({
  input: SavePolicyInput,
  permission: "policy:write",
  handler: async (input, { user, db }) => {
    const r = await savePolicy(db, user, input);
    revalidatePath("/dunning");
    return r;
  },
});

export const runDunningAction = createAction({
  input: RunDunningInput,
  permission: "policy:write",
  handler: async (_input, { user }) => {
    const r = await runDunningToday(user.id);
    await runOutboxPass().catch((e: unknown) => console.error("[outbox]", e instanceof Error ? e.message : e));
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

/** Pause or own policy for one debtor: whoever may write on the debtor. */
export const setDebtorDunningAction = createAction({
  input: SetDebtorDunningInput,
  permission: "debtors:write",
  handler: async (input, { user, db }) => {
    const debtor = await db.debtor.findUnique({ where: { id: input.debtorId }, select: { assignedControllerId: true } });
    if (!debtor) throw new DomainError("not_found");
    if (!canWriteDebtor(user, debtor)) throw new DomainError("forbidden");
    const r = await setDebtorDunning(db, user, input);
    revalidatePath(`/debtors/${input.debtorId}`);
    return r;
  },
});
