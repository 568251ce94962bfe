import { decodeCursor } from "@/lib/api/cursor";
import { findContactResource, listContactResources } from "@/lib/api/resources";
import { createContact } from "@/lib/debtors/manage-debtors";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.listContacts, async ({ db, query }) => ({ body: await listContactResources(db, { ...query, cursor: decodeCursor(query.cursor) }) }));

export const POST = apiRoute(OPERATIONS.createContact, async ({ db, body, caller }) => {
  const ref = await createContact(db, caller, body);
  return { status: 201, body: await findContactResource(db, ref.id), headers: { location: `/api/v1/contacts/${ref.id}` } };
});
