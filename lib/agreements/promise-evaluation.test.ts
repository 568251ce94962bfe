import { describe, expect, it } from "vitest";
import { evaluateAgreement } from "./promise-evaluation";

const inst = (seq: number, dueDate: string, euros: number, status = "open") => ({ seq, dueDate, amountCents: BigInt(euros * 100), status });
const pay = (valueDate: string, euros: number) => ({ valueDate, cents: BigInt(euros * 100) });

describe("promise evaluation", () => {
  it("keeps a promise paid on time, and waits for the grace days before judging", () => {
    const promise = [inst(1, "2026-11-30", 500)];
    expect(evaluateAgreement({ madeOn: "2026-11-20", instalments: promise, payments: [], today: "2026-12-02", graceDays: 2 }).status).toBe("open");
    const kept = evaluateAgreement({ madeOn: "2026-11-20", instalments: promise, payments: [pay("2026-12-02", 500)], today: "2026-12-03", graceDays: 2 });
    expect(kept).toMatchObject({ status: "kept", changed: true, instalments: [{ seq: 1, status: "kept", paidCents: 500_00n }] });
    const broken = evaluateAgreement({ madeOn: "2026-11-20", instalments: promise, payments: [pay("2026-12-03", 500)], today: "2026-12-03", graceDays: 2 });
    expect(broken.status).toBe("broken");
  });

  it("counts only money received since the agreement was made", () => {
    const r = evaluateAgreement({ madeOn: "2026-11-20", instalments: [inst(1, "2026-11-25", 100)], payments: [pay("2026-11-19", 100)], today: "2026-12-01", graceDays: 0 });
    expect(r.status).toBe("broken");
  });

  it("judges a plan per instalment, cumulatively, across a DST change and month ends", () => {
    // Instalments due on the DST Sunday 29 March, 30 April and 31 May; grace 2 days.
    const plan = [inst(1, "2026-03-29", 300), inst(2, "2026-04-30", 300), inst(3, "2026-05-31", 300)];
    const payments = [pay("2026-03-31", 300), pay("2026-05-02", 200)];
    const april = evaluateAgreement({ madeOn: "2026-03-01", instalments: plan, payments, today: "2026-04-01", graceDays: 2 });
    expect(april.instalments.map((i) => i.status)).toEqual(["kept", "open", "open"]);
    expect(april.status).toBe("open");
    const may = evaluateAgreement({ madeOn: "2026-03-01", instalments: plan, payments, today: "2026-05-03", graceDays: 2 });
    expect(may.instalments.map((i) => [i.status, i.paidCents])).toEqual([["kept", 300_00n], ["broken", 200_00n], ["open", 0n]]);
    expect(may.status).toBe("broken");
  });

  it("a plan paid in one go early is kept instalment by instalment, and nothing changes twice", () => {
    const plan = [inst(1, "2026-01-31", 100), inst(2, "2026-02-28", 100)];
    const payments = [pay("2026-01-15", 200)];
    const first = evaluateAgreement({ madeOn: "2026-01-10", instalments: plan, payments, today: "2026-03-03", graceDays: 2 });
    expect(first).toMatchObject({ status: "kept", changed: true });
    const again = evaluateAgreement({ madeOn: "2026-01-10", instalments: plan.map((p, i) => ({ ...p, status: first.instalments[i]!.status })), payments, today: "2026-03-10", graceDays: 2 });
    expect(again.changed).toBe(false);
  });

  it("a promise paid in full before its date is kept at once, not only after date plus grace", () => {
    const r = evaluateAgreement({ madeOn: "2026-11-20", instalments: [inst(1, "2026-12-15", 500)], payments: [pay("2026-11-23", 500)], today: "2026-11-23", graceDays: 2 });
    expect(r).toMatchObject({ status: "kept", changed: true, instalments: [{ status: "kept", paidCents: 500_00n }] });
    const partly = evaluateAgreement({ madeOn: "2026-11-20", instalments: [inst(1, "2026-12-15", 500)], payments: [pay("2026-11-23", 499.99)], today: "2026-11-23", graceDays: 2 });
    expect(partly.status).toBe("open");
  });

  it("judges across the autumn DST change (25 October 2026) and a leap-year February end", () => {
    const plan = [inst(1, "2026-10-25", 100), inst(2, "2028-02-29", 100)];
    const r = evaluateAgreement({ madeOn: "2026-10-01", instalments: plan, payments: [pay("2026-10-27", 100)], today: "2026-10-28", graceDays: 2 });
    expect(r.instalments.map((i) => i.status)).toEqual(["kept", "open"]);
    const late = evaluateAgreement({ madeOn: "2026-10-01", instalments: plan, payments: [pay("2026-10-28", 100)], today: "2026-10-28", graceDays: 2 });
    expect(late.instalments[0]!.status).toBe("broken");
    const leap = evaluateAgreement({ madeOn: "2026-10-01", instalments: r.instalments.map((v, k) => ({ ...plan[k]!, status: v.status })), payments: [pay("2026-10-27", 100), pay("2028-03-02", 100)], today: "2028-03-03", graceDays: 2 });
    expect(leap.status).toBe("kept");
  });
});
