import { dbProvider } from "@/lib/db/client";
import { decodeCursor } from "@/lib/api/cursor";
import { findDebtorResource, listDebtorResources } from "@/lib/api/resources";
import { createDebtor } from "@/lib/debtors/manage-debtors";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";
import { officeClock } from "@/server/context";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.listDebtors, async ({ db, query, caller }) => {
  const { assignedTo, cursor, ...rest } = query;
  return { body: await listDebtorResources(db, { ...rest, cursor: decodeCursor(cursor), ...(assignedTo ? { assignedControllerId: assignedTo === "me" ? caller.id : assignedTo } : {}) }, dbProvider()) };
});

export const POST = apiRoute(OPERATIONS.createDebtor, async ({ db, body, caller, now }) => {
  const ref = await createDebtor(db, caller, body, { today: officeClock(now).today });
  return { status: 201, body: await findDebtorResource(db, ref.id), headers: { location: `/api/v1/debtors/${ref.id}` } };
});
