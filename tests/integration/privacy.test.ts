import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { audit } from "@/lib/audit/audit";
import type { Role } from "@/lib/auth/roles";
import { findBalanceDrift, recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { serializeLetter } from "@/lib/dunning/run-dunning";
import { isDomainError } from "@/lib/errors/domain-error";
import { toCsv } from "@/lib/export/table-export";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { exportPersonalData } from "@/lib/privacy/access-export";
import { eraseConsumerDebtor, eraseContact } from "@/lib/privacy/erase";
import { getPrivacyOverview } from "@/lib/privacy/privacy-queries";
import { debtorTimelineTable } from "@/lib/privacy/timeline-export";
import { createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { provider, testDb } from "./test-db";

/**
 * GDPR access export and erasure against the real database. Erasure is refused while the claim
 * is open (and changes nothing); once it is settled, it leaves no trace of the person's name,
 * e-mail address, phone numbers or IBAN in any text column of any table, while every amount,
 * date and invoice number stays and the debtor's balance still adds up.
 */
const TZ = "Europe/Amsterdam";
const TODAY = "2031-06-02";
const NOW = new Date(`${TODAY}T10:00:00Z`);
const payCtx = { today: TODAY, now: NOW, timeZone: TZ, graceDays: 2 };

type User = Awaited<ReturnType<typeof createUser>>;
const actor = (u: User) => ({ id: u.id, role: u.role as Role });
/** Letters only, so the name is a word of its own and unique to the test. */
const uniqueWord = () => `Zw${[...randomUUID().replace(/-/g, "")].map((c) => String.fromCharCode(97 + (parseInt(c, 16) % 26))).join("").slice(0, 9)}`;
const digits = (n: number) => Array.from({ length: n }, () => Math.floor(Math.random() * 10)).join("");

async function rejection(run: () => Promise<unknown>): Promise<{ code: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await run();
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, fieldErrors: e.fieldErrors };
    throw e;
  }
  throw new Error("expected a refusal");
}

// ---------------------------------------------------------------- scanning the whole database

type Column = { table: string; column: string };

/** Every text column of every table, from the database's own catalogue. */
async function textColumns(): Promise<Column[]> {
  if (provider === "postgresql") {
    const rows = await testDb.$queryRaw<{ table_name: string; column_name: string }[]>`
      SELECT table_name, column_name FROM information_schema.columns
      WHERE table_schema = current_schema() AND data_type IN ('text', 'character varying', 'character')`;
    return rows.map((r) => ({ table: r.table_name, column: r.column_name }));
  }
  const tables = await testDb.$queryRaw<{ name: string }[]>`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`;
  const out: Column[] = [];
  for (const { name } of tables) {
    const cols = await testDb.$queryRawUnsafe<{ name: string; type: string }[]>(`PRAGMA table_info("${name.replace(/"/g, "")}")`);
    // Untyped columns too: the search tables (FTS5) and the copies they keep declare no types.
    for (const c of cols) if (/CHAR|CLOB|TEXT|JSON/i.test(c.type) || c.type === "") out.push({ table: name, column: c.name });
  }
  return out;
}

/** "table.column: term" for every text cell anywhere that holds one of the terms (case-blind). */
async function tracesOf(terms: string[]): Promise<string[]> {
  const columns = await textColumns();
  expect(columns.length).toBeGreaterThan(100);
  // On SQLite the search tables' copies of names are read as well.
  if (provider === "sqlite") expect(columns.filter((c) => /^(Debtor|Contact)Search(_content)?$/.test(c.table)).length).toBeGreaterThanOrEqual(6);
  const hits: string[] = [];
  for (const { table, column } of columns) {
    for (const term of terms) {
      const pattern = `%${term.toLowerCase()}%`;
      const sql = `SELECT COUNT(*) AS n FROM "${table}" WHERE lower("${column}") LIKE ${provider === "postgresql" ? "$1" : "?"}`;
      const [row] = await testDb.$queryRawUnsafe<{ n: bigint | number }[]>(sql, pattern);
      if (Number(row?.n ?? 0) > 0) hits.push(`${table}.${column}: ${term}`);
    }
  }
  return hits;
}

/** Everything the books keep for a debtor: amounts, dates, invoice numbers and statuses, no text. */
async function books(debtorId: string) {
  const [debtor, invoices, payments, allocations, agreements, disputes, letters, lines, emails, calls] = await Promise.all([
    testDb.debtor.findUniqueOrThrow({ where: { id: debtorId }, select: { customerNumber: true, openCents: true, openInvoiceCount: true, oldestOpenDueDate: true, openDisputeCount: true, currency: true, creditLimitCents: true, customerSince: true } }),
    testDb.invoice.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, number: true, issueDate: true, dueDate: true, currency: true, amountCents: true, openCents: true, costsOpenCents: true, interestOpenCents: true, costsBaseCents: true, costsChargedCents: true, dunningLevel: true } }),
    testDb.payment.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, amountCents: true, currency: true, valueDate: true, method: true, reversedAt: true } }),
    testDb.paymentAllocation.findMany({ where: { invoice: { debtorId } }, orderBy: { id: "asc" }, select: { id: true, paymentId: true, invoiceId: true, amountCents: true, kind: true } }),
    testDb.agreement.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, kind: true, status: true, totalCents: true, createdAt: true, instalments: { orderBy: { seq: "asc" }, select: { seq: true, dueDate: true, amountCents: true, paidCents: true, status: true } } } }),
    testDb.dispute.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, invoiceId: true, disputedCents: true, status: true, openedOn: true, resolvedOn: true } }),
    testDb.dunningCommunication.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, level: true, channel: true, sentAt: true, invoiceNumbers: true, principalCents: true, interestCents: true, costsCents: true, payByDate: true } }),
    testDb.bankLine.findMany({ where: { matchDebtorId: debtorId }, orderBy: { id: "asc" }, select: { id: true, amountCents: true, valueDate: true, currency: true, status: true, paymentId: true, lineKey: true } }),
    testDb.emailOutbox.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, status: true, createdAt: true, sentAt: true, messageId: true } }),
    testDb.callLog.findMany({ where: { debtorId }, orderBy: { id: "asc" }, select: { id: true, startedAt: true, endedAt: true, outcome: true, status: true } }),
  ]);
  return { debtor, invoices, payments, allocations, agreements, disputes, letters, lines, emails, calls };
}

/** Every row of the debtor's file, text included: a refused erasure must leave all of it as it was. */
async function wholeFile(debtorId: string) {
  const where = { where: { debtorId } };
  return {
    books: await books(debtorId),
    debtor: await testDb.debtor.findUniqueOrThrow({ where: { id: debtorId } }),
    contacts: await testDb.contact.findMany({ ...where, orderBy: { id: "asc" } }),
    calls: await testDb.callLog.findMany({ ...where, orderBy: { id: "asc" } }),
    emails: await testDb.emailOutbox.findMany({ ...where, orderBy: { id: "asc" } }),
    letters: await testDb.dunningCommunication.findMany({ ...where, orderBy: { id: "asc" } }),
    tasks: await testDb.task.findMany({ ...where, orderBy: { id: "asc" } }),
    lines: await testDb.bankLine.findMany({ where: { matchDebtorId: debtorId }, orderBy: { id: "asc" } }),
    auditEntries: await testDb.auditLog.count(),
  };
}

async function balanceAddsUp(debtorId: string) {
  expect((await findBalanceDrift(testDb, 100_000)).filter((d) => d.debtorId === debtorId)).toEqual([]);
  const d = await testDb.debtor.findUniqueOrThrow({ where: { id: debtorId }, select: { openCents: true } });
  const invoices = await testDb.invoice.findMany({ where: { debtorId }, select: { openCents: true } });
  expect(d.openCents).toBe(invoices.reduce((s, i) => s + (i.openCents > 0n ? i.openCents : 0n), 0n));
}

// ---------------------------------------------------------------- a file full of one person

/**
 * A business debtor with two contacts. Anna (the one to erase) appears everywhere a person's
 * details end up: her calls, notes, an e-mail and a letter to her, a task, a dispute, a payment
 * reference, a bank line, the debtor's notes, audit entries, an import's error report, an event
 * and a stored API answer. Piet, her colleague, must survive her erasure untouched.
 */
async function businessFileWithAnna() {
  const manager = await createUser(testDb, "manager");
  const controller = await createUser(testDb, "controller");
  const surname = uniqueWord();
  const first = uniqueWord();
  const name = `${first} de ${surname}`;
  const email = `${first.toLowerCase()}.${surname.toLowerCase()}@bakkerij.test`;
  const mobileDigits = digits(8);
  const phone = `06 ${mobileDigits.slice(0, 4)} ${mobileDigits.slice(4)}`;
  const variants = { compact: `06${mobileDigits}`, international: `+31 6 ${mobileDigits.slice(0, 2)} ${mobileDigits.slice(2, 4)} ${mobileDigits.slice(4, 6)} ${mobileDigits.slice(6)}` };
  const landline = `030 ${digits(3)} ${digits(4)}`;
  const piet = `Piet ${uniqueWord()}`;

  const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
  await testDb.debtor.update({ where: { id: debtor.id }, data: { notes: `Aanspreekpunt ${name}, bereikbaar op ${variants.compact}.` } });
  const anna = await testDb.contact.create({ data: { debtorId: debtor.id, name, email, phone: landline, mobile: phone, jobTitle: "Boekhouder", preferredCallTimes: JSON.stringify([{ days: [1, 2], from: "09:00", to: "11:00" }]), isPrimaryForPayments: true } });
  const colleague = await testDb.contact.create({ data: { debtorId: debtor.id, name: piet, email: `piet-${debtor.id}@bakkerij.test`, phone: "020 555 0101", role: "buyer" } });
  const i1 = await createInvoice(testDb, debtor.id, { dueDate: "2031-04-01", amountCents: 121_000 });
  const i2 = await createInvoice(testDb, debtor.id, { dueDate: "2031-05-01", amountCents: 45_050 });
  await testDb.invoice.update({ where: { id: i1.id }, data: { description: `Levering t.a.v. ${name}` } });

  const call = await testDb.callLog.create({
    data: { debtorId: debtor.id, contactId: anna.id, spokeWith: first, phoneUsed: phone, outcome: "reached", reasonCategory: "approver_absent", reasonText: `${first} wacht op fiat`, notes: `${name} belooft betaling. Mobiel ${variants.international}, mail ${email}. ${piet} is de inkoper.`, startedAt: new Date("2031-05-20T08:00:00Z"), endedAt: new Date("2031-05-20T08:06:00Z"), authorId: controller.id },
  });
  await testDb.callLog.create({ data: { debtorId: debtor.id, contactId: colleague.id, spokeWith: piet, outcome: "reached", notes: `${piet}: mevrouw ${surname} is met vakantie.`, startedAt: new Date("2031-05-21T08:00:00Z"), authorId: controller.id } });
  await testDb.callLog.create({ data: { debtorId: debtor.id, status: "draft", notes: `concept: ${first} terugbellen`, startedAt: new Date("2031-05-22T08:00:00Z"), authorId: controller.id } });
  const agreement = await testDb.agreement.create({
    data: { debtorId: debtor.id, callLogId: call.id, kind: "promise", totalCents: 166_050n, createdById: controller.id, idempotencyKey: `prv-${randomUUID()}`, instalments: { create: [{ seq: 1, dueDate: "2031-06-15", amountCents: 166_050n }] }, invoices: { create: [{ invoiceId: i1.id }, { invoiceId: i2.id }] } },
  });
  const dispute = await testDb.dispute.create({ data: { debtorId: debtor.id, invoiceId: i2.id, reason: "goods", description: `${first} meldt kapotte levering`, disputedCents: 10_000n, status: "open", openedOn: "2031-05-10" } });
  await testDb.task.create({ data: { debtorId: debtor.id, type: "callback", dueAt: new Date("2031-06-03T08:00:00Z"), note: `callback: ${first} bellen op ${landline}`, assigneeId: controller.id } });
  const mail = (status: string, extra: Record<string, unknown> = {}) =>
    testDb.emailOutbox.create({ data: { debtorId: debtor.id, toAddress: email, toName: name, subject: `Samenvatting gesprek met ${first}`, body: `Beste ${first},\n\nZoals besproken betaalt u € 1.660,50.\n\n${name}`, kind: "agreement_summary", status, idempotencyKey: `prv-${randomUUID()}`, messageId: `<${randomUUID()}@test>`, ...extra } });
  const sent = await mail("sent", { sentAt: new Date("2031-05-20T09:00:00Z") });
  await mail("failed", { lastError: `550 <${email}> mailbox unavailable` });
  const queued = await mail("pending");
  await testDb.dunningCommunication.create({
    data: {
      debtorId: debtor.id, level: 2, channel: "letter", sentAt: new Date("2031-05-15T08:00:00Z"), subject: `Aanmaning t.a.v. ${name}`, invoiceNumbers: `${i1.number}, ${i2.number}`, runDate: "2031-05-15", template: "formal_reminder", principalCents: 166_050n, payByDate: "2031-05-29",
      content: serializeLetter({ template: "formal_reminder", language: "nl", kind: "b2b", letterDate: "2031-05-15", creditor: { name: "Test B.V." }, debtor: { name: debtor.name, customerNumber: debtor.customerNumber, contactName: name }, invoices: [{ number: i1.number, issueDate: i1.issueDate, dueDate: i1.dueDate, openCents: 121_000n, interestCents: 0n }], currency: "EUR", principalCents: 166_050n, interestCents: 0n, costsCents: 0n, interestKind: null, payByDate: "2031-05-29", senderName: "Debiteuren" }),
    },
  });
  const statement = await testDb.bankStatement.create({ data: { fileHash: `prv-${randomUUID()}`, fileName: "afschrift.csv", format: "csv", lineCount: 1 } });
  await testDb.bankLine.create({ data: { statementId: statement.id, lineNo: 1, lineKey: `prv-${randomUUID()}`, valueDate: "2031-05-30", amountCents: 100n, currency: "EUR", counterpartyName: debtor.name, description: `Vraag van ${name}`, status: "review", matchDebtorId: debtor.id } });
  await audit(testDb, { actorId: controller.id, action: "email.send", entity: "email", entityId: sent.id, data: { to: email } });
  await audit(testDb, { actorId: null, action: "import.note", entity: "importRun", entityId: randomUUID(), data: { note: `rij 3: ${name} (${phone})` } });
  // Another record's entry that happens to name her, in another case.
  await audit(testDb, { actorId: null, action: "misc.note", entity: "other", entityId: randomUUID(), data: { to: email.toUpperCase() } });
  await testDb.importRun.create({ data: { source: "test", kind: "debtors", fileName: "debiteuren.csv", checksum: randomUUID(), fileDate: TODAY, status: "refused", details: JSON.stringify({ errors: [`#3: ${email} is geen geldig adres`] }) } });
  await testDb.domainEvent.create({ data: { id: randomUUID(), type: "agreement.made", debtorId: debtor.id, payload: JSON.stringify({ agreementId: agreement.id, contactName: name, totalCents: "166050" }) } });
  await testDb.apiIdempotency.create({ data: { userId: controller.id, key: randomUUID(), requestHash: randomUUID(), status: 200, body: JSON.stringify({ contact: { name, email } }) } });
  await recomputeDebtorBalances(testDb, [debtor.id]);
  return { manager, controller, debtor, anna, colleague, invoices: [i1, i2], agreement, dispute, queued, call, name, first, surname, email, phone, landline, variants, piet };
}

/** Pays the invoices (booked as a payment naming Anna) and closes what else held the claim open. */
async function settle(f: Awaited<ReturnType<typeof businessFileWithAnna>>) {
  for (const invoice of f.invoices) {
    await recordPayment(testDb, actor(f.manager), { debtorId: f.debtor.id, amount: invoice.amountCents, valueDate: TODAY, reference: `Betaling ${f.name} ${invoice.number}`, method: "bank_transfer", invoiceIds: [invoice.id], idempotencyKey: randomUUID() }, payCtx);
  }
  await testDb.agreement.updateMany({ where: { debtorId: f.debtor.id, status: "open" }, data: { status: "kept" } });
  await testDb.dispute.update({ where: { id: f.dispute.id }, data: { status: "resolved_rejected", resolvedOn: TODAY } });
  await testDb.emailOutbox.update({ where: { id: f.queued.id }, data: { status: "sent", sentAt: NOW } });
  await recomputeDebtorBalances(testDb, [f.debtor.id]);
}

describe("erasing a contact (art. 17 GDPR)", () => {
  it("is refused with every reason while the claim is open, and changes nothing", async () => {
    const f = await businessFileWithAnna();
    const before = await wholeFile(f.debtor.id);
    const error = await rejection(() => eraseContact(testDb, actor(f.manager), { contactId: f.anna.id, reason: "Verzoek van betrokkene", confirmName: f.name }));
    expect(error.code).toBe("invalid");
    expect(error.fieldErrors?.claim).toEqual(["privacy.refused.openInvoices", "privacy.refused.openAgreements", "privacy.refused.openDisputes", "privacy.refused.queuedEmails"]);
    expect(await wholeFile(f.debtor.id)).toEqual(before);
    const overview = await getPrivacyOverview(testDb, f.debtor.id);
    expect(overview?.consumer).toBeNull();
    expect(overview?.contacts.find((c) => c.id === f.anna.id)?.blockers).toEqual(["open_invoices", "open_agreements", "open_disputes", "queued_emails"]);
  });

  it("refuses a controller and a wrong typed name, without changing anything", async () => {
    const f = await businessFileWithAnna();
    await settle(f);
    const before = await wholeFile(f.debtor.id);
    expect((await rejection(() => eraseContact(testDb, actor(f.controller), { contactId: f.anna.id, reason: "Verzoek van betrokkene", confirmName: f.name }))).code).toBe("forbidden");
    expect((await rejection(() => exportPersonalData(testDb, actor(f.controller), { type: "contact", id: f.anna.id }, "json", { now: NOW }))).code).toBe("forbidden");
    const mismatch = await rejection(() => eraseContact(testDb, actor(f.manager), { contactId: f.anna.id, reason: "Verzoek van betrokkene", confirmName: f.piet }));
    expect(mismatch).toMatchObject({ code: "invalid", fieldErrors: { confirmName: ["privacy.errors.confirmMismatch"] } });
    expect(await wholeFile(f.debtor.id)).toEqual(before);
  });

  it("after the claim is paid, leaves no trace of her anywhere while the books stay exactly as they were", async () => {
    const f = await businessFileWithAnna();
    await settle(f);
    const terms = [f.name, f.surname, f.first, f.email, f.phone, f.landline, f.variants.compact, f.variants.international];
    expect((await tracesOf(terms)).length).toBeGreaterThan(10);
    const booksBefore = await books(f.debtor.id);
    const pietBefore = await testDb.contact.findUniqueOrThrow({ where: { id: f.colleague.id } });

    const r = await eraseContact(testDb, { id: f.manager.id, role: "manager" }, { contactId: f.anna.id, reason: `Verzoek van ${f.name} per e-mail (${f.email})`, confirmName: ` ${f.name.toUpperCase()} ` });
    expect(r).toMatchObject({ status: "erased", subject: "contact", pseudonym: expect.stringMatching(/^Verwijderd \(privacy\) #/) });

    expect(await tracesOf(terms)).toEqual([]);
    expect(await books(f.debtor.id)).toEqual(booksBefore);
    await balanceAddsUp(f.debtor.id);
    expect(await testDb.contact.findUniqueOrThrow({ where: { id: f.anna.id } })).toMatchObject({ name: r.pseudonym, email: null, phone: null, mobile: null, jobTitle: null, preferredCallTimes: null });
    expect(await testDb.contact.findUniqueOrThrow({ where: { id: f.colleague.id } })).toEqual(pietBefore);
    // Her colleague's name, the amounts and invoice numbers in the same texts are still there.
    const calls = await testDb.callLog.findMany({ where: { debtorId: f.debtor.id }, orderBy: { startedAt: "asc" } });
    expect(calls[0]!.notes).toContain(`${f.piet} is de inkoper`);
    expect(calls[1]!.notes).toContain(`${f.piet}: mevrouw [verwijderd]`);
    const emails = await testDb.emailOutbox.findMany({ where: { debtorId: f.debtor.id } });
    expect(emails.every((e) => e.toAddress.endsWith("@privacy.invalid") && e.body.includes("€ 1.660,50"))).toBe(true);
    const payments = await testDb.payment.findMany({ where: { debtorId: f.debtor.id }, orderBy: { createdAt: "asc" } });
    expect(payments.map((p) => p.reference)).toEqual(f.invoices.map((i) => `Betaling [verwijderd] ${i.number}`));

    const entry = await testDb.auditLog.findFirstOrThrow({ where: { action: "privacy.erased", entityId: f.anna.id } });
    expect(entry).toMatchObject({ actorId: f.manager.id, entity: "contact" });
    const data = JSON.parse(entry.data!) as { reason: string; counts: Record<string, number> };
    expect(data.reason).toBe("Verzoek van [verwijderd] per e-mail ([verwijderd])");
    expect(data.counts).toMatchObject({ contacts: 1, debtor: 1, calls: 3, emails: 3, letters: 1, tasks: 1, disputes: 1, payments: 2, invoices: 1, bankLines: 1, events: 1, imports: 1, apiReplies: 1 });
    expect(data.counts.auditEntries).toBeGreaterThanOrEqual(2);

    // Again: nothing changes, and it says so.
    const auditCount = await testDb.auditLog.count();
    const again = await eraseContact(testDb, actor(f.manager), { contactId: f.anna.id, reason: "Nogmaals", confirmName: "wat dan ook" });
    expect(again).toMatchObject({ status: "already_erased", pseudonym: r.pseudonym });
    expect(await testDb.auditLog.count()).toBe(auditCount);
    expect((await getPrivacyOverview(testDb, f.debtor.id))?.contacts.find((c) => c.id === f.anna.id)).toMatchObject({ name: r.pseudonym, isErased: true });
  });
});

describe("the access export of a contact (art. 15 GDPR)", () => {
  it("holds her record, her calls, the e-mails to her and the audit entries about her; the export is audited without personal data", async () => {
    const f = await businessFileWithAnna();
    const data = await exportPersonalData(testDb, actor(f.manager), { type: "contact", id: f.anna.id }, "pdf", { now: NOW });
    expect(data.contact).toMatchObject({ name: f.name, email: f.email, mobile: f.phone, phone: f.landline, preferredCallTimes: [{ days: [1, 2], from: "09:00", to: "11:00" }] });
    expect(data.company).toEqual({ customerNumber: f.debtor.customerNumber, name: f.debtor.name });
    // Her own call, and the colleague's call that names her; not the unfinished draft.
    expect(data.calls.map((c) => c.spokeWith).sort()).toEqual([f.first, f.piet].sort());
    expect(data.emails).toHaveLength(3);
    expect(data.emails.every((e) => e.toAddress === f.email)).toBe(true);
    expect(data.agreements).toEqual([expect.objectContaining({ id: f.agreement.id, total: { amount: "1660.50", currency: "EUR" } })]);
    expect(data.auditLog.map((a) => a.action)).toEqual(expect.arrayContaining(["email.send", "import.note"]));
    expect(data.payments).toEqual([]);

    const entry = await testDb.auditLog.findFirstOrThrow({ where: { action: "privacy.access_export", entityId: f.anna.id } });
    expect(entry).toMatchObject({ actorId: f.manager.id, entity: "contact" });
    expect(JSON.parse(entry.data!)).toMatchObject({ subject: "contact", format: "pdf", records: { calls: 2, emails: 3 } });
    for (const term of [f.name, f.first, f.email, f.phone]) expect(entry.data!.toLowerCase()).not.toContain(term.toLowerCase());
  });
});

describe("a consumer debtor (the person)", () => {
  async function consumerFile() {
    const manager = await createUser(testDb, "manager");
    const controller = await createUser(testDb, "controller");
    const name = `Sanne ${uniqueWord()}`;
    const email = `${name.split(" ")[1]!.toLowerCase()}@mail.test`;
    const phone = `06-${digits(8)}`;
    const iban = `NL${digits(2)}INGB0${digits(9)}`;
    const street = `${uniqueWord()}straat 12`;
    const debtor = await createDebtor(testDb, { kind: "consumer", name, assignedControllerId: controller.id });
    await testDb.debtor.update({ where: { id: debtor.id }, data: { email, phone, iban, street, postalCode: "3511 AB", city: "Utrecht", notes: `${name} werkt in ploegendienst` } });
    await testDb.contact.create({ data: { debtorId: debtor.id, name, email, mobile: phone, role: "other", isPrimaryForPayments: true } });
    const invoice = await createInvoice(testDb, debtor.id, { dueDate: "2031-04-01", amountCents: 35_075 });
    await testDb.callLog.create({ data: { debtorId: debtor.id, spokeWith: name, phoneUsed: phone, outcome: "reached", notes: `Zij betaalt vrijdag, IBAN ${iban.replace(/(.{4})/g, "$1 ").trim()}`, startedAt: new Date("2031-05-20T17:45:00Z"), authorId: controller.id } });
    await testDb.emailOutbox.create({ data: { debtorId: debtor.id, toAddress: email, toName: name, subject: "Herinnering", body: `Geachte ${name},\n\nFactuur ${invoice.number} staat open.`, kind: "dunning", status: "sent", sentAt: new Date("2031-05-02T07:00:00Z"), idempotencyKey: `prv-${randomUUID()}`, messageId: `<${randomUUID()}@test>` } });
    await testDb.dunningCommunication.create({
      data: {
        debtorId: debtor.id, level: 3, channel: "letter", sentAt: new Date("2031-05-10T07:00:00Z"), subject: "Veertiendagenbrief", invoiceNumbers: invoice.number, template: "fourteen_day_letter", principalCents: 35_075n, costsCents: 5_261n, payByDate: "2031-05-27",
        content: serializeLetter({ template: "fourteen_day_letter", language: "nl", kind: "consumer", letterDate: "2031-05-10", creditor: { name: "Test B.V." }, debtor: { name, customerNumber: debtor.customerNumber, contactName: name, street, postalCode: "3511 AB", city: "Utrecht" }, invoices: [{ number: invoice.number, issueDate: invoice.issueDate, dueDate: invoice.dueDate, openCents: 35_075n, interestCents: 0n }], currency: "EUR", principalCents: 35_075n, interestCents: 0n, costsCents: 5_261n, interestKind: null, payByDate: "2031-05-27", senderName: "Debiteuren" }),
      },
    });
    const statement = await testDb.bankStatement.create({ data: { fileHash: `prv-${randomUUID()}`, fileName: "afschrift.csv", format: "csv", lineCount: 1 } });
    await testDb.bankLine.create({ data: { statementId: statement.id, lineNo: 1, lineKey: `prv-${randomUUID()}`, valueDate: "2031-05-31", amountCents: 1_000n, currency: "EUR", counterpartyName: name.toUpperCase(), counterpartyIban: iban, description: `Deelbetaling ${invoice.number}`, status: "review", matchDebtorId: debtor.id } });
    await recomputeDebtorBalances(testDb, [debtor.id]);
    return { manager, controller, debtor, invoice, name, email, phone, iban, street };
  }

  it("exports the whole file, letters included; a company is refused as a data subject", async () => {
    const f = await consumerFile();
    const data = await exportPersonalData(testDb, actor(f.manager), { type: "consumer_debtor", id: f.debtor.id }, "json", { now: NOW });
    expect(data.debtor).toMatchObject({ name: f.name, email: f.email, phone: f.phone, iban: f.iban, street: f.street });
    expect(data.calls).toHaveLength(1);
    expect(data.emails).toHaveLength(1);
    expect(data.dunning).toEqual([expect.objectContaining({ subject: "Veertiendagenbrief", principal: { amount: "350.75", currency: "EUR" }, costs: { amount: "52.61", currency: "EUR" }, letter: expect.objectContaining({ principalCents: "350.75" }) })]);
    expect(data.invoices).toEqual([expect.objectContaining({ number: f.invoice.number, amount: { amount: "350.75", currency: "EUR" } })]);
    expect(data.bankLines).toHaveLength(1);
    expect(await testDb.auditLog.count({ where: { action: "privacy.access_export", entityId: f.debtor.id } })).toBe(1);

    const company = await createDebtor(testDb);
    expect(await rejection(() => exportPersonalData(testDb, actor(f.manager), { type: "consumer_debtor", id: company.id }, "json", { now: NOW }))).toMatchObject({ code: "invalid", fieldErrors: { debtorId: ["privacy.errors.notDataSubject"] } });
    expect((await rejection(() => exportPersonalData(testDb, actor(f.manager), { type: "consumer_debtor", id: "nope" }, "json", { now: NOW }))).code).toBe("not_found");
  });

  it("is refused while an invoice is open; once paid, erasure removes name, address, phone and IBAN everywhere and keeps the books", async () => {
    const f = await consumerFile();
    const before = await wholeFile(f.debtor.id);
    const refused = await rejection(() => eraseConsumerDebtor(testDb, actor(f.manager), { debtorId: f.debtor.id, reason: "Verzoek van betrokkene", confirmName: f.name }));
    expect(refused).toMatchObject({ code: "invalid", fieldErrors: { claim: ["privacy.refused.openInvoices"] } });
    expect(await wholeFile(f.debtor.id)).toEqual(before);

    await recordPayment(testDb, actor(f.manager), { debtorId: f.debtor.id, amount: 35_075n, valueDate: TODAY, reference: `${f.name} ${f.invoice.number}`, method: "bank_transfer", invoiceIds: [f.invoice.id], idempotencyKey: randomUUID() }, payCtx);
    const terms = [f.name, f.name.split(" ")[1]!, f.email, f.phone, f.phone.replace("-", ""), f.iban, f.iban.replace(/(.{4})/g, "$1 ").trim(), f.street];
    const booksBefore = await books(f.debtor.id);
    const r = await eraseConsumerDebtor(testDb, actor(f.manager), { debtorId: f.debtor.id, reason: "Verzoek van betrokkene", confirmName: f.name });
    expect(r.status).toBe("erased");
    expect(await tracesOf(terms)).toEqual([]);
    expect(await books(f.debtor.id)).toEqual(booksBefore);
    await balanceAddsUp(f.debtor.id);
    expect(await testDb.debtor.findUniqueOrThrow({ where: { id: f.debtor.id } })).toMatchObject({ name: r.pseudonym, email: null, phone: null, iban: null, street: null, postalCode: null, city: null, notes: null, customerNumber: f.debtor.customerNumber });
    expect(await testDb.bankLine.findFirstOrThrow({ where: { matchDebtorId: f.debtor.id } })).toMatchObject({ counterpartyName: r.pseudonym, counterpartyIban: null, amountCents: 1_000n });
    expect((await testDb.auditLog.findFirstOrThrow({ where: { action: "privacy.erased", entityId: f.debtor.id } })).entity).toBe("debtor");

    // The export after erasure shows only what the books keep, under the pseudonym.
    const after = await exportPersonalData(testDb, actor(f.manager), { type: "consumer_debtor", id: f.debtor.id }, "json", { now: NOW });
    expect(after.subject.erased).toBe(true);
    expect(after.invoices[0]).toMatchObject({ number: f.invoice.number, amount: { amount: "350.75", currency: "EUR" }, open: { amount: "0.00", currency: "EUR" } });
    expect(await eraseConsumerDebtor(testDb, actor(f.manager), { debtorId: f.debtor.id, reason: "Nogmaals", confirmName: r.pseudonym })).toMatchObject({ status: "already_erased" });
  });

  it("refuses a company and a controller", async () => {
    const manager = await createUser(testDb, "manager");
    const controller = await createUser(testDb, "controller");
    const company = await createDebtor(testDb);
    expect(await rejection(() => eraseConsumerDebtor(testDb, actor(manager), { debtorId: company.id, reason: "Verzoek van betrokkene", confirmName: company.name }))).toMatchObject({ code: "invalid", fieldErrors: { debtorId: ["privacy.errors.notDataSubject"] } });
    expect((await rejection(() => eraseConsumerDebtor(testDb, actor(controller), { debtorId: company.id, reason: "Verzoek van betrokkene", confirmName: company.name }))).code).toBe("forbidden");
  });
});

describe("the timeline export", () => {
  it("holds the whole history, not one page, with Dutch decimals for a Dutch user", async () => {
    const viewer = await createUser(testDb, "viewer");
    const controller = await createUser(testDb, "controller");
    const debtor = await createDebtor(testDb, { assignedControllerId: controller.id });
    await testDb.callLog.createMany({ data: Array.from({ length: 130 }, (_, i) => ({ debtorId: debtor.id, outcome: "no_answer", notes: `poging ${i + 1}`, startedAt: new Date(Date.UTC(2031, 0, 1, 9, i)), authorId: controller.id })) });
    await testDb.payment.create({ data: { debtorId: debtor.id, amountCents: 123_456n, valueDate: "2031-02-01", reference: "F1" } });
    await testDb.task.create({ data: { debtorId: debtor.id, type: "callback", dueAt: new Date("2031-02-02T08:00:00Z"), note: "terugbellen" } });
    const table = await debtorTimelineTable(testDb, actor(viewer), debtor.id, { locale: "nl", timeZone: TZ });
    expect(table.rows).toHaveLength(132);
    expect(table.rows[0]).toMatchObject({ date: "2031-01-01", time: "10:00", kind: "Gesprek", notes: "poging 1" });
    expect(table.rows.at(-1)).toMatchObject({ kind: "Taak", notes: "terugbellen" });
    const csv = toCsv(table, { delimiter: ";", decimalComma: true });
    expect(csv).toContain(";1234,56;");
    expect((await rejection(() => debtorTimelineTable(testDb, actor(viewer), "nope", { locale: "nl", timeZone: TZ }))).code).toBe("not_found");
  });
});
