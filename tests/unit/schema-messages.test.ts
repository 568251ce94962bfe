import { describe, expect, it } from "vitest";
import type { z } from "zod";
import { DecidePlanInput } from "@/lib/agreements/agreement-schemas";
import { FinishCallInput } from "@/lib/calls/call-schemas";
import { SavePolicyInput, SetDebtorDunningInput } from "@/lib/dunning/dunning-schemas";
import { isMessageKey } from "@/lib/i18n/translate";
import { RecordPaymentInput, ResolveBankLineInput } from "@/lib/payments/payment-schemas";
import { SnoozeRowInput } from "@/lib/worklist/worklist-schemas";

/** Every message a schema gives is a catalogue key, so users see its text, not a generic "invalid". */
function messagesOf(schema: z.ZodType, input: unknown): string[] {
  const r = schema.safeParse(input);
  if (r.success) throw new Error("expected the input to be refused");
  return r.error.issues.map((i) => i.message);
}

const step = { code: "a", offsetDays: 7, channel: "email", template: "reminder", minAmountCents: null, onlyNewCustomers: false, segment: "all", chargesCosts: false, payWithinDays: 7 };

describe("shared fields and the schemas built on them", () => {
  /** Every schema with free text, and the input with `text` in that field. */
  const freeTexts: [z.ZodType, (text: string) => unknown, string][] = [
    [DecidePlanInput, (note) => ({ agreementId: "a", version: 1, approve: false, note }), "note"],
    [SnoozeRowInput, (note) => ({ debtorId: "d", tasks: [{ taskId: "t", version: 1 }], position: false, until: "2031-01-02", reason: "other", note }), "note"],
    [SetDebtorDunningInput, (reason) => ({ debtorId: "d", isPaused: true, reason, policyId: null, version: 1 }), "reason"],
    [RecordPaymentInput, (reference) => ({ debtorId: "d", amount: "10,00", valueDate: "2031-01-02", reference, method: "other", idempotencyKey: "6f1c1f55-3f4e-4a53-9a43-1d7e0c5f2b9a" }), "reference"],
    [ResolveBankLineInput, (reason) => ({ action: "ignore", lineId: "l", version: 1, reason }), "reason"],
  ];

  it("accepts markup in every free text as the text it is (outputs escape it, input is no blocklist)", () => {
    const markup = ['<img src=x onerror=alert(1)>', "<script>x</script>", "<b>x</b> & 'y' \"z\"", "javascript:alert(1)", "{{7*7}} =1+2\ttab\r\nline"];
    for (const [schema, input, field] of freeTexts) {
      for (const text of markup) {
        const r = schema.safeParse(input(text));
        expect(r.success, `${field}: ${text}`).toBe(true);
        expect((r.data as Record<string, unknown>)[field]).toBe(text);
      }
    }
  });

  it("refuses control characters and lone surrogates in every free text with the controlChars message", () => {
    const garbled = ["a\u0000b", "bell\u0007", "esc\u001b[31m", "form\u000cfeed", "del\u007f", "half \ud83d pair", "\udc00 low"];
    for (const [schema, input] of freeTexts) {
      for (const text of garbled) expect(messagesOf(schema, input(text)), JSON.stringify(text)).toContain("validation.controlChars");
    }
    // A whole emoji is a valid pair, not a lone surrogate.
    expect(DecidePlanInput.safeParse({ agreementId: "a", version: 1, approve: false, note: "prima 👍" }).success).toBe(true);
  });

  it("gives catalogue keys for the rules inside schemas", () => {
    const all = [
      ...messagesOf(SavePolicyInput, { policyId: null, version: null, name: "x", steps: [step, { ...step, code: "b", offsetDays: 3 }] }),
      ...messagesOf(SavePolicyInput, { policyId: null, version: null, name: "x", steps: [{ ...step, template: "fourteen_day_letter", segment: "b2b", payWithinDays: 7 }] }),
      ...messagesOf(SetDebtorDunningInput, { debtorId: "d", isPaused: true, reason: null, policyId: null, version: 1 }),
      ...messagesOf(SnoozeRowInput, { debtorId: "d", tasks: [], position: true, until: "2031-02-30", reason: "other", note: null }),
      ...messagesOf(RecordPaymentInput, { debtorId: "d", amount: "tien", valueDate: "31-12-2031", reference: null, method: "other" }),
      ...messagesOf(FinishCallInput, { callId: "c", version: 1, debtorVersion: 1, outcome: "reached", result: { kind: "promise", amount: "0", dueDate: "x", method: "other", invoiceIds: [] } }),
    ];
    expect(all).toEqual(
      expect.arrayContaining(["dunning.errors.offsetOrder", "dunning.errors.fourteenDayB2b", "dunning.errors.fourteenDays", "dunning.errors.pauseReason", "worklist.errors.snoozeDate", "worklist.errors.snoozeNote", "payments.errors.amount", "payments.errors.date", "validation.amount", "validation.date", "validation.pickInvoices"]),
    );
    expect(all.filter((m) => !isMessageKey(m))).toEqual([]);
  });
});
