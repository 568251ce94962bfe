import { assertCan, type Actor } from "@/lib/auth/guards";
import type { DbOrTx } from "@/lib/db/client";
import type { CreditorSettings as EnvironmentCreditor } from "@/lib/env/settings";
import { creditorProfile, isRealEnvironmentCreditor, type CreditorProfile } from "./creditor-profile";
import { isLogoType, logoDataUrl } from "./logo";
import { isMessageKind, type MessageKind, type MessageLanguage, type Wording, type WordingTable } from "./message-templates";

/** The one row of CreditorSettings. */
export const CREDITOR_SETTINGS_ID = "creditor";

const PROFILE_SELECT = {
  name: true, street: true, postalCode: true, city: true, country: true, iban: true, bic: true, cocNumber: true, vatNumber: true,
  email: true, phone: true, senderName: true, senderAddress: true, logo: true, logoType: true,
} as const;

/** The creditor for letters, summaries and mail: the saved details, else the environment's. */
export async function loadCreditorProfile(db: DbOrTx, environment: EnvironmentCreditor): Promise<CreditorProfile> {
  const row = await db.creditorSettings.findUnique({ where: { id: CREDITOR_SETTINGS_ID }, select: PROFILE_SELECT });
  return creditorProfile(row, environment);
}

/**
 * Which saved state the creditor is in ("environment" while nothing is saved): a one-column read
 * by primary key, so a process can keep the whole profile (logo included) until this changes.
 */
export async function creditorSettingsStamp(db: DbOrTx): Promise<string> {
  const row = await db.creditorSettings.findUnique({ where: { id: CREDITOR_SETTINGS_ID }, select: { version: true, updatedAt: true } });
  return row ? `${row.version}@${row.updatedAt.getTime()}` : "environment";
}

/** Saved on the settings screen, or a real creditor in the environment (not the default or a demo). */
export async function isCreditorConfigured(db: DbOrTx, environment: EnvironmentCreditor): Promise<boolean> {
  if (isRealEnvironmentCreditor(environment)) return true;
  return (await db.creditorSettings.count({ where: { id: CREDITOR_SETTINGS_ID } })) > 0;
}

export type CreditorSettingsForm = {
  version: number;
  name: string; street: string; postalCode: string; city: string; country: string; iban: string; bic: string | null; cocNumber: string | null; vatNumber: string | null;
  email: string; phone: string | null; senderName: string | null; senderAddress: string | null;
  /** for the preview on the settings screen */
  logo: { dataUrl: string; type: string; bytes: number } | null;
  updatedAt: string;
};

/** What the settings form shows (admins); null while nothing is saved. */
export async function getCreditorSettingsForm(db: DbOrTx, actor: Actor): Promise<CreditorSettingsForm | null> {
  assertCan(actor, "settings:write");
  const row = await db.creditorSettings.findUnique({ where: { id: CREDITOR_SETTINGS_ID }, select: { ...PROFILE_SELECT, version: true, updatedAt: true } });
  if (!row) return null;
  const { logo, logoType, updatedAt, ...rest } = row;
  return {
    ...rest,
    logo: logo && logoType && isLogoType(logoType) ? { dataUrl: logoDataUrl({ bytes: logo, type: logoType }), type: logoType, bytes: logo.length } : null,
    updatedAt: updatedAt.toISOString(),
  };
}

export type MessageTemplateRow = Wording & { kind: MessageKind; language: MessageLanguage; version: number; updatedAt: string };

/** The saved wordings (admins). */
export async function listMessageTemplates(db: DbOrTx, actor: Actor): Promise<MessageTemplateRow[]> {
  assertCan(actor, "settings:write");
  const rows = await db.messageTemplate.findMany({ orderBy: [{ kind: "asc" }, { language: "asc" }], select: { kind: true, language: true, subject: true, opening: true, closing: true, version: true, updatedAt: true } });
  return rows.flatMap((r) => (isMessageKind(r.kind) && (r.language === "nl" || r.language === "en") ? [{ ...r, kind: r.kind, language: r.language, updatedAt: r.updatedAt.toISOString() }] : []));
}

/** Every saved wording, for a dunning run (one read per run). */
export async function loadWordingTable(db: DbOrTx): Promise<WordingTable> {
  const rows = await db.messageTemplate.findMany({ select: { kind: true, language: true, subject: true, opening: true, closing: true } });
  const table: WordingTable = {};
  for (const r of rows) {
    if (!isMessageKind(r.kind) || (r.language !== "nl" && r.language !== "en")) continue;
    (table[r.kind] ??= {})[r.language] = { subject: r.subject, opening: r.opening, closing: r.closing };
  }
  return table;
}

/**
 * The saved wording of the call summary in this language, with the IBAN its {iban} names (the
 * saved creditor's; null while the creditor comes from the environment); null: the built-in text.
 */
export async function findSummaryWording(db: DbOrTx, language: MessageLanguage): Promise<(Wording & { creditorIban: string | null }) | null> {
  const row = await db.messageTemplate.findUnique({ where: { kind_language: { kind: "summary", language } }, select: { subject: true, opening: true, closing: true } });
  if (!row) return null;
  const creditor = await db.creditorSettings.findUnique({ where: { id: CREDITOR_SETTINGS_ID }, select: { iban: true } });
  return { ...row, creditorIban: creditor?.iban ?? null };
}
