import { z } from "zod";
import { AGING_BUCKETS } from "@/lib/invoices/aging";

export const DEBTOR_SORTS = ["name", "customerNumber", "open", "oldest"] as const;
export type DebtorSort = (typeof DEBTOR_SORTS)[number];

const flag = z
  .enum(["1", "true", "on"])
  .optional()
  .transform((v) => v !== undefined)
  .catch(false);

/**
 * The debtors list's URL parameters. Anything malformed falls back to the default instead of
 * failing the page: a hand-edited URL shows the plain list.
 */
export const ListDebtorsInput = z.object({
  q: z.string().trim().max(100).optional().catch(undefined),
  controller: z.string().max(60).optional().catch(undefined),
  bucket: z.enum(AGING_BUCKETS).optional().catch(undefined),
  dispute: flag,
  /** has an overdue item (the dashboard's "debtors with overdue items") */
  overdue: flag,
  /** has a promise or plan with this status (the dashboard's promise figures) */
  promise: z.enum(["open", "kept", "broken"]).optional().catch(undefined),
  /** segment: b2b | consumer */
  kind: z.enum(["b2b", "consumer"]).optional().catch(undefined),
  hold: flag,
  sort: z.enum(DEBTOR_SORTS).default("oldest").catch("oldest"),
  dir: z.enum(["asc", "desc"]).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(100_000).default(1).catch(1),
});
export type ListDebtorsInput = z.infer<typeof ListDebtorsInput>;

/** Reads the first value of each parameter from Next's searchParams object. */
export function parseListDebtorsParams(params: Record<string, string | string[] | undefined>): ListDebtorsInput {
  const first = Object.fromEntries(Object.entries(params).map(([k, v]) => [k, Array.isArray(v) ? v[0] : v]));
  return ListDebtorsInput.parse(first);
}
