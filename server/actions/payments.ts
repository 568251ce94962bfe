"use server";

import { revalidatePath } from "next/cache";
import { z } from "zod";
import { createAction } from "@/server/create-action";
import { canWriteDebtor } from "@/lib/auth/roles";
import { graceDays } from "@/server/jobs/promises";
import { DomainError } from "@/lib/db/domain-error";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { importStatement, resolveBankLine } from "@/lib/payments/import-statement";
import { MAX_STATEMENT_BYTES } from "@/lib/payments/bank-statement-parse";
import { RecordPaymentInput, ResolveBankLineInput } from "@/lib/payments/payment-schemas";
import { recordPayment, settlePromises, type PaymentContext } from "@/lib/payments/payment-use-cases";

function paymentContext(): PaymentContext {
  const timeZone = env().APP_TIME_ZONE;
  const now = new Date();
  return { today: calendarDateIn(now, timeZone), now, timeZone, graceDays: graceDays() };
}

export const recordPaymentAction = createAction({
  input: RecordPaymentInput,
  permission: "payments:write",
  handler: async (input, { user, db }) => {
    const debtor = await db.debtor.findUnique({ where: { id: input.debtorId }, select: { assignedControllerId: true } });
    if (!debtor) throw new DomainError("not_found");
    if (!canWriteDebtor(user, debtor)) throw new DomainError("forbidden");
    const r = await recordPayment(db, user, input, paymentContext());
    revalidatePath(`/debtors/${input.debtorId}`);
    revalidatePath("/worklist");
    return { paymentId: r.paymentId, unallocatedCents: r.unallocatedCents.toString(), kept: r.promises.kept, closedTasks: r.closedTasks };
  },
});

// The file arrives as FormData; the size cap is checked before anything reads it.
const ImportStatementInput = z.instanceof(FormData).transform((fd, ctx) => {
  const file = fd.get("file");
  if (!(file instanceof File) || file.size === 0) {
    ctx.addIssue({ code: "custom", path: ["file"], message: "payments.errors.noFile" });
    return z.NEVER;
  }
  if (file.size > MAX_STATEMENT_BYTES) {
    ctx.addIssue({ code: "custom", path: ["file"], message: "payments.errors.tooLarge" });
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
    return { statementId: r.statementId, lines: r.lines, applied: r.applied, review: r.review, ignored: r.ignored, duplicates: r.duplicates, kept: promises.kept, broken: promises.broken };
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
