import { decodeCursor, pageOf } from "@/lib/api/cursor";
import { DomainError } from "@/lib/errors/domain-error";
import { listTimeline, TIMELINE_KINDS, type TimelineKind } from "@/lib/timeline/timeline-queries";
import { apiRoute } from "@/server/api/api-route";
import { OPERATIONS } from "@/server/api/operations";

export const dynamic = "force-dynamic";

export const GET = apiRoute(OPERATIONS.getDebtorTimeline, async ({ db, params, query }) => {
  if (!(await db.debtor.findUnique({ where: { id: params.debtorId }, select: { id: true } }))) throw new DomainError("not_found");
  const kinds = query.kinds ? query.kinds.split(",").map((k) => k.trim()).filter(Boolean) : [];
  const unknown = kinds.filter((k) => !(TIMELINE_KINDS as readonly string[]).includes(k));
  if (unknown.length) throw new DomainError("invalid", "kinds", { kinds: [`unknown kind: ${unknown.join(", ")}`] });
  const key = decodeCursor(query.cursor);
  const [at, id] = key ? key.split("|") : [];
  if (key && (!at || !id || Number.isNaN(Date.parse(at)))) throw new DomainError("invalid", "bad cursor", { cursor: ["api.errors.cursor"] });
  // Money in the API is strings of cents; the timeline's screen form uses numbers.
  const entries = (await listTimeline(db, params.debtorId, { kinds: kinds as TimelineKind[], limit: query.limit + 1, ...(at && id ? { before: { at, id } } : {}) })).map(centsAsStrings);
  return { body: pageOf(entries, query.limit, (e) => `${String(e.at)}|${String(e.id)}`, (e) => e) };
});

function centsAsStrings<T extends object>(entry: T): Record<string, unknown> {
  return Object.fromEntries(
    Object.entries(entry).map(([k, v]) => [k, k.endsWith("Cents") && typeof v === "number" ? String(v) : Array.isArray(v) ? v.map((x) => (typeof x === "object" && x !== null ? centsAsStrings(x as object) : x)) : v]),
  );
}
