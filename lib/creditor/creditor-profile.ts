import { DEFAULT_CREDITOR_NAME, type CreditorSettings as EnvironmentCreditor } from "@/lib/env/settings";
import { isLogoType, type Logo } from "./logo";

/**
 * The creditor as letters, summaries and e-mails name it: the details an admin saved on the
 * settings screen, or, while nothing is saved, the CREDITOR_* settings of the environment.
 */
export type Creditor = EnvironmentCreditor & { bic?: string | null; cocNumber?: string | null; vatNumber?: string | null };
export type CreditorProfile = {
  creditor: Creditor;
  /** the saved From of outgoing mail; null parts: the SMTP settings' */
  sender: { name: string | null; address: string | null };
  /** where replies go (the saved e-mail address); null: no Reply-To */
  replyTo: string | null;
  logo: Logo | null;
  /** an admin saved the details (otherwise they come from the environment) */
  isSaved: boolean;
};
export type CreditorSettingsRecord = {
  name: string; street: string; postalCode: string; city: string; country: string; iban: string; bic: string | null; cocNumber: string | null; vatNumber: string | null;
  email: string; phone: string | null; senderName: string | null; senderAddress: string | null; logo: Uint8Array | null; logoType: string | null;
};

/** One line, as the letterhead prints it: "Markt 1, 3511 AA Utrecht" (the country when not NL). */
export function postalAddress(r: Pick<CreditorSettingsRecord, "street" | "postalCode" | "city" | "country">): string {
  return [r.street, [r.postalCode, r.city].filter(Boolean).join(" "), r.country && r.country !== "NL" ? r.country : ""].filter(Boolean).join(", ");
}

export function creditorProfile(row: CreditorSettingsRecord | null, environment: EnvironmentCreditor): CreditorProfile {
  if (!row) return { creditor: environment, sender: { name: null, address: null }, replyTo: null, logo: null, isSaved: false };
  return {
    creditor: { name: row.name, address: postalAddress(row), iban: row.iban, email: row.email, phone: row.phone, bic: row.bic, cocNumber: row.cocNumber, vatNumber: row.vatNumber },
    sender: { name: row.senderName, address: row.senderAddress },
    replyTo: row.email,
    logo: row.logo && row.logoType && isLogoType(row.logoType) ? { bytes: row.logo, type: row.logoType } : null,
    isSaved: true,
  };
}

/**
 * Whether the environment names a real creditor: a name of its own (not the default, not a demo
 * company), an address and an IBAN. Otherwise letters would go out in the name of nobody.
 */
export function isRealEnvironmentCreditor(c: EnvironmentCreditor): boolean {
  const name = c.name.trim();
  return name !== DEFAULT_CREDITOR_NAME && !/^demo\b/i.test(name) && Boolean(c.address) && Boolean(c.iban);
}
