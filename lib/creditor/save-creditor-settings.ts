import { PDFDocument } from "pdf-lib";
import { audit } from "@/lib/audit/audit";
import { assertCan, type Actor } from "@/lib/auth/guards";
import { Prisma, type Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import type { SaveCreditorSettingsInput } from "./creditor-schemas";
import { CREDITOR_SETTINGS_ID } from "./creditor-queries";
import { isValidIban } from "./iban";
import { logoProblem, type Logo } from "./logo";

/**
 * Saves who the creditor is (admins: "settings:write"). Optimistic: the form sends the version it
 * was loaded with (0 when nothing was saved), so two admins editing at once do not overwrite each
 * other silently. Audited with the names of the changed fields (values of the bank details stay
 * out of the log's summary: the row itself is the record).
 */
const FIELDS = ["name", "street", "postalCode", "city", "country", "iban", "bic", "cocNumber", "vatNumber", "email", "phone", "senderName", "senderAddress"] as const;

export async function saveCreditorSettings(db: Db, actor: Actor, input: SaveCreditorSettingsInput): Promise<{ version: number }> {
  assertCan(actor, "settings:write");
  // The schema checked these already; the use case holds the rule for every door.
  if (!isValidIban(input.iban)) throw new DomainError("invalid", "iban check digits", { iban: ["settings.creditor.errors.iban"] });
  const logo = input.logo ? await checkedLogo(input.logo) : input.logo;
  const data = { ...Object.fromEntries(FIELDS.map((f) => [f, input[f]])), ...(logo === undefined ? {} : logo === null ? { logo: null, logoType: null } : { logo: logo.bytes, logoType: logo.type }) } as Prisma.CreditorSettingsUncheckedCreateInput;
  try {
    return await db.$transaction(async (tx) => {
      const current = await tx.creditorSettings.findUnique({ where: { id: CREDITOR_SETTINGS_ID }, select: { ...Object.fromEntries(FIELDS.map((f) => [f, true])), version: true, logoType: true } });
      if ((current?.version ?? 0) !== input.version) throw new DomainError("conflict", "creditor settings changed since the form was loaded");
      let version: number;
      if (!current) {
        await tx.creditorSettings.create({ data: { ...data, id: CREDITOR_SETTINGS_ID, updatedById: actor.id } });
        version = 1;
      } else {
        const r = await tx.creditorSettings.updateMany({ where: { id: CREDITOR_SETTINGS_ID, version: input.version }, data: { ...data, id: undefined, updatedById: actor.id, version: { increment: 1 } } });
        if (r.count !== 1) throw new DomainError("conflict", "creditor settings changed meanwhile");
        version = input.version + 1;
      }
      const before = (current ?? {}) as Record<string, unknown>;
      const changed = FIELDS.filter((f) => before[f] !== input[f]);
      await audit(tx, { actorId: actor.id, action: "creditor.save", entity: "creditorSettings", entityId: CREDITOR_SETTINGS_ID, data: { version, changed, ...(logo === undefined ? {} : { logo: logo ? `${logo.type}, ${logo.bytes.length} bytes` : "removed" }) } });
      return { version };
    });
  } catch (e) {
    // Two first saves at once: the second finds the row made meanwhile.
    if (e instanceof Prisma.PrismaClientKnownRequestError && e.code === "P2002") throw new DomainError("conflict", "creditor settings created meanwhile");
    throw e;
  }
}

/** The uploaded logo as bytes, if it is a PNG or JPEG of at most 200 KB the letters can print. */
async function checkedLogo(upload: { type: string; base64: string }): Promise<Logo> {
  const bytes = new Uint8Array(Buffer.from(upload.base64, "base64"));
  const problem = logoProblem(bytes, upload.type);
  if (problem === "size") throw new DomainError("invalid", "logo too big", { logo: ["settings.creditor.errors.logoSize"] });
  if (problem) throw new DomainError("invalid", `logo ${problem}`, { logo: ["settings.creditor.errors.logoType"] });
  if (!(await isPrintable(bytes, upload.type as Logo["type"]))) throw new DomainError("invalid", "logo unreadable", { logo: ["settings.creditor.errors.logoType"] });
  return { bytes, type: upload.type as Logo["type"] };
}

/** The PDF writer of the letters can read it (a damaged or unusual file would be left off). */
async function isPrintable(bytes: Uint8Array, type: Logo["type"]): Promise<boolean> {
  try {
    const doc = await PDFDocument.create();
    await (type === "image/png" ? doc.embedPng(new Uint8Array(bytes)) : doc.embedJpg(new Uint8Array(bytes)));
    return true;
  } catch {
    return false;
  }
}
