import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { discardCall, saveCallDraft, startCall, type Actor } from "@/lib/calls/call-drafts";
import { findOwnDraft } from "@/lib/calls/call-queries";
import { LogContactInput, SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { logContact } from "@/lib/calls/log-contact";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { listTimeline } from "@/lib/timeline/timeline-queries";
import { listWorklist } from "@/lib/worklist/worklist-queries";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

const TZ = "Europe/Amsterdam";
const TODAY = "2032-09-15";
const NOW = new Date(`${TODAY}T09:00:00Z`);

async function actor(role: "controller" | "viewer" = "controller"): Promise<Actor> {
  const u = await createUser(testDb, role);
  return { id: u.id, role, name: u.name, email: u.email };
}

/** A debtor of `owner` with EUR 3,000 overdue and nobody's call on record: on the worklist as unworked. */
async function unworked(owner: Actor) {
  const debtor = await createDebtor(testDb, { assignedControllerId: owner.id });
  await createInvoice(testDb, debtor.id, { dueDate: "2032-07-01", amountCents: 300_000 });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return debtor;
}
const signalsOf = async (owner: Actor, debtorId: string) =>
  (await listWorklist(testDb, { userId: owner.id, day: TODAY, today: TODAY, timeZone: TZ, now: NOW, take: 2_000 })).rows.find((r) => r.debtorId === debtorId)?.signals ?? [];
const entry = (raw: Record<string, unknown>) => LogContactInput.parse({ idempotencyKey: randomUUID(), ...raw });

describe("contact outside a call", () => {
  it("a note lands on the timeline but is not contact with the debtor; the debtor calling in is", async () => {
    const me = await actor();
    const debtor = await unworked(me);
    const contact = await createContact(testDb, debtor.id, { name: "Petra Smit" });
    expect(await signalsOf(me, debtor.id)).toEqual(["overdue_unworked"]);

    const note = entry({ debtorId: debtor.id, kind: "note", text: "Verkoop zegt: creditnota voor de pallets komt volgende week." });
    const first = await logContact(testDb, me, note, { now: NOW });
    // A repeat of the same entry (its reply was lost) is the same entry, not a second one.
    expect(await logContact(testDb, me, note, { now: NOW })).toEqual({ callId: first.callId, replayed: true });
    expect(await testDb.callLog.count({ where: { debtorId: debtor.id } })).toBe(1);
    expect(await signalsOf(me, debtor.id)).toEqual(["overdue_unworked"]);

    await logContact(testDb, me, entry({ debtorId: debtor.id, kind: "incoming_call", contactId: contact.id, reasonCategory: "no_money", text: "Belt zelf: betaalt de helft op vrijdag." }), { now: NOW });
    expect(await signalsOf(me, debtor.id)).toEqual([]);

    const timeline = await listTimeline(testDb, debtor.id);
    expect(timeline.map((e) => (e.kind === "call" ? [e.channel, e.spokeWith, e.notes] : [e.kind]))).toEqual(
      expect.arrayContaining([
        ["note", null, "Verkoop zegt: creditnota voor de pallets komt volgende week."],
        ["incoming_call", "Petra Smit", "Belt zelf: betaalt de helft op vrijdag."],
      ]),
    );
  });

  it("is refused to a viewer, on a colleague's debtor, with another debtor's contact, or with no text; nothing is logged", async () => {
    const me = await actor();
    const colleague = await actor();
    const viewer = await actor("viewer");
    const debtor = await unworked(me);
    const stranger = await createContact(testDb, (await createDebtor(testDb, { assignedControllerId: me.id })).id, { name: "Elders" });
    await expect(logContact(testDb, viewer, entry({ debtorId: debtor.id, kind: "note", text: "kijken" }), { now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    await expect(logContact(testDb, colleague, entry({ debtorId: debtor.id, kind: "note", text: "kijken" }), { now: NOW })).rejects.toMatchObject({ code: "forbidden" });
    await expect(logContact(testDb, me, entry({ debtorId: debtor.id, kind: "incoming_email", contactId: stranger.id, text: "mail" }), { now: NOW })).rejects.toMatchObject({ code: "invalid" });
    expect(LogContactInput.safeParse({ debtorId: debtor.id, kind: "note", text: "  ", idempotencyKey: randomUUID() }).success).toBe(false);
    expect(await testDb.callLog.count({ where: { debtorId: debtor.id } })).toBe(0);
  });
});

describe("a call started by mistake", () => {
  it("is discarded by its author: gone from the screen, not on the timeline, not counted as contact; a repeat is answered as done", async () => {
    const me = await actor();
    const colleague = await actor();
    const debtor = await unworked(me);
    const call = await startCall(testDb, me, { debtorId: debtor.id, idempotencyKey: randomUUID() });
    const saved = await saveCallDraft(testDb, me, SaveCallDraftInput.parse({ callId: call.callId, version: call.version, notes: "verkeerde klant" }));

    // A stale tab (the version before the last save) is told of the conflict; a colleague may not.
    await expect(discardCall(testDb, me, { callId: call.callId, version: call.version })).rejects.toMatchObject({ code: "conflict" });
    await expect(discardCall(testDb, colleague, { callId: call.callId, version: saved.version })).rejects.toMatchObject({ code: "forbidden" });
    expect(await discardCall(testDb, me, { callId: call.callId, version: saved.version })).toEqual({ debtorId: debtor.id });
    expect(await discardCall(testDb, me, { callId: call.callId, version: saved.version })).toEqual({ debtorId: debtor.id });

    expect(await testDb.callLog.findUniqueOrThrow({ where: { id: call.callId } })).toMatchObject({ status: "discarded", notes: "verkeerde klant" });
    expect(await findOwnDraft(testDb, debtor.id, me.id)).toBeNull();
    expect((await listTimeline(testDb, debtor.id)).filter((e) => e.kind === "call")).toEqual([]);
    expect(await signalsOf(me, debtor.id)).toEqual(["overdue_unworked"]);
    expect(await testDb.auditLog.count({ where: { action: "call.discard", entityId: call.callId } })).toBe(1);
  });
});
