import { decodeCursor } from "@/lib/api/cursor";
import { listAgreementResources } from "@/lib/api/resources";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.listAgreements, async ({ db, query }) => ({ body: await listAgreementResources(db, { ...query, cursor: decodeCursor(query.cursor) }) }));
