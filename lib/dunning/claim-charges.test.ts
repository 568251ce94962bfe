import { describe, expect, it } from "vitest";
import { claimCosts, interestStart } from "./claim-charges";

const inv = (id: string, euros: number, base = 0, charged = 0) => ({ id, openCents: BigInt(euros * 100), costsBaseCents: BigInt(base * 100), costsChargedCents: BigInt(charged * 100) });

describe("one fee per claim", () => {
  it("charges the scale once on the total when two invoices join together", () => {
    // € 1,500 + € 1,500 = € 3,000: 15 % of 2,500 = 375 + 10 % of 500 = 50 → € 425, split 212.50 / 212.50.
    const r = claimCosts({ claim: [inv("a", 1_500), inv("b", 1_500)], joining: ["a", "b"] });
    expect(r.addedCents).toBe(42_500n);
    expect(r.joined.map((j) => j.costsCents)).toEqual([21_250n, 21_250n]);
  });

  it("adds only the difference when a second invoice reaches hand-over later", () => {
    // Day 1: € 1,500 alone → 15 % = € 225. Day 20: + € 1,500 → scale on € 3,000 = € 425; add € 200, not another € 225.
    const first = claimCosts({ claim: [inv("a", 1_500), inv("b", 1_500)], joining: ["a"] });
    expect(first.addedCents).toBe(22_500n);
    const later = claimCosts({ claim: [inv("a", 1_500, 1_500, 225), inv("b", 1_500)], joining: ["a", "b"] });
    expect(later.joined).toEqual([{ id: "b", costsCents: 20_000n, baseCents: 150_000n }]);
    expect(later.claimCostsCents).toBe(42_500n);
  });

  it("keeps counting a paid-off invoice of the claim, and never passes the maximum", () => {
    // € 150,000 (paid off since) was charged € 2,275 (375 + 250 + 250 + 1 % of 140,000 = 1,400).
    // + € 700,000 → scale on € 850,000 = 375 + 250 + 250 + 1,900 (1 % of 190,000) + 0.5 % of 650,000 (3,250) = € 6,025 → add € 3,750.
    const r = claimCosts({ claim: [{ ...inv("a", 0, 150_000, 2_275) }, inv("b", 700_000)], joining: ["b"] });
    expect(r.addedCents).toBe(375_000n);
    // A third invoice of € 1,000,000: the scale is capped at € 6,775, so only € 750 more.
    const capped = claimCosts({ claim: [inv("a", 0, 150_000, 2_275), inv("b", 700_000, 700_000, 3_750), inv("c", 1_000_000)], joining: ["c"] });
    expect(capped.addedCents).toBe(75_000n);
    expect(capped.claimCostsCents).toBe(677_500n);
  });

  it("charges nothing again for an invoice already in the claim", () => {
    expect(claimCosts({ claim: [inv("a", 1_500, 1_500, 225)], joining: ["a"] }).addedCents).toBe(0n);
  });

  it("never charges a consumer more than the 14-day letter stated; a part payment in the term lowers the scale", () => {
    // The letter stated € 150 on € 1,000. € 400 paid within the term: € 600 open → 15 % = € 90 (under the stated € 150).
    expect(claimCosts({ claim: [inv("a", 600)], joining: ["a"], capCents: 15_000n }).addedCents).toBe(9_000n);
    // The letter stated € 40 (it was sent on a smaller amount): never more, even on € 1,000.
    expect(claimCosts({ claim: [inv("a", 1_000)], joining: ["a"], capCents: 4_000n }).addedCents).toBe(4_000n);
  });

  it("adds VAT for a creditor who cannot deduct it", () => {
    // € 1,000 → € 150 + 21 % = € 181.50.
    expect(claimCosts({ claim: [inv("a", 1_000)], joining: ["a"], vatPercent: 21 }).addedCents).toBe(18_150n);
  });
});

describe("interest once", () => {
  it("continues from the day after the last booked day", () => {
    expect(interestStart("2026-03-02", null, "2026-05-01")).toBe("2026-03-02");
    expect(interestStart("2026-03-02", "2026-04-15", "2026-05-01")).toBe("2026-04-16");
    expect(interestStart("2026-03-02", "2026-05-01", "2026-05-01")).toBeNull();
    expect(interestStart(null, null, "2026-05-01")).toBeNull();
  });
});
