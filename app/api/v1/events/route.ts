import { dbProvider, type Db } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { isEventType, type EventType } from "@/lib/events/domain-events";
import { listEvents } from "@/lib/events/event-feed";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.listEvents, async ({ db, query, now }) => {
  const types = query.types ? query.types.split(",").map((t) => t.trim()).filter(Boolean) : [];
  const unknown = types.filter((t) => !isEventType(t));
  if (unknown.length) throw new DomainError("invalid", "event types", { types: [`unknown event type: ${unknown.join(", ")}`] });
  const page = await listEvents(db as Db, { ...(query.after !== undefined ? { after: query.after } : {}), types: types as EventType[], ...(query.debtorId ? { debtorId: query.debtorId } : {}), limit: query.limit, now, provider: dbProvider() });
  return { body: { data: page.events, nextAfter: page.nextCursor } };
});
