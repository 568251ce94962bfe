import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { startCall, type CallContext } from "@/lib/calls/call-drafts";
import { FinishCallInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { addDays } from "@/lib/format/calendar-date";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

/**
 * "Finish call" submitted many times at once — a double click, a retry after a lost reply, the
 * drill's 50 parallel submits — records the call once and answers every submit with that result,
 * not with somebody else's conflict (49 of 50 did on PostgreSQL before).
 */
const TODAY = "2026-11-23";
const ctx: CallContext = { today: TODAY, timeZone: "Europe/Amsterdam", now: new Date(), creditorName: "Test B.V.", messageIdDomain: "test.local", smtpConfigured: false };

describe(`finishing a call submitted many times at once (${provider})`, () => {
  it("30 simultaneous submits of the same finish: one promise, one summary, every submit gets the same answer", async () => {
    const u = await createUser(testDb, "controller");
    const actor = { id: u.id, role: "controller" as const, name: u.name, email: u.email };
    const debtor = await createDebtor(testDb, { assignedControllerId: u.id });
    const invoice = await createInvoice(testDb, debtor.id, { dueDate: "2026-10-01", amountCents: 100_000 });
    await recomputeDebtorBalances(testDb, [debtor.id]);
    await createContact(testDb, debtor.id, { name: "Jeroen Blom" });
    const fresh = await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id } });
    const call = await startCall(testDb, actor, { debtorId: debtor.id, idempotencyKey: randomUUID() });
    const input = FinishCallInput.parse({
      callId: call.callId, version: call.version, debtorVersion: fresh.version, outcome: "reached", notes: "Betaalt volgende week", writeId: randomUUID(),
      result: { kind: "promise", amount: "1000,00", dueDate: addDays(TODAY, 7), method: "bank_transfer", invoiceIds: [invoice.id] },
    });
    const results = await Promise.allSettled(Array.from({ length: 30 }, () => finishCall(testDb, actor, input, ctx)));
    expect(results.filter((r) => r.status === "rejected").map((r) => (r as PromiseRejectedResult).reason?.code ?? String((r as PromiseRejectedResult).reason))).toEqual([]);
    const answers = new Set(results.map((r) => (r.status === "fulfilled" ? JSON.stringify(r.value) : "")));
    expect(answers.size).toBe(1);
    expect(await testDb.agreement.count({ where: { debtorId: debtor.id } })).toBe(1);
    expect(await testDb.emailOutbox.count({ where: { debtorId: debtor.id } })).toBe(1);
    // Another writer's finish (a second tab) after it is a conflict, not a silent success.
    await expect(finishCall(testDb, actor, { ...input, writeId: randomUUID() }, ctx)).rejects.toMatchObject({ code: "conflict" });
  });
});
