import { officeClockAt, type OfficeClock } from "@/lib/clock/office-clock";
import type { Creditor, CreditorProfile } from "@/lib/creditor/creditor-profile";
import { creditorSettingsStamp, loadCreditorProfile } from "@/lib/creditor/creditor-queries";
import type { Logo } from "@/lib/creditor/logo";
import { db } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import type { Sender } from "@/lib/email/outbox";
import { settings } from "@/lib/env/settings";
import type { SecurityContext } from "@/lib/users/security-context";

/**
 * What the doors hand to use cases besides the user and the database: the office clock and the
 * configured parties. Made here once, from the one settings module, instead of in every action.
 */

/** The office clock for this request or job, in the configured APP_TIME_ZONE. */
export function officeClock(now: Date = new Date()): OfficeClock {
  return officeClockAt(now, settings().timeZone);
}

/**
 * The creditor's details are read by every dunning run, summary, outbox pass and letter print:
 * kept per process, with the logo, for as long as the saved row is unchanged. Each read checks
 * only the row's version (one small read by key), so a save in another process (the jobs
 * process, another web process) counts at once.
 */
const cache = globalThis as unknown as { __creditorProfile?: { stamp: string; profile: Promise<CreditorProfile> } };

async function creditorProfileNow(): Promise<CreditorProfile> {
  const stamp = await creditorSettingsStamp(db());
  const hit = cache.__creditorProfile;
  if (hit?.stamp === stamp) return hit.profile;
  const profile = loadCreditorProfile(db(), settings().creditor);
  cache.__creditorProfile = { stamp, profile };
  // A failed read (the database restarting) is not kept.
  profile.catch(() => {
    if (cache.__creditorProfile?.profile === profile) cache.__creditorProfile = undefined;
  });
  return profile;
}

/** The creditor as letters and e-mails name it: saved on the settings screen, else the CREDITOR_* settings. */
export async function creditor(): Promise<Creditor> {
  return (await creditorProfileNow()).creditor;
}

/** The logo printed on the letters, if one was saved. */
export async function creditorLogo(): Promise<Logo | null> {
  return (await creditorProfileNow()).logo;
}

/** What a document (a statement, a copy invoice) is made with: today's office date, the creditor and its logo. */
export async function documentContext(): Promise<{ today: CalendarDate; creditor: Creditor; logo: Logo | null }> {
  const p = await creditorProfileNow();
  return { today: officeClock().today, creditor: p.creditor, logo: p.logo };
}

/**
 * The sender of outgoing mail: the From saved on the settings screen, else SMTP_FROM(_NAME), else
 * the creditor's name on its own address; replies go to the saved e-mail address.
 */
export async function mailSender(): Promise<Sender> {
  const s = settings();
  const p = await creditorProfileNow();
  const base = s.smtp?.from ?? { name: p.creditor.name, address: p.creditor.email ?? "debiteuren@localhost" };
  return { name: p.sender.name ?? base.name, address: p.sender.address ?? base.address, replyTo: p.replyTo };
}

/** What e-mail writing use cases need to know about the mail set-up. */
export function mailSetup(): { messageIdDomain: string; smtpConfigured: boolean } {
  const smtp = settings().smtp;
  return { messageIdDomain: smtp?.messageIdDomain ?? "dunning.local", smtpConfigured: smtp !== null };
}

/** What the password and two-factor use cases need: the clock, the sealing key, the policy. */
export function securityContext(now: Date = new Date()): SecurityContext {
  const s = settings();
  return { now, appSecret: s.authSecret, issuer: s.creditor.name === "Dunning Workbench" ? "Dunning Workbench" : `Dunning Workbench (${s.creditor.name})`, twoFactorRequiredFor: s.twoFactorRequiredFor };
}
