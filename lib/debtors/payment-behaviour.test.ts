import { describe, expect, it } from "vitest";
import { paymentBehaviour, type SettledInvoice } from "./payment-behaviour";

const TODAY = "2026-11-23";
const paid = (dueDate: string, paidOn: string, cents: bigint): SettledInvoice => ({ dueDate, paidOn, amountCents: cents });
const behaviour = (settled: SettledInvoice[]) => paymentBehaviour({ today: TODAY, settled, agreements: [], payments: [] });

describe("paymentBehaviour: days late", () => {
  it("weighs days late by amount and sees a worsening trend in the last 90 days", () => {
    const b = behaviour([
      paid("2026-03-01", "2026-03-03", 1_000_00n), // 2 days late, earlier in the year
      paid("2026-04-01", "2026-04-01", 3_000_00n), // on time
      paid("2026-10-01", "2026-10-21", 1_000_00n), // 20 days late, recent
      paid("2026-11-01", "2026-11-11", 1_000_00n), // 10 days late, recent
      paid("2025-01-01", "2025-03-01", 9_000_00n), // more than a year ago: ignored
    ]);
    // (2*1000 + 0*3000 + 20*1000 + 10*1000) / 6000 = 5.33; recent (20 + 10) / 2 = 15; earlier 0.5.
    expect(b).toMatchObject({ avgDaysLate: 5.3, recentAvgDaysLate: 15, trend: "worse" });
  });

  it("counts early payment as negative and a change under 3 days as stable", () => {
    const b = behaviour([paid("2026-05-10", "2026-05-05", 100_00n), paid("2026-11-10", "2026-11-07", 100_00n)]);
    // -5 earlier, -3 recent: 2 days later than before, not yet a trend.
    expect(b).toMatchObject({ avgDaysLate: -4, recentAvgDaysLate: -3, trend: "stable" });
  });

  it("sees an improvement of 3 days or more as better", () => {
    const b = behaviour([paid("2026-05-01", "2026-05-31", 500_00n), paid("2026-11-01", "2026-11-11", 500_00n)]);
    expect(b).toMatchObject({ avgDaysLate: 20, recentAvgDaysLate: 10, trend: "better" });
  });

  it("rounds to one decimal, half away from zero, and calls exactly 3.0 days a trend", () => {
    // Recent (9*10 + 1*11) / 10 = 10.1; earlier (9*7 + 1*8) / 10 = 7.1; in floats 10.1 - 7.1 < 3.
    const b = behaviour([
      paid("2026-11-01", "2026-11-11", 9n),
      paid("2026-11-01", "2026-11-12", 1n),
      paid("2026-05-01", "2026-05-08", 9n),
      paid("2026-05-01", "2026-05-09", 1n),
    ]);
    expect(b).toMatchObject({ recentAvgDaysLate: 10.1, avgDaysLate: 8.6, trend: "worse" });
    // 1 day early on 3 cents, on time on 1 cent: -0.75 -> -0.8; 0.25 days late -> 0.3.
    expect(behaviour([paid("2026-11-02", "2026-11-01", 3n), paid("2026-11-01", "2026-11-01", 1n)]).avgDaysLate).toBe(-0.8);
    expect(behaviour([paid("2026-11-01", "2026-11-02", 1n), paid("2026-11-01", "2026-11-01", 3n)]).avgDaysLate).toBe(0.3);
  });

  it("counts 0..365 days ago for the year, 0..90 as recent and 91..365 as earlier", () => {
    const onTime = (paidOn: string) => paid(paidOn, paidOn, 100_00n);
    const late = (paidOn: string, days: number) => paid(new Date(Date.parse(paidOn) - days * 86_400_000).toISOString().slice(0, 10), paidOn, 100_00n);
    // 90 days ago (25 Aug) is recent; 91 days ago (24 Aug) is earlier.
    expect(behaviour([late("2026-08-25", 6), onTime("2026-08-24")])).toMatchObject({ recentAvgDaysLate: 6, avgDaysLate: 3, trend: "worse" });
    // 365 days ago (23 Nov 2025) still counts; 366 days ago and paid after today do not.
    const edges = behaviour([late("2025-11-23", 4), late("2025-11-22", 50), late("2026-11-24", 50)]);
    expect(edges).toMatchObject({ avgDaysLate: 4, recentAvgDaysLate: null, trend: null });
  });

  it("has no trend without data on both sides, and nothing at all without payments", () => {
    expect(behaviour([paid("2026-11-01", "2026-11-05", 100_00n)])).toMatchObject({ avgDaysLate: 4, recentAvgDaysLate: 4, trend: null });
    expect(behaviour([paid("2026-03-01", "2026-03-05", 100_00n)])).toMatchObject({ avgDaysLate: 4, recentAvgDaysLate: null, trend: null });
    // Credit notes and zero amounts carry no weight.
    expect(behaviour([paid("2026-11-01", "2026-11-30", 0n), paid("2026-11-01", "2026-11-20", -50_00n)]).avgDaysLate).toBeNull();
    expect(paymentBehaviour({ today: TODAY, settled: [], agreements: [], payments: [] })).toEqual({
      avgDaysLate: null,
      recentAvgDaysLate: null,
      trend: null,
      promisesKept: 0,
      promisesBroken: 0,
      keptRate: null,
      lastPayment: null,
    });
  });
});

describe("paymentBehaviour: promises and the last payment", () => {
  it("counts kept and broken promises only, and takes the latest payment (the larger on the same day)", () => {
    const b = paymentBehaviour({
      today: TODAY,
      settled: [],
      agreements: [{ status: "kept" }, { status: "broken" }, { status: "kept" }, { status: "open" }, { status: "cancelled" }],
      payments: [
        { valueDate: "2026-11-11", amountCents: 50_00n },
        { valueDate: "2026-10-21", amountCents: 5_000_00n },
        { valueDate: "2026-11-11", amountCents: 1_000_00n },
        { valueDate: "2026-11-11", amountCents: 20_00n },
      ],
    });
    expect(b).toMatchObject({ promisesKept: 2, promisesBroken: 1, lastPayment: { date: "2026-11-11", amountCents: 1_000_00n } });
    expect(b.keptRate).toBeCloseTo(2 / 3, 10);
  });

  it("gives a kept rate of 0 when every promise was broken and none while promises are still open", () => {
    const rate = (statuses: string[]) => paymentBehaviour({ today: TODAY, settled: [], agreements: statuses.map((status) => ({ status })), payments: [] }).keptRate;
    expect(rate(["broken", "broken"])).toBe(0);
    expect(rate(["kept"])).toBe(1);
    expect(rate(["open", "cancelled"])).toBeNull();
  });
});
