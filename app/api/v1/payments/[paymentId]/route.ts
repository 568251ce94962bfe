import { findPaymentResource } from "@/lib/api/resources";
import { DomainError } from "@/lib/errors/domain-error";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.getPayment, async ({ db, params }) => {
  const payment = await findPaymentResource(db, params.paymentId);
  if (!payment) throw new DomainError("not_found");
  return { body: payment };
});
