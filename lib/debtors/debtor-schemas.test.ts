import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { BulkDebtorsInput, DebtorIdsParam } from "./debtor-schemas";

const key = randomUUID();
const issuesOf = (raw: unknown) => {
  const r = BulkDebtorsInput.safeParse(raw);
  return r.success ? [] : r.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`);
};

describe("a bulk action on the debtor list", () => {
  it("assigns a selection to a colleague or to nobody", () => {
    expect(BulkDebtorsInput.parse({ action: "assign", debtorIds: ["d1", "d2"], controllerId: "u1", idempotencyKey: key })).toMatchObject({ debtorIds: ["d1", "d2"], controllerId: "u1" });
    expect(BulkDebtorsInput.parse({ action: "assign", debtorIds: ["d1"], controllerId: "none", idempotencyKey: key }).controllerId).toBe("none");
    expect(issuesOf({ action: "assign", debtorIds: ["d1"], idempotencyKey: key })).toEqual(["controllerId: debtors.bulk.errors.controller"]);
  });

  it("pauses only with a reason of 3 to 200 characters, trimmed", () => {
    expect(BulkDebtorsInput.parse({ action: "pause", debtorIds: ["d1"], reason: "  curator  ", idempotencyKey: key }).reason).toBe("curator");
    expect(issuesOf({ action: "pause", debtorIds: ["d1"], idempotencyKey: key })).toEqual(["reason: debtors.bulk.errors.reason"]);
    expect(issuesOf({ action: "pause", debtorIds: ["d1"], reason: " ab ", idempotencyKey: key })).toEqual(["reason: debtors.bulk.errors.reason"]);
    expect(issuesOf({ action: "pause", debtorIds: ["d1"], reason: "x".repeat(201), idempotencyKey: key })).toHaveLength(1);
    expect(issuesOf({ action: "resume", debtorIds: ["d1"], idempotencyKey: key })).toEqual([]);
  });

  it("takes 1 to 500 different debtors and a uuid as the idempotency key", () => {
    const ids = (n: number) => Array.from({ length: n }, (_, i) => `d${i}`);
    expect(issuesOf({ action: "resume", debtorIds: ids(500), idempotencyKey: key })).toEqual([]);
    expect(issuesOf({ action: "resume", debtorIds: ids(501), idempotencyKey: key })).toEqual(["debtorIds: debtors.bulk.errors.count"]);
    expect(issuesOf({ action: "resume", debtorIds: [], idempotencyKey: key })).toEqual(["debtorIds: debtors.bulk.errors.count"]);
    expect(issuesOf({ action: "resume", debtorIds: ["d1", "d1"], idempotencyKey: key })).toEqual(["debtorIds: debtors.bulk.errors.count"]);
    expect(issuesOf({ action: "resume", debtorIds: ["d1"], idempotencyKey: "twice" })).toEqual(["idempotencyKey: validation.invalid"]);
    expect(issuesOf({ action: "delete", debtorIds: ["d1"], idempotencyKey: key })).toHaveLength(1);
    expect(issuesOf({ action: "resume", debtorIds: ["d1"], idempotencyKey: key, extra: 1 })).toHaveLength(1);
  });
});

describe("the export's selection parameter", () => {
  it("reads comma-separated ids and refuses an empty, oversized or repeated list", () => {
    expect(DebtorIdsParam.parse("d1, d2,d3")).toEqual(["d1", "d2", "d3"]);
    expect(DebtorIdsParam.safeParse("").success).toBe(false);
    expect(DebtorIdsParam.safeParse("d1,d1").success).toBe(false);
    expect(DebtorIdsParam.safeParse(Array.from({ length: 501 }, (_, i) => `d${i}`).join(",")).success).toBe(false);
    expect(DebtorIdsParam.safeParse(`${"x".repeat(65)}`).success).toBe(false);
  });
});
