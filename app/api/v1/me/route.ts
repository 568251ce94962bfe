import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.getMe, async ({ caller }) => ({ body: { id: caller.id, name: caller.name, email: caller.email, role: caller.role, token: { id: caller.tokenId, scope: caller.scope } } }));
