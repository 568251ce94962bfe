import { findInvoiceResource } from "@/lib/api/resources";
import { DomainError } from "@/lib/errors/domain-error";
import { updateInvoice } from "@/lib/invoices/manage-invoices";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.getInvoice, async ({ db, params }) => {
  const invoice = await findInvoiceResource(db, params.invoiceId);
  if (!invoice) throw new DomainError("not_found");
  return { body: invoice };
});

export const PATCH = apiRoute(OPERATIONS.updateInvoice, async ({ db, params, body, caller }) => {
  await updateInvoice(db, caller, params.invoiceId, body);
  return { body: await findInvoiceResource(db, params.invoiceId) };
});
