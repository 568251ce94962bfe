import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { buildSummary } from "@/lib/agreements/summary";
import { SaveCreditorSettingsInput, SaveMessageTemplateInput } from "@/lib/creditor/creditor-schemas";
import { findSummaryWording, getCreditorSettingsForm, isCreditorConfigured, listMessageTemplates, loadCreditorProfile } from "@/lib/creditor/creditor-queries";
import { saveCreditorSettings } from "@/lib/creditor/save-creditor-settings";
import { resetMessageTemplate, saveMessageTemplate } from "@/lib/creditor/save-message-template";
import { recomputeDebtorBalances } from "@/lib/debtors/debtor-balance";
import { parseLetter } from "@/lib/dunning/letter-json";
import { renderLettersPdf } from "@/lib/dunning/letter-pdf";
import { letterText, type LetterData } from "@/lib/dunning/letter-text";
import { planDunning, type PlanOptions } from "@/lib/dunning/plan-dunning";
import { isDomainError } from "@/lib/errors/domain-error";
import { createContact, createDebtor, createInvoice, createUser } from "../factories/portfolio";
import { testDb } from "./test-db";

/**
 * Who the creditor is and how its messages read, saved by an admin in the database: rights,
 * validation (IBAN, logo), optimistic versions, the fallback to the environment while nothing is
 * saved, placeholders, and the saved wording in the summary and the dunning messages. The creditor
 * row and the wordings are global: this file removes them when it is done, so no other file sees
 * them (the files share one database and run one after another).
 */
const ENV = { name: "Omgeving B.V.", address: "Omgevingstraat 1, Utrecht", iban: "NL91ABNA0417164300", email: "env@example.test", phone: "030 000 0000" };
const DEMO_ENV = { name: "Demo Groothandel B.V.", address: null, iban: null, email: null, phone: null };
const PNG_1X1 = "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

type User = Awaited<ReturnType<typeof createUser>>;
let admin: User, manager: User, controller: User;

const details = (overrides: Record<string, unknown> = {}) =>
  SaveCreditorSettingsInput.parse({
    version: 0, name: "Groothandel Noord B.V.", street: "Kade 12", postalCode: "9711 AB", city: "Groningen", country: "nl", iban: "nl91 abna 0417 1643 00", bic: "abnanl2a",
    cocNumber: "12345678", vatNumber: "NL 1234.56789.B01", email: "debiteuren@noord.example", phone: "050 123 4567", senderName: "Debiteuren Noord", senderAddress: "", ...overrides,
  });

async function refusal(run: Promise<unknown>): Promise<{ code: string; fieldErrors?: Record<string, string[]> }> {
  try {
    await run;
  } catch (e) {
    if (isDomainError(e)) return { code: e.code, ...(e.fieldErrors ? { fieldErrors: e.fieldErrors } : {}) };
    throw e;
  }
  throw new Error("expected a refusal");
}

beforeAll(async () => {
  [admin, manager, controller] = await Promise.all([createUser(testDb, "admin"), createUser(testDb, "manager"), createUser(testDb, "controller")]);
  await testDb.creditorSettings.deleteMany();
  await testDb.messageTemplate.deleteMany();
});

afterAll(async () => {
  await testDb.creditorSettings.deleteMany();
  await testDb.messageTemplate.deleteMany();
});

describe("creditor settings", () => {
  it("falls back to the environment while nothing is saved, and warns only for the default or demo creditor", async () => {
    expect(await loadCreditorProfile(testDb, ENV)).toMatchObject({ creditor: ENV, isSaved: false, logo: null, replyTo: null });
    expect(await isCreditorConfigured(testDb, ENV)).toBe(true);
    expect(await isCreditorConfigured(testDb, DEMO_ENV)).toBe(false);
    expect(await isCreditorConfigured(testDb, { ...ENV, name: "Dunning Workbench" })).toBe(false);
    expect(await getCreditorSettingsForm(testDb, admin)).toBeNull();
  });

  it("refuses a wrong IBAN, BIC, country and VAT number with the field's message", () => {
    const r = SaveCreditorSettingsInput.safeParse({ ...details(), iban: "NL91ABNA0417164301", bic: "ABN", country: "Nederland", vatNumber: "123" });
    expect(r.success).toBe(false);
    const byField = Object.fromEntries(r.error!.issues.map((i) => [i.path.join("."), i.message]));
    expect(byField).toMatchObject({ iban: "settings.creditor.errors.iban", bic: "settings.creditor.errors.bic", country: "settings.creditor.errors.country", vatNumber: "settings.creditor.errors.vat" });
  });

  it("lets only an admin save, and checks the IBAN in the use case as well", async () => {
    for (const actor of [manager, controller]) expect(await refusal(saveCreditorSettings(testDb, actor, details()))).toEqual({ code: "forbidden" });
    await expect(getCreditorSettingsForm(testDb, manager)).rejects.toMatchObject({ code: "forbidden" });
    expect(await refusal(saveCreditorSettings(testDb, admin, { ...details(), iban: "NL91ABNA0417164301" }))).toEqual({ code: "invalid", fieldErrors: { iban: ["settings.creditor.errors.iban"] } });
    expect(await testDb.creditorSettings.count()).toBe(0);
  });

  it("refuses a logo that is too big, of another type or not what its type says", async () => {
    const big = Buffer.alloc(200 * 1024 + 1);
    Buffer.from(PNG_1X1, "base64").copy(big);
    expect(await refusal(saveCreditorSettings(testDb, admin, details({ logo: { type: "image/png", base64: big.toString("base64") } })))).toEqual({ code: "invalid", fieldErrors: { logo: ["settings.creditor.errors.logoSize"] } });
    expect(await refusal(saveCreditorSettings(testDb, admin, details({ logo: { type: "image/gif", base64: PNG_1X1 } })))).toEqual({ code: "invalid", fieldErrors: { logo: ["settings.creditor.errors.logoType"] } });
    expect(await refusal(saveCreditorSettings(testDb, admin, details({ logo: { type: "image/jpeg", base64: PNG_1X1 } })))).toEqual({ code: "invalid", fieldErrors: { logo: ["settings.creditor.errors.logoType"] } });
    const brokenPng = Buffer.concat([Buffer.from(PNG_1X1, "base64").subarray(0, 8), Buffer.from("not an image")]);
    expect(await refusal(saveCreditorSettings(testDb, admin, details({ logo: { type: "image/png", base64: brokenPng.toString("base64") } })))).toEqual({ code: "invalid", fieldErrors: { logo: ["settings.creditor.errors.logoType"] } });
    expect(await testDb.creditorSettings.count()).toBe(0);
  });

  it("saves with versions: a stale form is a conflict, the logo is kept, replaced or removed, and every save is audited", async () => {
    expect(await saveCreditorSettings(testDb, admin, details({ logo: { type: "image/png", base64: PNG_1X1 } }))).toEqual({ version: 1 });
    const profile = await loadCreditorProfile(testDb, ENV);
    expect(profile).toMatchObject({
      isSaved: true,
      creditor: { name: "Groothandel Noord B.V.", address: "Kade 12, 9711 AB Groningen", iban: "NL91ABNA0417164300", bic: "ABNANL2A", cocNumber: "12345678", vatNumber: "NL123456789B01", email: "debiteuren@noord.example", phone: "050 123 4567" },
      sender: { name: "Debiteuren Noord", address: null },
      replyTo: "debiteuren@noord.example",
    });
    expect(Buffer.from(profile.logo!.bytes).equals(Buffer.from(PNG_1X1, "base64"))).toBe(true);
    expect(await isCreditorConfigured(testDb, DEMO_ENV)).toBe(true);

    // Two admins loaded version 1; the second save is refused, not silently applied.
    expect(await saveCreditorSettings(testDb, admin, details({ version: 1, phone: "050 765 4321" }))).toEqual({ version: 2 });
    expect(await refusal(saveCreditorSettings(testDb, admin, details({ version: 1, name: "Oud formulier B.V." })))).toEqual({ code: "conflict" });
    expect(await refusal(saveCreditorSettings(testDb, admin, details({ version: 0 })))).toEqual({ code: "conflict" });
    const form = await getCreditorSettingsForm(testDb, admin);
    expect(form).toMatchObject({ version: 2, name: "Groothandel Noord B.V.", phone: "050 765 4321", logo: { type: "image/png" } });
    expect(form!.logo!.dataUrl).toBe(`data:image/png;base64,${PNG_1X1}`);

    expect(await saveCreditorSettings(testDb, admin, details({ version: 2, logo: null }))).toEqual({ version: 3 });
    expect((await loadCreditorProfile(testDb, ENV)).logo).toBeNull();
    const audits = await testDb.auditLog.findMany({ where: { action: "creditor.save" }, orderBy: { createdAt: "asc" }, select: { actorId: true, data: true } });
    expect(audits).toHaveLength(3);
    expect(audits.every((a) => a.actorId === admin.id)).toBe(true);
    expect(JSON.parse(audits[1]!.data!)).toMatchObject({ version: 2, changed: ["phone"] });
    expect(JSON.parse(audits[2]!.data!)).toMatchObject({ version: 3, logo: "removed" });
  });

  it("prints the saved logo on the letters", async () => {
    await saveCreditorSettings(testDb, admin, details({ version: 3, logo: { type: "image/png", base64: PNG_1X1 } }));
    const { logo, creditor } = await loadCreditorProfile(testDb, ENV);
    const letter: LetterData = { template: "reminder", language: "nl", kind: "b2b", letterDate: "2041-01-10", creditor, debtor: { name: "X B.V.", customerNumber: "1" }, invoices: [], currency: "EUR", principalCents: 100n, interestCents: 0n, costsCents: 0n, interestKind: null, payByDate: "2041-01-24", senderName: "X" };
    const pdf = Buffer.from(await renderLettersPdf([letter], { logo })).toString("latin1");
    expect(pdf).toContain("/Subtype /Image");
  });
});

describe("message templates", () => {
  it("refuses unknown placeholders with their names, and a template saved by someone without the right", async () => {
    const input = SaveMessageTemplateInput.parse({ kind: "summary", language: "nl", version: 0, subject: "Afspraak {debiteur}", opening: "Beste {naam}, dank voor {gesprek}.", closing: "Groet, {medewerker} {Debitor}" });
    expect(await refusal(saveMessageTemplate(testDb, admin, input))).toEqual({
      code: "invalid",
      fieldErrors: { opening: ["settings.templates.errors.unknown", "{naam}, {gesprek}"], closing: ["settings.templates.errors.unknown", "{Debitor}"] },
    });
    // English names are unknown in a Dutch template, and the other way round.
    expect(await refusal(saveMessageTemplate(testDb, admin, { ...input, opening: "Dear {contact}", closing: "" }))).toMatchObject({ fieldErrors: { opening: ["settings.templates.errors.unknown", "{contact}"] } });
    expect(await refusal(saveMessageTemplate(testDb, manager, { ...input, opening: "", closing: "" }))).toEqual({ code: "forbidden" });
    expect(await testDb.messageTemplate.count()).toBe(0);
  });

  it("uses a saved summary wording, with versions, and the built-in text again after a reset", async () => {
    const summaryInput = {
      language: "nl" as const, creditorName: "Groothandel Noord B.V.", debtorName: "Bakkerij Jansen B.V.", contactName: "Jan de Vries", calledAt: new Date("2041-01-10T09:15:00Z"), timeZone: "Europe/Amsterdam", currency: "EUR",
      controller: { name: "Sanne Bakker", email: "sanne@noord.example", phone: null, jobTitle: null },
      result: { kind: "promise" as const, amountCents: 50_000n, dueDate: "2041-01-31", method: "bank_transfer", invoiceNumbers: ["F1"] }, consequence: "reminder" as const,
    };
    expect(await findSummaryWording(testDb, "nl")).toBeNull();
    const builtIn = buildSummary({ ...summaryInput, wording: await findSummaryWording(testDb, "nl") });
    expect(builtIn).toEqual(buildSummary(summaryInput));

    const input = { kind: "summary" as const, language: "nl" as const, version: 0, subject: "Onze afspraak met {debiteur}", opening: "Fijn dat we elkaar spraken, {contactpersoon}. U maakt {bedrag} over op {iban}.", closing: "Bel gerust, {medewerker}." };
    expect(await saveMessageTemplate(testDb, admin, input)).toEqual({ version: 1 });
    expect(await refusal(saveMessageTemplate(testDb, admin, input))).toEqual({ code: "conflict" });
    expect(await saveMessageTemplate(testDb, admin, { ...input, version: 1, closing: "Vragen? Bel {medewerker}." })).toEqual({ version: 2 });
    expect(await refusal(saveMessageTemplate(testDb, admin, { ...input, version: 1 }))).toEqual({ code: "conflict" });
    expect((await listMessageTemplates(testDb, admin)).map((t) => [t.kind, t.language, t.version])).toEqual([["summary", "nl", 2]]);

    const wording = await findSummaryWording(testDb, "nl");
    expect(wording).toMatchObject({ subject: "Onze afspraak met {debiteur}", creditorIban: "NL91ABNA0417164300" });
    const built = buildSummary({ ...summaryInput, wording });
    // Intl puts a no-break space between € and the amount.
    const own = { subject: built.subject, body: built.body.replace(/\u00a0/g, " ") };
    expect(own.subject).toBe("Onze afspraak met Bakkerij Jansen B.V.");
    expect(own.body).toContain("Beste Jan de Vries,\n\nFijn dat we elkaar spraken, Jan de Vries. U maakt € 500,00 over op NL91ABNA0417164300.");
    expect(own.body).toContain("U betaalt € 500,00 uiterlijk op 31 januari 2041 per overboeking, voor factuur F1.");
    expect(own.body).toContain("Vragen? Bel Sanne Bakker.");
    // The English summary has no saved wording: built-in.
    expect(await findSummaryWording(testDb, "en")).toBeNull();

    await resetMessageTemplate(testDb, admin, { kind: "summary", language: "nl", version: 2 });
    expect(await findSummaryWording(testDb, "nl")).toBeNull();
    expect(await testDb.auditLog.count({ where: { action: { in: ["messageTemplate.save", "messageTemplate.reset"] }, actorId: admin.id } })).toBe(3);
  });

  it("uses a saved dunning wording in the e-mail and the stored letter, and keeps the legal parts generated", async () => {
    const debtor = await createDebtor(testDb);
    const contact = await createContact(testDb, debtor.id, { name: "Jan de Vries", isPrimaryForPayments: true });
    const invoice = await createInvoice(testDb, debtor.id, { dueDate: "2041-01-01", amountCents: 100_000 });
    const letterDebtor = await createDebtor(testDb);
    await createInvoice(testDb, letterDebtor.id, { dueDate: "2041-01-01", amountCents: 50_000 });
    await recomputeDebtorBalances(testDb, [debtor.id, letterDebtor.id]);
    const { creditor } = await loadCreditorProfile(testDb, ENV);
    const opts: PlanOptions = { today: "2041-01-10", timeZone: "Europe/Amsterdam", now: new Date("2041-01-10T06:00:00Z"), creditor, messageIdDomain: "test.local", smtpConfigured: true, triggeredBy: null };
    const writesFor = async (debtorId: string) => {
      const plan = await planDunning(testDb, opts);
      return plan.writesOf(plan.steps.find((s) => s.debtor.id === debtorId)!);
    };

    const before = await writesFor(debtor.id);
    expect(before.email!.subject).toBe(`Herinnering: openstaande facturen — klantnummer ${debtor.customerNumber}`);

    await saveMessageTemplate(testDb, admin, {
      kind: "reminder", language: "nl", version: 0,
      subject: "Even herinneren, {debiteur} ({klantnummer})",
      opening: "Beste {contactpersoon}, factuur {facturen} van {crediteur} staat nog open.",
      closing: "Vragen? Bel {telefoon}.",
    });
    const after = await writesFor(debtor.id);
    expect(after.email!.subject).toBe(`Even herinneren, ${debtor.name} (${debtor.customerNumber})`);
    expect(after.email!.to.address).toBe(contact.email);
    expect(after.email!.body).toContain(`Beste Jan de Vries, factuur ${invoice.number} van Groothandel Noord B.V. staat nog open.`);
    expect(after.email!.body).toContain("Wij verzoeken u het openstaande bedrag van € 1.000,00 uiterlijk");
    expect(after.email!.body).toContain("op rekening NL91ABNA0417164300 t.n.v. Groothandel Noord B.V.");
    expect(after.email!.body).toContain("Vragen? Bel 050 123 4567.");
    expect(after.email!.body).not.toContain("Volgens onze administratie");
    // The letter keeps the wording it was made with (a reprint reads the same after an edit).
    const stored = parseLetter(after.communication.content!);
    expect(stored.wording).toMatchObject({ subject: "Even herinneren, {debiteur} ({klantnummer})" });
    expect(letterText(stored).subject).toBe(after.email!.subject);

    // A letter (no e-mail address) uses it too; the English wording is still the built-in one.
    const letter = await writesFor(letterDebtor.id);
    expect(letter.communication.subject).toBe(`Even herinneren, ${letterDebtor.name} (${letterDebtor.customerNumber})`);
    await testDb.debtor.update({ where: { id: letterDebtor.id }, data: { language: "en" } });
    expect((await writesFor(letterDebtor.id)).communication.subject).toBe(`Reminder: open invoices — customer number ${letterDebtor.customerNumber}`);
  });
});
