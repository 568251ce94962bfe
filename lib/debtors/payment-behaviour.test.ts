import { describe, expect, it } from "vitest";
import { paymentBehaviour } from "./payment-behaviour";

const TODAY = "2026-11-23";
const paid = (dueDate: string, paidOn: string, euros: number) => ({ dueDate, paidOn, amountCents: BigInt(euros * 100) });

describe("payment behaviour", () => {
  it("weighs days late by amount and sees a worsening trend in the last 90 days", () => {
    const b = paymentBehaviour({
      today: TODAY,
      settled: [
        paid("2026-03-01", "2026-03-03", 1_000), // 2 days late, earlier in the year
        paid("2026-04-01", "2026-04-01", 3_000), // on time
        paid("2026-10-01", "2026-10-21", 1_000), // 20 days late, recent
        paid("2026-11-01", "2026-11-11", 1_000), // 10 days late, recent
        paid("2025-01-01", "2025-03-01", 9_000), // more than a year ago: ignored
      ],
      agreements: [{ status: "kept" }, { status: "broken" }, { status: "kept" }, { status: "open" }, { status: "cancelled" }],
      payments: [
        { valueDate: "2026-11-11", amountCents: 50_00n },
        { valueDate: "2026-11-11", amountCents: 1_000_00n },
        { valueDate: "2026-10-21", amountCents: 1_000_00n },
      ],
    });
    // (2*1000 + 0*3000 + 20*1000 + 10*1000) / 6000 = 5.33
    expect(b.avgDaysLate).toBe(5.3);
    expect(b.recentAvgDaysLate).toBe(15);
    expect(b.trend).toBe("worse");
    expect(b).toMatchObject({ promisesKept: 2, promisesBroken: 1, lastPayment: { date: "2026-11-11", amountCents: 1_000_00n } });
    expect(b.keptRate).toBeCloseTo(2 / 3);
  });

  it("counts early payment as negative, calls a small change stable, and has no data when nothing was paid", () => {
    const b = paymentBehaviour({ today: TODAY, settled: [paid("2026-05-10", "2026-05-05", 100), paid("2026-11-10", "2026-11-07", 100)], agreements: [], payments: [] });
    expect(b.avgDaysLate).toBe(-4);
    expect(b.trend).toBe("stable");
    expect(b.keptRate).toBeNull();
    const none = paymentBehaviour({ today: TODAY, settled: [], agreements: [], payments: [] });
    expect(none).toEqual({ avgDaysLate: null, recentAvgDaysLate: null, trend: null, promisesKept: 0, promisesBroken: 0, keptRate: null, lastPayment: null });
  });
});
