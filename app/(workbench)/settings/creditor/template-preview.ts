import { buildSummary, builtInSummaryWording } from "@/lib/agreements/summary";
import type { MessageKind, MessageLanguage, Wording } from "@/lib/creditor/message-templates";
import { builtInLetterWording, letterText, plainTextBody, type LetterData } from "@/lib/dunning/letter-text";

/**
 * A message of the given kind with sample data and the wording being edited, as the debtor would
 * read it (the e-mail text; a letter says the same). Pure: runs in the browser as the admin types.
 */
export type PreviewCreditor = { name: string; iban: string | null; phone: string | null; email: string | null };
export type PreviewEmployee = { name: string; email: string };

const SAMPLE = {
  nl: { debtor: "Bakkerij Jansen B.V.", contact: "Jan de Vries" },
  en: { debtor: "Jansen Bakery Ltd", contact: "John Smith" },
} as const;

export function builtInWording(kind: MessageKind, language: MessageLanguage): Wording {
  return kind === "summary" ? builtInSummaryWording(language) : builtInLetterWording(kind, language);
}

export function previewMessage(kind: MessageKind, language: MessageLanguage, wording: Wording, creditor: PreviewCreditor, employee: PreviewEmployee): { subject: string; body: string } {
  const sample = SAMPLE[language];
  if (kind === "summary") {
    return buildSummary({
      language,
      creditorName: creditor.name,
      debtorName: sample.debtor,
      contactName: sample.contact,
      calledAt: new Date("2026-11-23T09:15:00Z"),
      timeZone: "Europe/Amsterdam",
      currency: "EUR",
      controller: { name: employee.name, email: employee.email, phone: creditor.phone, jobTitle: null },
      result: { kind: "promise", amountCents: 123_456n, dueDate: "2026-11-30", method: "bank_transfer", invoiceNumbers: ["F2026-000101", "F2026-000102"] },
      consequence: "formal_reminder",
      wording: { ...wording, creditorIban: creditor.iban },
    });
  }
  const letter: LetterData = {
    template: kind,
    language,
    kind: kind === "fourteen_day_letter" ? "consumer" : "b2b",
    letterDate: "2026-11-23",
    creditor: { name: creditor.name, iban: creditor.iban, phone: creditor.phone, email: creditor.email },
    debtor: { name: sample.debtor, customerNumber: "010042", contactName: sample.contact },
    invoices: [
      { number: "F2026-000101", issueDate: "2026-09-01", dueDate: "2026-09-15", openCents: 100_000n, interestCents: 0n },
      { number: "F2026-000102", issueDate: "2026-09-10", dueDate: "2026-09-24", openCents: 23_456n, interestCents: 0n },
    ],
    currency: "EUR",
    principalCents: 123_456n,
    interestCents: kind === "handover" ? 2_345n : 0n,
    costsCents: kind === "formal_reminder" || kind === "notice_of_default" || kind === "fourteen_day_letter" || kind === "handover" ? 18_518n : 0n,
    interestKind: kind === "handover" ? "commercial" : null,
    payByDate: "2026-12-09",
    senderName: creditor.name,
    wording,
  };
  return { subject: letterText(letter).subject, body: plainTextBody(letter) };
}
