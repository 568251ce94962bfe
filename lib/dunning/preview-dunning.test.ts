import { describe, expect, it } from "vitest";
import { DEFAULT_LADDER } from "./dunning-ladder";
import type { PlannedStep, StepWrites } from "./plan-dunning";
import { previewRow, previewTotals, type DunningPreviewRow } from "./preview-dunning";

const reminder = DEFAULT_LADDER.find((s) => s.code === "reminder")!;
const debtor = { id: "d1", name: "Bakkerij B.V.", customerNumber: "1001", kind: "b2b", language: "nl", customerSince: "2020-01-01", dunningPolicyId: null, isDunningPaused: false, email: null, street: null, postalCode: null, city: null, country: "NL", assignedControllerId: null, currency: "EUR" };
const step = (channel: "email" | "letter"): PlannedStep => ({
  debtor,
  decision: { step: reminder, channel, moves: [{ invoiceId: "i1", toLevel: reminder.level }], coveredInvoiceIds: ["i1"], sendOn: "2034-03-15", payByDate: "2034-03-22" },
  invoices: [],
  consumerDefaultOn: null,
  passedLetters: [],
  paidClaim: [],
});
const writes = (email: string | null): StepWrites => ({
  moves: [],
  email: email ? { debtorId: "d1", to: { address: email, name: "AP" }, subject: "Herinnering", body: "", kind: "dunning", state: "send", idempotencyKey: "k", createdById: null } : null,
  task: null,
  charges: [],
  communication: { debtorId: "d1", level: reminder.level, channel: email ? "email" : "letter", sentAt: new Date(0), subject: "Herinnering", invoiceNumbers: "F-1, F-2", createdById: null, runDate: "2034-03-15", stepCode: "reminder", template: "reminder", content: null, principalCents: 150_000n, interestCents: 1_234n, costsCents: 0n, payByDate: "2034-03-22", idempotencyKey: "k" },
});

describe("the preview of a dunning run", () => {
  it("says where an e-mail goes, and why an e-mail step goes by post", () => {
    expect(previewRow(step("email"), writes("ap@bakkerij.example"))).toMatchObject({ channel: "email", emailTo: "ap@bakkerij.example", fallback: null, invoiceNumbers: ["F-1", "F-2"], principalCents: "150000", interestCents: "1234" });
    expect(previewRow(step("letter"), writes(null))).toMatchObject({ channel: "letter", emailTo: null, fallback: "no_email" });
  });

  it("sums costs and interest per currency, euros first, exactly in cents", () => {
    const row = (currency: string, costs: string, interest: string) => ({ currency, principalCents: "100", costsCents: costs, interestCents: interest }) as DunningPreviewRow;
    const totals = previewTotals([row("USD", "1", "2"), row("EUR", "9007199254740993", "5"), row("EUR", "7", "0")], { messages: 3, emails: 1, letters: 2, tasks: 0 });
    expect(totals).toMatchObject({ debtors: 3, messages: 3, emails: 1, letters: 2, tasks: 0 });
    expect(totals.money).toEqual([
      { currency: "EUR", principalCents: "200", costsCents: "9007199254741000", interestCents: "5" },
      { currency: "USD", principalCents: "100", costsCents: "1", interestCents: "2" },
    ]);
  });
});
