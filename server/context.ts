import { officeClockAt, type OfficeClock } from "@/lib/clock/office-clock";
import { settings, type CreditorSettings, type SmtpConfig } from "@/lib/env/settings";
import type { SecurityContext } from "@/lib/users/security-context";

/**
 * What the doors hand to use cases besides the user and the database: the office clock and the
 * configured parties. Made here once, from the one settings module, instead of in every action.
 */

/** The office clock for this request or job, in the configured APP_TIME_ZONE. */
export function officeClock(now: Date = new Date()): OfficeClock {
  return officeClockAt(now, settings().timeZone);
}

/** The creditor (CREDITOR_* settings) as letters and e-mails name it. */
export function creditor(): CreditorSettings {
  return settings().creditor;
}

/** The sender of outgoing mail; without a mail server, the creditor's name on a local address. */
export function mailSender(): SmtpConfig["from"] {
  const s = settings();
  return s.smtp?.from ?? { name: s.creditor.name, address: s.creditor.email ?? "debiteuren@localhost" };
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
