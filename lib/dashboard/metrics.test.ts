import { describe, expect, it } from "vitest";
import { collectionEffectiveness, dsoCountBack, monthBlocks, positionsAt, type SnapshotInvoice } from "./metrics";

const inv = (issueDate: string, dueDate: string, amount: number, paid: Array<[string, number]> = [], extra: Partial<SnapshotInvoice> = {}): SnapshotInvoice => ({
  controllerId: "c1",
  kind: "b2b",
  currency: "EUR",
  issueDate,
  dueDate,
  amountCents: BigInt(amount),
  paid: paid.map(([date, cents]) => ({ date, cents: BigInt(cents) })),
  ...extra,
});

describe("dashboard metrics", () => {
  it("rebuilds the position of past days from issue dates, due dates and payment value dates", () => {
    const invoices = [
      inv("2026-09-01", "2026-10-01", 100_00, [["2026-11-10", 40_00]]), // part paid on 10 Nov
      inv("2026-10-15", "2026-11-14", 50_00), // due 14 Nov
      inv("2026-11-20", "2026-12-20", 70_00), // issued after 15 Nov
      inv("2026-06-01", "2026-07-01", 30_00, [], { kind: "consumer" }),
    ];
    const rows = positionsAt(["2026-11-01", "2026-11-15"], invoices);
    const b2b1 = rows.find((r) => r.date === "2026-11-01" && r.kind === "b2b")!;
    expect(b2b1).toMatchObject({ openCents: 150_00n, overdueCents: 100_00n, currentCents: 50_00n, bucket31Cents: 100_00n, openInvoices: 2 });
    const b2b15 = rows.find((r) => r.date === "2026-11-15" && r.kind === "b2b")!;
    // 60 left on the first (45 days late), 50 one day late; the third is not issued yet.
    expect(b2b15).toMatchObject({ openCents: 110_00n, overdueCents: 110_00n, bucket1Cents: 50_00n, bucket31Cents: 60_00n, openInvoices: 2 });
    expect(rows.find((r) => r.date === "2026-11-15" && r.kind === "consumer")).toMatchObject({ bucket91Cents: 30_00n });
  });

  it("computes DSO by count-back, with a worked example", () => {
    // AR 150; this month (20 days) sold 100, last month (31 days) 100: 20 + 31 × 50/100 = 35.5 days.
    expect(dsoCountBack(150_00n, [{ days: 20, salesCents: 100_00n }, { days: 31, salesCents: 100_00n }])).toBe(35.5);
    // AR below this month's sales: a fraction of this month only. 30 × 25/100 = 7.5
    expect(dsoCountBack(25_00n, [{ days: 30, salesCents: 100_00n }])).toBe(7.5);
    expect(dsoCountBack(0n, [{ days: 30, salesCents: 1n }])).toBe(0);
    expect(dsoCountBack(1n, [{ days: 30, salesCents: 0n }])).toBeNull();
    // More AR than all sales counted back: all the days looked at.
    expect(dsoCountBack(500_00n, [{ days: 30, salesCents: 100_00n }, { days: 31, salesCents: 100_00n }])).toBe(61);
  });

  it("splits calendar months back from a day", () => {
    expect(monthBlocks("2026-11-23", 3)).toEqual([
      { from: "2026-11-01", to: "2026-11-23", days: 23 },
      { from: "2026-10-01", to: "2026-10-31", days: 31 },
      { from: "2026-09-01", to: "2026-09-30", days: 30 },
    ]);
  });

  it("computes the collection effectiveness index, with a worked example", () => {
    // Begin 1,000, sales 500, end 600 of which 200 not yet due: (1500 − 600) / (1500 − 200) = 69.2 %.
    expect(collectionEffectiveness({ beginArCents: 1_000_00n, salesCents: 500_00n, endArCents: 600_00n, endCurrentCents: 200_00n })).toBe(69.2);
    expect(collectionEffectiveness({ beginArCents: 0n, salesCents: 0n, endArCents: 0n, endCurrentCents: 0n })).toBeNull();
    expect(collectionEffectiveness({ beginArCents: 100n, salesCents: 0n, endArCents: 0n, endCurrentCents: 0n })).toBe(100);
  });
});
