/**
 * The authorisation matrix as data: every server action and every route handler method x every
 * actor -> "allowed" or "refused". authorisation-matrix.spec.ts sends each case as a direct
 * request and fails when a row is missing for an action or route in the code (or names one that
 * no longer exists), and when an answer differs from the row.
 *
 * Actors: anonymous (no session), viewer, controller (on their own portfolio), controllerOther
 * (the same `controller` session, with the ids of controller2's records swapped in), manager,
 * admin. Each actor aims at its own "slot" of dedicated records (fixtures/authorisation-matrix-
 * records.ts): `c.slot` is controller's portfolio for everyone except controllerOther, whose
 * slot is controller2's. A refused case must leave its slot (and whatever `watch` names) as it
 * was, and so must every case of anonymous, viewer and controllerOther, allowed or not.
 *
 * Allowed writes are harmless where possible (a debtor of the matrix, the ladder saved unchanged,
 * a published rate stored as published); the rest are `destructive` and run last.
 */
import { randomUUID } from "node:crypto";
import type { Db } from "@/lib/db/client";
import { BUILT_IN_RATES } from "@/lib/dunning/statutory-rates";
import { addDays } from "@/lib/format/calendar-date";
import { sealSecret } from "@/lib/users/secret-box";
import { newTotpSecret, totpAt } from "@/lib/users/totp";
import { hashPassword } from "better-auth/crypto";
import { DEMO_PASSWORD, LOGINS } from "./helpers";

export const ACTORS = ["anonymous", "viewer", "controller", "controllerOther", "manager", "admin"] as const;
export type Actor = (typeof ACTORS)[number];
export type Outcome = "allowed" | "refused";
export type Login = keyof typeof LOGINS;

/** The session each actor uses: controllerOther is `controller` aiming at controller2's records. */
export const LOGIN_OF: Record<Actor, Login | null> = { anonymous: null, viewer: "viewer", controller: "controller", controllerOther: "controller", manager: "manager", admin: "admin" };
export const userIdOf = (login: Login) => `usr_${login}`;

/** One actor's dedicated records (ids). */
export type Slot = {
  debtorId: string; customerNumber: string; contactId: string; invoiceId: string; invoiceNumber: string;
  taskClaimId: string; taskReassignId: string; taskSnoozeId: string; callSaveId: string; callFinishId: string; callDiscardId: string; disputeId: string; contactEditId: string; contactRemoveId: string; promiseChangeId: string;
  emailDraftId: string; emailFailedId: string; agreementId: string;
  /** bank lines in review: one unmatched, two matched to the slot's debtor */
  lineFreeId: string; lineMatchedId: string; lineIgnoreId: string; letterId: string;
  /** a consumer debtor (a data subject) with nothing open, in the same portfolio */
  consumerDebtorId: string;
  /** an API token of controller2's */
  apiTokenId: string;
  /** a payment booked by hand on the slot's debtor (on no invoice), to be reversed by hand */
  manualPaymentId: string;
};
export type MatrixRecords = { today: string; tag: string; slots: Record<Actor, Slot>; targetUserId: string };
export type CaseContext = { actor: Actor; slot: Slot; records: MatrixRecords; db: Db; caseId: string };

/** Records outside the slot that a refused case must leave as they were. */
export type Watch = { model: "user" | "dunningPolicy" | "dunningRun" | "interestRate" | "bankStatement" | "debtor" | "payment" | "webhookSubscription" | "webhookDelivery" | "creditorSettings" | "messageTemplate"; where: Record<string, unknown> };
export type FilePart = { name: string; mimeType: string; buffer: Buffer };
/** An action argument sent as FormData (a file upload), as React encodes it. */
export type FormInput = { formData: Record<string, string | FilePart> };

type Expect = Record<Actor, Outcome>;
type Common = {
  expect: Expect;
  /** runs after every other row (it changes shared data or ends the session) */
  destructive?: true;
  /** ends the caller's session: the spec checks the old cookie is dead and signs in again */
  endsSession?: true;
  watch?: (c: CaseContext) => Watch[];
  /** why a cell is what it is, when the permission table alone does not say */
  note?: string;
  /** puts back what an allowed case changed on the acting user (a password, two-step sign-in) */
  after?: (c: CaseContext) => Promise<void>;
};
export type ActionRow = Common & {
  /** "<file in server/actions>#<exported name>" */
  action: `${string}#${string}`;
  variant?: string;
  /** the one argument; absent: called without arguments */
  input?: (c: CaseContext) => unknown;
  /** the action answers with a redirect instead of a result (sign-out) */
  redirects?: true;
};
export type Method = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
export type RouteRow = Common & {
  /** "<METHOD> <route path as in app/, [params] kept>" */
  route: `${Method} /api/${string}`;
  variant?: string;
  path: (c: CaseContext) => string;
  body?: (c: CaseContext) => unknown;
  /** allowed, but must answer exactly what this other path answers the same actor (a filter the role may not widen) */
  sameBodyAs?: (c: CaseContext) => string | null;
};

const A = "allowed" as const;
const R = "refused" as const;
/** Permission table shorthands (lib/auth/roles.ts); the portfolio rule is the controllerOther column. */
const ANY_USER: Expect = { anonymous: R, viewer: A, controller: A, controllerOther: A, manager: A, admin: A };
const PORTFOLIO_WRITE: Expect = { anonymous: R, viewer: R, controller: A, controllerOther: R, manager: A, admin: A };
const MANAGERS: Expect = { anonymous: R, viewer: R, controller: R, controllerOther: R, manager: A, admin: A };
const ADMIN: Expect = { anonymous: R, viewer: R, controller: R, controllerOther: R, manager: R, admin: A };
const EVERYONE: Expect = { anonymous: A, viewer: A, controller: A, controllerOther: A, manager: A, admin: A };
const NO_ONE: Expect = { anonymous: R, viewer: R, controller: R, controllerOther: R, manager: R, admin: R };

type Versioned = { findUniqueOrThrow(args: { where: { id: string }; select: { version: true } }): Promise<{ version: number }> };
const versionOf = async (model: Versioned, id: string) => (await model.findUniqueOrThrow({ where: { id }, select: { version: true } })).version;

/** The newest published commercial rate: storing it as published changes no computation. */
function publishedRate(today: string) {
  const halfYear = `${today.slice(0, 4)}-${Number(today.slice(5, 7)) >= 7 ? "07" : "01"}-01`;
  const rate = BUILT_IN_RATES.filter((r) => r.kind === "commercial" && r.validFrom <= halfYear).at(-1)!;
  const percent = `${Math.floor(rate.rateBp / 100)},${String(rate.rateBp % 100).padStart(2, "0")}`;
  return { kind: rate.kind, validFrom: rate.validFrom, ratePercent: percent, source: rate.source };
}

function statementFile(c: CaseContext): FormInput {
  // controllerOther sends a sure match (reference and amount) on controller2's invoice: it must
  // wait in review, not be booked. Everyone else sends a line that matches nothing.
  const line = c.actor === "controllerOther" ? `${c.records.today};Matrix;+100,00;Betaling factuur ${c.slot.invoiceNumber}` : `${c.records.today};Matrix;+0,01;Matrix ${c.caseId}`;
  return { formData: { file: { name: `matrix-${c.caseId}.csv`, mimeType: "text/csv", buffer: Buffer.from(`Datum;Naam tegenpartij;Bedrag;Omschrijving\n${line}\n`) } } };
}

function importFile(c: CaseContext): FormInput {
  const csv = `Klantnummer;Naam;Factuurnummer;Factuurdatum;Vervaldatum;Bedrag;Openstaand\nMX${c.caseId};Matrix ${c.caseId};MXF${c.caseId};01-01-2031;31-01-2031;10,00;10,00\n`;
  return { formData: { file: { name: `matrix-${c.caseId}.csv`, mimeType: "text/csv", buffer: Buffer.from(csv) }, source: "matrix", kind: "open_items", fileDate: c.records.today } };
}

export const ACTION_ROWS: ActionRow[] = [
  {
    action: "agreements#decidePlanAction",
    expect: MANAGERS,
    input: async (c) => ({ agreementId: c.slot.agreementId, version: await versionOf(c.db.agreement, c.slot.agreementId), approve: true, note: null }),
  },
  { action: "calls#startCallAction", expect: PORTFOLIO_WRITE, input: (c) => ({ debtorId: c.slot.debtorId, idempotencyKey: randomUUID() }) },
  {
    action: "calls#saveCallDraftAction",
    expect: PORTFOLIO_WRITE,
    note: "controllerOther: controller2's draft; manager and admin save a draft of their own",
    input: async (c) => ({ callId: c.slot.callSaveId, version: await versionOf(c.db.callLog, c.slot.callSaveId), writeId: randomUUID(), notes: "Matrix: concept" }),
  },
  {
    action: "calls#finishCallAction",
    expect: PORTFOLIO_WRITE,
    input: async (c) => ({
      callId: c.slot.callFinishId, version: await versionOf(c.db.callLog, c.slot.callFinishId), writeId: randomUUID(), outcome: "no_answer", notes: "Matrix: geen gehoor",
      debtorVersion: await versionOf(c.db.debtor, c.slot.debtorId), result: { kind: "none" },
    }),
  },
  { action: "calls#discardCallAction", expect: PORTFOLIO_WRITE, note: "controllerOther: controller2's draft", input: async (c) => ({ callId: c.slot.callDiscardId, version: await versionOf(c.db.callLog, c.slot.callDiscardId) }) },
  {
    action: "calls#logContactAction",
    expect: PORTFOLIO_WRITE,
    input: (c) => ({ debtorId: c.slot.debtorId, kind: "incoming_call", contactId: c.slot.contactId, reasonCategory: null, text: "Matrix: klant belde zelf", idempotencyKey: randomUUID() }),
  },
  {
    action: "agreements#changeAgreementAction",
    expect: PORTFOLIO_WRITE,
    note: "cancels the slot's own open promise (the debtor's confirmation stays a draft)",
    destructive: true,
    input: async (c) => ({ action: "cancel", agreementId: c.slot.promiseChangeId, version: await versionOf(c.db.agreement, c.slot.promiseChangeId), reason: "Matrix: vervalt", idempotencyKey: randomUUID() }),
  },
  {
    action: "contacts#editContactAction",
    expect: PORTFOLIO_WRITE,
    input: async (c) => ({ contactId: c.slot.contactEditId, version: await versionOf(c.db.contact, c.slot.contactEditId), jobTitle: "Inkoper" }),
  },
  {
    action: "contacts#removeContactAction",
    expect: PORTFOLIO_WRITE,
    destructive: true,
    note: "a contact of the slot made for this row",
    input: async (c) => ({ contactId: c.slot.contactRemoveId, version: await versionOf(c.db.contact, c.slot.contactRemoveId) }),
  },
  {
    action: "disputes#resolveDisputeAction",
    expect: PORTFOLIO_WRITE,
    input: async (c) => ({ disputeId: c.slot.disputeId, version: await versionOf(c.db.dispute, c.slot.disputeId), decision: "justified", reason: "Matrix: terecht" }),
  },
  {
    action: "calls#sendSummaryAction",
    expect: PORTFOLIO_WRITE,
    input: (c) => ({ emailId: c.slot.emailDraftId, contactId: c.slot.contactId, subject: "Samenvatting matrix", body: "Beste Anna, bedankt voor het gesprek." }),
  },
  {
    action: "dunning#savePolicyAction",
    expect: MANAGERS,
    note: "the default ladder saved unchanged",
    watch: () => [{ model: "dunningPolicy", where: { isDefault: true } }],
    input: async (c) => {
      const p = await c.db.dunningPolicy.findFirstOrThrow({ where: { isDefault: true }, include: { steps: { orderBy: { level: "asc" } } } });
      const steps = p.steps.map((s) => ({ code: s.code, offsetDays: s.offsetDays, channel: s.channel, template: s.template, minAmountCents: s.minAmountCents === null ? null : s.minAmountCents.toString(), onlyNewCustomers: s.onlyNewCustomers, segment: s.segment, chargesCosts: s.chargesCosts, payWithinDays: s.payWithinDays }));
      return { policyId: p.id, version: p.version, name: p.name, remindAfterHandover: p.remindAfterHandover, steps };
    },
  },
  {
    action: "dunning#previewDunningAction",
    expect: MANAGERS,
    note: "today's run as a dry run: writes nothing, so no run row for today appears",
    watch: (c) => [{ model: "dunningRun", where: { runDate: c.records.today } }],
    input: () => ({}),
  },
  {
    action: "dunning#addRateAction",
    expect: MANAGERS,
    note: "the newest published rate, stored as published",
    watch: (c) => [{ model: "interestRate", where: { kind: "commercial", validFrom: publishedRate(c.records.today).validFrom } }],
    input: (c) => publishedRate(c.records.today),
  },
  {
    action: "dunning#setDebtorDunningAction",
    expect: PORTFOLIO_WRITE,
    input: async (c) => ({ debtorId: c.slot.debtorId, isPaused: true, reason: "Matrix: pauze", policyId: null, version: await versionOf(c.db.debtor, c.slot.debtorId) }),
  },
  {
    action: "debtors#bulkDebtorsAction",
    variant: "assign",
    expect: MANAGERS,
    note: "to the holder it already has: answered, nothing changes",
    input: (c) => ({ action: "assign", debtorIds: [c.slot.debtorId], controllerId: "usr_controller", idempotencyKey: randomUUID() }),
  },
  {
    action: "debtors#bulkDebtorsAction",
    variant: "pause",
    expect: { ...PORTFOLIO_WRITE, controllerOther: A },
    note: "controllerOther is answered with controller2's debtor named as skipped, and it stays as it was",
    input: (c) => ({ action: "pause", debtorIds: [c.slot.debtorId], reason: "Matrix: pauze", idempotencyKey: randomUUID() }),
  },
  { action: "documents#sendDocumentAction", expect: PORTFOLIO_WRITE, input: (c) => ({ document: "statement", debtorId: c.slot.debtorId, contactId: c.slot.contactId, idempotencyKey: randomUUID() }) },
  { action: "emails#resendEmailAction", expect: PORTFOLIO_WRITE, input: (c) => ({ emailId: c.slot.emailFailedId, contactId: c.slot.contactId, idempotencyKey: randomUUID() }) },
  {
    action: "payments#recordPaymentAction",
    expect: PORTFOLIO_WRITE,
    input: (c) => ({ debtorId: c.slot.debtorId, amount: "0,01", valueDate: c.records.today, reference: "Matrix", method: "other", invoiceIds: [], idempotencyKey: randomUUID() }),
  },
  {
    action: "payments#reverseManualPaymentAction",
    expect: PORTFOLIO_WRITE,
    note: "the slot's own manual payment; controllerOther aims at controller2's",
    input: (c) => ({ paymentId: c.slot.manualPaymentId, reason: "Matrix: verkeerde debiteur", idempotencyKey: randomUUID() }),
  },
  {
    action: "payments#importStatementAction",
    expect: { ...PORTFOLIO_WRITE, controllerOther: A },
    note: "importing is not per debtor; controllerOther's sure match on controller2's debtor must go to review (its slot unchanged)",
    watch: (c) => [{ model: "bankStatement", where: { fileName: `matrix-${c.caseId}.csv` } }],
    input: statementFile,
  },
  {
    action: "payments#resolveBankLineAction",
    variant: "apply an unmatched line to the slot's debtor",
    expect: PORTFOLIO_WRITE,
    input: async (c) => ({ action: "apply", lineId: c.slot.lineFreeId, version: await versionOf(c.db.bankLine, c.slot.lineFreeId), customerNumber: c.slot.customerNumber, invoiceNumbers: [] }),
  },
  {
    action: "payments#resolveBankLineAction",
    variant: "ignore a line matched to the slot's debtor",
    expect: PORTFOLIO_WRITE,
    note: "a sure match on a colleague's debtor waits for 'their controller' (payments.reason.other_portfolio)",
    input: async (c) => ({ action: "ignore", lineId: c.slot.lineIgnoreId, version: await versionOf(c.db.bankLine, c.slot.lineIgnoreId), reason: "Matrix: niet van ons" }),
  },
  {
    action: "payments#resolveBankLineAction",
    variant: "apply a line matched to the slot's debtor onto the actor's own debtor",
    expect: PORTFOLIO_WRITE,
    note: "controllerOther books controller2's matched payment onto a debtor of controller's own",
    watch: (c) => (c.actor === "controllerOther" ? [{ model: "payment", where: { debtorId: c.records.slots.controller.debtorId } }] : []),
    input: async (c) => ({
      action: "apply", lineId: c.slot.lineMatchedId, version: await versionOf(c.db.bankLine, c.slot.lineMatchedId),
      customerNumber: (c.actor === "controllerOther" ? c.records.slots.controller : c.slot).customerNumber, invoiceNumbers: [],
    }),
  },
  {
    action: "users#updateLocaleAction",
    expect: ANY_USER,
    note: "one's own language, set to what it is",
    input: async (c) => {
      const login = LOGIN_OF[c.actor];
      return { locale: login ? (await c.db.user.findUniqueOrThrow({ where: { id: userIdOf(login) }, select: { locale: true } })).locale : "nl" };
    },
  },
  {
    action: "users#createUserAction",
    expect: ADMIN,
    note: "the refused try to create an admin; the admin creates a viewer",
    watch: (c) => [{ model: "user", where: { email: `matrix-${c.caseId.toLowerCase()}@dunning.test` } }],
    input: (c) => ({ name: "Matrix Nieuw", email: `matrix-${c.caseId.toLowerCase()}@dunning.test`, role: c.actor === "admin" ? "viewer" : "admin", locale: "nl", password: "Tulpen-en-molens-langs-de-Vecht" }),
  },
  {
    action: "users#changeUserRoleAction",
    expect: ADMIN,
    note: "on a matrix user without a password",
    watch: (c) => [{ model: "user", where: { id: c.records.targetUserId } }],
    input: (c) => ({ userId: c.records.targetUserId, role: "admin" }),
  },
  {
    action: "users#setUserActiveAction",
    expect: ADMIN,
    watch: (c) => [{ model: "user", where: { id: c.records.targetUserId } }],
    input: (c) => ({ userId: c.records.targetUserId, active: false }),
  },
  {
    action: "users#resetUserPasswordAction",
    expect: ADMIN,
    note: "on the matrix user, given a password first",
    watch: (c) => [{ model: "user", where: { id: c.records.targetUserId } }],
    input: async (c) => {
      await withPassword(c.db, c.records.targetUserId);
      return { userId: c.records.targetUserId };
    },
  },
  {
    action: "users#resetUserTwoFactorAction",
    expect: ADMIN,
    watch: (c) => [{ model: "user", where: { id: c.records.targetUserId } }],
    input: (c) => ({ userId: c.records.targetUserId }),
  },
  { action: "api-tokens#createApiTokenAction", expect: ANY_USER, note: "one's own token (the API's own matrix is tests/integration/rest-api.test.ts)", input: (c) => ({ name: `matrix ${c.caseId}`, scope: "read", expiresInDays: 1 }) },
  { action: "api-tokens#revokeApiTokenAction", expect: ADMIN, destructive: true, note: "a colleague's token: only an admin revokes someone else's", input: (c) => ({ tokenId: c.slot.apiTokenId }) },
  {
    action: "account#changeOwnPasswordAction",
    expect: ANY_USER,
    note: "one's own password; put back after the case",
    input: (c) => ({ currentPassword: DEMO_PASSWORD, newPassword: `Matrix zin ${c.caseId} met woorden` }),
    after: restoreOwnAccount,
  },
  {
    action: "account#beginTwoFactorAction",
    expect: ANY_USER,
    note: "one's own two-step sign-in; cleared after the case",
    input: () => ({}),
    after: restoreOwnAccount,
  },
  {
    action: "account#confirmTwoFactorAction",
    expect: ANY_USER,
    note: "the enrolment begun for the acting user, confirmed with the app's code; cleared after the case",
    input: async (c) => ({ code: await withTwoFactor(c, { enabled: false }) }),
    after: restoreOwnAccount,
  },
  {
    action: "account#regenerateRecoveryCodesAction",
    expect: ANY_USER,
    input: async (c) => ({ code: await withTwoFactor(c, { enabled: true }) }),
    after: restoreOwnAccount,
  },
  {
    action: "account#disableTwoFactorAction",
    expect: ANY_USER,
    note: "allowed for every role on the e2e server (TWO_FACTOR_REQUIRED_FOR=none); refused for required roles: tests/integration/account-security.test.ts",
    input: async (c) => {
      await withTwoFactor(c, { enabled: true });
      return { password: DEMO_PASSWORD };
    },
    after: restoreOwnAccount,
  },
  {
    action: "imports#previewImportAction",
    expect: MANAGERS,
    note: "a dry run writes only its history line",
    input: importFile,
  },
  {
    action: "imports#runImportAction",
    expect: MANAGERS,
    note: "one new debtor and invoice of the matrix's own source",
    watch: (c) => [{ model: "debtor", where: { customerNumber: `MX${c.caseId}` } }],
    input: importFile,
  },
  {
    action: "worklist#claimRowAction",
    expect: PORTFOLIO_WRITE,
    input: async (c) => ({ debtorId: c.slot.debtorId, tasks: [{ taskId: c.slot.taskClaimId, version: await versionOf(c.db.task, c.slot.taskClaimId) }] }),
  },
  {
    action: "worklist#assignRowAction",
    expect: PORTFOLIO_WRITE,
    note: "controllerOther takes controller2's item for themselves",
    input: async (c) => ({ debtorId: c.slot.debtorId, tasks: [{ taskId: c.slot.taskReassignId, version: await versionOf(c.db.task, c.slot.taskReassignId) }], assigneeId: "usr_controller" }),
  },
  {
    action: "worklist#snoozeRowAction",
    expect: PORTFOLIO_WRITE,
    input: async (c) => ({ debtorId: c.slot.debtorId, tasks: [{ taskId: c.slot.taskSnoozeId, version: await versionOf(c.db.task, c.slot.taskSnoozeId) }], position: true, until: addDays(c.records.today, 1), reason: "no_answer", note: null }),
  },
  { action: "worklist#insurerNotifiedAction", expect: PORTFOLIO_WRITE, note: "the slot's debtor is credit insured", input: (c) => ({ debtorId: c.slot.debtorId, notifiedOn: c.records.today }) },
  {
    action: "webhooks#createWebhookSubscriptionAction",
    expect: ADMIN,
    note: "a receiver that refuses connections; switched off right after, so no later event is queued for it",
    watch: (c) => [{ model: "webhookSubscription", where: { name: `Matrix ${c.caseId}` } }],
    input: (c) => ({ name: `Matrix ${c.caseId}`, url: MATRIX_RECEIVER, events: ["payment.booked"], idempotencyKey: randomUUID() }),
    after: async (c) => {
      await c.db.webhookSubscription.updateMany({ where: { name: `Matrix ${c.caseId}` }, data: { active: false } });
    },
  },
  {
    action: "webhooks#updateWebhookSubscriptionAction",
    expect: ADMIN,
    note: "renames a switched-off matrix subscriber made for the case",
    watch: (c) => [{ model: "webhookSubscription", where: { id: matrixSubscriptionId(c), name: "Matrix hernoemd" } }],
    input: async (c) => ({ subscriptionId: await matrixSubscription(c), name: "Matrix hernoemd" }),
  },
  {
    action: "webhooks#rotateWebhookSecretAction",
    expect: ADMIN,
    watch: (c) => [{ model: "webhookSubscription", where: { id: matrixSubscriptionId(c), secretSealed: { not: MATRIX_SEALED } } }],
    input: async (c) => ({ subscriptionId: await matrixSubscription(c) }),
  },
  {
    action: "webhooks#retryWebhookDeliveryAction",
    expect: ADMIN,
    note: "a failed delivery of a switched-off matrix subscriber: requeued, never sent",
    watch: (c) => [{ model: "webhookDelivery", where: { id: `whd-${c.caseId}`, status: { not: "failed" } } }],
    input: async (c) => {
      const subscriptionId = await matrixSubscription(c);
      await c.db.webhookDelivery.upsert({ where: { id: `whd-${c.caseId}` }, create: { id: `whd-${c.caseId}`, subscriptionId, eventId: `evt-${c.caseId}`, status: "failed", attempts: 77, lastStatusCode: 503, lastError: "HTTP 503" }, update: {} });
      return { deliveryId: `whd-${c.caseId}` };
    },
  },
  {
    action: "creditor#saveCreditorSettingsAction",
    expect: ADMIN,
    note: "the admin saves a matrix creditor; removed after every case, so the app is back on the environment's creditor",
    watch: () => [{ model: "creditorSettings", where: {} }],
    input: async (c) => ({
      version: (await c.db.creditorSettings.findUnique({ where: { id: "creditor" }, select: { version: true } }))?.version ?? 0,
      name: `Matrix ${c.caseId} B.V.`, street: "Matrixstraat 1", postalCode: "3511 AB", city: "Utrecht", country: "NL", iban: "NL91ABNA0417164300", email: "matrix@dunning.test",
    }),
    after: async (c) => {
      await c.db.creditorSettings.deleteMany();
    },
  },
  {
    action: "creditor#saveMessageTemplateAction",
    expect: ADMIN,
    note: "the English hand-over wording (no e-mail of the matrix uses it); the admin's, last, is left for the reset row below",
    watch: () => [{ model: "messageTemplate", where: { kind: "handover", language: "en" } }],
    input: async (c) => ({
      kind: "handover", language: "en", subject: "Matrix hand-over — {customernumber}", opening: "", closing: "",
      version: (await c.db.messageTemplate.findUnique({ where: { kind_language: { kind: "handover", language: "en" } }, select: { version: true } }))?.version ?? 0,
    }),
  },
  {
    action: "creditor#resetMessageTemplateAction",
    expect: ADMIN,
    note: "resets the wording the row above saved; put back after each refused case, removed after the admin's",
    watch: () => [{ model: "messageTemplate", where: { kind: "handover", language: "en" } }],
    input: async (c) => ({ kind: "handover", language: "en", version: (await matrixTemplate(c)).version }),
    after: async (c) => {
      if (c.actor === "admin") await c.db.messageTemplate.deleteMany({ where: { kind: "handover", language: "en" } });
      else await matrixTemplate(c);
    },
  },
  {
    action: "dunning#runDunningAction",
    expect: MANAGERS,
    destructive: true,
    note: "today's real run over the whole demo book (idempotent per day); its e-mails go to the spec's SMTP sink",
    watch: (c) => [{ model: "dunningRun", where: { runDate: c.records.today } }],
    input: () => ({}),
  },
  {
    action: "auth#verifySecondFactorAction",
    expect: NO_ONE,
    note: "no actor here holds a sign-in waiting for its second factor, so there is nothing to verify; the journey: account-security.spec.ts",
    input: () => ({ code: "123456" }),
  },
  {
    action: "privacy#eraseContactAction",
    expect: MANAGERS,
    destructive: true,
    note: "refused actors aim at their slot's contact, whose claim is open, so only the permission check can answer 'forbidden'; manager and admin erase a contact of a fully paid debtor made for the case",
    input: async (c) => {
      if (c.actor !== "manager" && c.actor !== "admin") return { contactId: c.slot.contactId, reason: "Matrix: verzoek van betrokkene", confirmName: "Anna Matrix" };
      const contact = await paidUpContact(c);
      return { contactId: contact.id, reason: "Matrix: verzoek van betrokkene", confirmName: contact.name };
    },
  },
  {
    action: "privacy#eraseConsumerDebtorAction",
    expect: MANAGERS,
    destructive: true,
    note: "the slot's consumer debtor, nothing open; watched, so a refused erasure must leave it as it was",
    watch: (c) => [{ model: "debtor", where: { id: c.slot.consumerDebtorId } }],
    input: async (c) => ({ debtorId: c.slot.consumerDebtorId, reason: "Matrix: verzoek van betrokkene", confirmName: (await c.db.debtor.findUniqueOrThrow({ where: { id: c.slot.consumerDebtorId }, select: { name: true } })).name }),
  },
  { action: "auth#signOutAction", expect: EVERYONE, destructive: true, endsSession: true, redirects: true, note: "ends the caller's own session only" },
];

/** A contact of a new business debtor without invoices: nothing stands in the way of erasing it. */
async function paidUpContact(c: CaseContext): Promise<{ id: string; name: string }> {
  const name = `Matrix Privacy ${c.caseId}`;
  const debtor = await c.db.debtor.create({ data: { customerNumber: `PRV${c.caseId}`, name: `Matrix Privacy ${c.caseId} B.V.`, kind: "b2b", customerSince: "2020-01-01", contacts: { create: [{ name, email: `privacy-${c.caseId.toLowerCase()}@matrix.test` }] } }, select: { contacts: { select: { id: true, name: true } } } });
  return debtor.contacts[0]!;
}

/** Webhook rows: a receiver address nothing listens on, and a switched-off subscriber per case. */
const MATRIX_RECEIVER = "http://127.0.0.1:9/matrix";
const MATRIX_SEALED = "matrix-not-a-sealed-secret";
const matrixSubscriptionId = (c: CaseContext) => `whs-${c.caseId}`;
async function matrixSubscription(c: CaseContext): Promise<string> {
  const id = matrixSubscriptionId(c);
  await c.db.webhookSubscription.upsert({ where: { id }, create: { id, name: "Matrix", url: MATRIX_RECEIVER, events: "payment.booked", secretSealed: MATRIX_SEALED, active: false }, update: {} });
  return id;
}

/** The e2e server's BETTER_AUTH_SECRET (playwright.config.ts): TOTP secrets are sealed under it. */
const E2E_APP_SECRET = "e2e-secret-not-for-production-0123456789abcdef";

async function withPassword(db: Db, userId: string): Promise<void> {
  if (await db.account.count({ where: { userId, providerId: "credential" } })) return;
  await db.account.create({ data: { id: randomUUID(), accountId: userId, providerId: "credential", userId, password: await hashPassword(DEMO_PASSWORD) } });
}

/** Gives the acting user a TOTP secret (enrolling or enrolled) and returns the app's current code. */
async function withTwoFactor(c: CaseContext, opts: { enabled: boolean }): Promise<string> {
  const login = LOGIN_OF[c.actor];
  const secret = newTotpSecret();
  if (login) {
    await c.db.user.update({
      where: { id: userIdOf(login) },
      data: { twoFactorSecret: sealSecret(E2E_APP_SECRET, "totp-secret", secret), twoFactorEnabledAt: opts.enabled ? new Date() : null, twoFactorLastStep: null },
    });
  }
  return totpAt(secret, new Date());
}

/** Puts the acting demo user back as the seed made them: the demo password, no two-step sign-in. */
async function restoreOwnAccount(c: CaseContext): Promise<void> {
  const login = LOGIN_OF[c.actor];
  if (!login) return;
  const userId = userIdOf(login);
  await c.db.user.update({ where: { id: userId }, data: { twoFactorSecret: null, twoFactorEnabledAt: null, twoFactorLastStep: null, mustChangePassword: false } });
  await c.db.twoFactorRecoveryCode.deleteMany({ where: { userId } });
  await c.db.account.updateMany({ where: { userId, providerId: "credential" }, data: { password: await hashPassword(DEMO_PASSWORD) } });
}

const credentials = (c: CaseContext) => ({ email: LOGINS[LOGIN_OF[c.actor] ?? "viewer"], password: DEMO_PASSWORD });

export const ROUTE_ROWS: RouteRow[] = [
  { route: "GET /api/health", expect: EVERYONE, path: () => "/api/health" },
  // The REST API takes a bearer token only: a session cookie is no credential there (so no CSRF).
  // Its own matrix (every operation x role x token scope) is tests/integration/rest-api.test.ts.
  { route: "GET /api/v1/openapi.json", expect: EVERYONE, note: "the API's description: public, holds no data", path: () => "/api/v1/openapi.json" },
  { route: "GET /api/v1/me", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/me" },
  { route: "GET /api/v1/debtors", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/debtors" },
  { route: "POST /api/v1/debtors", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/debtors", body: () => ({ customerNumber: "MATRIX-API", name: "Matrix" }) },
  { route: "GET /api/v1/debtors/[debtorId]", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/debtors/${c.slot.debtorId}` },
  { route: "PATCH /api/v1/debtors/[debtorId]", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/debtors/${c.slot.debtorId}`, body: () => ({ notes: "via a session" }) },
  { route: "GET /api/v1/debtors/[debtorId]/timeline", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/debtors/${c.slot.debtorId}/timeline` },
  { route: "GET /api/v1/contacts", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/contacts" },
  { route: "POST /api/v1/contacts", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/contacts", body: (c) => ({ debtorId: c.slot.debtorId, name: "Matrix" }) },
  { route: "GET /api/v1/contacts/[contactId]", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/contacts/${c.slot.contactId}` },
  { route: "PATCH /api/v1/contacts/[contactId]", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/contacts/${c.slot.contactId}`, body: () => ({ notes: "via a session" }) },
  { route: "GET /api/v1/invoices", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/invoices" },
  { route: "POST /api/v1/invoices", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/invoices", body: (c) => ({ debtorId: c.slot.debtorId, number: "MATRIX-API-1", issueDate: "2026-01-01", dueDate: "2026-01-31", amountCents: 100 }) },
  { route: "GET /api/v1/invoices/[invoiceId]", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/invoices/${c.slot.invoiceId}` },
  { route: "PATCH /api/v1/invoices/[invoiceId]", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/invoices/${c.slot.invoiceId}`, body: () => ({ notes: "via a session" }) },
  { route: "GET /api/v1/payments", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/payments" },
  { route: "POST /api/v1/payments", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/payments", body: (c) => ({ debtorId: c.slot.debtorId, amountCents: 100, valueDate: "2026-01-15" }) },
  { route: "GET /api/v1/payments/[paymentId]", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/payments/none" },
  { route: "GET /api/v1/agreements", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/agreements" },
  { route: "GET /api/v1/agreements/[agreementId]", expect: NO_ONE, note: "bearer token only", path: (c) => `/api/v1/agreements/${c.slot.agreementId}` },
  { route: "GET /api/v1/tasks", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/tasks" },
  { route: "GET /api/v1/events", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/events" },
  { route: "POST /api/v1/imports", expect: NO_ONE, note: "bearer token only", path: () => "/api/v1/imports?source=matrix&kind=open_items&dryRun=true", body: () => "Debiteur;Naam\r\n" },
  { route: "GET /api/auth/[...all]", variant: "the session", expect: EVERYONE, path: () => "/api/auth/get-session" },
  { route: "GET /api/auth/[...all]", variant: "a closed endpoint", expect: NO_ONE, path: () => "/api/auth/list-sessions" },
  { route: "POST /api/auth/[...all]", variant: "sign in", expect: EVERYONE, note: "anonymous signs in as the viewer", path: () => "/api/auth/sign-in/email", body: credentials },
  {
    route: "POST /api/auth/[...all]",
    variant: "sign up (closed)",
    expect: NO_ONE,
    watch: (c) => [{ model: "user", where: { email: `signup-${c.caseId.toLowerCase()}@dunning.test` } }],
    path: () => "/api/auth/sign-up/email",
    body: (c) => ({ name: "Matrix", email: `signup-${c.caseId.toLowerCase()}@dunning.test`, password: "Matrix-wachtwoord-2026" }),
  },
  {
    route: "POST /api/auth/[...all]",
    variant: "update user (closed)",
    expect: NO_ONE,
    watch: (c) => [{ model: "user", where: { id: userIdOf(LOGIN_OF[c.actor] ?? "viewer") } }],
    path: () => "/api/auth/update-user",
    body: () => ({ name: "Gewijzigd door de matrix" }),
  },
  { route: "GET /api/exports/debtors", expect: ANY_USER, note: "debtors:read covers every portfolio", path: (c) => `/api/exports/debtors?format=csv&q=${c.slot.customerNumber}` },
  { route: "GET /api/exports/open-items", expect: ANY_USER, note: "debtors:read covers every portfolio", path: () => "/api/exports/open-items?format=csv" },
  { route: "GET /api/dunning/letters", expect: ANY_USER, note: "debtors:read covers every portfolio", path: (c) => `/api/dunning/letters?id=${c.slot.letterId}` },
  { route: "GET /api/documents/statement/[debtorId]", expect: ANY_USER, note: "debtors:read covers every portfolio", path: (c) => `/api/documents/statement/${c.slot.debtorId}` },
  { route: "GET /api/documents/invoice-copy/[invoiceId]", expect: ANY_USER, note: "debtors:read covers every portfolio", path: (c) => `/api/documents/invoice-copy/${c.slot.invoiceId}` },
  { route: "GET /api/emails/[emailId]/eml", expect: ANY_USER, note: "debtors:read covers every portfolio", path: (c) => `/api/emails/${c.slot.emailFailedId}/eml` },
  { route: "GET /api/exports/timeline/[debtorId]", expect: ANY_USER, note: "debtors:read covers every portfolio", path: (c) => `/api/exports/timeline/${c.slot.debtorId}?format=csv` },
  { route: "GET /api/privacy/contacts/[contactId]/export", expect: MANAGERS, note: "privacy:manage covers every portfolio; writes only its audit entry", path: (c) => `/api/privacy/contacts/${c.slot.contactId}/export?format=json` },
  {
    route: "GET /api/privacy/debtors/[debtorId]/export",
    expect: MANAGERS,
    note: "the slot's consumer debtor (a company is not a data subject); writes only its audit entry",
    path: (c) => `/api/privacy/debtors/${c.slot.consumerDebtorId}/export?format=pdf`,
  },
  {
    route: "GET /api/dashboard/export",
    expect: { anonymous: R, viewer: R, controller: A, controllerOther: A, manager: A, admin: A },
    note: "controllerOther asks for controller2's figures and must get their own",
    path: (c) => (c.actor === "controllerOther" ? "/api/dashboard/export?table=top&format=csv&controller=usr_controller2" : "/api/dashboard/export?table=top&format=csv"),
    sameBodyAs: (c) => (c.actor === "controllerOther" ? "/api/dashboard/export?table=top&format=csv" : null),
  },
  { route: "POST /api/auth/[...all]", variant: "sign out", expect: EVERYONE, destructive: true, endsSession: true, path: () => "/api/auth/sign-out", body: () => ({}) },
];

/** The English hand-over wording the reset row works on (made if a run was started half-way). */
async function matrixTemplate(c: CaseContext): Promise<{ version: number }> {
  // Read first: an upsert would touch updatedAt and count as a change in the watched row.
  const key = { kind: "handover", language: "en" };
  const found = await c.db.messageTemplate.findUnique({ where: { kind_language: key }, select: { version: true } });
  return found ?? c.db.messageTemplate.create({ data: { ...key, subject: "Matrix hand-over — {customernumber}", opening: "", closing: "" }, select: { version: true } });
}
