import { Prisma, type DbOrTx, type DbProvider } from "@/lib/db/client";
import { centsToNumber } from "@/lib/format/money";
import { dueDateRange, daysOverdue } from "@/lib/invoices/aging";
import type { CalendarDate } from "@/lib/format/calendar-date";
import type { ListDebtorsInput } from "./debtor-schemas";
import { findSearchHits, type SearchHit } from "./debtor-search";

export type { SearchHit };

export const DEBTORS_PAGE_SIZE = 50;

export type DebtorListRow = {
  id: string;
  customerNumber: string;
  name: string;
  kind: string;
  city: string | null;
  controllerName: string | null;
  currency: string;
  openCents: number;
  overdueCents: number;
  oldestDaysOverdue: number | null;
  openInvoiceCount: number;
  openDisputeCount: number;
  creditHold: boolean;
  isCreditInsured: boolean;
  /** why a search found it, beyond its name, customer number or city (empty otherwise) */
  hits: SearchHit[];
};

export type DebtorList = { rows: DebtorListRow[]; total: number; page: number; pages: number; pageSize: number };

/**
 * One page of the debtors list. Filters and sorting use the balance columns kept on Debtor
 * (indexed), so the cost does not grow with the number of invoices; the overdue amount is summed
 * for the page's rows only.
 */
export async function listDebtors(
  db: DbOrTx,
  input: ListDebtorsInput,
  ctx: { today: CalendarDate; userId: string; provider: DbProvider },
  opts: { pageSize?: number } = {},
): Promise<DebtorList> {
  const pageSize = opts.pageSize ?? DEBTORS_PAGE_SIZE;
  // The search box also finds debtors by their invoices, account, contacts and phone numbers.
  const hits = input.q ? await findSearchHits(db, input.q, ctx.provider) : new Map<string, SearchHit[]>();
  const where = debtorWhere(input, ctx, [...hits.keys()]);
  const dir = input.dir ?? (input.sort === "name" || input.sort === "customerNumber" ? "asc" : "desc");
  const orderBy: Prisma.DebtorOrderByWithRelationInput[] =
    input.sort === "name"
      ? [{ name: dir }]
      : input.sort === "customerNumber"
        ? [{ customerNumber: dir }]
        : input.sort === "open"
          ? [{ openCents: dir }, { name: "asc" }]
          : // "oldest" descending = most days overdue first; debtors with nothing open last.
            [{ oldestOpenDueDate: { sort: dir === "desc" ? "asc" : "desc", nulls: "last" } }, { openCents: "desc" }];

  const pageOf = (n: number) =>
    db.debtor.findMany({
      where,
      orderBy,
      skip: (n - 1) * pageSize,
      take: pageSize,
      select: {
        id: true,
        customerNumber: true,
        name: true,
        kind: true,
        city: true,
        currency: true,
        openCents: true,
        openInvoiceCount: true,
        oldestOpenDueDate: true,
        openDisputeCount: true,
        creditHold: true,
        isCreditInsured: true,
        assignedController: { select: { name: true } },
      },
    });
  // The first page comes first: a short one is the whole result, and the count (a scan of every
  // debtor for a search by part of a name) is needed only when there are more.
  let total: number;
  let page: number;
  let debtors: Awaited<ReturnType<typeof pageOf>>;
  if (input.page <= 1) {
    page = 1;
    debtors = await pageOf(1);
    total = debtors.length < pageSize ? debtors.length : await db.debtor.count({ where });
  } else {
    total = await db.debtor.count({ where });
    page = Math.min(input.page, Math.max(1, Math.ceil(total / pageSize)));
    debtors = await pageOf(page);
  }
  const pages = Math.max(1, Math.ceil(total / pageSize));

  const overdue = [];
  for (let i = 0; i < debtors.length; i += 5_000) {
    overdue.push(
      ...(await db.invoice.groupBy({
        by: ["debtorId"],
        where: { debtorId: { in: debtors.slice(i, i + 5_000).map((d) => d.id) }, openCents: { gt: 0 }, dueDate: { lt: ctx.today } },
        _sum: { openCents: true },
      })),
    );
  }
  const overdueBy = new Map(overdue.map((o) => [o.debtorId, centsToNumber(o._sum.openCents)]));

  return {
    total,
    page,
    pages,
    pageSize,
    rows: debtors.map((d) => ({
      id: d.id,
      customerNumber: d.customerNumber,
      name: d.name,
      kind: d.kind,
      city: d.city,
      controllerName: d.assignedController?.name ?? null,
      currency: d.currency,
      openCents: centsToNumber(d.openCents),
      overdueCents: overdueBy.get(d.id) ?? 0,
      oldestDaysOverdue: d.oldestOpenDueDate ? daysOverdue(d.oldestOpenDueDate, ctx.today) : null,
      openInvoiceCount: d.openInvoiceCount,
      openDisputeCount: d.openDisputeCount,
      creditHold: d.creditHold,
      isCreditInsured: d.isCreditInsured,
      hits: hits.get(d.id) ?? [],
    })),
  };
}

function debtorWhere(input: ListDebtorsInput, ctx: { today: CalendarDate; userId: string; provider: DbProvider }, hitIds: string[]): Prisma.DebtorWhereInput {
  const and: Prisma.DebtorWhereInput[] = [];
  if (input.q) {
    // SQLite's LIKE is case-insensitive for ASCII already; PostgreSQL needs ILIKE (mode
    // "insensitive", which the SQLite client's types do not know).
    const ci = (f: Record<string, string>) =>
      (ctx.provider === "postgresql" ? { ...f, mode: "insensitive" } : f) as Prisma.StringFilter;
    and.push({
      OR: [
        { name: ci({ contains: input.q }) },
        { customerNumber: ci({ startsWith: input.q }) },
        { city: ci({ startsWith: input.q }) },
        ...(hitIds.length ? [{ id: { in: hitIds } }] : []),
      ],
    });
  }
  if (input.controller === "me") and.push({ assignedControllerId: ctx.userId });
  else if (input.controller === "none") and.push({ assignedControllerId: null });
  else if (input.controller) and.push({ assignedControllerId: input.controller });
  if (input.bucket) {
    const { from, to } = dueDateRange(input.bucket, ctx.today);
    and.push({ oldestOpenDueDate: { not: null, ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) } });
  }
  if (input.overdue) and.push({ oldestOpenDueDate: { lt: ctx.today } });
  if (input.kind) and.push({ kind: input.kind });
  if (input.promise) and.push({ agreements: { some: { status: input.promise } } });
  if (input.dispute) and.push({ openDisputeCount: { gt: 0 } });
  if (input.hold) and.push({ creditHold: true });
  return and.length ? { AND: and } : {};
}

export type ControllerOption = { id: string; name: string };

export async function listControllers(db: DbOrTx): Promise<ControllerOption[]> {
  return db.user.findMany({
    where: { role: { in: ["controller", "manager"] }, active: true },
    orderBy: { name: "asc" },
    select: { id: true, name: true },
  });
}

export type DebtorDetail = {
  id: string;
  customerNumber: string;
  name: string;
  kind: string;
  language: string;
  timeZone: string;
  /** ISO country code (NL by default) */
  country: string;
  kvkNumber: string | null;
  email: string | null;
  phone: string | null;
  address: string | null;
  customerSince: CalendarDate;
  paymentTermDays: number;
  currency: string;
  creditLimitCents: number | null;
  creditHold: boolean;
  isCreditInsured: boolean;
  insurer: string | null;
  insuredLimitCents: number | null;
  insurerNotifyDays: number | null;
  assignedControllerId: string | null;
  controllerName: string | null;
  canStopDeliveries: boolean;
  maxInstalments: number;
  minDownPaymentPct: number;
  isDunningPaused: boolean;
  dunningPausedReason: string | null;
  dunningPolicyId: string | null;
  openCents: number;
  oldestOpenDueDate: CalendarDate | null;
  version: number;
};

/** One debtor's master data and balances, or null. */
export async function findDebtor(db: DbOrTx, debtorId: string): Promise<DebtorDetail | null> {
  const d = await db.debtor.findUnique({
    where: { id: debtorId },
    include: { assignedController: { select: { name: true } } },
  });
  if (!d) return null;
  const address = [d.street, [d.postalCode, d.city].filter(Boolean).join(" "), d.country !== "NL" ? d.country : null]
    .filter(Boolean)
    .join(", ");
  return {
    id: d.id,
    customerNumber: d.customerNumber,
    country: d.country,
    name: d.name,
    kind: d.kind,
    language: d.language,
    timeZone: d.timeZone,
    kvkNumber: d.kvkNumber,
    email: d.email,
    phone: d.phone,
    address: address || null,
    customerSince: d.customerSince,
    paymentTermDays: d.paymentTermDays,
    currency: d.currency,
    creditLimitCents: d.creditLimitCents === null ? null : centsToNumber(d.creditLimitCents),
    creditHold: d.creditHold,
    isCreditInsured: d.isCreditInsured,
    insurer: d.insurer,
    insuredLimitCents: d.insuredLimitCents === null ? null : centsToNumber(d.insuredLimitCents),
    insurerNotifyDays: d.insurerNotifyDays,
    assignedControllerId: d.assignedControllerId,
    controllerName: d.assignedController?.name ?? null,
    canStopDeliveries: d.canStopDeliveries,
    maxInstalments: d.maxInstalments,
    minDownPaymentPct: d.minDownPaymentPct,
    isDunningPaused: d.isDunningPaused,
    dunningPausedReason: d.dunningPausedReason,
    dunningPolicyId: d.dunningPolicyId,
    openCents: centsToNumber(d.openCents),
    oldestOpenDueDate: d.oldestOpenDueDate,
    version: d.version,
  };
}

export type PreferredCallTime = { days: number[]; from: string; to: string };

export type ContactRow = {
  id: string;
  name: string;
  jobTitle: string | null;
  role: string;
  phone: string | null;
  mobile: string | null;
  email: string | null;
  preferredCallTimes: PreferredCallTime[];
  isPrimaryForPayments: boolean;
  version: number;
};

export async function listContacts(db: DbOrTx, debtorId: string): Promise<ContactRow[]> {
  const rows = await db.contact.findMany({
    where: { debtorId },
    orderBy: [{ isPrimaryForPayments: "desc" }, { name: "asc" }],
  });
  return rows.map((c) => ({
    id: c.id,
    name: c.name,
    jobTitle: c.jobTitle,
    role: c.role,
    phone: c.phone,
    mobile: c.mobile,
    email: c.email,
    preferredCallTimes: parseCallTimes(c.preferredCallTimes),
    isPrimaryForPayments: c.isPrimaryForPayments,
    version: c.version,
  }));
}

export function parseCallTimes(raw: string | null): PreferredCallTime[] {
  if (!raw) return [];
  try {
    const value: unknown = JSON.parse(raw);
    if (!Array.isArray(value)) return [];
    return value.filter(
      (v): v is PreferredCallTime =>
        typeof v === "object" && v !== null && Array.isArray(v.days) && typeof v.from === "string" && typeof v.to === "string",
    );
  } catch {
    return [];
  }
}
