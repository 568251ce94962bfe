import { describe, expect, it } from "vitest";
import { mappingProblems, proposeMapping } from "./import-fields";

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
    expect(mappingProblems({ customerNumber: "Klant", openAmount: "Saldo (EUR)" }, ["Klant", "Saldo"], "open_items")).toEqual([
      'openAmount: the file has no column "Saldo (EUR)"',
      "invoiceNumber: no column chosen (required)",
    ]);
  });
});
