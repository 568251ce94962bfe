import { findAgreementResource } from "@/lib/api/resources";
import { DomainError } from "@/lib/errors/domain-error";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.getAgreement, async ({ db, params }) => {
  const agreement = await findAgreementResource(db, params.agreementId);
  if (!agreement) throw new DomainError("not_found");
  return { body: agreement };
});
