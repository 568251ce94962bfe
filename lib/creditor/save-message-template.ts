import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import { Prisma, type Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { ResetMessageTemplateInput, SaveMessageTemplateInput } from "./creditor-schemas";
import { wordingProblems } from "./message-templates";

/**
 * The wording of one message kind in one language (admins: "settings:write"). A placeholder the
 * kind does not know is refused with its name, so a typo never reaches a debtor as "{debitor}".
 * Optimistic like the creditor's details: version 0 creates, N updates version N.
 */
export async function saveMessageTemplate(db: Db, actor: Actor, input: SaveMessageTemplateInput): Promise<{ version: number }> {
  assertCan(actor, "settings:write");
  const wording = { subject: input.subject, opening: input.opening, closing: input.closing };
  const problems = wordingProblems(wording, input.kind, input.language);
  if (Object.keys(problems).length > 0) {
    const fieldErrors = Object.fromEntries(Object.entries(problems).map(([part, names]) => [part, ["settings.templates.errors.unknown", names.join(", ")]]));
    throw new DomainError("invalid", `unknown placeholders: ${Object.values(problems).flat().join(", ")}`, fieldErrors);
  }
  const key = { kind: input.kind, language: input.language };
  try {
    return await db.$transaction(async (tx) => {
      let version: number;
      if (input.version === 0) {
        await tx.messageTemplate.create({ data: { ...key, ...wording, updatedById: actor.id } });
        version = 1;
      } else {
        const r = await tx.messageTemplate.updateMany({ where: { ...key, version: input.version }, data: { ...wording, updatedById: actor.id, version: { increment: 1 } } });
        if (r.count !== 1) throw new DomainError("conflict", "template changed since the form was loaded");
        version = input.version + 1;
      }
      await audit(tx, { actorId: actor.id, action: "messageTemplate.save", entity: "messageTemplate", entityId: `${input.kind}:${input.language}`, data: { version, ...wording } });
      return { version };
    });
  } catch (e) {
    // Saved as new from two forms at once: the second is a stale form.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new DomainError("conflict", "template created meanwhile");
    throw e;
  }
}

/** Back to the built-in text: the saved wording is removed (only from the version the form had). */
export async function resetMessageTemplate(db: Db, actor: Actor, input: ResetMessageTemplateInput): Promise<void> {
  assertCan(actor, "settings:write");
  await db.$transaction(async (tx) => {
    const r = await tx.messageTemplate.deleteMany({ where: { kind: input.kind, language: input.language, version: input.version } });
    if (r.count !== 1) throw new DomainError("conflict", "template changed or already reset");
    await audit(tx, { actorId: actor.id, action: "messageTemplate.reset", entity: "messageTemplate", entityId: `${input.kind}:${input.language}` });
  });
}
