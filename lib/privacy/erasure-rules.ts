import type { MessageKey } from "@/lib/i18n/translate";

/**
 * When a person's data may be erased (GDPR art. 17). Erasure does not apply while the data is
 * still needed to establish or exercise a legal claim (art. 17(3)(e)): an open claim against the
 * debtor is exactly that. So erasure waits until nothing is open: no open amount or open item
 * (costs and interest included), no running promise or plan, no open dispute, and no message to
 * the person still queued or on its way. Pure: the caller counts, this decides and says why.
 */
export type ClaimState = {
  /** the debtor's cached open balance (cents) */
  openCents: bigint;
  /** invoices or credit notes with an open amount, costs or interest */
  openItems: number;
  openAgreements: number;
  openDisputes: number;
  /** e-mails to the person still pending or being sent */
  queuedEmails: number;
};

export type ErasureBlocker = "open_invoices" | "open_agreements" | "open_disputes" | "queued_emails";

export const BLOCKER_MESSAGE: Record<ErasureBlocker, MessageKey> = {
  open_invoices: "privacy.refused.openInvoices",
  open_agreements: "privacy.refused.openAgreements",
  open_disputes: "privacy.refused.openDisputes",
  queued_emails: "privacy.refused.queuedEmails",
};

export function erasureBlockers(s: ClaimState): ErasureBlocker[] {
  const out: ErasureBlocker[] = [];
  if (s.openCents !== 0n || s.openItems > 0) out.push("open_invoices");
  if (s.openAgreements > 0) out.push("open_agreements");
  if (s.openDisputes > 0) out.push("open_disputes");
  if (s.queuedEmails > 0) out.push("queued_emails");
  return out;
}

/** The name an erased person gets: recognisable as erased, different per person, nothing of the old name. */
export const PSEUDONYM_PREFIX = "Verwijderd (privacy) #";

export function pseudonymFor(id: string): string {
  return `${PSEUDONYM_PREFIX}${id.replace(/[^A-Za-z0-9]/g, "").slice(-6)}`;
}

export function isErasedName(name: string): boolean {
  return name.startsWith(PSEUDONYM_PREFIX);
}

/** An erased address: the outbox keeps a row per message sent, never a way to reach the person. */
export function erasedAddressFor(id: string): string {
  return `verwijderd-${id.replace(/[^A-Za-z0-9]/g, "").slice(-6).toLowerCase()}@privacy.invalid`;
}

/** The typed confirmation matches the name shown (spacing and case do not matter). */
export function confirmsName(typed: string, name: string): boolean {
  const norm = (s: string) => s.normalize("NFC").trim().replace(/\s+/g, " ").toLowerCase();
  return norm(typed) === norm(name) && norm(name).length > 0;
}
