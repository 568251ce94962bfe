import { describe, expect, it } from "vitest";
import { mappingProblems, proposeMapping } from "./import-fields";
import { inEnglish } from "./import-problem-english";

describe("column mapping proposal", () => {
  it("maps Dutch open-item headers, also with other spelling and accents", () => {
    const headers = ["Debiteurnummer", "Naam", "Factuurnummer", "Factuurdatum", "Vervaldatum", "Factuurbedrag", "Openstaand bedrag", "Valuta", "Omschrijving"];
    expect(proposeMapping(headers, "open_items")).toEqual({
      customerNumber: "Debiteurnummer", customerName: "Naam", invoiceNumber: "Factuurnummer", invoiceDate: "Factuurdatum", dueDate: "Vervaldatum",
      amount: "Factuurbedrag", openAmount: "Openstaand bedrag", currency: "Valuta", description: "Omschrijving",
    });
  });

  it("maps English headers and leaves what it cannot place unmapped", () => {
    const m = proposeMapping(["Customer ID", "Customer name", "Invoice no.", "Due date", "Outstanding", "Sales rep"], "open_items");
    expect(m).toEqual({ customerNumber: "Customer ID", customerName: "Customer name", invoiceNumber: "Invoice no.", dueDate: "Due date", openAmount: "Outstanding" });
  });

  it("names the required fields that have no column, and columns the file does not have", () => {
    expect(mappingProblems({ customerNumber: "Klant", openAmount: "Saldo (EUR)" }, ["Klant", "Saldo"], "open_items").map(inEnglish)).toEqual([
      'Open amount: the file has no column "Saldo (EUR)"',
      "Invoice number: no column chosen (required)",
    ]);
  });
});

describe("column mapping proposal: contacts and payments", () => {
  it("maps a contacts sheet with Dutch headers", () => {
    const headers = ["Klantnummer", "Contactpersoon", "Functie", "E-mailadres", "Telefoon", "Mobiel", "Rol", "Contact voor betalingen"];
    expect(proposeMapping(headers, "contacts")).toEqual({
      customerNumber: "Klantnummer", contactName: "Contactpersoon", jobTitle: "Functie", email: "E-mailadres", phone: "Telefoon", mobile: "Mobiel", role: "Rol", isPrimaryForPayments: "Contact voor betalingen",
    });
  });

  it("maps Exact Online's and Moneybird's contact fields (first and last name apart)", () => {
    // Exact Online crm/Contacts and Moneybird contact_people field names (see import-fields.ts).
    expect(proposeMapping(["ID", "Code", "FirstName", "LastName", "JobTitleDescription", "BusinessEmail", "BusinessPhone", "BusinessMobile", "IsMainContact"], "contacts")).toEqual({
      contactId: "ID", customerNumber: "Code", firstName: "FirstName", lastName: "LastName", jobTitle: "JobTitleDescription", email: "BusinessEmail", phone: "BusinessPhone", mobile: "BusinessMobile", isPrimaryForPayments: "IsMainContact",
    });
    expect(proposeMapping(["customer_id", "id", "firstname", "lastname", "email", "phone", "department"], "contacts")).toEqual({
      customerNumber: "customer_id", contactId: "id", firstName: "firstname", lastName: "lastname", email: "email", phone: "phone", jobTitle: "department",
    });
  });

  it("maps payments in Dutch and in English, and Moneybird's payment fields", () => {
    expect(proposeMapping(["Debiteurnummer", "Valutadatum", "Betaald bedrag", "Betalingskenmerk", "Factuurnummers", "Transactie-ID", "Valuta"], "payments")).toEqual({
      customerNumber: "Debiteurnummer", valueDate: "Valutadatum", paidAmount: "Betaald bedrag", reference: "Betalingskenmerk", invoiceNumbers: "Factuurnummers", paymentId: "Transactie-ID", currency: "Valuta",
    });
    expect(proposeMapping(["Customer number", "Payment date", "Amount paid", "Reference", "Invoice number", "Transaction ID"], "payments")).toEqual({
      customerNumber: "Customer number", valueDate: "Payment date", paidAmount: "Amount paid", reference: "Reference", invoiceNumbers: "Invoice number", paymentId: "Transaction ID",
    });
    expect(proposeMapping(["customer_id", "payment_transaction_id", "payment_date", "price", "invoice_id"], "payments")).toEqual({
      customerNumber: "customer_id", paymentId: "payment_transaction_id", valueDate: "payment_date", paidAmount: "price",
    });
  });

  it("asks for the customer, the amount and the value date of a payment", () => {
    expect(mappingProblems({ customerNumber: "Klant" }, ["Klant"], "payments").map(inEnglish)).toEqual(["Amount paid: no column chosen (required)", "Value date: no column chosen (required)"]);
    expect(mappingProblems({}, [], "contacts").map(inEnglish)).toEqual(["Customer number: no column chosen (required)"]);
  });
});
