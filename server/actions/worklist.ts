"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/server/create-action";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
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
    const timeZone = env().APP_TIME_ZONE;
    const r = await snoozeTask(db, user, input, { today: calendarDateIn(new Date(), timeZone), timeZone });
    revalidatePath("/worklist");
    return r;
  },
});
