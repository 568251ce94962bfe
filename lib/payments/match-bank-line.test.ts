import { describe, expect, it } from "vitest";
import { matchBankLine, type MatchDebtor, type MatchIndex, type MatchInvoice, type MatchLine } from "./match-bank-line";

const a1: MatchInvoice = { id: "a1", number: "F2026-000101", debtorId: "A", dueDate: "2026-10-01", totalOpenCents: 121_000n };
const a2: MatchInvoice = { id: "a2", number: "F2026-000102", debtorId: "A", dueDate: "2026-10-15", totalOpenCents: 50_000n };
const b1: MatchInvoice = { id: "b1", number: "F2026-000201", debtorId: "B", dueDate: "2026-10-01", totalOpenCents: 9_900n };
const A: MatchDebtor = { id: "A", customerNumber: "010001", name: "Alfa B.V.", iban: "NL91ABNA0417164300" };
const B: MatchDebtor = { id: "B", customerNumber: "010002", name: "Beta", iban: null };
const byNumber = new Map<string, MatchInvoice>();
for (const i of [a1, a2, b1]) {
  byNumber.set(i.number, i);
  byNumber.set(i.number.replace(/-/g, ""), i);
}
const index: MatchIndex = {
  invoicesByNumber: byNumber,
  openInvoicesByDebtor: new Map([["A", [a1, a2]], ["B", [b1]]]),
  debtorsByIban: new Map([["NL91ABNA0417164300", A]]),
  debtorsByCustomerNumber: new Map([["010001", A], ["010002", B]]),
};
const line = (p: Partial<MatchLine>): MatchLine => ({ amountCents: 121_000n, currency: "EUR", counterpartyIban: null, counterpartyName: null, description: "", ...p });

describe("matching a bank line", () => {
  it("books at once on invoice number plus the exact open amount", () => {
    expect(matchBankLine(line({ description: "Factuur F2026-000101" }), index)).toEqual({ status: "apply", debtorId: "A", invoiceIds: ["a1"], reason: "reference_and_amount" });
  });

  it("finds the invoice number written without its dash", () => {
    expect(matchBankLine(line({ description: "betaling f2026000101 dank" }), index).invoiceIds).toEqual(["a1"]);
  });

  it("books a partial payment when the invoice number and the known account agree", () => {
    expect(matchBankLine(line({ amountCents: 20_000n, description: "F2026-000101 deel", counterpartyIban: "NL91ABNA0417164300" }), index).reason).toBe("reference_and_account");
  });

  it("sends a differing amount without a known account to review, with the suggestion", () => {
    expect(matchBankLine(line({ amountCents: 20_000n, description: "F2026-000101" }), index)).toEqual({ status: "review", debtorId: "A", invoiceIds: ["a1"], reason: "reference_only" });
  });

  it("books on the known account when the amount equals exactly one open invoice", () => {
    expect(matchBankLine(line({ amountCents: 50_000n, counterpartyIban: "NL91ABNA0417164300" }), index)).toEqual({ status: "apply", debtorId: "A", invoiceIds: ["a2"], reason: "account_and_amount" });
  });

  it("sends invoices of two debtors in one line to review", () => {
    expect(matchBankLine(line({ description: "F2026-000101 F2026-000201" }), index).reason).toBe("reference_other_debtors");
  });

  it("suggests the debtor from a customer number, ignores outgoing money, and flags foreign currency", () => {
    expect(matchBankLine(line({ description: "klant 010002" }), index)).toMatchObject({ status: "review", debtorId: "B", reason: "customer_number" });
    expect(matchBankLine(line({ amountCents: -5_000n }), index).status).toBe("ignored");
    expect(matchBankLine(line({ currency: "USD", description: "F2026-000101" }), index).reason).toBe("currency");
    expect(matchBankLine(line({ description: "onbekend" }), index).reason).toBe("no_match");
  });
});
