import { audit } from "@/lib/audit/audit";
import { assertCan, writableDebtor, type Actor } from "@/lib/auth/guards";
import type { Db, DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { DEFAULT_LADDER, type Channel, type LadderStep, type Segment, type Template } from "./dunning-ladder";
import type { SavePolicyInput } from "./dunning-schemas";

export type PolicyDto = { id: string; name: string; isDefault: boolean; remindAfterHandover: boolean; version: number; steps: LadderStep[]; debtorCount: number };

export const DEFAULT_POLICY_NAME = "Standaard";

function toStep(s: { level: number; code: string; offsetDays: number; channel: string; template: string; minAmountCents: bigint | null; onlyNewCustomers: boolean; segment: string; chargesCosts: boolean; payWithinDays: number }): LadderStep {
  return { ...s, channel: s.channel as Channel, template: s.template as Template, segment: s.segment as Segment };
}

/** The default policy exists from the first run on, filled with the Dutch default ladder. */
export async function ensureDefaultPolicy(db: DbOrTx): Promise<string> {
  const found = await db.dunningPolicy.findFirst({ where: { isDefault: true }, select: { id: true } });
  if (found) return found.id;
  const created = await db.dunningPolicy.upsert({
    where: { name: DEFAULT_POLICY_NAME },
    update: { isDefault: true },
    create: { name: DEFAULT_POLICY_NAME, isDefault: true, steps: { create: DEFAULT_LADDER.map((s) => ({ ...s })) } },
    select: { id: true },
  });
  return created.id;
}

export async function listPolicies(db: DbOrTx): Promise<PolicyDto[]> {
  const rows = await db.dunningPolicy.findMany({
    orderBy: [{ isDefault: "desc" }, { name: "asc" }],
    include: { steps: { orderBy: { level: "asc" } }, _count: { select: { debtors: true } } },
  });
  return rows.map((p) => ({ id: p.id, name: p.name, isDefault: p.isDefault, remindAfterHandover: p.remindAfterHandover, version: p.version, steps: p.steps.map(toStep), debtorCount: p._count.debtors }));
}

/** The policies to choose from on a debtor (name only: no steps, no debtor counts). */
export async function listPolicyChoices(db: DbOrTx): Promise<Array<{ id: string; name: string; isDefault: boolean }>> {
  return db.dunningPolicy.findMany({ orderBy: [{ isDefault: "desc" }, { name: "asc" }], select: { id: true, name: true, isDefault: true } });
}

/** Saves a whole ladder at once (steps renumbered in order), guarded by the policy's version. */
export async function savePolicy(db: Db, actor: Actor, input: SavePolicyInput): Promise<{ id: string; version: number }> {
  assertCan(actor, "policy:write");
  return db.$transaction(async (tx) => {
    let id = input.policyId;
    let version: number;
    if (id) {
      const claimed = await tx.dunningPolicy.updateMany({ where: { id, version: input.version ?? -1 }, data: { name: input.name, remindAfterHandover: input.remindAfterHandover, version: { increment: 1 } } });
      if (claimed.count !== 1) throw new DomainError((await tx.dunningPolicy.count({ where: { id } })) ? "conflict" : "not_found");
      version = (input.version ?? 0) + 1;
      await tx.dunningStep.deleteMany({ where: { policyId: id } });
    } else {
      if (await tx.dunningPolicy.count({ where: { name: input.name } })) throw new DomainError("duplicate", undefined, { name: ["dunning.errors.nameTaken"] });
      const p = await tx.dunningPolicy.create({ data: { name: input.name, remindAfterHandover: input.remindAfterHandover }, select: { id: true, version: true } });
      id = p.id;
      version = p.version;
    }
    await tx.dunningStep.createMany({
      data: input.steps.map((s, i) => ({
        policyId: id!,
        level: i + 1,
        code: s.code,
        offsetDays: s.offsetDays,
        channel: s.channel,
        template: s.template,
        minAmountCents: s.minAmountCents,
        onlyNewCustomers: s.onlyNewCustomers,
        segment: s.segment,
        chargesCosts: s.chargesCosts,
        payWithinDays: s.payWithinDays,
      })),
    });
    await audit(tx, { actorId: actor.id, action: "dunning.policy.save", entity: "dunningPolicy", entityId: id, data: { steps: input.steps.length } });
    return { id, version };
  });
}

/** Per debtor: pause (with a reason) and an own policy instead of the default. */
export async function setDebtorDunning(db: Db, actor: Actor, input: { debtorId: string; isPaused: boolean; reason: string | null; policyId: string | null; version: number }): Promise<{ version: number }> {
  await writableDebtor(db, actor, input.debtorId);
  return db.$transaction(async (tx) => {
    if (input.policyId && !(await tx.dunningPolicy.count({ where: { id: input.policyId } }))) throw new DomainError("invalid", undefined, { policyId: ["dunning.errors.unknownPolicy"] });
    const r = await tx.debtor.updateMany({
      where: { id: input.debtorId, version: input.version },
      data: { isDunningPaused: input.isPaused, dunningPausedReason: input.isPaused ? input.reason : null, dunningPolicyId: input.policyId, version: { increment: 1 } },
    });
    if (r.count !== 1) throw new DomainError((await tx.debtor.count({ where: { id: input.debtorId } })) ? "conflict" : "not_found");
    await audit(tx, { actorId: actor.id, action: input.isPaused ? "dunning.pause" : "dunning.policy", entity: "debtor", entityId: input.debtorId, data: { reason: input.reason, policyId: input.policyId } });
    return { version: input.version + 1 };
  });
}
