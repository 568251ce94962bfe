import { describe, expect, it } from "vitest";
import { buildSummary as build, type SummaryInput } from "./summary";
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
    expect(body).toContain("Thank you for our call on 23 November 2026 at 10:15 with Jeroen Blom.");
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
});
