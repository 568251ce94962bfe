import { decodeCursor } from "@/lib/api/cursor";
import { findInvoiceResource, listInvoiceResources } from "@/lib/api/resources";
import { createInvoice } from "@/lib/invoices/manage-invoices";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.listInvoices, async ({ db, query }) => ({ body: await listInvoiceResources(db, { ...query, cursor: decodeCursor(query.cursor) }) }));

export const POST = apiRoute(OPERATIONS.createInvoice, async ({ db, body, caller }) => {
  const ref = await createInvoice(db, caller, body);
  return { status: 201, body: await findInvoiceResource(db, ref.id), headers: { location: `/api/v1/invoices/${ref.id}` } };
});
