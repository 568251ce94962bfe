"use server";

import { revalidatePath } from "next/cache";
import { officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";
import { AssignRowInput, ClaimRowInput, InsurerNotifiedInput, SnoozeRowInput } from "@/lib/worklist/worklist-schemas";
import { assignRow, claimRow, recordInsurerNotified, snoozeRow } from "@/lib/worklist/worklist-use-cases";

export const claimRowAction = createAction({
  input: ClaimRowInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await claimRow(db, user, input);
    revalidatePath("/worklist");
    return r;
  },
});

export const assignRowAction = createAction({
  input: AssignRowInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await assignRow(db, user, input);
    revalidatePath("/worklist");
    return r;
  },
});

export const snoozeRowAction = createAction({
  input: SnoozeRowInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await snoozeRow(db, user, input, officeClock());
    revalidatePath("/worklist");
    return r;
  },
});

export const insurerNotifiedAction = createAction({
  input: InsurerNotifiedInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await recordInsurerNotified(db, user, input, officeClock());
    revalidatePath("/worklist");
    revalidatePath(`/debtors/${input.debtorId}`);
    return r;
  },
});
