import { randomUUID } from "node:crypto";
import type { Db, Tx } from "@/lib/db/client";
import { chunked, findDebtors, keysOf } from "./import-keys";
import { addError, addExample, type ImportOutcome } from "./import-outcome";
import { problem } from "./import-problem";
import { reportDuplicates, type TypedRow } from "./import-table";
import type { ContactRole } from "./values";

/**
 * The people at a debtor, from the package's contacts export. A row belongs to a debtor the
 * workbench already knows (this source's customer number, or the debtor's own); the person is
 * known by the file's contact id, else the e-mail address, else the name, remembered per source
 * (ExternalKey kind "contact", scoped to the customer number). A person known under a weaker key
 * (the name, before the file had an e-mail address for them) is found by it and remembered under
 * the stronger one from then on. A known person is updated with
 * what the file says (an empty cell changes nothing); a new one is created; a contact the
 * workbench has with the same e-mail (or name) is adopted rather than duplicated. Nothing is
 * deleted: people missing from the file stay, with their call history.
 */
export type ContactRow = {
  row: number;
  customerNumber: string;
  /** the strongest key the row has; `keys` also holds the weaker ones, strongest first */
  key: string;
  keys: string[];
  name?: string;
  jobTitle?: string;
  role?: ContactRole;
  phone?: string;
  mobile?: string;
  email?: string;
  isPrimaryForPayments?: boolean;
};

const FIELDS = ["name", "jobTitle", "role", "phone", "mobile", "email", "isPrimaryForPayments"] as const;
type Field = (typeof FIELDS)[number];
type ContactData = Partial<Pick<ContactRow, Field>>;

export type ContactPlan = {
  created: Array<{ id: string; debtorId: string; row: ContactRow }>;
  updates: Array<{ id: string; data: ContactData }>;
  keys: Array<{ key: string; id: string }>;
};

/** What a row says about a person; null (with the row's error) when it cannot name one. */
export function contactOf(r: TypedRow, outcome: ImportOutcome): ContactRow | null {
  const s = (k: string) => (typeof r.values[k] === "string" ? (r.values[k] as string) : undefined);
  const name = s("contactName") ?? ([s("firstName"), s("lastName")].filter(Boolean).join(" ") || undefined);
  const email = s("email");
  const id = s("contactId");
  const customerNumber = s("customerNumber")!;
  const keys = [id ? `id:${id}` : null, email ? `email:${email.toLowerCase()}` : null, name ? `name:${name.toLowerCase().replace(/\s+/g, " ")}` : null]
    .filter((k): k is string => k !== null)
    .map((k) => `${customerNumber}\u0001${k}`);
  if (keys.length === 0) {
    addError(outcome, r.row, problem("imports.error.contactNoKey"));
    return null;
  }
  if (name && name.length > 200) {
    addError(outcome, r.row, problem("imports.error.contactNameTooLong"));
    return null;
  }
  return {
    row: r.row, customerNumber, key: keys[0]!, keys, name, jobTitle: s("jobTitle")?.slice(0, 100), role: r.values.role as ContactRole | undefined,
    phone: s("phone"), mobile: s("mobile"), email, isPrimaryForPayments: typeof r.values.isPrimaryForPayments === "boolean" ? r.values.isPrimaryForPayments : undefined,
  };
}

/** The contact's key as people read it (the id, e-mail or name, without the customer number it is scoped to). */
function shown(key: string): string {
  return key.split("\u0001")[1]!.replace(/^(id|email|name):/, "");
}

export async function planContacts(db: Db, source: string, rows: ContactRow[], outcome: ImportOutcome): Promise<ContactPlan> {
  const plan: ContactPlan = { created: [], updates: [], keys: [] };
  reportDuplicates(rows, (r) => r.key, (r, first) => problem("imports.error.duplicateContact", { contact: shown(r.key), customer: r.customerNumber, first: String(first) }), outcome);
  const debtors = await findDebtors(db, source, rows.map((r) => r.customerNumber));
  for (const r of rows) {
    if (debtors.otherSource.has(r.customerNumber)) addError(outcome, r.row, problem("imports.error.otherSourceDebtor", { customer: r.customerNumber }));
    else if (!debtors.found.has(r.customerNumber)) addError(outcome, r.row, problem("imports.error.unknownDebtor", { customer: r.customerNumber }));
  }
  // Two people marked as the one for payments at one debtor: which one the file means is unclear.
  const primaryRow = new Map<string, number>();
  for (const r of rows) {
    if (!r.isPrimaryForPayments) continue;
    const first = primaryRow.get(r.customerNumber);
    if (first !== undefined) addError(outcome, r.row, problem("imports.error.twoPrimaries", { customer: r.customerNumber, first: String(first) }));
    else primaryRow.set(r.customerNumber, r.row);
  }
  if (outcome.errors.length) return plan;

  const debtorIds = [...new Set([...debtors.found.values()].map((d) => d.id))];
  const existing = await chunked(debtorIds, 1_000, (chunk) =>
    db.contact.findMany({ where: { debtorId: { in: chunk } }, select: { id: true, debtorId: true, name: true, jobTitle: true, role: true, phone: true, mobile: true, email: true, isPrimaryForPayments: true }, orderBy: { createdAt: "asc" } }),
  );
  const byId = new Map(existing.map((c) => [c.id, c] as const));
  const keyed = await keysOf(db, source, "contact", rows.flatMap((r) => r.keys));
  // Contacts this source already knows under some key are not adopted again under another.
  const claimed = new Set((await chunked(existing.map((c) => c.id), 2_000, (chunk) => db.externalKey.findMany({ where: { source, kind: "contact", entityId: { in: chunk } }, select: { entityId: true } }))).map((k) => k.entityId));
  const next = new Map<string, ContactData>();
  const primaryOf = new Map<string, string>();
  const used = new Set<string>();

  for (const r of rows) {
    const debtorId = debtors.found.get(r.customerNumber)!.id;
    const direct = keyed.get(r.key);
    if (direct && !byId.has(direct)) {
      // Deleted in the workbench after an earlier import: that decision stands.
      outcome.contacts.unchanged++;
      continue;
    }
    // Known under a weaker key (not taken by another row of this file): remembered under this one too.
    const weaker = direct ? undefined : r.keys.slice(1).map((k) => keyed.get(k)).find((found) => found !== undefined && byId.has(found) && !used.has(found));
    if (weaker) plan.keys.push({ key: r.key, id: weaker });
    let id = direct ?? weaker;
    if (!id) {
      const same = (a: string | null | undefined, b: string | undefined) => !!a && !!b && a.trim().toLowerCase() === b.trim().toLowerCase();
      const candidates = existing.filter((c) => c.debtorId === debtorId && !claimed.has(c.id));
      const adopted = (r.email ? candidates.find((c) => same(c.email, r.email)) : undefined) ?? (r.name ? candidates.find((c) => same(c.name, r.name) && (!r.email || !c.email)) : undefined);
      if (adopted) {
        id = adopted.id;
        claimed.add(id);
        plan.keys.push({ key: r.key, id });
      }
    }
    if (!id) {
      if (!r.name) {
        addError(outcome, r.row, problem("imports.error.contactNoName", { contact: shown(r.key), customer: r.customerNumber }));
        continue;
      }
      id = randomUUID();
      if (r.isPrimaryForPayments) primaryOf.set(debtorId, id);
      plan.created.push({ id, debtorId, row: r });
      plan.keys.push({ key: r.key, id });
      outcome.contacts.created++;
      addExample(outcome, `new contact ${r.name} at ${r.customerNumber}`);
      continue;
    }
    used.add(id);
    if (r.isPrimaryForPayments) primaryOf.set(debtorId, id);
    const current = byId.get(id)!;
    const data: ContactData = {};
    for (const field of FIELDS) {
      const value = r[field];
      if (value !== undefined && value !== current[field]) (data as Record<Field, unknown>)[field] = value;
    }
    next.set(id, data);
  }

  // The one for payments: others at that debtor lose the mark, so the dunning run writes to one person.
  for (const c of existing) {
    const target = primaryOf.get(c.debtorId);
    if (target === undefined || target === c.id || !c.isPrimaryForPayments) continue;
    next.set(c.id, { ...next.get(c.id), isPrimaryForPayments: false });
  }
  for (const [id, data] of next) {
    if (Object.keys(data).length === 0) {
      outcome.contacts.unchanged++;
      continue;
    }
    plan.updates.push({ id, data });
    outcome.contacts.updated++;
    const before = byId.get(id)!;
    addExample(outcome, `contact ${before.name}: ${Object.entries(data).map(([k, v]) => `${k} "${String(before[k as Field] ?? "")}" -> "${String(v)}"`).join(", ")}`);
  }
  return plan;
}

export async function applyContacts(tx: Tx, source: string, plan: ContactPlan, now: Date): Promise<void> {
  if (plan.created.length) {
    await tx.contact.createMany({
      data: plan.created.map(({ id, debtorId, row }) => ({
        id, debtorId, name: row.name!, jobTitle: row.jobTitle ?? null, role: row.role ?? "accounts_payable", phone: row.phone ?? null, mobile: row.mobile ?? null, email: row.email ?? null,
        isPrimaryForPayments: row.isPrimaryForPayments ?? false, createdAt: now, updatedAt: now,
      })),
    });
  }
  for (const u of plan.updates) await tx.contact.update({ where: { id: u.id }, data: { ...u.data, version: { increment: 1 } } });
  if (plan.keys.length) await tx.externalKey.createMany({ data: plan.keys.map((k) => ({ source, kind: "contact", key: k.key, entityId: k.id, createdAt: now })) });
}
