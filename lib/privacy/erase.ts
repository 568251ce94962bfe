import { assertCan, type Actor } from "@/lib/auth/guards";
import { audit } from "@/lib/audit/audit";
import type { Db, Tx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { BLOCKER_MESSAGE, confirmsName, erasedAddressFor, erasureBlockers, isErasedName, pseudonymFor, type ClaimState } from "./erasure-rules";
import { claimState, consumerScrubber, ibanVariants, idsMentioning, wordsToKeep } from "./privacy-queries";
import type { EraseConsumerDebtorInput, EraseContactInput } from "./privacy-schemas";
import { makeScrubber, type Scrubber } from "./scrub";
import { purgeSearchRemnants } from "@/lib/debtors/text-search";

/**
 * Erasure of one person's personal data (GDPR art. 17): a contact, or a consumer debtor (the
 * person) with their contacts. The books must keep every amount, date and invoice number (fiscal
 * retention, art. 52 AWR: 7 years), so nothing is deleted: the person's record is pseudonymised
 * and their name, addresses and numbers are scrubbed from every free text that held them (call
 * notes, e-mails in the outbox, stored letters, the audit log, bank lines of a consumer). All of
 * it in one transaction, with the debtor row locked so no payment or invoice change interleaves.
 *
 * Refused while the claim is open (erasure-rules.ts says why); erasing an erased person again
 * changes nothing and says so. The audit entry holds the reason (scrubbed too) and the counts,
 * never the erased data.
 */
export type ErasureCounts = Record<string, number>;
export type ErasureResult = { status: "erased" | "already_erased"; subject: "contact" | "consumer_debtor"; id: string; pseudonym: string; counts: ErasureCounts };

export async function eraseContact(db: Db, actor: Actor, input: EraseContactInput): Promise<ErasureResult> {
  assertCan(actor, "privacy:manage");
  return db.$transaction(async (tx) => {
    const found = await tx.contact.findUnique({ where: { id: input.contactId }, select: { debtorId: true } });
    if (!found) throw new DomainError("not_found");
    await lockDebtor(tx, found.debtorId);
    const contact = await tx.contact.findUniqueOrThrow({ where: { id: input.contactId } });
    if (isErasedName(contact.name)) return { status: "already_erased", subject: "contact", id: contact.id, pseudonym: contact.name, counts: {} };
    if (!confirmsName(input.confirmName, contact.name)) throw new DomainError("invalid", "typed name differs", { confirmName: ["privacy.errors.confirmMismatch"] });
    refuseWhileOpen(await claimState(tx, contact.debtorId, { emails: [contact.email], debtorWide: false }));

    const debtor = await tx.debtor.findUniqueOrThrow({ where: { id: contact.debtorId }, select: { id: true, name: true, kind: true } });
    const scrub = makeScrubber({ names: [contact.name], emails: [contact.email], phones: [contact.phone, contact.mobile] }, { keepWords: await wordsToKeep(tx, debtor, contact.id) });
    const pseudonym = pseudonymFor(contact.id);
    const counts = await scrubFile(tx, { debtorId: debtor.id, scrub, addresses: [contact.email], placeholder: erasedAddressFor(contact.id), consumer: null, entityIds: [contact.id] });
    await tx.contact.update({ where: { id: contact.id }, data: { ...ERASED_CONTACT, name: pseudonym, version: { increment: 1 } } });
    counts.contacts = 1;
    const debtorRow = await tx.debtor.findUniqueOrThrow({ where: { id: debtor.id }, select: { notes: true, dunningPausedReason: true } });
    const debtorChanges = changes(debtorRow, { notes: scrub.textOrNull(debtorRow.notes), dunningPausedReason: scrub.textOrNull(debtorRow.dunningPausedReason) });
    if (debtorChanges) await tx.debtor.update({ where: { id: debtor.id }, data: { ...debtorChanges, version: { increment: 1 } } });
    counts.debtor = debtorChanges ? 1 : 0;
    await purgeSearchRemnants(tx);
    await audit(tx, { actorId: actor.id, action: "privacy.erased", entity: "contact", entityId: contact.id, data: { subject: "contact", debtorId: debtor.id, reason: scrub.text(input.reason), counts } });
    return { status: "erased", subject: "contact", id: contact.id, pseudonym, counts };
  });
}

export async function eraseConsumerDebtor(db: Db, actor: Actor, input: EraseConsumerDebtorInput): Promise<ErasureResult> {
  assertCan(actor, "privacy:manage");
  return db.$transaction(async (tx) => {
    if (!(await tx.debtor.findUnique({ where: { id: input.debtorId }, select: { id: true } }))) throw new DomainError("not_found");
    await lockDebtor(tx, input.debtorId);
    const debtor = await tx.debtor.findUniqueOrThrow({ where: { id: input.debtorId }, include: { contacts: true } });
    if (debtor.kind !== "consumer") throw new DomainError("invalid", "a company is not a data subject", { debtorId: ["privacy.errors.notDataSubject"] });
    if (isErasedName(debtor.name)) return { status: "already_erased", subject: "consumer_debtor", id: debtor.id, pseudonym: debtor.name, counts: {} };
    if (!confirmsName(input.confirmName, debtor.name)) throw new DomainError("invalid", "typed name differs", { confirmName: ["privacy.errors.confirmMismatch"] });
    const addresses = [debtor.email, ...debtor.contacts.map((c) => c.email)];
    refuseWhileOpen(await claimState(tx, debtor.id, { emails: addresses, debtorWide: true }));

    const scrub = consumerScrubber(debtor, debtor.contacts);
    const pseudonym = pseudonymFor(debtor.id);
    const counts = await scrubFile(tx, { debtorId: debtor.id, scrub, addresses, placeholder: erasedAddressFor(debtor.id), consumer: { pseudonym, iban: debtor.iban }, entityIds: [debtor.id, ...debtor.contacts.map((c) => c.id)] });
    let contacts = 0;
    for (const c of debtor.contacts) {
      const next = { ...ERASED_CONTACT, name: isErasedName(c.name) ? c.name : pseudonymFor(c.id) };
      if (!changes(c, next)) continue;
      await tx.contact.update({ where: { id: c.id }, data: { ...next, version: { increment: 1 } } });
      contacts++;
    }
    counts.contacts = contacts;
    await tx.debtor.update({
      where: { id: debtor.id },
      data: { name: pseudonym, email: null, phone: null, street: null, postalCode: null, city: null, iban: null, kvkNumber: null, notes: null, dunningPausedReason: scrub.textOrNull(debtor.dunningPausedReason), version: { increment: 1 } },
    });
    counts.debtor = 1;
    await purgeSearchRemnants(tx);
    await audit(tx, { actorId: actor.id, action: "privacy.erased", entity: "debtor", entityId: debtor.id, data: { subject: "consumer_debtor", reason: scrub.text(input.reason), counts } });
    return { status: "erased", subject: "consumer_debtor", id: debtor.id, pseudonym, counts };
  });
}

const ERASED_CONTACT = { jobTitle: null, phone: null, mobile: null, email: null, preferredCallTimes: null } as const;

/**
 * Lock the debtor row first, as the balance recompute does: a payment reversal or a new invoice
 * on PostgreSQL waits until the erasure committed instead of reopening the claim half-way.
 */
async function lockDebtor(tx: Tx, debtorId: string): Promise<void> {
  await tx.$executeRaw`UPDATE "Debtor" SET "openCents" = "openCents" WHERE "id" = ${debtorId}`;
}

function refuseWhileOpen(state: ClaimState): void {
  const blockers = erasureBlockers(state);
  if (blockers.length) throw new DomainError("invalid", `claim still open: ${blockers.join(", ")}`, { claim: blockers.map((b) => BLOCKER_MESSAGE[b]) });
}

/** The fields of `next` that differ from `row`, or null when none does. */
function changes<T extends Record<string, unknown>>(row: { [K in keyof T]?: unknown }, next: T): Partial<T> | null {
  const out: Partial<T> = {};
  let changed = false;
  for (const k of Object.keys(next) as (keyof T)[]) {
    if (next[k] !== row[k]) {
      out[k] = next[k];
      changed = true;
    }
  }
  return changed ? out : null;
}

/** Rewrites each row whose new values differ; returns how many were written. */
async function rewrite<R extends { id: string }, T extends Record<string, unknown>>(rows: R[], next: (r: R) => T, write: (id: string, data: Partial<T>) => Promise<unknown>): Promise<number> {
  let n = 0;
  for (const r of rows) {
    const data = changes(r as unknown as Record<string, unknown>, next(r));
    if (!data) continue;
    await write(r.id, data);
    n++;
  }
  return n;
}

type FileScope = {
  debtorId: string;
  scrub: Scrubber;
  /** the person's e-mail addresses: outbox rows to them get the placeholder address */
  addresses: readonly (string | null)[];
  placeholder: string;
  /** a consumer's bank lines are theirs: the counterparty becomes the pseudonym, the IBAN goes */
  consumer: { pseudonym: string; iban: string | null } | null;
  /** audit entries about these records are scrubbed too */
  entityIds: string[];
};

/** Scrubs the person's traces from every text of the debtor's file and from wherever else they are named. */
async function scrubFile(tx: Tx, s: FileScope): Promise<ErasureCounts> {
  const { debtorId, scrub } = s;
  const given = s.addresses.filter((a): a is string => Boolean(a?.trim())).map((a) => a.trim());
  const addresses = new Set(given.map((a) => a.toLowerCase()));
  // Exact matches for the query (both databases compare case-sensitively here); the check below is case-blind.
  const variants = [...new Set([...given, ...addresses])];
  const counts: ErasureCounts = {};

  const calls = await tx.callLog.findMany({ where: { debtorId }, select: { id: true, spokeWith: true, phoneUsed: true, notes: true, reasonText: true } });
  counts.calls = await rewrite(calls, (c) => ({ spokeWith: scrub.textOrNull(c.spokeWith), phoneUsed: scrub.textOrNull(c.phoneUsed), notes: scrub.text(c.notes), reasonText: scrub.textOrNull(c.reasonText) }), (id, data) => tx.callLog.update({ where: { id }, data }));

  const emails = await tx.emailOutbox.findMany({
    where: { OR: [{ debtorId }, ...(variants.length ? [{ toAddress: { in: variants } }] : [])] },
    select: { id: true, toAddress: true, toName: true, subject: true, body: true, lastError: true },
  });
  counts.emails = await rewrite(
    emails,
    (e) => ({
      toAddress: addresses.has(e.toAddress.trim().toLowerCase()) || scrub.hasTrace(e.toAddress) ? s.placeholder : e.toAddress,
      toName: scrub.textOrNull(e.toName), subject: scrub.text(e.subject), body: scrub.text(e.body), lastError: scrub.textOrNull(e.lastError),
    }),
    (id, data) => tx.emailOutbox.update({ where: { id }, data }),
  );
  // A PDF sent with a message cannot be scrubbed in place; it is a copy the app can make again
  // from the (scrubbed) records, so it goes.
  counts.attachments = (await tx.emailAttachment.deleteMany({ where: { emailId: { in: emails.map((e) => e.id) } } })).count;

  const letters = await tx.dunningCommunication.findMany({ where: { debtorId }, select: { id: true, subject: true, content: true } });
  counts.letters = await rewrite(letters, (l) => ({ subject: scrub.textOrNull(l.subject), content: scrub.jsonOrNull(l.content) }), (id, data) => tx.dunningCommunication.update({ where: { id }, data }));

  const tasks = await tx.task.findMany({ where: { debtorId }, select: { id: true, note: true, snoozeReason: true } });
  counts.tasks = await rewrite(tasks, (t) => ({ note: scrub.textOrNull(t.note), snoozeReason: scrub.textOrNull(t.snoozeReason) }), (id, data) => tx.task.update({ where: { id }, data }));

  const disputes = await tx.dispute.findMany({ where: { debtorId }, select: { id: true, description: true } });
  counts.disputes = await rewrite(disputes, (d) => ({ description: scrub.textOrNull(d.description) }), (id, data) => tx.dispute.update({ where: { id }, data }));

  const payments = await tx.payment.findMany({ where: { debtorId }, select: { id: true, reference: true } });
  counts.payments = await rewrite(payments, (p) => ({ reference: scrub.textOrNull(p.reference) }), (id, data) => tx.payment.update({ where: { id }, data }));

  const invoices = await tx.invoice.findMany({ where: { debtorId }, select: { id: true, description: true } });
  counts.invoices = await rewrite(invoices, (i) => ({ description: scrub.textOrNull(i.description) }), (id, data) => tx.invoice.update({ where: { id }, data }));

  const ibans = s.consumer?.iban ? ibanVariants(s.consumer.iban) : [];
  const lines = await tx.bankLine.findMany({
    where: { OR: [{ matchDebtorId: debtorId }, ...(payments.length ? [{ paymentId: { in: payments.map((p) => p.id) } }] : []), ...(ibans.length ? [{ counterpartyIban: { in: ibans } }] : [])] },
    select: { id: true, counterpartyName: true, counterpartyIban: true, description: true },
  });
  const consumer = s.consumer;
  counts.bankLines = await rewrite(
    lines,
    (l) => ({
      counterpartyName: consumer ? (l.counterpartyName === null ? null : consumer.pseudonym) : scrub.textOrNull(l.counterpartyName),
      counterpartyIban: consumer ? null : l.counterpartyIban,
      description: scrub.text(l.description),
    }),
    (id, data) => tx.bankLine.update({ where: { id }, data }),
  );

  const events = await tx.domainEvent.findMany({ where: { debtorId }, select: { seq: true, payload: true } });
  let eventCount = 0;
  for (const e of events) {
    const payload = scrub.json(e.payload);
    if (payload === e.payload) continue;
    await tx.domainEvent.update({ where: { seq: e.seq }, data: { payload } });
    eventCount++;
  }
  counts.events = eventCount;

  // The audit log: entries about the file's records, and any entry anywhere that names the person.
  const entityIds = [...new Set([...s.entityIds, debtorId, ...calls.map((c) => c.id), ...emails.map((e) => e.id), ...letters.map((l) => l.id), ...tasks.map((t) => t.id), ...disputes.map((d) => d.id), ...payments.map((p) => p.id), ...lines.map((l) => l.id)])];
  const agreements = await tx.agreement.findMany({ where: { debtorId }, select: { id: true } });
  entityIds.push(...agreements.map((a) => a.id));
  const mentioning = await idsMentioning(tx, { table: "AuditLog", column: "data" }, scrub.searchTerms);
  const auditRows = await tx.auditLog.findMany({ where: { OR: [{ entityId: { in: entityIds } }, { id: { in: mentioning } }] }, select: { id: true, data: true } });
  counts.auditEntries = await rewrite(auditRows, (a) => ({ data: scrub.jsonOrNull(a.data) }), (id, data) => tx.auditLog.update({ where: { id }, data }));

  // Files and stored API answers that happened to carry the person's details.
  const importIds = await idsMentioning(tx, { table: "ImportRun", column: "details" }, scrub.searchTerms);
  const imports = importIds.length ? await tx.importRun.findMany({ where: { id: { in: importIds } }, select: { id: true, details: true } }) : [];
  counts.imports = await rewrite(imports, (r) => ({ details: scrub.jsonOrNull(r.details) }), (id, data) => tx.importRun.update({ where: { id }, data }));
  const replyIds = await idsMentioning(tx, { table: "ApiIdempotency", column: "body" }, scrub.searchTerms);
  const replies = replyIds.length ? await tx.apiIdempotency.findMany({ where: { id: { in: replyIds } }, select: { id: true, body: true } }) : [];
  counts.apiReplies = await rewrite(replies, (r) => ({ body: scrub.json(r.body) }), (id, data) => tx.apiIdempotency.update({ where: { id }, data }));
  return counts;
}
