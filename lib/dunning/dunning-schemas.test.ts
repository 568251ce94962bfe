import { describe, expect, it } from "vitest";
import { DEFAULT_LADDER } from "./dunning-ladder";
import { SavePolicyInput } from "./dunning-schemas";

const step = { code: "reminder", offsetDays: 7, channel: "email", template: "reminder", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: 7 };
const policy = (steps: unknown[]) => ({ policyId: null, version: null, name: "Test", remindAfterHandover: false, steps });

/** The field messages of a refused ladder, by path ("steps.0.offsetDays"). */
function errorsOf(steps: unknown[]): Record<string, string[]> {
  const r = SavePolicyInput.safeParse(policy(steps));
  if (r.success) throw new Error("expected the ladder to be refused");
  const out: Record<string, string[]> = {};
  for (const i of r.error.issues) (out[i.path.join(".")] ??= []).push(i.message);
  return out;
}

describe("the ladder editor's rules", () => {
  it("accepts the default ladder as it is stored (a service call before the due date, call steps without a term)", () => {
    const steps = DEFAULT_LADDER.map(({ level: _level, ...s }) => ({ ...s, minAmountCents: s.minAmountCents === null ? null : s.minAmountCents.toString() }));
    expect(SavePolicyInput.safeParse(policy(steps)).success).toBe(true);
  });

  it("accepts days typed as digits and reads them as numbers", () => {
    const r = SavePolicyInput.parse(policy([{ ...step, offsetDays: "14", payWithinDays: " 10 ", minAmountCents: "250000" }]));
    expect(r.steps[0]).toMatchObject({ offsetDays: 14, payWithinDays: 10, minAmountCents: 250_000n });
  });

  it.each([null, "", "  ", "abc", "1.5", Number.NaN, 2.5, undefined])("refuses %s days with the 'fill in days' message instead of reading 0", (value) => {
    expect(errorsOf([{ ...step, offsetDays: value }])["steps.0.offsetDays"]).toEqual(["dunning.errors.daysRequired"]);
    expect(errorsOf([{ ...step, payWithinDays: value }])["steps.0.payWithinDays"]).toEqual(["dunning.errors.daysRequired"]);
  });

  it("refuses negative days for any step but a service call, and days out of range", () => {
    expect(errorsOf([{ ...step, offsetDays: -3 }])["steps.0.offsetDays"]).toEqual(["dunning.errors.negativeDays"]);
    expect(SavePolicyInput.safeParse(policy([{ ...step, template: "service_call", channel: "call_task", offsetDays: -3, payWithinDays: 0 }])).success).toBe(true);
    expect(errorsOf([{ ...step, offsetDays: 400 }])["steps.0.offsetDays"]).toEqual(["dunning.errors.offsetRange"]);
    expect(errorsOf([{ ...step, template: "service_call", offsetDays: -61 }])["steps.0.offsetDays"]).toEqual(["dunning.errors.offsetRange"]);
  });

  it("refuses a step that comes before the one above it", () => {
    expect(errorsOf([step, { ...step, code: "later", offsetDays: 3 }])["steps.1.offsetDays"]).toEqual(["dunning.errors.offsetOrder"]);
  });

  it("gives a letter or e-mail 1 to 90 days to pay; a call task or hand-over may have none", () => {
    expect(errorsOf([{ ...step, payWithinDays: 0 }])["steps.0.payWithinDays"]).toEqual(["dunning.errors.payWithinZero"]);
    expect(errorsOf([{ ...step, channel: "letter", payWithinDays: 0 }])["steps.0.payWithinDays"]).toEqual(["dunning.errors.payWithinZero"]);
    expect(errorsOf([{ ...step, payWithinDays: 91 }])["steps.0.payWithinDays"]).toEqual(["dunning.errors.payWithinRange"]);
    expect(errorsOf([{ ...step, channel: "call_task", payWithinDays: -1 }])["steps.0.payWithinDays"]).toEqual(["dunning.errors.payWithinRange"]);
    expect(SavePolicyInput.safeParse(policy([{ ...step, payWithinDays: 90 }])).success).toBe(true);
    expect(SavePolicyInput.safeParse(policy([{ ...step, channel: "call_task", payWithinDays: 0 }])).success).toBe(true);
  });

  it("refuses a negative or unreadable minimum amount", () => {
    expect(errorsOf([{ ...step, minAmountCents: "-500" }])["steps.0.minAmountCents"]).toEqual(["dunning.errors.negativeAmount"]);
    expect(errorsOf([{ ...step, minAmountCents: "vijftig" }])["steps.0.minAmountCents"]).toEqual(["dunning.errors.amount"]);
    expect(errorsOf([{ ...step, minAmountCents: "NaN" }])["steps.0.minAmountCents"]).toEqual(["dunning.errors.amount"]);
    expect(SavePolicyInput.parse(policy([{ ...step, minAmountCents: "" }])).steps[0]!.minAmountCents).toBeNull();
  });

  it("refuses an unknown template, channel or segment, a bad step name and an empty ladder, each with its own message", () => {
    expect(errorsOf([{ ...step, template: "summons" }])["steps.0.template"]).toEqual(["dunning.errors.template"]);
    expect(errorsOf([{ ...step, channel: "fax" }])["steps.0.channel"]).toEqual(["dunning.errors.channel"]);
    expect(errorsOf([{ ...step, segment: "vip" }])["steps.0.segment"]).toEqual(["dunning.errors.segment"]);
    expect(errorsOf([{ ...step, code: "Herinnering 2" }])["steps.0.code"]).toEqual(["dunning.errors.code"]);
    expect(errorsOf([{ ...step, code: "" }])["steps.0.code"]).toEqual(["validation.required"]);
    expect(errorsOf([])["steps"]).toEqual(["dunning.errors.noSteps"]);
  });
});
