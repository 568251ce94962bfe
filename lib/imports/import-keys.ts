import type { DbOrTx } from "@/lib/db/client";

/**
 * The source's own keys (customer number, invoice number, contact, payment) and the workbench
 * rows they stand for, kept in ExternalKey per source, so a file imported twice changes nothing.
 */
export type ExternalKind = "debtor" | "invoice" | "contact" | "payment";

export async function keysOf(db: DbOrTx, source: string, kind: ExternalKind, keys: string[]): Promise<Map<string, string>> {
  const out = new Map<string, string>();
  for (let i = 0; i < keys.length; i += 2_000) {
    for (const k of await db.externalKey.findMany({ where: { source, kind, key: { in: keys.slice(i, i + 2_000) } }, select: { key: true, entityId: true } })) out.set(k.key, k.entityId);
  }
  return out;
}

export async function chunked<T, R>(items: T[], size: number, run: (chunk: T[]) => Promise<R[]>): Promise<R[]> {
  const out: R[] = [];
  for (let i = 0; i < items.length; i += size) out.push(...(await run(items.slice(i, i + size))));
  return out;
}

export type KnownDebtor = { id: string; currency: string; assignedControllerId: string | null };
export type DebtorLookup = { found: Map<string, KnownDebtor>; otherSource: Set<string> };

/**
 * Debtors a contacts or payments file refers to, by customer number: this source's key first,
 * else a debtor with that customer number, unless that debtor came from another source (another
 * package numbers its customers its own way; its "1001" is not this one's).
 */
export async function findDebtors(db: DbOrTx, source: string, customerNumbers: string[]): Promise<DebtorLookup> {
  const numbers = [...new Set(customerNumbers)];
  const keyed = await keysOf(db, source, "debtor", numbers);
  const unkeyed = numbers.filter((n) => !keyed.has(n));
  const select = { id: true, customerNumber: true, currency: true, assignedControllerId: true } as const;
  const byNumber = new Map((await chunked(unkeyed, 2_000, (chunk) => db.debtor.findMany({ where: { customerNumber: { in: chunk } }, select }))).map((d) => [d.customerNumber, d] as const));
  const elsewhere = new Set(
    (await chunked([...byNumber.values()].map((d) => d.id), 2_000, (chunk) => db.externalKey.findMany({ where: { kind: "debtor", entityId: { in: chunk }, NOT: { source } }, select: { entityId: true } }))).map((k) => k.entityId),
  );
  const keyedRows = new Map((await chunked([...keyed.values()], 2_000, (chunk) => db.debtor.findMany({ where: { id: { in: chunk } }, select }))).map((d) => [d.id, d] as const));
  const found = new Map<string, KnownDebtor>();
  const otherSource = new Set<string>();
  for (const n of numbers) {
    const id = keyed.get(n);
    const d = id ? keyedRows.get(id) : byNumber.get(n);
    if (!d) continue;
    if (!id && elsewhere.has(d.id)) otherSource.add(n);
    else found.set(n, { id: d.id, currency: d.currency, assignedControllerId: d.assignedControllerId });
  }
  return { found, otherSource };
}
