import { findContactResource } from "@/lib/api/resources";
import { updateContact } from "@/lib/debtors/manage-debtors";
import { DomainError } from "@/lib/errors/domain-error";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.getContact, async ({ db, params }) => {
  const contact = await findContactResource(db, params.contactId);
  if (!contact) throw new DomainError("not_found");
  return { body: contact };
});

export const PATCH = apiRoute(OPERATIONS.updateContact, async ({ db, params, body, caller }) => {
  await updateContact(db, caller, params.contactId, body);
  return { body: await findContactResource(db, params.contactId) };
});
