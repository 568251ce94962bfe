import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { Role } from "@/lib/auth/roles";
import { bulkDebtors } from "@/lib/debtors/bulk-debtors";
import { debtorListTable } from "@/lib/debtors/debtor-exports";
import { listDebtors } from "@/lib/debtors/debtor-queries";
import { ListDebtorsInput } from "@/lib/debtors/debtor-schemas";
import { createDebtor, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

const NOW = new Date("2032-03-01T09:00:00Z");
const ctx = { now: NOW, today: "2032-03-01", provider };
type User = Awaited<ReturnType<typeof createUser>>;
const as = (u: User) => ({ id: u.id, role: u.role as Role });

const holders = (ids: string[]) => testDb.debtor.findMany({ where: { id: { in: ids } }, select: { id: true, assignedControllerId: true, isDunningPaused: true, dunningPausedReason: true, version: true }, orderBy: { id: "asc" } });
const auditOf = (ids: string[]) => testDb.auditLog.findMany({ where: { entityId: { in: ids } }, orderBy: { createdAt: "asc" } });
const task = (debtorId: string, type: string, assigneeId: string | null) => testDb.task.create({ data: { debtorId, type, dueAt: NOW, assigneeId } });
const assigneeOf = async (taskId: string) => (await testDb.task.findUniqueOrThrow({ where: { id: taskId } })).assigneeId;

async function refused(run: () => Promise<unknown>, code: string, ids: string[]) {
  const before = { debtors: await holders(ids), audit: (await auditOf(ids)).length };
  await expect(run()).rejects.toMatchObject({ code });
  expect(await holders(ids)).toEqual(before.debtors);
  expect((await auditOf(ids)).length).toBe(before.audit);
}

describe("bulk actions on the debtor list", () => {
  it("a manager gives three debtors to a colleague with their open items; one was already theirs; a repeat changes nothing", async () => {
    const [manager, previous, eva, third] = await Promise.all([createUser(testDb, "manager"), createUser(testDb, "controller"), createUser(testDb, "controller", { name: "Eva de Boer" }), createUser(testDb, "controller")]);
    const held = await createDebtor(testDb, { assignedControllerId: previous.id });
    const orphan = await createDebtor(testDb, { assignedControllerId: null });
    const evas = await createDebtor(testDb, { assignedControllerId: eva.id });
    const ids = [held.id, orphan.id, evas.id];
    const previousCall = await task(held.id, "callback", previous.id);
    const nobodysCall = await task(held.id, "dunning_call", null);
    const approval = await task(held.id, "approval", manager.id);
    const thirdsCall = await task(held.id, "callback", third.id);
    const done = await testDb.task.create({ data: { debtorId: held.id, type: "callback", dueAt: NOW, assigneeId: previous.id, status: "done" } });
    const orphanCall = await task(orphan.id, "dispute", null);
    const evasCall = await task(evas.id, "callback", null);
    const versions = new Map((await holders(ids)).map((d) => [d.id, d.version]));

    const input = { action: "assign" as const, debtorIds: ids, controllerId: eva.id, idempotencyKey: randomUUID() };
    expect(await bulkDebtors(testDb, as(manager), input, ctx)).toEqual({ changed: 2, already: 1, skipped: [] });

    const after = new Map((await holders(ids)).map((d) => [d.id, d]));
    for (const id of ids) expect(after.get(id)!.assignedControllerId).toBe(eva.id);
    expect(after.get(held.id)!.version).toBe(versions.get(held.id)! + 1);
    expect(after.get(orphan.id)!.version).toBe(versions.get(orphan.id)! + 1);
    expect(after.get(evas.id)!.version).toBe(versions.get(evas.id));
    // The previous holder's and nobody's open items go along; the approval stays with the
    // managers, a third colleague's item with them, a closed item as it was; the debtor that was
    // already Eva's is not touched at all.
    expect(await assigneeOf(previousCall.id)).toBe(eva.id);
    expect(await assigneeOf(nobodysCall.id)).toBe(eva.id);
    expect(await assigneeOf(orphanCall.id)).toBe(eva.id);
    expect(await assigneeOf(approval.id)).toBe(manager.id);
    expect(await assigneeOf(thirdsCall.id)).toBe(third.id);
    expect(await assigneeOf(done.id)).toBe(previous.id);
    expect(await assigneeOf(evasCall.id)).toBeNull();

    const entries = await auditOf(ids);
    expect(entries.map((e) => [e.action, e.entityId, e.actorId]).sort()).toEqual(
      [
        ["debtor.assign", held.id, manager.id],
        ["debtor.assign", orphan.id, manager.id],
      ].sort(),
    );
    const heldEntry = JSON.parse(entries.find((e) => e.entityId === held.id)!.data!) as Record<string, unknown>;
    expect(heldEntry).toMatchObject({ from: previous.id, to: eva.id, idempotencyKey: input.idempotencyKey });
    expect(new Set(heldEntry.tasks as string[])).toEqual(new Set([previousCall.id, nobodysCall.id]));

    // The same request again (a lost reply, a double click): nothing more changes.
    expect(await bulkDebtors(testDb, as(manager), input, ctx)).toEqual({ changed: 0, already: 3, skipped: [] });
    expect(await auditOf(ids)).toHaveLength(2);
    expect((await holders(ids)).map((d) => d.version)).toEqual([...after.values()].sort((a, b) => a.id.localeCompare(b.id)).map((d) => d.version));

    // Back to nobody: Eva's items on it return to the pool.
    expect(await bulkDebtors(testDb, as(manager), { action: "assign", debtorIds: [held.id], controllerId: "none", idempotencyKey: randomUUID() }, ctx)).toEqual({ changed: 1, already: 0, skipped: [] });
    expect((await holders([held.id]))[0]!.assignedControllerId).toBeNull();
    expect(await assigneeOf(previousCall.id)).toBeNull();
    expect(await assigneeOf(approval.id)).toBe(manager.id);
  });

  it("a controller may not assign; a colleague's debtor in a pause is skipped and named, never changed", async () => {
    const [me, colleague, manager] = await Promise.all([createUser(testDb, "controller"), createUser(testDb, "controller"), createUser(testDb, "manager")]);
    const mine = await createDebtor(testDb, { assignedControllerId: me.id });
    const nobodys = await createDebtor(testDb, { assignedControllerId: null });
    const theirs = await createDebtor(testDb, { assignedControllerId: colleague.id, name: "Van der Berg Installatie B.V." });
    const ids = [mine.id, nobodys.id, theirs.id];

    await refused(() => bulkDebtors(testDb, as(me), { action: "assign", debtorIds: [mine.id], controllerId: colleague.id, idempotencyKey: randomUUID() }, ctx), "forbidden", ids);
    await refused(() => bulkDebtors(testDb, as(me), { action: "assign", debtorIds: [nobodys.id], controllerId: me.id, idempotencyKey: randomUUID() }, ctx), "forbidden", ids);

    const r = await bulkDebtors(testDb, as(me), { action: "pause", debtorIds: ids, reason: "in overleg met curator", idempotencyKey: randomUUID() }, ctx);
    expect(r).toEqual({ changed: 2, already: 0, skipped: [{ debtorId: theirs.id, name: "Van der Berg Installatie B.V.", reason: "colleague" }] });
    const state = new Map((await holders(ids)).map((d) => [d.id, d]));
    expect(state.get(mine.id)).toMatchObject({ isDunningPaused: true, dunningPausedReason: "in overleg met curator" });
    expect(state.get(nobodys.id)).toMatchObject({ isDunningPaused: true, assignedControllerId: null });
    expect(state.get(theirs.id)).toMatchObject({ isDunningPaused: false, dunningPausedReason: null });
    expect((await auditOf(ids)).map((e) => [e.action, e.entityId]).sort()).toEqual([["dunning.pause", mine.id], ["dunning.pause", nobodys.id]].sort());

    // The list shows the pause.
    const list = await listDebtors(testDb, ListDebtorsInput.parse({ controller: "me" }), { today: "2032-03-01", userId: me.id, provider });
    expect(list.rows.find((x) => x.id === mine.id)!.isDunningPaused).toBe(true);

    // A manager resumes: the reason goes with the pause, and is kept in the audit entry.
    const resumed = await bulkDebtors(testDb, as(manager), { action: "resume", debtorIds: ids, idempotencyKey: randomUUID() }, ctx);
    expect(resumed).toEqual({ changed: 2, already: 1, skipped: [] });
    expect((await holders(ids)).every((d) => !d.isDunningPaused && d.dunningPausedReason === null)).toBe(true);
    const entry = (await auditOf([mine.id])).find((e) => e.action === "dunning.resume")!;
    expect(JSON.parse(entry.data!)).toMatchObject({ reason: "in overleg met curator" });
  });

  it("refuses a pause without a reason, an unknown debtor and a target who cannot hold debtors, changing nothing", async () => {
    const [manager, gone, viewer] = await Promise.all([createUser(testDb, "manager"), createUser(testDb, "controller", { active: false }), createUser(testDb, "viewer")]);
    const a = await createDebtor(testDb, { assignedControllerId: null });
    const b = await createDebtor(testDb, { assignedControllerId: null });
    const ids = [a.id, b.id];

    await refused(() => bulkDebtors(testDb, as(manager), { action: "pause", debtorIds: ids, idempotencyKey: randomUUID() }, ctx), "invalid", ids);
    await expect(bulkDebtors(testDb, as(manager), { action: "pause", debtorIds: ids, reason: "x", idempotencyKey: randomUUID() }, ctx)).rejects.toMatchObject({ code: "invalid", fieldErrors: { reason: ["debtors.bulk.errors.reason"] } });
    await refused(() => bulkDebtors(testDb, as(manager), { action: "pause", debtorIds: [a.id, "deb_does_not_exist", b.id], reason: "curator", idempotencyKey: randomUUID() }, ctx), "not_found", ids);
    for (const target of [gone.id, viewer.id, "usr_nobody"]) {
      await expect(bulkDebtors(testDb, as(manager), { action: "assign", debtorIds: ids, controllerId: target, idempotencyKey: randomUUID() }, ctx)).rejects.toMatchObject({ code: "invalid", fieldErrors: { controllerId: ["debtors.bulk.errors.controller"] } });
    }
    await refused(() => bulkDebtors(testDb, as(viewer), { action: "resume", debtorIds: ids, idempotencyKey: randomUUID() }, ctx), "forbidden", ids);
    expect(await auditOf(ids)).toHaveLength(0);
  });

  it("exports a selection of the list in the list's columns", async () => {
    const me = await createUser(testDb, "controller");
    const [a, b] = [await createDebtor(testDb, { assignedControllerId: me.id }), await createDebtor(testDb, { assignedControllerId: me.id }), await createDebtor(testDb, { assignedControllerId: me.id })];
    const input = ListDebtorsInput.parse({ controller: "me" });
    const exportCtx = { today: "2032-03-01", userId: me.id, provider, locale: "nl" as const };
    const all = (await debtorListTable(testDb, input, exportCtx))!;
    const some = (await debtorListTable(testDb, input, exportCtx, { ids: [a!.id, b!.id] }))!;
    expect(all.rows).toHaveLength(3);
    expect(some.columns).toEqual(all.columns);
    expect(some.rows.map((r) => r.customerNumber).sort()).toEqual([a!.customerNumber, b!.customerNumber].sort());
  });

  it("a manager hands every debtor a filter matches to a colleague at once, also beyond one page; too many is refused whole", async () => {
    const [manager, leaving, eva] = await Promise.all([createUser(testDb, "manager"), createUser(testDb, "controller"), createUser(testDb, "controller")]);
    const tag = randomUUID().slice(0, 8);
    // 53 debtors of a colleague who leaves (more than the list's page of 50), and one of someone else with the same name part.
    const theirs = [];
    for (let i = 0; i < 53; i++) theirs.push(await createDebtor(testDb, { name: `Portefeuille ${tag} ${i} B.V.`, assignedControllerId: leaving.id }));
    const other = await createDebtor(testDb, { name: `Portefeuille ${tag} anders B.V.`, assignedControllerId: eva.id });
    const filter = new URLSearchParams({ q: `Portefeuille ${tag}`, controller: leaving.id }).toString();

    await refused(() => bulkDebtors(testDb, as(manager), { action: "assign", filter, controllerId: eva.id, idempotencyKey: randomUUID() }, { ...ctx, filterLimit: 50 }), "invalid", theirs.map((d) => d.id));

    const input = { action: "assign" as const, filter, controllerId: eva.id, idempotencyKey: randomUUID() };
    expect(await bulkDebtors(testDb, as(manager), input, ctx)).toEqual({ changed: 53, already: 0, skipped: [] });
    expect((await holders(theirs.map((d) => d.id))).every((d) => d.assignedControllerId === eva.id)).toBe(true);
    expect((await holders([other.id]))[0]!.assignedControllerId).toBe(eva.id);
    // The filter named the leaving colleague: it matches nobody now, and a repeat is refused, changing nothing.
    await refused(() => bulkDebtors(testDb, as(manager), input, ctx), "invalid", theirs.map((d) => d.id));
    // Both a list of ids and a filter, or neither: refused.
    await expect(bulkDebtors(testDb, as(manager), { ...input, debtorIds: [other.id] }, ctx)).rejects.toMatchObject({ code: "invalid" });
    await expect(bulkDebtors(testDb, as(manager), { action: "resume", idempotencyKey: randomUUID() }, ctx)).rejects.toMatchObject({ code: "invalid" });
  });

  it("a controller's filter \"mine\" pauses their own debtors only", async () => {
    const [me, colleague] = await Promise.all([createUser(testDb, "controller"), createUser(testDb, "controller")]);
    const tag = randomUUID().slice(0, 8);
    const mine = [await createDebtor(testDb, { name: `Eigen ${tag} 1`, assignedControllerId: me.id }), await createDebtor(testDb, { name: `Eigen ${tag} 2`, assignedControllerId: me.id })];
    const theirs = await createDebtor(testDb, { name: `Eigen ${tag} 3`, assignedControllerId: colleague.id });
    const r = await bulkDebtors(testDb, as(me), { action: "pause", filter: `q=${encodeURIComponent(`Eigen ${tag}`)}&controller=me`, reason: "Curator benoemd", idempotencyKey: randomUUID() }, ctx);
    expect(r).toEqual({ changed: 2, already: 0, skipped: [] });
    expect((await holders(mine.map((d) => d.id))).every((d) => d.isDunningPaused)).toBe(true);
    expect((await holders([theirs.id]))[0]!.isDunningPaused).toBe(false);
  });
});
