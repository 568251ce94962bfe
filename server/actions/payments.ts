"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { settings } from "@/lib/env/settings";
import { MAX_STATEMENT_BYTES } from "@/lib/payments/bank-statement-parse";
import { importStatement, resolveBankLine } from "@/lib/payments/import-statement";
import { DomainError } from "@/lib/errors/domain-error";
import { translate } from "@/lib/i18n/translate";
import { dayMonthYear, EarlyValueDateError } from "@/lib/payments/early-value-date";
import { RecordPaymentInput, ResolveBankLineInput, ReverseManualPaymentInput } from "@/lib/payments/payment-schemas";
import { recordPayment, settlePromises, type PaymentContext } from "@/lib/payments/payment-use-cases";
import { reverseManualPayment } from "@/lib/payments/reverse-manual-payment";
import { issue } from "@/lib/validation/fields";
import { officeClock } from "@/server/context";
import { createAction } from "@/server/create-action";

function paymentContext(): PaymentContext {
  return { ...officeClock(), graceDays: settings().promiseGraceDays };
}

export const recordPaymentAction = createAction({
  input: RecordPaymentInput,
  permission: "payments:write",
  handler: async (input, { user, db }) => {
    let r: Awaited<ReturnType<typeof recordPayment>>;
    try {
      r = await recordPayment(db, user, input, paymentContext());
    } catch (e) {
      // The form can say which invoice date the value date falls before.
      if (e instanceof EarlyValueDateError) {
        throw new DomainError("invalid", e.message, { ...e.fieldErrors, valueDate: [translate(user.locale, "payments.errors.earlyValueDateOn", { date: dayMonthYear(e.issueDate) })] });
      }
      throw e;
    }
    revalidatePath(`/debtors/${input.debtorId}`);
    revalidatePath("/worklist");
    return { paymentId: r.paymentId, unallocatedCents: r.unallocatedCents.toString(), kept: r.promises.kept, closedTasks: r.closedTasks };
  },
});

export const reverseManualPaymentAction = createAction({
  input: ReverseManualPaymentInput,
  permission: "payments:write",
  handler: async (input, { user, db }) => {
    const r = await reverseManualPayment(db, user, input, paymentContext());
    revalidatePath(`/debtors/${r.debtorId}`);
    revalidatePath("/worklist");
    return { paymentId: r.paymentId, reversalId: r.reversalId, reopenedAgreements: r.reopenedAgreementIds.length, replayed: r.replayed };
  },
});

// The file arrives as FormData; the size cap is checked before anything reads it.
const ImportStatementInput = z.instanceof(FormData).transform((fd, ctx) => {
  const file = fd.get("file");
  if (!(file instanceof File) || file.size === 0) {
    ctx.addIssue(issue("payments.errors.noFile", ["file"]));
    return z.NEVER;
  }
  if (file.size > MAX_STATEMENT_BYTES) {
    ctx.addIssue(issue("payments.errors.tooLarge", ["file"]));
    return z.NEVER;
  }
  return file;
});

export const importStatementAction = createAction({
  input: ImportStatementInput,
  permission: "payments:write",
  handler: async (file, { user, db }) => {
    const ctx = paymentContext();
    const r = await importStatement(db, user, { name: file.name, bytes: new Uint8Array(await file.arrayBuffer()) }, ctx);
    const promises = await settlePromises(db, r.debtorIds, ctx);
    revalidatePath("/payments");
    revalidatePath("/worklist");
    return { statementId: r.statementId, lines: r.lines, applied: r.applied, reversed: r.reversed, review: r.review, ignored: r.ignored, duplicates: r.duplicates, skipped: r.skipped, kept: promises.kept, broken: promises.broken };
  },
});

export const resolveBankLineAction = createAction({
  input: ResolveBankLineInput,
  permission: "payments:write",
  handler: async (input, { user, db }) => {
    const ctx = paymentContext();
    const r = await resolveBankLine(db, user, input, ctx);
    if (r.debtorId) await settlePromises(db, [r.debtorId], ctx);
    revalidatePath("/payments");
    return r;
  },
});
