/**
 * Matching a bank line to a debtor and invoices. Sure matches are booked at once; anything else
 * goes to the review screen with the best suggestion. Sure means two independent signals agree:
 * an invoice number in the remittance text plus the exact open amount, or plus the debtor's known
 * account; or the debtor's known account plus the exact open amount of one invoice.
 */
export type MatchInvoice = { id: string; number: string; debtorId: string; dueDate: string; totalOpenCents: bigint };
export type MatchDebtor = { id: string; customerNumber: string; name: string; iban: string | null };
export type MatchIndex = {
  invoicesByNumber: ReadonlyMap<string, MatchInvoice>;
  openInvoicesByDebtor: ReadonlyMap<string, readonly MatchInvoice[]>;
  debtorsByIban: ReadonlyMap<string, MatchDebtor>;
  debtorsByCustomerNumber: ReadonlyMap<string, MatchDebtor>;
};
export type MatchLine = { amountCents: bigint; currency: string; counterpartyIban: string | null; counterpartyName: string | null; description: string };
export type MatchReason =
  | "reference_and_amount"
  | "reference_and_account"
  | "account_and_amount"
  | "reference_only"
  | "account_only"
  | "customer_number"
  | "reference_other_debtors"
  | "no_match"
  | "outgoing"
  | "currency"
  /** a sure match on a debtor outside the importing controller's portfolio: its controller books it */
  | "other_portfolio";
export type MatchResult = { status: "apply" | "review" | "ignored"; debtorId: string | null; invoiceIds: string[]; reason: MatchReason };

export function tokensOf(text: string): string[] {
  return text.toUpperCase().split(/[^A-Z0-9-]+/).flatMap((t) => [t, t.replace(/-/g, "")]).filter((t) => t.length >= 4);
}

export function matchBankLine(line: MatchLine, index: MatchIndex, baseCurrency = "EUR"): MatchResult {
  if (line.amountCents <= 0n) return { status: "ignored", debtorId: null, invoiceIds: [], reason: "outgoing" };
  if (line.currency !== baseCurrency) return { status: "review", debtorId: null, invoiceIds: [], reason: "currency" };
  const tokens = tokensOf(line.description);
  const referenced = [...new Set(tokens)].map((t) => index.invoicesByNumber.get(t)).filter((i): i is MatchInvoice => !!i);
  const unique = [...new Map(referenced.map((i) => [i.id, i])).values()];
  const byAccount = line.counterpartyIban ? index.debtorsByIban.get(line.counterpartyIban) ?? null : null;

  if (unique.length > 0) {
    const debtors = new Set(unique.map((i) => i.debtorId));
    if (debtors.size > 1) return { status: "review", debtorId: null, invoiceIds: unique.map((i) => i.id), reason: "reference_other_debtors" };
    const debtorId = unique[0]!.debtorId;
    const ids = unique.map((i) => i.id);
    const open = unique.reduce((s, i) => s + i.totalOpenCents, 0n);
    if (open > 0n && open === line.amountCents) return { status: "apply", debtorId, invoiceIds: ids, reason: "reference_and_amount" };
    if (byAccount?.id === debtorId) return { status: "apply", debtorId, invoiceIds: ids, reason: "reference_and_account" };
    return { status: "review", debtorId, invoiceIds: ids, reason: "reference_only" };
  }
  if (byAccount) {
    const open = index.openInvoicesByDebtor.get(byAccount.id) ?? [];
    const exact = open.filter((i) => i.totalOpenCents === line.amountCents);
    if (exact.length === 1) return { status: "apply", debtorId: byAccount.id, invoiceIds: [exact[0]!.id], reason: "account_and_amount" };
    return { status: "review", debtorId: byAccount.id, invoiceIds: [], reason: "account_only" };
  }
  const customer = tokens.map((t) => index.debtorsByCustomerNumber.get(t)).find((d) => !!d);
  if (customer) return { status: "review", debtorId: customer.id, invoiceIds: [], reason: "customer_number" };
  return { status: "review", debtorId: null, invoiceIds: [], reason: "no_match" };
}
