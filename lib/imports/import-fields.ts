import { problem, type Problem } from "./import-problem";

/**
 * What an import can fill, per kind of file, and the column headers that usually hold it (Dutch
 * and English, as accounting packages and spreadsheets name them). The proposal maps each field
 * to the first header that matches one of its names; a person corrects it, and the mapping is
 * remembered per source.
 */
export const IMPORT_KINDS = ["open_items", "debtors", "e_invoices", "contacts", "payments"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

/*
 * Beside the everyday names, the field names the packages' own interfaces use, where they could be
 * sourced from public material (API documentation and open-source clients; the header rows of the
 * packages' own screen exports could not be sourced and are not guessed):
 * - Exact Online, cashflow/Receivables and crm/Accounts (picqer/exact-php-client Receivable.php,
 *   Account.php): AccountCode, AccountName, InvoiceNumber, InvoiceDate, DueDate,
 *   TransactionAmountDC (original), AmountDC (open), Currency, Description, Code, Name, Email,
 *   Phone, AddressLine1, Postcode, City, Country, ChamberOfCommerce.
 * - Twinfield, browse 100 "Debiterenkaart" labels (murb/twinfield customer.rb): Debiteur,
 *   Factuurnr., Vervaldatum, Bedrag, Openstaand bedrag / Openstaand, Valuta.
 * - AFAS Profit, Profit_Debtor (Invantive's AFAS reference): DebtorId, DebtorName, TelNr,
 *   ChOfCommNr, CurrencyId; Profit_Debtor_Invoices (unverified): InvoiceNr, ExpDate, AmtInvoice, Balance.
 * - Moneybird, sales_invoices and contacts (developer.moneybird.com; picqer/moneybird-php-client):
 *   contact.customer_id / customer_id, company_name, invoice_id, invoice_date, due_date,
 *   total_price_incl_tax, total_unpaid, currency, reference, zipcode, chamber_of_commerce, sepa_iban.
 * - SnelStart, Verkoopfactuur and Relatie (iwd-nl/snelstart-php): relatiecode, naam, factuurnummer,
 *   factuurDatum, vervalDatum, factuurBedrag, openstaandSaldo, kvkNummer, krediettermijn.
 * - Exact Online, crm/Contacts (picqer/exact-php-client Contact.php): ID, HID, Code (the account's
 *   code), FullName, FirstName, LastName, JobTitleDescription, Email, Phone, Mobile, IsMainContact.
 * - Moneybird, contact_people (picqer/moneybird-php-client ContactPeople.php): id, firstname,
 *   lastname, phone, email, department; sales invoice payments (SalesInvoicePayment.php): id,
 *   payment_transaction_id, price, payment_date (its invoice_id is an internal id, not the number).
 */
/** A source's name: lower case, digits, dot, dash, underscore; at most 40 (e.g. "exact", "boekhouding-bv2"). */
export const SOURCE_NAME = /^[a-z0-9][a-z0-9._-]{0,39}$/;

export type FieldType = "text" | "amount" | "date" | "currency" | "email" | "phone" | "iban" | "days" | "doctype" | "boolean" | "role" | "numbers";
export type FieldDef = { field: string; type: FieldType; required: boolean; names: string[] };

const customer = {
  customerNumber: { field: "customerNumber", type: "text", required: true, names: ["klantnummer", "debiteurnummer", "debiteurnr", "debiteur", "relatienummer", "relatiecode", "klantcode", "customer number", "customer no", "customer id", "customer code", "account code", "account number", "debtor number", "accountcode", "debtorid", "contact.customer_id", "customer_id"] },
  currency: { field: "currency", type: "currency", required: false, names: ["valuta", "valutacode", "munt", "currency", "currency code", "currencyid"] },
  customerName: { field: "customerName", type: "text", required: false, names: ["naam", "klantnaam", "debiteurnaam", "relatienaam", "bedrijfsnaam", "naam debiteur", "customer name", "customer", "name", "company", "company name", "account name", "debtor name", "accountname", "debtorname", "company_name"] },
  email: { field: "email", type: "email", required: false, names: ["e-mail", "email", "e-mailadres", "emailadres", "email address", "factuur e-mail", "invoice email"] },
  phone: { field: "phone", type: "phone", required: false, names: ["telefoon", "telefoonnummer", "tel", "phone", "phone number", "telephone", "telnr"] },
} as const satisfies Record<string, FieldDef>;

export const FIELDS: Record<ImportKind, FieldDef[]> = {
  open_items: [
    customer.customerNumber,
    customer.customerName,
    { field: "invoiceNumber", type: "text", required: true, names: ["factuurnummer", "factuurnr", "factuur", "boekstuknummer", "boekstuk", "documentnummer", "invoice number", "invoice no", "invoice", "document number", "your ref", "invoicenumber", "invoicenr", "invoice_id"] },
    { field: "invoiceDate", type: "date", required: false, names: ["factuurdatum", "boekdatum", "documentdatum", "datum", "invoice date", "document date", "date", "invoicedate", "invoice_date"] },
    { field: "dueDate", type: "date", required: false, names: ["vervaldatum", "verloopdatum", "uiterste betaaldatum", "due date", "expiry date", "payment due", "duedate", "expdate", "due_date"] },
    { field: "amount", type: "amount", required: false, names: ["factuurbedrag", "bedrag", "origineel bedrag", "totaal", "totaalbedrag", "invoice amount", "amount", "original amount", "total", "transactionamountdc", "amtinvoice", "total_price_incl_tax"] },
    { field: "openAmount", type: "amount", required: true, names: ["openstaand", "openstaand bedrag", "saldo", "restant", "nog te betalen", "open amount", "outstanding", "amount due", "balance", "open", "amountdc", "total_unpaid", "openstaandsaldo"] },
    customer.currency,
    { field: "description", type: "text", required: false, names: ["omschrijving", "onderwerp", "description", "subject", "reference", "referentie"] },
    { field: "documentType", type: "doctype", required: false, names: ["soort", "documentsoort", "type", "documenttype", "document type", "boekingssoort"] },
    { ...customer.email },
    { ...customer.phone },
    { field: "paymentTermDays", type: "days", required: false, names: ["betalingstermijn", "betaaltermijn", "payment term", "payment terms", "termijn"] },
  ],
  debtors: [
    customer.customerNumber,
    { ...customer.customerName, required: true },
    customer.email,
    customer.phone,
    { field: "contactName", type: "text", required: false, names: ["contactpersoon", "contact", "t.a.v.", "contact person", "attention"] },
    { field: "street", type: "text", required: false, names: ["adres", "straat", "straat en huisnummer", "address", "street", "address line 1"] },
    { field: "postalCode", type: "text", required: false, names: ["postcode", "zip", "zip code", "postal code", "postcode vestigingsadres", "zipcode"] },
    { field: "city", type: "text", required: false, names: ["plaats", "woonplaats", "vestigingsplaats", "city", "town"] },
    { field: "country", type: "text", required: false, names: ["land", "landcode", "country", "country code"] },
    { field: "kvkNumber", type: "text", required: false, names: ["kvk", "kvk-nummer", "kvknummer", "kamer van koophandel", "coc number", "chamber of commerce", "chamberofcommerce", "chofcommnr", "chamber_of_commerce"] },
    { field: "iban", type: "iban", required: false, names: ["iban", "bankrekening", "rekeningnummer", "bank account", "sepa_iban"] },
    { field: "paymentTermDays", type: "days", required: false, names: ["betalingstermijn", "betaaltermijn", "payment term", "payment terms", "krediettermijn"] },
  ],
  // UBL invoices and credit notes name their own fields: nothing to map.
  e_invoices: [],
  // One row per person at a debtor; the debtor must be known already (from an open-items or debtors file).
  contacts: [
    { ...customer.customerNumber, names: [...customer.customerNumber.names, "code", "klant"] },
    { field: "contactId", type: "text", required: false, names: ["contactpersoonnummer", "contactnummer", "contactpersoon id", "contact id", "contactid", "contact number", "contact code", "contact_person_id", "hid", "id"] },
    { field: "contactName", type: "text", required: false, names: ["contactpersoon", "naam contactpersoon", "naam", "volledige naam", "contact", "contact person", "contact name", "name", "full name", "fullname", "t.a.v."] },
    { field: "firstName", type: "text", required: false, names: ["voornaam", "roepnaam", "first name", "firstname", "given name"] },
    { field: "lastName", type: "text", required: false, names: ["achternaam", "familienaam", "last name", "lastname", "surname", "family name"] },
    { field: "jobTitle", type: "text", required: false, names: ["functie", "functieomschrijving", "functietitel", "job title", "jobtitle", "position", "jobtitledescription", "afdeling", "department"] },
    { field: "role", type: "role", required: false, names: ["rol", "soort contact", "contactsoort", "role", "contact role", "contact type"] },
    { ...customer.phone, names: [...customer.phone.names, "telefoon vast", "vast", "business phone", "businessphone"] },
    { field: "mobile", type: "phone", required: false, names: ["mobiel", "mobiel nummer", "mobielnummer", "mobiele telefoon", "gsm", "06", "mobile", "mobile phone", "mobile number", "cell", "cell phone", "business mobile", "businessmobile"] },
    { ...customer.email, names: [...customer.email.names, "business email", "businessemail"] },
    { field: "isPrimaryForPayments", type: "boolean", required: false, names: ["primair", "primair voor betalingen", "contact voor betalingen", "betalingscontact", "hoofdcontactpersoon", "hoofdcontact", "primary", "primary contact", "primary for payments", "payment contact", "main contact", "ismaincontact"] },
  ],
  // Money received, as the package booked it; each row is one payment (reversals are not imported).
  payments: [
    customer.customerNumber,
    { field: "paymentId", type: "text", required: false, names: ["betalingsid", "betaling id", "betalingsnummer", "transactie id", "transactieid", "transactienummer", "transactiereferentie", "bankreferentie", "payment id", "payment_id", "transaction id", "transaction reference", "payment_transaction_id", "id"] },
    { field: "paidAmount", type: "amount", required: true, names: ["bedrag", "betaald bedrag", "ontvangen bedrag", "betaald", "ontvangen", "amount", "amount paid", "paid amount", "payment amount", "paid", "received", "price"] },
    { field: "valueDate", type: "date", required: true, names: ["valutadatum", "betaaldatum", "betalingsdatum", "datum betaling", "ontvangstdatum", "boekdatum", "datum", "value date", "payment date", "date paid", "paid on", "date", "payment_date", "paymentdate", "valuedate"] },
    { field: "reference", type: "text", required: false, names: ["omschrijving", "betalingskenmerk", "kenmerk", "referentie", "mededeling", "reference", "payment reference", "description", "remittance information"] },
    { field: "invoiceNumbers", type: "numbers", required: false, names: ["factuurnummer", "factuurnummers", "factuurnr", "factuur", "facturen", "invoice number", "invoice numbers", "invoice no", "invoices", "invoicenumber"] },
    customer.currency,
  ],
};

export function fieldsOf(kind: ImportKind): FieldDef[] {
  return FIELDS[kind];
}

/** Header text as compared: lower case, accents and punctuation gone, spaces collapsed. */
export function normaliseHeader(header: string): string {
  return header
    .normalize("NFKD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim();
}

/** field -> header: exact names first, then a header that starts with a name. Each header is used once. */
export function proposeMapping(headers: string[], kind: ImportKind): Record<string, string> {
  const byNorm = new Map(headers.map((h) => [normaliseHeader(h), h] as const));
  const used = new Set<string>();
  const out: Record<string, string> = {};
  for (const pass of ["exact", "prefix"] as const) {
    for (const def of FIELDS[kind]) {
      if (out[def.field]) continue;
      for (const name of def.names.map(normaliseHeader)) {
        const hit = pass === "exact" ? byNorm.get(name) : headers.find((h) => !used.has(h) && normaliseHeader(h).startsWith(`${name} `));
        if (hit && !used.has(hit)) {
          out[def.field] = hit;
          used.add(hit);
          break;
        }
      }
    }
  }
  return out;
}

/** A field as people read it ("Open amount"), for messages. */
export function fieldLabel(field: string): Problem {
  return problem(`imports.field.${field}` as `imports.field.customerNumber`);
}

/** What is wrong with a mapping for these headers (required fields missing, unknown headers). */
export function mappingProblems(mapping: Record<string, string>, headers: string[], kind: ImportKind): Problem[] {
  const problems: Problem[] = [];
  const known = new Set(FIELDS[kind].map((f) => f.field));
  for (const [field, header] of Object.entries(mapping)) {
    if (!known.has(field)) problems.push(problem("imports.error.mappingUnknownField", { field }));
    else if (!headers.includes(header)) problems.push(problem("imports.error.mappingNoColumn", { field: fieldLabel(field), header }));
  }
  for (const f of FIELDS[kind]) if (f.required && !mapping[f.field]) problems.push(problem("imports.error.mappingRequired", { field: fieldLabel(f.field) }));
  return problems;
}
