"use server";

import { revalidatePath } from "next/cache";
import { officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";
import { ClaimTaskInput, ReassignTaskInput, SnoozeTaskInput } from "@/lib/worklist/worklist-schemas";
import { claimTask, reassignTask, snoozeTask } from "@/lib/worklist/worklist-use-cases";

export const claimTaskAction = createAction({
  input: ClaimTaskInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await claimTask(db, user, input);
    revalidatePath("/worklist");
    return r;
  },
});

export const reassignTaskAction = createAction({
  input: ReassignTaskInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await reassignTask(db, user, input);
    revalidatePath("/worklist");
    return r;
  },
});

export const snoozeTaskAction = createAction({
  input: SnoozeTaskInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await snoozeTask(db, user, input, officeClock());
    revalidatePath("/worklist");
    return r;
  },
});
