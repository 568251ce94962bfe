import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import type { Db, DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { AddRateInput } from "./dunning-schemas";
import { mergeRates, type RatePeriod } from "./statutory-rates";

export async function listRates(db: DbOrTx): Promise<RatePeriod[]> {
  const stored = await db.interestRate.findMany({ select: { kind: true, validFrom: true, rateBp: true, source: true } });
  return mergeRates(stored as RatePeriod[]);
}

/** A newly published half-year rate ("10,15" → 1015 basis points). */
export async function addRate(db: Db, actor: Actor, input: AddRateInput): Promise<void> {
  assertCan(actor, "policy:write");
  const [whole, frac = ""] = input.ratePercent.replace(",", ".").split(".");
  const rateBp = Number(whole) * 100 + Number(frac.padEnd(2, "0"));
  if (!Number.isInteger(rateBp) || rateBp < 0 || rateBp > 5000) throw new DomainError("invalid", undefined, { ratePercent: ["dunning.errors.rate"] });
  await db.$transaction(async (tx) => {
    await tx.interestRate.upsert({ where: { kind_validFrom: { kind: input.kind, validFrom: input.validFrom } }, update: { rateBp, source: input.source }, create: { kind: input.kind, validFrom: input.validFrom, rateBp, source: input.source } });
    await audit(tx, { actorId: actor.id, action: "dunning.rate", entity: "interestRate", entityId: `${input.kind}@${input.validFrom}`, data: { rateBp, source: input.source } });
  });
}
