import { assertCan, type Actor } from "@/lib/auth/guards";
import type { DbOrTx } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import type { Channel, Template } from "./dunning-ladder";
import { planDunning, tally, type PlanOptions, type PlannedStep, type StepWrites } from "./plan-dunning";

/**
 * Today's run before it happens: per debtor the step, the channel (and the address an e-mail goes
 * to, or why it goes by post) and the amounts, with the totals. A dry run of the run's own plan,
 * so it cannot disagree with the rules; it writes nothing. The run itself decides again when it
 * starts: what changed in between (a payment, a dispute) counts then.
 */
export type PreviewFallback = "no_email";
export type DunningPreviewRow = {
  debtorId: string;
  customerNumber: string;
  name: string;
  currency: string;
  level: number;
  stepCode: string;
  template: Template;
  /** how the step goes out (an e-mail step for a debtor without an address goes by letter) */
  channel: Channel;
  /** why the channel differs from the ladder's */
  fallback: PreviewFallback | null;
  emailTo: string | null;
  invoiceNumbers: string[];
  /** amounts in cents, as strings (exact; bigints do not travel as JSON) */
  principalCents: string;
  costsCents: string;
  interestCents: string;
  /** the step books its costs and interest on the invoices */
  booksCharges: boolean;
  hasTask: boolean;
  sendOn: CalendarDate;
  payByDate: CalendarDate;
};
export type PreviewMoney = { currency: string; principalCents: string; costsCents: string; interestCents: string };
export type PreviewTotals = { debtors: number; messages: number; letters: number; emails: number; tasks: number; money: PreviewMoney[] };
export type DunningPreview = {
  runDate: CalendarDate;
  debtorsConsidered: number;
  skippedToday: number;
  rows: DunningPreviewRow[];
  totals: PreviewTotals;
  missingRates: string[];
  staleRates: string[];
};

/** The dry run, for whoever may run it (the same right as "run now"). */
export async function previewDunning(db: DbOrTx, actor: Actor, opts: Omit<PlanOptions, "triggeredBy">): Promise<DunningPreview> {
  assertCan(actor, "policy:write");
  const plan = await planDunning(db, { ...opts, triggeredBy: actor.id });
  const writes = plan.steps.map((s) => plan.writesOf(s));
  const rows = plan.steps.map((s, k) => previewRow(s, writes[k]!)).sort((a, b) => a.name.localeCompare(b.name) || a.customerNumber.localeCompare(b.customerNumber));
  return { runDate: plan.runDate, debtorsConsidered: plan.debtorsConsidered, skippedToday: plan.skippedToday, rows, totals: previewTotals(rows, tally(writes)), missingRates: plan.missingRates(), staleRates: plan.staleRates };
}

/** One debtor's line of the preview, from the step the run would take and what it would write. */
export function previewRow(step: PlannedStep, w: StepWrites): DunningPreviewRow {
  const { debtor: d, decision } = step;
  const c = w.communication;
  return {
    debtorId: d.id,
    customerNumber: d.customerNumber,
    name: d.name,
    currency: d.currency,
    level: decision.step.level,
    stepCode: decision.step.code,
    template: decision.step.template,
    channel: decision.channel,
    fallback: decision.step.channel === "email" && decision.channel !== "email" ? "no_email" : null,
    emailTo: w.email?.to.address ?? null,
    invoiceNumbers: c.invoiceNumbers.split(",").map((n) => n.trim()).filter(Boolean),
    principalCents: c.principalCents.toString(),
    costsCents: c.costsCents.toString(),
    interestCents: c.interestCents.toString(),
    booksCharges: w.charges.length > 0,
    hasTask: w.task !== null,
    sendOn: decision.sendOn,
    payByDate: decision.payByDate,
  };
}

/** The preview's totals: the run's own counts, and the amounts per currency. */
export function previewTotals(rows: readonly DunningPreviewRow[], counts: { messages: number; emails: number; letters: number; tasks: number }): PreviewTotals {
  const money = new Map<string, { principal: bigint; costs: bigint; interest: bigint }>();
  for (const r of rows) {
    const m = money.get(r.currency) ?? { principal: 0n, costs: 0n, interest: 0n };
    m.principal += BigInt(r.principalCents);
    m.costs += BigInt(r.costsCents);
    m.interest += BigInt(r.interestCents);
    money.set(r.currency, m);
  }
  return {
    debtors: rows.length,
    ...counts,
    money: [...money.entries()]
      .sort(([a], [b]) => (a === "EUR" ? -1 : b === "EUR" ? 1 : a.localeCompare(b)))
      .map(([currency, m]) => ({ currency, principalCents: m.principal.toString(), costsCents: m.costs.toString(), interestCents: m.interest.toString() })),
  };
}
