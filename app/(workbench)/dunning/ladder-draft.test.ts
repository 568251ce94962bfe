import { describe, expect, it } from "vitest";
import { centsValue, daysValue, stepInput, toDraft, type StepJson } from "./ladder-draft";

const json: StepJson = { level: 1, code: "service_call", offsetDays: -5, channel: "call_task", template: "service_call", minAmountCents: "500000", onlyNewCustomers: true, segment: "all", chargesCosts: false, payWithinDays: 0 };

describe("a ladder step while it is edited", () => {
  it("shows the stored step as typed text and sends it back unchanged", () => {
    const draft = toDraft(json, "nl");
    expect(draft).toMatchObject({ offsetDays: "-5", payWithinDays: "0", minAmount: "5000" });
    expect(stepInput(draft, "nl")).toEqual({ code: "service_call", offsetDays: -5, channel: "call_task", template: "service_call", minAmountCents: "500000", onlyNewCustomers: true, segment: "all", chargesCosts: false, payWithinDays: 0 });
    expect(toDraft({ ...json, minAmountCents: "123456" }, "nl").minAmount).toBe("1234,56");
  });

  it("never sends NaN or a silent 0 for a cleared or unreadable field", () => {
    expect(daysValue("")).toBeNull();
    expect(daysValue("  ")).toBeNull();
    expect(daysValue("14")).toBe(14);
    expect(daysValue("1.5")).toBe("1.5");
    expect(centsValue("", "nl")).toBeNull();
    expect(centsValue("5.000", "nl")).toBe("500000");
    expect(centsValue("12,50", "nl")).toBe("1250");
    expect(centsValue("-5", "nl")).toBe("-500");
    expect(centsValue("vijftig", "nl")).toBe("vijftig");
    const sent = JSON.stringify(stepInput({ ...toDraft(json, "nl"), offsetDays: "", minAmount: "" }, "nl"));
    expect(sent).not.toContain("NaN");
    expect(JSON.parse(sent)).toMatchObject({ offsetDays: null, minAmountCents: null });
  });
});
