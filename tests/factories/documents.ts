import type { DocumentDebtor, DocumentLanguage } from "@/lib/documents/document-debtor";
import type { InvoiceCopyData } from "@/lib/documents/invoice-copy-data";
import type { StatementCurrency, StatementData, StatementInvoice } from "@/lib/documents/statement-data";

/** Plain data for the debtor documents' renderers: a Dutch wholesaler and one of its customers. */
export const creditor = {
  name: "Demo Groothandel B.V.", address: "Markt 1, 3511 AA Utrecht", iban: "NL91ABNA0417164300", email: "debiteuren@demo.nl", phone: "030 123 4567",
  bic: "ABNANL2A", cocNumber: "12345678", vatNumber: "NL123456789B01",
};

export function documentDebtor(language: DocumentLanguage = "nl"): DocumentDebtor {
  return { id: "deb_1", name: "Bakkerij Jansen B.V.", customerNumber: "010042", contactName: "M. de Vries", street: "Dorpsstraat 1", postalCode: "1234 AB", city: "Amersfoort", country: "NL", language, currency: "EUR" };
}

export function statementInvoice(number: string, issueDate: string, dueDate: string, amountCents: bigint, openCents = amountCents, disputedCents = 0n): StatementInvoice {
  return { number, issueDate, dueDate, amountCents, openCents, isDisputed: disputedCents > 0n, disputedCents };
}

/**
 * The statement of 2 December 2026 the tests compute by hand. EUR:
 *   F2026-0101  due 01-10-2026  1,210.00 open 1,210.00   62 days overdue
 *   F2026-0102  due 14-11-2026    500.00 open   200.00   18 days (part paid: 300.00 on 20-11)
 *   F2026-0104  due 31-10-2026    300.00 open   300.00   32 days, 100.00 of it disputed
 *   F2026-0103  due 10-12-2026    750.00 open   750.00   not yet due
 *   costs 40.00, interest 12.34; open credit note 50.00, unallocated 25.00
 * USD: U-1 due 01-11-2026, 1,000.00 open, 31 days overdue; no credit, no payments.
 */
export function statementData(language: DocumentLanguage = "nl", extraInvoices = 0): StatementData {
  const eur: StatementCurrency = {
    currency: "EUR",
    invoices: [
      statementInvoice("F2026-0101", "2026-09-01", "2026-10-01", 121_000n),
      statementInvoice("F2026-0104", "2026-10-01", "2026-10-31", 30_000n, 30_000n, 10_000n),
      statementInvoice("F2026-0102", "2026-10-15", "2026-11-14", 50_000n, 20_000n),
      statementInvoice("F2026-0103", "2026-11-10", "2026-12-10", 75_000n),
      ...Array.from({ length: extraInvoices }, (_, i) => statementInvoice(`F2026-9${String(i + 1).padStart(4, "0")}`, "2026-11-20", "2026-12-20", 10_000n)),
    ],
    costsCents: 4_000n,
    interestCents: 1_234n,
    creditNoteCents: 5_000n,
    unallocatedCents: 2_500n,
    payments: [
      { valueDate: "2026-11-20", reference: "Betaling F2026-0102", amountCents: 30_000n },
      { valueDate: "2026-11-25", reference: null, amountCents: 2_500n },
    ],
  };
  const usd: StatementCurrency = {
    currency: "USD", invoices: [statementInvoice("U-1", "2026-10-01", "2026-11-01", 100_000n)], costsCents: 0n, interestCents: 0n, creditNoteCents: 0n, unallocatedCents: 0n, payments: [],
  };
  return { language, date: "2026-12-02", debtor: documentDebtor(language), currencies: [eur, usd] };
}

/**
 * A copy made on 2 December 2026 of F2026-0102 (500.00, due 14-11-2026): 300.00 received on
 * 20-11 (10.00 of it on costs), 200.00 principal open, 40.00 costs and 2.34 interest open,
 * 50.00 in dispute.
 */
export function invoiceCopyData(language: DocumentLanguage = "nl", overrides: Partial<InvoiceCopyData> = {}): InvoiceCopyData {
  return {
    language,
    date: "2026-12-02",
    debtor: documentDebtor(language),
    invoice: {
      id: "inv_1", number: "F2026-0102", issueDate: "2026-10-15", dueDate: "2026-11-14", description: "Levering meel en gist, week 42", currency: "EUR",
      amountCents: 50_000n, openCents: 20_000n, costsOpenCents: 4_000n, interestOpenCents: 234n,
    },
    payments: [
      { valueDate: "2026-11-20", reference: "Betaling F2026-0102", kind: "costs", amountCents: 1_000n },
      { valueDate: "2026-11-20", reference: "Betaling F2026-0102", kind: "principal", amountCents: 29_000n },
    ],
    dispute: { disputedCents: 5_000n, creditExpected: false },
    ...overrides,
  };
}

/** The text as drawnText shows it: the standard fonts' WinAnsi puts the euro sign at byte 0x80. */
export const pdfText = (s: string) => s.replace(/€/g, "\u0080");
