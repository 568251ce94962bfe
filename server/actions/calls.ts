"use server";

import { revalidatePath } from "next/cache";
import { discardCall, saveCallDraft, startCall, type CallContext } from "@/lib/calls/call-drafts";
import { DiscardCallInput, FinishCallInput, LogContactInput, SaveCallDraftInput, SendSummaryInput, StartCallInput } from "@/lib/calls/call-schemas";
import { logContact } from "@/lib/calls/log-contact";
import { finishCall } from "@/lib/calls/finish-call";
import { sendSummary } from "@/lib/calls/send-summary";
import { creditor, mailSetup, officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";
import { wakeOutbox } from "@/server/jobs/outbox";

async function callContext(): Promise<CallContext> {
  return { ...officeClock(), ...mailSetup(), creditorName: (await creditor()).name };
}

export const startCallAction = createAction({
  input: StartCallInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await startCall(db, user, input);
    revalidatePath(`/debtors/${input.debtorId}`);
    return r;
  },
});

/** Autosave: no revalidation, the panel keeps its own state. */
export const saveCallDraftAction = createAction({
  input: SaveCallDraftInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await saveCallDraft(db, user, input);
    return { version: r.version, savedAt: r.savedAt.toISOString() };
  },
});

export const finishCallAction = createAction({
  input: FinishCallInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await finishCall(db, user, input, await callContext());
    revalidatePath(`/debtors/${r.debtorId}`);
    return r;
  },
});

export const sendSummaryAction = createAction({
  input: SendSummaryInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await sendSummary(db, user, input, mailSetup());
    // Queued in the outbox; the worker sends it right after this reply (never inside the request).
    if (r.status === "pending") wakeOutbox([r.emailId]);
    revalidatePath(`/debtors/${r.debtorId}`);
    return { emailId: r.emailId, status: r.status };
  },
});

export const discardCallAction = createAction({
  input: DiscardCallInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await discardCall(db, user, input);
    revalidatePath(`/debtors/${r.debtorId}`);
    return r;
  },
});

export const logContactAction = createAction({
  input: LogContactInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await logContact(db, user, input, officeClock());
    revalidatePath(`/debtors/${input.debtorId}`);
    return r;
  },
});
