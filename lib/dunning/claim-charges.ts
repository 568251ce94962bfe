import { addDays, type CalendarDate } from "@/lib/format/calendar-date";
import { splitProportionally, wikCosts } from "./wik-costs";

/**
 * One fee per claim (art. 6:96 BW with the Besluit vergoeding voor buitengerechtelijke
 * incassokosten): the scale is applied to the total principal of the debtor's claim and charged
 * once. When another invoice joins the claim later, only the difference between the scale on the
 * new total and what was already charged is added, so the sum never exceeds the scale (or its
 * maximum). For a consumer, never more than the 14-day letter stated.
 */
export type ClaimInvoice = {
  id: string;
  /** principal still open */
  openCents: bigint;
  /** the principal it joined the claim with; 0n = not part of the claim yet */
  costsBaseCents: bigint;
  /** costs charged on it so far, paid or not */
  costsChargedCents: bigint;
};

export type ClaimCosts = {
  /** per invoice joining now: the costs added and the principal it joins with */
  joined: { id: string; costsCents: bigint; baseCents: bigint }[];
  addedCents: bigint;
  /** the claim after this step: its principal and all costs charged on it */
  claimBaseCents: bigint;
  claimCostsCents: bigint;
};

export function claimCosts(input: { claim: readonly ClaimInvoice[]; joining: readonly string[]; vatPercent?: number; capCents?: bigint | null }): ClaimCosts {
  const joiningIds = new Set(input.joining);
  const alreadyBase = input.claim.reduce((s, i) => s + i.costsBaseCents, 0n);
  const alreadyCharged = input.claim.reduce((s, i) => s + i.costsChargedCents, 0n);
  const newcomers = input.claim.filter((i) => joiningIds.has(i.id) && i.costsBaseCents === 0n && i.openCents > 0n);
  const claimBaseCents = alreadyBase + newcomers.reduce((s, i) => s + i.openCents, 0n);
  if (newcomers.length === 0) return { joined: [], addedCents: 0n, claimBaseCents, claimCostsCents: alreadyCharged };
  let target = wikCosts(claimBaseCents, { vatPercent: input.vatPercent });
  if (input.capCents !== undefined && input.capCents !== null && input.capCents < target) target = input.capCents;
  const addedCents = target > alreadyCharged ? target - alreadyCharged : 0n;
  const split = splitProportionally(addedCents, newcomers.map((i) => i.openCents));
  return {
    joined: newcomers.map((i, k) => ({ id: i.id, costsCents: split[k]!, baseCents: i.openCents })),
    addedCents,
    claimBaseCents,
    claimCostsCents: alreadyCharged + addedCents,
  };
}

/**
 * Interest is booked once: a later booking continues from the day after the last booked day.
 * Returns the first day still to book, or null when nothing is due yet.
 */
export function interestStart(runsFrom: CalendarDate | null, bookedUntil: CalendarDate | null, until: CalendarDate): CalendarDate | null {
  if (!runsFrom) return null;
  const next = bookedUntil ? addDays(bookedUntil, 1) : runsFrom;
  const from = next > runsFrom ? next : runsFrom;
  return from > until ? null : from;
}
