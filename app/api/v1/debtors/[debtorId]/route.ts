import { findDebtorResource } from "@/lib/api/resources";
import { updateDebtor } from "@/lib/debtors/manage-debtors";
import { DomainError } from "@/lib/errors/domain-error";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.getDebtor, async ({ db, params }) => {
  const debtor = await findDebtorResource(db, params.debtorId);
  if (!debtor) throw new DomainError("not_found");
  return { body: debtor };
});

export const PATCH = apiRoute(OPERATIONS.updateDebtor, async ({ db, params, body, caller }) => {
  await updateDebtor(db, caller, params.debtorId, body);
  return { body: await findDebtorResource(db, params.debtorId) };
});
