/**
 * Extrajudicial collection costs under the WIK scale (art. 6:96 lid 5 BW and the Besluit
 * vergoeding voor buitengerechtelijke incassokosten, art. 2), on the principal in cents:
 * 15 % of the first 2,500 (at least 40), 10 % of the next 2,500, 5 % of the next 5,000,
 * 1 % of the next 190,000, 0.5 % of the rest, at most 6,775. VAT is only added when the creditor
 * cannot reclaim it, so it is an explicit option. For consumers the scale is a hard cap; between
 * businesses a contract may deviate, but the scale is what this tool charges.
 */
const BRACKETS: ReadonlyArray<{ upTo: bigint; permille: bigint }> = [
  { upTo: 250_000n, permille: 150n },
  { upTo: 500_000n, permille: 100n },
  { upTo: 1_000_000n, permille: 50n },
  { upTo: 20_000_000n, permille: 10n },
  { upTo: BigInt(Number.MAX_SAFE_INTEGER), permille: 5n },
];
export const WIK_MINIMUM_CENTS = 4_000n;
export const WIK_MAXIMUM_CENTS = 677_500n;

/** Rounds a non-negative fraction num/den half up to an integer. */
export function roundHalfUp(num: bigint, den: bigint): bigint {
  return (num * 2n + den) / (den * 2n);
}

export function wikCosts(principalCents: bigint, opts: { vatPercent?: number } = {}): bigint {
  if (principalCents <= 0n) return 0n;
  let rest = principalCents;
  let lower = 0n;
  // Accumulate in tenths of a cent-permille to round only once at the end.
  let thousandths = 0n;
  for (const b of BRACKETS) {
    const slice = (principalCents < b.upTo ? principalCents : b.upTo) - lower;
    if (slice <= 0n) break;
    thousandths += slice * b.permille;
    rest -= slice;
    lower = b.upTo;
    if (rest <= 0n) break;
  }
  let costs = roundHalfUp(thousandths, 1000n);
  if (costs < WIK_MINIMUM_CENTS) costs = WIK_MINIMUM_CENTS;
  if (costs > WIK_MAXIMUM_CENTS) costs = WIK_MAXIMUM_CENTS;
  const vat = BigInt(Math.round((opts.vatPercent ?? 0) * 100));
  return vat > 0n ? costs + roundHalfUp(costs * vat, 10_000n) : costs;
}

/** Splits an amount over parts in proportion to their weights; the cents add up exactly. */
export function splitProportionally(total: bigint, weights: bigint[]): bigint[] {
  const sum = weights.reduce((s, w) => s + w, 0n);
  if (sum <= 0n || weights.length === 0) return weights.map(() => 0n);
  const shares = weights.map((w) => (total * w) / sum);
  let left = total - shares.reduce((s, x) => s + x, 0n);
  // Largest remainders get the leftover cents, earliest first on ties.
  const order = weights.map((w, i) => ({ i, r: (total * w) % sum })).sort((a, b) => (a.r === b.r ? a.i - b.i : a.r > b.r ? -1 : 1));
  for (const { i } of order) {
    if (left <= 0n) break;
    shares[i] = shares[i]! + 1n;
    left--;
  }
  return shares;
}
