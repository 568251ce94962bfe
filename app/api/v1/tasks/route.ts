import { decodeCursor } from "@/lib/api/cursor";
import { listTaskResources } from "@/lib/api/resources";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.listTasks, async ({ db, query, caller }) => {
  const { assignedTo, cursor, ...rest } = query;
  return { body: await listTaskResources(db, { ...rest, cursor: decodeCursor(cursor), ...(assignedTo ? { assigneeId: assignedTo === "me" ? caller.id : assignedTo } : {}) }) };
});
