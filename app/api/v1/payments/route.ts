import { decodeCursor } from "@/lib/api/cursor";
import { findPaymentResource, listPaymentResources } from "@/lib/api/resources";
import type { Db } from "@/lib/db/client";
import { settings } from "@/lib/env/settings";
import { recordPayment } from "@/lib/payments/payment-use-cases";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";
import { officeClock } from "@/server/context";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.listPayments, async ({ db, query }) => ({ body: await listPaymentResources(db, { ...query, cursor: decodeCursor(query.cursor) }) }));

// The payment use case books once per key itself (its own transaction, then the promises are
// judged), so the wrapper runs it outside a transaction ("handler" idempotency).
export const POST = apiRoute(OPERATIONS.createPayment, async ({ db, body, caller, now, idempotencyKey }) => {
  const r = await recordPayment(
    db as Db,
    caller,
    { debtorId: body.debtorId, amount: body.amountCents, valueDate: body.valueDate, reference: body.reference, method: body.method, invoiceIds: body.invoiceIds, confirmEarlyValueDate: body.confirmEarlyValueDate, idempotencyKey: `api:${caller.id}:${idempotencyKey}` },
    { ...officeClock(now), graceDays: settings().promiseGraceDays },
  );
  return { status: 201, body: await findPaymentResource(db, r.paymentId), headers: { location: `/api/v1/payments/${r.paymentId}` } };
});
