import { describe, expect, it } from "vitest";
import { dayMonthYear, earlyValueDateConflict, EarlyValueDateError } from "./early-value-date";

describe("earlyValueDateConflict", () => {
  it("refuses a value date before the picked invoice's date, naming that date", () => {
    expect(earlyValueDateConflict("2026-03-01", { pickedIssueDates: ["2026-03-05"], openIssueDates: ["2026-01-01"] })).toBe("2026-03-05");
  });

  it("compares with the latest of several picked invoices", () => {
    expect(earlyValueDateConflict("2026-03-01", { pickedIssueDates: ["2026-02-01", "2026-03-10", "2026-02-20"], openIssueDates: [] })).toBe("2026-03-10");
    expect(earlyValueDateConflict("2026-03-10", { pickedIssueDates: ["2026-02-01", "2026-03-10"], openIssueDates: [] })).toBeNull();
  });

  it("accepts the invoice date itself and any later day", () => {
    expect(earlyValueDateConflict("2026-03-05", { pickedIssueDates: ["2026-03-05"], openIssueDates: [] })).toBeNull();
    expect(earlyValueDateConflict("2026-04-01", { pickedIssueDates: ["2026-03-05"], openIssueDates: [] })).toBeNull();
  });

  it("without a picked invoice, compares with the oldest open invoice (where the money goes first)", () => {
    const open = ["2026-02-10", "2026-01-15", "2026-03-01"];
    expect(earlyValueDateConflict("2026-01-10", { pickedIssueDates: [], openIssueDates: open })).toBe("2026-01-15");
    // Before the newer invoices but after the oldest: fine, the money settles the oldest first.
    expect(earlyValueDateConflict("2026-02-01", { pickedIssueDates: [], openIssueDates: open })).toBeNull();
  });

  it("has nothing to compare with when nothing is picked or open", () => {
    expect(earlyValueDateConflict("2020-01-01", { pickedIssueDates: [], openIssueDates: [] })).toBeNull();
  });
});

describe("dayMonthYear", () => {
  it("writes a calendar date as dd-mm-yyyy", () => {
    expect(dayMonthYear("2026-03-05")).toBe("05-03-2026");
  });
});

describe("EarlyValueDateError", () => {
  it("is an invalid-input refusal with messages on the date and the confirmation", () => {
    const e = new EarlyValueDateError("2026-03-05");
    expect(e).toMatchObject({ code: "invalid", issueDate: "2026-03-05", fieldErrors: { valueDate: ["payments.errors.earlyValueDate"], confirmEarlyValueDate: ["payments.errors.confirmEarlyValueDate"] } });
  });
});
