import { describe, expect, it } from "vitest";
import { buildSummary as build, builtInSummaryWording, type SummaryInput } from "./summary";
import { checkTone } from "./tone-check";

const base: Omit<SummaryInput, "language" | "result"> = {
  creditorName: "Demo Groothandel B.V.",
  debtorName: "Bakkerij Jansen B.V.",
  contactName: "Jeroen Blom",
  calledAt: new Date("2026-11-23T09:15:00Z"), // 10:15 in Amsterdam
  timeZone: "Europe/Amsterdam",
  currency: "EUR",
  controller: { name: "Sanne Bakker", email: "sanne@demo.nl", phone: "+31 30 700 1021", jobTitle: "Credit controller" },
  consequence: "notice_of_default",
};
/** Intl puts a no-break space between € and the amount; compare with plain spaces. */
const buildSummary = (input: SummaryInput) => {
  const r = build(input);
  return { subject: r.subject, body: r.body.replace(/\u00a0/g, " ") };
};
const plan = { kind: "plan" as const, totalCents: 150_000n, method: "bank_transfer", invoiceNumbers: ["F2026-000101", "F2026-000102"], instalments: [{ dueDate: "2026-12-01", amountCents: 75_000n }, { dueDate: "2026-12-31", amountCents: 75_000n }] };

describe("agreement summary", () => {
  it("writes the Dutch plan summary from the recorded data", () => {
    const { subject, body } = buildSummary({ ...base, language: "nl", result: plan });
    expect(subject).toBe("Bevestiging betalingsregeling – Bakkerij Jansen B.V.");
    expect(body).toContain("Beste Jeroen Blom,");
    expect(body).toContain("23 november 2026 om 10:15 uur");
    expect(body).toMatch(/1\. 1 december 2026 +€ 750,00/);
    expect(body).toMatch(/2\. 31 december 2026 +€ 750,00/);
    expect(body).toMatch(/Totaal +€ 1\.500,00/);
    expect(body).toContain("de facturen F2026-000101 en F2026-000102");
    expect(body).toContain("ingebrekestelling");
    expect(body).toContain("Sanne Bakker\nCredit controller\nDemo Groothandel B.V.\n+31 30 700 1021\nsanne@demo.nl");
    expect(checkTone(`${subject}\n${body}`, "nl")).toEqual([]);
  });

  it("writes the English plan summary likewise", () => {
    const { subject, body } = buildSummary({ ...base, language: "en", result: plan });
    expect(subject).toBe("Payment plan confirmed – Bakkerij Jansen B.V.");
    expect(body).toContain("Dear Jeroen Blom,");
    expect(body).toContain("Thank you for our call on 23 November 2026 at 10:15.");
    expect(body).toMatch(/1\. 1 December 2026 +€750\.00/);
    expect(body).toMatch(/2\. 31 December 2026 +€750\.00/);
    expect(body).toMatch(/Total +€1,500\.00/);
    expect(body).toContain("invoices F2026-000101 and F2026-000102");
    expect(body).toContain("notice of default");
    expect(checkTone(`${subject}\n${body}`, "en")).toEqual([]);
  });

  it("writes the English promise summary, and a consumer gets the 14-day wording", () => {
    const { subject, body } = buildSummary({
      ...base,
      language: "en",
      consequence: "fourteen_day_letter",
      result: { kind: "promise", amountCents: 123_456n, dueDate: "2026-11-30", method: "bank_transfer", invoiceNumbers: ["F2026-000101"] },
    });
    expect(subject).toBe("Payment arrangement confirmed – Bakkerij Jansen B.V.");
    expect(body).toContain("You will pay €1,234.56 by 30 November 2026 by bank transfer, for invoice F2026-000101.");
    expect(body).toContain("final 14 days");
    expect(checkTone(`${subject}\n${body}`, "en")).toEqual([]);
  });

  it("covers disputes and callbacks, and keeps line breaks out of the subject", () => {
    const dispute = buildSummary({ ...base, language: "nl", debtorName: "Evil\r\nBcc: x@y.z", result: { kind: "dispute", invoiceNumbers: ["F1"], disputedCents: 20_000n, undisputed: { amountCents: 5_000n, dueDate: "2026-11-30" } } });
    expect(dispute.subject).not.toMatch(/[\r\n]/);
    expect(dispute.body).toContain("Uw vraag over factuur F1 (€ 200,00)");
    expect(dispute.body).toContain("€ 50,00 betaalt u uiterlijk op 30 november 2026");
    const callback = buildSummary({ ...base, language: "en", contactName: null, result: { kind: "callback", at: new Date("2026-11-24T13:30:00Z") } });
    expect(callback.body).toContain("Dear Sir or Madam,");
    expect(callback.body).toContain("24 November 2026 at 14:30");
    expect(checkTone(dispute.body, "nl")).toEqual([]);
  });

  it("announces no next step for a dispute without an amount to pay", () => {
    const { body } = buildSummary({ ...base, language: "nl", result: { kind: "dispute", invoiceNumbers: ["F1", "F2"], disputedCents: 20_000n, undisputed: null } });
    expect(body).toContain("de facturen F1 en F2 (€ 200,00) zoeken wij uit; wij houden de herinneringen voor deze facturen zolang aan.");
    expect(body).not.toContain("ingebrekestelling");
  });

  it("thanks the person it is sent to for 'our call', without naming them as if they were someone else", () => {
    const { body } = buildSummary({ ...base, language: "nl", result: plan });
    expect(body).toContain("Beste Jeroen Blom,\n\nDank voor ons telefoongesprek van 23 november 2026 om 10:15 uur.");
    expect(body).not.toContain("met Jeroen Blom");
  });

  it("greets the recipient and names the person spoken to when the e-mail goes to someone else", () => {
    const nl = buildSummary({ ...base, language: "nl", recipientName: "Petra de Wit", result: plan }).body;
    expect(nl).toContain("Beste Petra de Wit,\n\nDank voor het telefoongesprek van 23 november 2026 om 10:15 uur met Jeroen Blom.");
    const en = buildSummary({ ...base, language: "en", recipientName: "Accounts payable", result: plan }).body;
    expect(en).toContain("Dear Sir or Madam,\n\nThank you for the call on 23 November 2026 at 10:15 with Jeroen Blom.");
  });

  it("greets a company or department formally, and a name noted with a title by the title", () => {
    const company = buildSummary({ ...base, language: "nl", contactName: "Bakkerij Jansen B.V.", result: plan }).body;
    expect(company).toContain("Geachte heer, mevrouw,");
    expect(company).not.toContain("Beste Bakkerij");
    const titled = buildSummary({ ...base, language: "nl", contactName: "mevrouw de Vries", result: plan }).body;
    expect(titled).toContain("Geachte mevrouw De Vries,\n\nDank voor ons telefoongesprek");
    const english = buildSummary({ ...base, language: "en", contactName: "de heer Jansen", result: plan }).body;
    expect(english).toContain("Dear Mr Jansen,");
    const lower = buildSummary({ ...base, language: "nl", contactName: "jeroen blom", result: plan }).body;
    expect(lower).toContain("Beste Jeroen Blom,");
  });

  it("uses a saved wording for the subject, opening and closing, and keeps what was agreed generated", () => {
    const wording = {
      subject: "Afspraak {debiteur} ({onderwerp})",
      opening: "Fijn dat wij {contactpersoon} op {gespreksdatum} spraken. U betaalt {bedrag} vóór {betaaldatum} op {iban} van {crediteur}.",
      closing: "Vragen? Bel {medewerker}.",
      creditorIban: "NL91ABNA0417164300",
    };
    const promise = { kind: "promise" as const, amountCents: 123_456n, dueDate: "2026-11-30", method: "bank_transfer", invoiceNumbers: ["F2026-000101"] };
    const { subject, body } = buildSummary({ ...base, language: "nl", wording, result: promise });
    expect(subject).toBe("Afspraak Bakkerij Jansen B.V. (Bevestiging betalingsafspraak)");
    expect(body).toContain("Beste Jeroen Blom,\n\nFijn dat wij Jeroen Blom op 23 november 2026 om 10:15 uur spraken. U betaalt € 1.234,56 vóór 30 november 2026 op NL91ABNA0417164300 van Demo Groothandel B.V.");
    expect(body).toContain("U betaalt € 1.234,56 uiterlijk op 30 november 2026 per overboeking, voor factuur F2026-000101.");
    expect(body).toContain("ingebrekestelling");
    expect(body).toContain("Vragen? Bel Sanne Bakker.\n\nMet vriendelijke groet,");
    expect(body).not.toContain("Dank voor");
  });

  it("reads the same from the built-in wording as a template as from the built-in text", () => {
    for (const language of ["nl", "en"] as const) {
      for (const result of [plan, { kind: "callback" as const, at: new Date("2026-11-24T13:30:00Z") }]) {
        expect(buildSummary({ ...base, language, result, wording: builtInSummaryWording(language) })).toEqual(buildSummary({ ...base, language, result }));
      }
    }
  });
});
