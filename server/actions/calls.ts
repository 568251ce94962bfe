"use server";

import { revalidatePath } from "next/cache";
import { createAction } from "@/server/create-action";
import { env } from "@/lib/env/env";
import { runOutboxPass } from "@/server/jobs/outbox";
import { smtpConfig } from "@/lib/email/smtp-config";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { finishCall, saveCallDraft, sendSummary, startCall, type CallContext } from "@/lib/calls/call-use-cases";
import { FinishCallInput, SaveCallDraftInput, SendSummaryInput, StartCallInput } from "@/lib/calls/call-schemas";

function callContext(): CallContext {
  const timeZone = env().APP_TIME_ZONE;
  const smtp = smtpConfig();
  return {
    today: calendarDateIn(new Date(), timeZone),
    timeZone,
    creditorName: process.env.CREDITOR_NAME?.trim() || "Dunning Workbench",
    messageIdDomain: smtp?.messageIdDomain ?? "dunning.local",
    smtpConfigured: smtp !== null,
  };
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
    const r = await finishCall(db, user, input, callContext());
    const call = await db.callLog.findUnique({ where: { id: r.callId }, select: { debtorId: true } });
    if (call) revalidatePath(`/debtors/${call.debtorId}`);
    return r;
  },
});

export const sendSummaryAction = createAction({
  input: SendSummaryInput,
  permission: "calls:write",
  handler: async (input, { user, db }) => {
    const r = await sendSummary(db, user, input, callContext());
    // Send at once when SMTP is configured; failures stay in the outbox for the worker's retries.
    if (r.status === "pending") await runOutboxPass([r.emailId]).catch((e: unknown) => console.error("[outbox]", e instanceof Error ? e.message : e));
    const email = await db.emailOutbox.findUnique({ where: { id: r.emailId }, select: { status: true, debtorId: true } });
    if (email?.debtorId) revalidatePath(`/debtors/${email.debtorId}`);
    return { emailId: r.emailId, status: email?.status ?? r.status };
  },
});
