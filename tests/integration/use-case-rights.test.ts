import { beforeAll, describe, expect, it } from "vitest";
import { decidePlan } from "@/lib/agreements/approve-plan";
import type { Role } from "@/lib/auth/roles";
import { saveCallDraft, startCall } from "@/lib/calls/call-drafts";
import { FinishCallInput, SaveCallDraftInput } from "@/lib/calls/call-schemas";
import { finishCall } from "@/lib/calls/finish-call";
import { sendSummary } from "@/lib/calls/send-summary";
import { bulkDebtors } from "@/lib/debtors/bulk-debtors";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { savePolicy, setDebtorDunning } from "@/lib/dunning/dunning-policy";
import { addRate } from "@/lib/dunning/rate-store";
import { runDunningAs } from "@/lib/dunning/run-dunning";
import { isDomainError } from "@/lib/errors/domain-error";
import { importStatement, resolveBankLine } from "@/lib/payments/import-statement";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { changeUserRole, createUser as createAccount, setUserActive, updateLocale } from "@/lib/users/manage-users";
import { assignRow, claimRow, recordInsurerNotified, snoozeRow } from "@/lib/worklist/worklist-use-cases";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

/**
 * Every use case that writes checks the acting user's rights itself (role and portfolio), so a
 * script, an API route or a portal action that calls it cannot skip the check. Each case calls
 * the use case directly, as a door without its own guard would, with a user who may not: the
 * answer is "forbidden" and nothing was written (the audit log, which every write appends to,
 * and the rows the use case would touch are unchanged).
 */
const TZ = "Europe/Amsterdam";
const TODAY = "2031-05-12";
const NOW = new Date(`${TODAY}T10:00:00Z`);
const clock = { today: TODAY, timeZone: TZ, now: NOW };
const payCtx = { ...clock, graceDays: 2 };
const callCtx = { ...clock, creditorName: "Test B.V.", messageIdDomain: "test.local", smtpConfigured: false };

type User = Awaited<ReturnType<typeof createUser>>;
let owner: User, other: User, viewer: User, manager: User, admin: User;
let debtor: Awaited<ReturnType<typeof createDebtor>>;
let invoiceId: string;
let contactId: string;

async function forbidden(run: () => Promise<unknown>, changed: () => Promise<unknown> = async () => null) {
  const auditBefore = await testDb.auditLog.count();
  const before = await changed();
  let error: unknown = null;
  try {
    await run();
  } catch (e) {
    error = e;
  }
  expect(isDomainError(error) ? error.code : error).toBe("forbidden");
  expect(await testDb.auditLog.count()).toBe(auditBefore);
  expect(await changed()).toEqual(before);
}

const as = (u: User, extra: Partial<{ name: string; email: string }> = {}) => ({ id: u.id, role: u.role as Role, name: u.name, email: u.email, ...extra });
const debtorState = () => testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id }, select: { version: true, openCents: true, isDunningPaused: true, iban: true } });

beforeAll(async () => {
  [owner, other, viewer, manager, admin] = await Promise.all([createUser(testDb, "controller"), createUser(testDb, "controller"), createUser(testDb, "viewer"), createUser(testDb, "manager"), createUser(testDb, "admin")]);
  debtor = await createDebtor(testDb, { assignedControllerId: owner.id });
  invoiceId = (await createInvoice(testDb, debtor.id, { dueDate: "2031-04-01", amountCents: 80_000 })).id;
  contactId = (await createContact(testDb, debtor.id)).id;
  await recomputeDebtorBalances(testDb, [debtor.id]);
});

describe("calls guard themselves", () => {
  it("startCall: a viewer and a controller of another portfolio are refused", async () => {
    const calls = () => testDb.callLog.count({ where: { debtorId: debtor.id } });
    await forbidden(() => startCall(testDb, as(viewer), { debtorId: debtor.id, idempotencyKey: crypto.randomUUID() }), calls);
    await forbidden(() => startCall(testDb, as(other), { debtorId: debtor.id, idempotencyKey: crypto.randomUUID() }), calls);
  });

  it("saveCallDraft, finishCall and sendSummary: not on another controller's call or debtor", async () => {
    const call = await startCall(testDb, as(owner), { debtorId: debtor.id, idempotencyKey: crypto.randomUUID() });
    const state = () => testDb.callLog.findUniqueOrThrow({ where: { id: call.callId }, select: { notes: true, status: true, version: true } });
    await forbidden(() => saveCallDraft(testDb, as(other), SaveCallDraftInput.parse({ callId: call.callId, version: call.version, notes: "overschreven" })), state);
    await forbidden(() => saveCallDraft(testDb, as(viewer), SaveCallDraftInput.parse({ callId: call.callId, version: call.version, notes: "overschreven" })), state);
    const finish = FinishCallInput.parse({ callId: call.callId, version: call.version, debtorVersion: (await debtorState()).version, outcome: "reached", notes: "", result: { kind: "none" } });
    await forbidden(() => finishCall(testDb, as(other), finish, callCtx), state);
    await forbidden(() => finishCall(testDb, as(viewer), finish, callCtx), state);

    const draft = await testDb.emailOutbox.create({ data: { debtorId: debtor.id, toAddress: "ap@example.test", subject: "Samenvatting", body: "Tekst van de samenvatting", kind: "agreement_summary", status: "draft", idempotencyKey: `rights-${call.callId}`, messageId: `<rights-${call.callId}@test.local>` } });
    const email = () => testDb.emailOutbox.findUniqueOrThrow({ where: { id: draft.id }, select: { status: true, subject: true } });
    await forbidden(() => sendSummary(testDb, as(other), { emailId: draft.id, contactId, subject: "Andere tekst", body: "Een heel andere tekst" }, callCtx), email);
  });
});

describe("payments guard themselves", () => {
  const booked = () => testDb.payment.count({ where: { debtorId: debtor.id } });

  it("recordPayment: only on the own portfolio, never by a viewer", async () => {
    const input = { debtorId: debtor.id, amount: 10_000n, valueDate: TODAY, reference: null, method: "bank_transfer" as const, invoiceIds: [], idempotencyKey: crypto.randomUUID() };
    await forbidden(() => recordPayment(testDb, as(other), input, payCtx), booked);
    await forbidden(() => recordPayment(testDb, as(viewer), input, payCtx), booked);
  });

  it("importStatement: a viewer may not import; a controller's import never books money on a colleague's debtor", async () => {
    const inv = await testDb.invoice.findUniqueOrThrow({ where: { id: invoiceId } });
    const file = (tag: string) => new TextEncoder().encode(`date,amount,currency,name,iban,description\r\n${TODAY},"800,00",EUR,Klant,NL02ABNA0123456789,Factuur ${inv.number} ${tag}\r\n`);
    await forbidden(() => importStatement(testDb, as(viewer), { name: "a.csv", bytes: file("v") }, payCtx), booked);

    const r = await importStatement(testDb, as(other), { name: "b.csv", bytes: file("o") }, payCtx);
    expect(r).toMatchObject({ applied: 0, review: 1 });
    expect(await booked()).toBe(0);
    const line = await testDb.bankLine.findFirstOrThrow({ where: { statementId: r.statementId } });
    expect(line).toMatchObject({ status: "review", matchDebtorId: debtor.id, matchReason: "other_portfolio" });

    // resolveBankLine: the colleague cannot book it from review either; the owner can.
    const apply = { action: "apply" as const, lineId: line.id, version: line.version, customerNumber: debtor.customerNumber, invoiceNumbers: [inv.number] };
    await forbidden(() => resolveBankLine(testDb, as(other), apply, payCtx), booked);
    await forbidden(() => resolveBankLine(testDb, as(viewer), apply, payCtx), booked);
    // Nor may the colleague set it aside, or book it onto a debtor of their own (found by the
    // authorisation matrix: both used to succeed).
    const ownDebtor = await createDebtor(testDb, { assignedControllerId: other.id });
    const lineState = async () => testDb.bankLine.findUniqueOrThrow({ where: { id: line.id }, select: { status: true, version: true, matchReason: true, paymentId: true } });
    await forbidden(() => resolveBankLine(testDb, as(other), { action: "ignore", lineId: line.id, version: line.version, reason: "niet van ons" }, payCtx), lineState);
    await forbidden(() => resolveBankLine(testDb, as(other), { ...apply, customerNumber: ownDebtor.customerNumber, invoiceNumbers: [] }, payCtx), lineState);
    expect(await testDb.payment.count({ where: { debtorId: ownDebtor.id } })).toBe(0);
    await resolveBankLine(testDb, as(owner), apply, payCtx);
    expect(await booked()).toBe(1);
  });
});

describe("dunning guards itself", () => {
  it("setDebtorDunning: not on another controller's debtor, not by a viewer", async () => {
    const version = (await debtorState()).version;
    const input = { debtorId: debtor.id, isPaused: true, reason: "in overleg", policyId: null, version };
    await forbidden(() => setDebtorDunning(testDb, as(other), input), debtorState);
    await forbidden(() => setDebtorDunning(testDb, as(viewer), input), debtorState);
  });

  it("savePolicy, addRate and a manual run: managers only", async () => {
    const policies = () => testDb.dunningPolicy.count();
    await forbidden(() => savePolicy(testDb, as(owner), { policyId: null, version: null, name: `Beleid ${owner.id}`, remindAfterHandover: false, steps: [] }), policies);
    const rates = () => testDb.interestRate.count();
    await forbidden(() => addRate(testDb, as(owner), { kind: "commercial", validFrom: "2031-07-01", ratePercent: "10,15", source: "test" }), rates);
    const runs = () => testDb.dunningRun.count();
    await forbidden(() => runDunningAs(testDb, as(owner), { ...clock, creditor: { name: "T", address: null, iban: null, email: null, phone: null }, messageIdDomain: "t", smtpConfigured: false }), runs);
  });
});

describe("bulk actions on debtors guard themselves", () => {
  it("bulkDebtors: assigning by managers and admins only, pausing not by a viewer; a colleague's debtor is skipped", async () => {
    const state = () => testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id }, select: { assignedControllerId: true, isDunningPaused: true, version: true } });
    const assign = { action: "assign" as const, debtorIds: [debtor.id], controllerId: other.id, idempotencyKey: crypto.randomUUID() };
    const pause = { action: "pause" as const, debtorIds: [debtor.id], reason: "in overleg", idempotencyKey: crypto.randomUUID() };
    const bulkClock = { ...clock, provider };
    await forbidden(() => bulkDebtors(testDb, as(owner), assign, bulkClock), state);
    await forbidden(() => bulkDebtors(testDb, as(viewer), assign, bulkClock), state);
    await forbidden(() => bulkDebtors(testDb, as(viewer), pause, bulkClock), state);
    const before = await state();
    expect(await bulkDebtors(testDb, as(other), pause, bulkClock)).toMatchObject({ changed: 0, skipped: [{ debtorId: debtor.id, reason: "colleague" }] });
    expect(await state()).toEqual(before);
  });
});

describe("the worklist and agreements guard themselves", () => {
  it("claim, assign, snooze and the insurer's notification: not by a viewer, not on a colleague's debtor", async () => {
    const task = await testDb.task.create({ data: { debtorId: debtor.id, type: "callback", dueAt: NOW, assigneeId: null } });
    await testDb.debtor.update({ where: { id: debtor.id }, data: { isCreditInsured: true } });
    const state = async () => ({
      task: await testDb.task.findUniqueOrThrow({ where: { id: task.id }, select: { assigneeId: true, version: true, snoozedUntil: true } }),
      debtor: await testDb.debtor.findUniqueOrThrow({ where: { id: debtor.id }, select: { assignedControllerId: true, worklistSnoozedUntil: true, insurerNotifiedOn: true } }),
    });
    const row = { debtorId: debtor.id, tasks: [{ taskId: task.id, version: task.version }] };
    await forbidden(() => claimRow(testDb, as(viewer), row), state);
    await forbidden(() => claimRow(testDb, as(other), row), state);
    await forbidden(() => assignRow(testDb, as(viewer), { ...row, assigneeId: other.id }), state);
    await forbidden(() => assignRow(testDb, as(other), { ...row, assigneeId: other.id }), state);
    await forbidden(() => snoozeRow(testDb, as(other), { ...row, position: true, until: "2031-05-14", reason: "no_answer", note: null }, clock), state);
    await forbidden(() => recordInsurerNotified(testDb, as(other), { debtorId: debtor.id, notifiedOn: clock.today }, clock), state);
    await forbidden(() => recordInsurerNotified(testDb, as(viewer), { debtorId: debtor.id, notifiedOn: clock.today }, clock), state);
  });

  it("decidePlan: only a role that may approve", async () => {
    const plan = await testDb.agreement.create({ data: { debtorId: debtor.id, kind: "plan", totalCents: 50_000n, needsApproval: true, createdById: owner.id, idempotencyKey: `rights-plan-${debtor.id}` } });
    const state = () => testDb.agreement.findUniqueOrThrow({ where: { id: plan.id }, select: { status: true, needsApproval: true, version: true } });
    await forbidden(() => decidePlan(testDb, as(owner), { agreementId: plan.id, version: plan.version, approve: true, note: null }, { now: NOW }), state);
    await forbidden(() => decidePlan(testDb, as(viewer), { agreementId: plan.id, version: plan.version, approve: false, note: null }, { now: NOW }), state);
  });
});

describe("users guard themselves", () => {
  it("creating accounts and changing roles or status: admins only; the language: anyone but for themselves", async () => {
    const users = () => testDb.user.count();
    await forbidden(() => createAccount(testDb, as(manager), { name: "Nieuw", email: `new-${manager.id}@example.test`, role: "admin", locale: "nl", password: "lang-genoeg-wachtwoord" }), users);
    const target = () => testDb.user.findUniqueOrThrow({ where: { id: owner.id }, select: { role: true, active: true } });
    await forbidden(() => changeUserRole(testDb, as(manager), { userId: owner.id, role: "admin" }), target);
    await forbidden(() => setUserActive(testDb, as(owner), { userId: other.id, active: false }), target);
    await updateLocale(testDb, as(viewer), "en");
    expect((await testDb.user.findUniqueOrThrow({ where: { id: viewer.id } })).locale).toBe("en");
    expect(admin.role).toBe("admin");
  });
});
