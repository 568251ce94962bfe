import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DecidePlanInput } from "@/lib/agreements/agreement-schemas";
import { FinishCallInput } from "@/lib/calls/call-schemas";
import { SavePolicyInput, SetDebtorDunningInput } from "@/lib/dunning/dunning-schemas";
import { isMessageKey } from "@/lib/i18n/translate";
import { RecordPaymentInput, ResolveBankLineInput } from "@/lib/payments/payment-schemas";
import { SnoozeTaskInput } from "@/lib/worklist/worklist-schemas";

/** Every message a schema gives is a catalogue key, so users see its text, not a generic "invalid". */
function messagesOf(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  if (r.success) throw new Error("expected the input to be refused");
  return r.error.issues.map((i) => i.message);
}

const step = { code: "a", offsetDays: 7, channel: "email", template: "reminder", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: 7 };

describe("shared fields and the schemas built on them", () => {
  it("refuses markup in every free text with the noMarkup message (once a missing key)", () => {
    const cases: [z.ZodType, unknown][] = [
      [DecidePlanInput, { agreementId: "a", version: 1, approve: false, note: "<img src=x onerror=alert(1)>" }],
      [SnoozeTaskInput, { taskId: "t", version: 1, until: "2031-01-02", reason: "other", note: "<script>x</script>" }],
      [SetDebtorDunningInput, { debtorId: "d", isPaused: true, reason: "<b>x</b>", policyId: null, version: 1 }],
      [RecordPaymentInput, { debtorId: "d", amount: "10,00", valueDate: "2031-01-02", reference: "<a href=x>", method: "other" }],
      [ResolveBankLineInput, { action: "ignore", lineId: "l", version: 1, reason: "<svg onload=x>" }],
    ];
    for (const [schema, input] of cases) expect(messagesOf(schema, input)).toContain("validation.noMarkup");
  });

  it("gives catalogue keys for the rules inside schemas", () => {
    const all = [
      ...messagesOf(SavePolicyInput, { policyId: null, version: null, name: "x", steps: [step, { ...step, code: "b", offsetDays: 3 }] }),
      ...messagesOf(SavePolicyInput, { policyId: null, version: null, name: "x", steps: [{ ...step, template: "fourteen_day_letter", segment: "b2b", payWithinDays: 7 }] }),
      ...messagesOf(SetDebtorDunningInput, { debtorId: "d", isPaused: true, reason: null, policyId: null, version: 1 }),
      ...messagesOf(SnoozeTaskInput, { taskId: "t", version: 1, until: "2031-02-30", reason: "other", note: null }),
      ...messagesOf(RecordPaymentInput, { debtorId: "d", amount: "tien", valueDate: "31-12-2031", reference: null, method: "other" }),
      ...messagesOf(FinishCallInput, { callId: "c", version: 1, debtorVersion: 1, outcome: "reached", result: { kind: "promise", amount: "0", dueDate: "x", method: "other", invoiceIds: [] } }),
    ];
    expect(all).toEqual(
      expect.arrayContaining(["dunning.errors.offsetOrder", "dunning.errors.fourteenDayB2b", "dunning.errors.fourteenDays", "dunning.errors.pauseReason", "worklist.errors.snoozeDate", "worklist.errors.snoozeNote", "payments.errors.amount", "payments.errors.date", "validation.amount", "validation.date", "validation.pickInvoices"]),
    );
    expect(all.filter((m) => !isMessageKey(m))).toEqual([]);
  });
});
