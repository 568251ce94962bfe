import { problem, type Problem } from "./import-problem";
import { inEnglish, refusal, type Refusal } from "./import-problem-english";
import { readUblXml, type UblDocument } from "./ubl-xml";
import { isCurrencyCode } from "./values-currencies";
import { WorkbookRefusal, ZIP_LIMITS, ZipArchive } from "./xlsx-zip";
import { attr, child, childList, textOf, type XmlNode } from "./xlsx-xml";

/**
 * UBL e-invoices (Peppol BIS Billing 3.0, NLCIUS, and SimplerInvoicing UBL 2.0 where it uses the
 * same elements) as receivables: one XML file, or a ZIP of them as accounting packages export a
 * batch. Only what collection needs is read; lines and tax totals are the ledger's business.
 * A batch is all or nothing: when any document fails, every failure is reported and none imports.
 */

export type EInvoiceCustomer = {
  name: string;
  id: string | null;
  kvk: string | null;
  vat: string | null;
  email: string | null;
  street: string | null;
  postalCode: string | null;
  city: string | null;
  country: string | null;
};

export type EInvoice = {
  kind: "invoice" | "credit_note";
  number: string;
  issueDate: string;
  dueDate: string | null;
  currency: string;
  /** As written for an invoice; negated for a credit note, which reduces what is owed. */
  payableCents: bigint;
  customer: EInvoiceCustomer;
  supplierName: string;
  paymentReference: string | null;
  iban: string | null;
  billingReference: string | null;
};

/** `problem` names the file ("file: reason") for the page; `message` is its English text. */
export type EInvoiceError = { file: string; message: string; problem: Problem };

export type EInvoiceResult = { ok: true; invoices: Array<EInvoice & { file: string }> } | { ok: false; errors: EInvoiceError[] };

const MB = 1024 * 1024;
export const MAX_XML_BYTES = 5 * MB;
export const MAX_ZIP_FILES = 1_000;

const NAMESPACES = {
  Invoice: "urn:oasis:names:specification:ubl:schema:xsd:Invoice-2",
  CreditNote: "urn:oasis:names:specification:ubl:schema:xsd:CreditNote-2",
} as const;

/** Peppol EAS 0106 is the Dutch KvK number; SimplerInvoicing 1.x wrote it as "NL:KVK". */
const KVK_SCHEMES = new Set(["0106", "NL:KVK"]);

export function readEInvoices(bytes: Uint8Array, fileName: string): EInvoiceResult {
  if (isZip(bytes)) return readZip(bytes, fileName);
  if (/\.zip$/i.test(fileName)) return failure(fileName, problem("imports.error.notZip"));
  const read = readEInvoiceFile(bytes, fileName);
  return read.ok ? { ok: true, invoices: [read.invoice] } : { ok: false, errors: read.errors };
}

function readZip(bytes: Uint8Array, zipName: string): EInvoiceResult {
  let archive: ZipArchive;
  try {
    // The entry count is checked below with this importer's own limit and message.
    archive = new ZipArchive(bytes, { ...ZIP_LIMITS, maxEntries: 0xffff }, "zip");
  } catch (e) {
    return failure(zipName, zipRefusal(e));
  }
  const names = archive.names();
  if (names.length > MAX_ZIP_FILES) return failure(zipName, problem("imports.error.zipTooManyFiles", { limit: MAX_ZIP_FILES, count: String(names.length) }));
  // Directories, other attachments (PDF copies) and macOS resource forks ("__MACOSX/._x.xml") are not invoices.
  const xmlNames = names.filter((n) => /\.xml$/i.test(n) && !n.endsWith("/") && !n.startsWith("__MACOSX/") && !/(^|\/)\._/.test(n));
  if (xmlNames.length === 0) return failure(zipName, problem("imports.error.zipNoXml"));

  const invoices: Array<EInvoice & { file: string }> = [];
  const errors: EInvoiceError[] = [];
  for (const name of xmlNames) {
    let entry: Uint8Array | null;
    try {
      entry = archive.read(name);
    } catch (e) {
      return failure(zipName, zipRefusal(e));
    }
    if (!entry) continue;
    const read = readEInvoiceFile(entry, name);
    if (read.ok) invoices.push(read.invoice);
    else errors.push(...read.errors);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, invoices };
}

type FileResult = { ok: true; invoice: EInvoice & { file: string } } | { ok: false; errors: EInvoiceError[] };

function readEInvoiceFile(bytes: Uint8Array, file: string): FileResult {
  if (bytes.length > MAX_XML_BYTES) return { ok: false, errors: [fileError(file, problem("imports.error.xmlTooLarge", { limit: MAX_XML_BYTES / MB }))] };
  const xml = readUblXml(bytes);
  if (!xml.ok) return { ok: false, errors: [fileError(file, xml.problem)] };
  const problems: Problem[] = [];
  const invoice = toEInvoice(xml.document, problems);
  if (!invoice || problems.length > 0) return { ok: false, errors: problems.map((p) => fileError(file, p)) };
  return { ok: true, invoice: { ...invoice, file } };
}

function toEInvoice(doc: UblDocument, problems: Problem[]): EInvoice | null {
  if (doc.rootName !== "Invoice" && doc.rootName !== "CreditNote") {
    problems.push(problem(doc.rootName === "CrossIndustryInvoice" ? "imports.error.ublCii" : "imports.error.ublRoot", { root: doc.rootName }));
    return null;
  }
  if (doc.rootNamespace !== NAMESPACES[doc.rootName]) {
    problems.push(
      doc.rootNamespace
        ? problem("imports.error.ublNamespace", { root: doc.rootName, expected: NAMESPACES[doc.rootName], found: doc.rootNamespace })
        : problem("imports.error.ublNoNamespace", { root: doc.rootName, expected: NAMESPACES[doc.rootName] }),
    );
    return null;
  }
  const kind = doc.rootName === "Invoice" ? "invoice" : "credit_note";
  const root = doc.root;
  const number = text(root, "ID");
  if (!number) problems.push(problem("imports.error.ublNoId"));

  if (text(root, "IssueDate") === null) problems.push(problem("imports.error.ublMissing", { element: "cbc:IssueDate" }));
  const issueDate = dateAt(root, "IssueDate", "cbc:IssueDate", problems);
  const paymentMeans = childList(root, "PaymentMeans");
  let dueDate = dateAt(root, "DueDate", "cbc:DueDate", problems);
  for (const means of paymentMeans) dueDate ??= dateAt(means, "PaymentDueDate", "cac:PaymentMeans/cbc:PaymentDueDate", problems);

  const currency = text(root, "DocumentCurrencyCode")?.toUpperCase() ?? null;
  if (!currency) problems.push(problem("imports.error.ublMissing", { element: "cbc:DocumentCurrencyCode" }));
  else if (!isCurrencyCode(currency)) problems.push(problem("imports.error.ublCurrency", { value: currency }));

  const payable = payableCents(root, currency && isCurrencyCode(currency) ? currency : null, problems);
  const customer = partyOf(root, "AccountingCustomerParty", problems);
  const supplier = partyOf(root, "AccountingSupplierParty", problems);

  if (!number || !issueDate || !currency || payable === null || !customer || !supplier) return null;
  return {
    kind,
    number,
    issueDate,
    dueDate,
    currency,
    payableCents: kind === "credit_note" ? -payable : payable,
    customer,
    supplierName: supplier.name,
    paymentReference: firstText(paymentMeans, "PaymentID"),
    iban: firstText(paymentMeans.map((m) => child(m, "PayeeFinancialAccount")), "ID")?.replace(/\s+/g, "").toUpperCase() ?? null,
    billingReference: firstText(childList(root, "BillingReference").map((r) => child(r, "InvoiceDocumentReference")), "ID"),
  };
}

function payableCents(root: XmlNode, currency: string | null, problems: Problem[]): bigint | null {
  const node = childList(root, "LegalMonetaryTotal")[0];
  const amount = node ? childList(node, "PayableAmount")[0] : undefined;
  const written = amount ? textOf(amount).trim() : "";
  if (!amount || written === "") {
    problems.push(problem("imports.error.ublMissing", { element: "cac:LegalMonetaryTotal/cbc:PayableAmount" }));
    return null;
  }
  const amountCurrency = attr(amount, "currencyID")?.trim().toUpperCase();
  if (currency && amountCurrency && amountCurrency !== currency) {
    problems.push(problem("imports.error.ublAmountCurrency", { amountCurrency, currency }));
  }
  const cents = decimalToCents(written);
  if (typeof cents === "bigint") return cents;
  problems.push(problem("imports.error.ublPayable", { problem: cents.problem }));
  return null;
}

/** An xsd:decimal ("1656.25", "-0.5", "+12") to exact cents; never through floating point. */
export function decimalToCents(written: string): bigint | Refusal {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?$/.exec(written);
  if (!m || (m[2] === "" && (m[3] ?? "") === "")) return refusal("imports.error.notDecimal", { value: written });
  const whole = m[2] || "0";
  const fraction = m[3] ?? "";
  if (/[^0]/.test(fraction.slice(2))) return refusal("imports.error.amountDecimals", { value: written });
  if (whole.replace(/^0+/, "").length > 13) return refusal("imports.error.decimalTooLarge", { value: written });
  const cents = BigInt(whole) * 100n + BigInt(fraction.slice(0, 2).padEnd(2, "0"));
  return m[1] === "-" ? -cents : cents;
}

function partyOf(root: XmlNode, role: "AccountingCustomerParty" | "AccountingSupplierParty", problems: Problem[]): EInvoiceCustomer | null {
  const party = child(root, role, "Party");
  const legal = child(party, "PartyLegalEntity");
  const name = firstText(childList(party, "PartyName"), "Name") ?? text(legal, "RegistrationName");
  if (!name) {
    problems.push(problem("imports.error.ublPartyName", { role }));
    return null;
  }
  const endpoint = childList(party, "EndpointID")[0];
  const identifications = childList(party, "PartyIdentification").flatMap((p) => childList(p, "ID"));
  const kvkNode = [...childList(legal, "CompanyID"), ...(endpoint ? [endpoint] : []), ...identifications].find((n) => KVK_SCHEMES.has(attr(n, "schemeID")?.trim().toUpperCase() ?? ""));
  const taxSchemes = childList(party, "PartyTaxScheme");
  const vatScheme = taxSchemes.find((s) => text(child(s, "TaxScheme"), "ID")?.toUpperCase() === "VAT") ?? taxSchemes[0];
  const address = child(party, "PostalAddress");
  const streetName = text(address, "StreetName");
  const building = text(address, "BuildingNumber");
  return {
    name,
    id: clean(identifications[0]) ?? clean(endpoint),
    kvk: clean(kvkNode),
    vat: vatScheme ? text(vatScheme, "CompanyID") : null,
    email: text(child(party, "Contact"), "ElectronicMail"),
    // SimplerInvoicing UBL 2.0 keeps the house number apart; Peppol puts it in StreetName.
    street: streetName && building ? `${streetName} ${building}` : (streetName ?? building),
    postalCode: text(address, "PostalZone"),
    city: text(address, "CityName"),
    country: text(child(address, "Country"), "IdentificationCode")?.toUpperCase() ?? null,
  };
}

function dateAt(node: XmlNode, name: string, label: string, problems: Problem[]): string | null {
  const written = text(node, name);
  if (written === null) return null;
  // xsd:date may carry a time zone ("2017-11-13Z", "2017-11-13+01:00"); the calendar date is what counts.
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:Z|[+-]\d{2}:\d{2})?$/.exec(written);
  const date = m ? new Date(Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]))) : null;
  if (!m || !date || date.getUTCMonth() !== Number(m[2]) - 1 || date.getUTCDate() !== Number(m[3])) {
    problems.push(problem("imports.error.ublDate", { element: label, value: written }));
    return null;
  }
  return `${m[1]}-${m[2]}-${m[3]}`;
}

function text(node: XmlNode, name: string): string | null {
  return clean(childList(node, name)[0]);
}

function firstText(nodes: XmlNode[], name: string): string | null {
  for (const node of nodes) {
    const value = text(node, name);
    if (value) return value;
  }
  return null;
}

function clean(node: XmlNode | undefined): string | null {
  const value = textOf(node).trim();
  return value === "" ? null : value;
}

function isZip(bytes: Uint8Array): boolean {
  return bytes[0] === 0x50 && bytes[1] === 0x4b && (bytes[2] === 3 || bytes[2] === 5) && (bytes[3] === 4 || bytes[3] === 6);
}

function zipRefusal(e: unknown): Problem {
  if (!(e instanceof WorkbookRefusal)) throw e;
  return e.problem;
}

function fileError(file: string, p: Problem): EInvoiceError {
  const named = problem("imports.error.inFile", { file, problem: p });
  return { file, message: inEnglish(named), problem: named };
}

function failure(file: string, p: Problem): EInvoiceResult {
  return { ok: false, errors: [fileError(file, p)] };
}
