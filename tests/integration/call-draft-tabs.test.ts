import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { saveCallDraft, startCall, type Actor } from "@/lib/calls/call-drafts";
import { findOwnDraft } from "@/lib/calls/call-queries";
import { FinishCallInput, SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { createDebtor, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const ctx = { today: "2026-11-23", timeZone: "Europe/Amsterdam", now: new Date(), creditorName: "Test B.V.", messageIdDomain: "test.local", smtpConfigured: false };
const save = (raw: Record<string, unknown>) => SaveCallDraftInput.parse({ writeId: randomUUID(), ...raw });

async function running() {
  const u = await createUser(testDb, "controller");
  const actor: Actor = { id: u.id, role: "controller", name: u.name, email: u.email };
  const debtor = await createDebtor(testDb, { assignedControllerId: u.id });
  const call = await startCall(testDb, actor, { debtorId: debtor.id, idempotencyKey: randomUUID() });
  return { actor, debtor, call };
}

describe("a call's draft", () => {
  it("keeps the result being recorded (a plan's rows) across a reload, and drops it once the call is finished", async () => {
    const { actor, debtor, call } = await running();
    const plan = JSON.stringify({ kind: "plan", amount: "1.500,00", plan: [{ dueDate: "2026-12-01", amount: "750,00" }, { dueDate: "2027-01-01", amount: "750,00" }] });
    const v = await saveCallDraft(testDb, actor, save({ callId: call.callId, version: call.version, notes: "wil in twee delen", draftResult: plan }));
    // The page after a reload reads the draft: the plan's rows are there.
    expect(await findOwnDraft(testDb, debtor.id, actor.id)).toMatchObject({ notes: "wil in twee delen", draftResult: plan });
    // A save that does not carry the result leaves it as it was.
    const v2 = await saveCallDraft(testDb, actor, save({ callId: call.callId, version: v.version, notes: "wil in twee delen, eerste op 1 december" }));
    expect((await findOwnDraft(testDb, debtor.id, actor.id))?.draftResult).toBe(plan);
    await finishCall(testDb, actor, FinishCallInput.parse({ callId: call.callId, version: v2.version, debtorVersion: debtor.version, outcome: "reached", result: { kind: "none" } }), ctx);
    expect(await testDb.callLog.findUniqueOrThrow({ where: { id: call.callId } })).toMatchObject({ status: "final", draftResult: null });
  });

  it("a second tab of the same user is told so (not 'someone else'), and may keep its own text over the draft", async () => {
    const { actor, debtor, call } = await running();
    const tabA = await saveCallDraft(testDb, actor, save({ callId: call.callId, version: call.version, notes: "tabblad A" }));
    // Tab B still holds the first version: its save is refused, and the refusal says it is the user's other tab.
    const refused = saveCallDraft(testDb, actor, save({ callId: call.callId, version: call.version, notes: "tabblad B" }));
    await expect(refused).rejects.toMatchObject({ code: "conflict", fieldErrors: { draft: ["call.otherTab"] } });
    expect((await findOwnDraft(testDb, debtor.id, actor.id))?.notes).toBe("tabblad A");
    // Tab B keeps its text: saved over the draft, from whatever version; the answer is the version it produced.
    const kept = await saveCallDraft(testDb, actor, save({ callId: call.callId, version: call.version, notes: "tabblad B", takeOver: true }));
    expect(kept.version).toBe(tabA.version + 1);
    expect(await findOwnDraft(testDb, debtor.id, actor.id)).toMatchObject({ notes: "tabblad B", version: tabA.version + 1 });
    // A colleague can never take a draft over.
    const colleague = await createUser(testDb, "controller");
    await expect(saveCallDraft(testDb, { id: colleague.id, role: "controller", name: colleague.name, email: colleague.email }, save({ callId: call.callId, version: 1, notes: "van mij", takeOver: true }))).rejects.toMatchObject({ code: "forbidden" });
    expect((await findOwnDraft(testDb, debtor.id, actor.id))?.notes).toBe("tabblad B");
  });
});
