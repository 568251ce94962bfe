import { likeText, Prisma, providerOfClient, type DbOrTx, type DbProvider } from "@/lib/db/client";
import { openedOnRange } from "@/lib/dashboard/dashboard-schemas";
import { DISPUTE_HOLDS } from "@/lib/disputes/dispute-status";
import { centsToNumber } from "@/lib/format/money";
import { dueDateRange, daysOverdue } from "@/lib/invoices/aging";
import type { CalendarDate } from "@/lib/format/calendar-date";
import type { ListDebtorsInput } from "./debtor-schemas";
import { findSearchHits, type SearchHit } from "./debtor-search";
import { debtorIdsByText } from "./text-search";

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
  /** with an aging filter: what is open in that bucket */
  agingCents: number | null;
  oldestDaysOverdue: number | null;
  openInvoiceCount: number;
  openDisputeCount: number;
  creditHold: boolean;
  isCreditInsured: boolean;
  isDunningPaused: boolean;
  /** why a search found it, beyond its name, customer number or city (empty otherwise) */
  hits: SearchHit[];
};

/**
 * The list's totals over every matching debtor (not only the page), per currency. The amounts are
 * summed over the debtors' items the way the dashboard sums them, so a figure and the list it
 * opens add up to the same number.
 */
export type DebtorListTotal = {
  currency: string;
  debtors: number;
  /** invoices with something open (credit notes apart), and how many */
  openCents: number;
  openInvoices: number;
  overdueCents: number;
  /** open credit notes (negative): the rows' balances are openCents + creditCents */
  creditCents: number;
  /** with an aging filter: the open items in that bucket */
  agingCents: number | null;
  agingInvoices: number | null;
  /** with a dispute filter: the disputes that hold (matching its reason and age), and their amounts */
  disputes: number | null;
  disputedCents: number | null;
};

export type DebtorList = { rows: DebtorListRow[]; total: number; page: number; pages: number; pageSize: number; totals: DebtorListTotal[] | null };

/**
 * The ids of every debtor the list's filters match (search included), at most `limit`, with how
 * many match in all: what a bulk action on "the whole list" acts on.
 */
export async function listDebtorIds(db: DbOrTx, input: ListDebtorsInput, ctx: { today: CalendarDate; userId: string; provider: DbProvider }, limit: number): Promise<{ ids: string[]; total: number }> {
  const [hits, textIds] = await searchOf(db, input, ctx);
  const where = debtorWhere(input, ctx, [...hits.keys()], textIds);
  const rows = await db.debtor.findMany({ where, orderBy: { id: "asc" }, take: limit + 1, select: { id: true } });
  return { ids: rows.slice(0, limit).map((r) => r.id), total: rows.length > limit ? await db.debtor.count({ where }) : rows.length };
}

/**
 * One page of the debtors list. Filters and sorting use the balance columns kept on Debtor
 * (indexed), so the cost does not grow with the number of invoices; the overdue amount is summed
 * for the page's rows only.
 */
export async function listDebtors(
  db: DbOrTx,
  input: ListDebtorsInput,
  ctx: { today: CalendarDate; userId: string; provider: DbProvider },
  /** `ids`: only these debtors (a selection on the list), within the filters */
  opts: { pageSize?: number; withTotals?: boolean; ids?: string[] } = {},
): Promise<DebtorList> {
  const pageSize = opts.pageSize ?? DEBTORS_PAGE_SIZE;
  // The search box also finds debtors by their invoices, account, contacts and phone numbers.
  const [hits, textIds] = await searchOf(db, input, ctx);
  const filtered = debtorWhere(input, ctx, [...hits.keys()], textIds);
  const where: Prisma.DebtorWhereInput = opts.ids ? { AND: [filtered, { id: { in: opts.ids } }] } : filtered;
  const totals = opts.withTotals ? listTotals(db, input, ctx, where) : null;
  // Awaited at the end; marked as handled so a failing page query does not leave it unobserved.
  totals?.catch(() => undefined);
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
        isDunningPaused: true,
        assignedController: { select: { name: true } },
      },
    });
  // The first page comes first: a short one is the whole result, and the count (a scan of every
  // debtor for a search by part of a name) is needed only when there are more. With the totals
  // row the count is theirs: they count the same debtors per currency, so it is not scanned twice.
  const count = async () => (totals ? (await totals).reduce((sum, t) => sum + t.debtors, 0) : db.debtor.count({ where }));
  let total: number;
  let page: number;
  let debtors: Awaited<ReturnType<typeof pageOf>>;
  if (input.page <= 1) {
    page = 1;
    debtors = await pageOf(1);
    total = debtors.length < pageSize ? debtors.length : await count();
  } else {
    total = await count();
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
  const agingBy = new Map<string, number>();
  if (input.aging) {
    const { from, to } = dueDateRange(input.aging, ctx.today);
    for (let i = 0; i < debtors.length; i += 5_000) {
      const rows = await db.invoice.groupBy({
        by: ["debtorId"],
        where: { debtorId: { in: debtors.slice(i, i + 5_000).map((d) => d.id) }, openCents: { gt: 0 }, dueDate: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) }, ...(input.currency ? { currency: input.currency } : {}) },
        _sum: { openCents: true },
      });
      for (const r of rows) agingBy.set(r.debtorId, centsToNumber(r._sum.openCents));
    }
  }

  return {
    total,
    page,
    pages,
    pageSize,
    totals: totals ? await totals : null,
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
      agingCents: input.aging ? (agingBy.get(d.id) ?? 0) : null,
      oldestDaysOverdue: d.oldestOpenDueDate ? daysOverdue(d.oldestOpenDueDate, ctx.today) : null,
      openInvoiceCount: d.openInvoiceCount,
      openDisputeCount: d.openDisputeCount,
      creditHold: d.creditHold,
      isCreditInsured: d.isCreditInsured,
      isDunningPaused: d.isDunningPaused,
      hits: hits.get(d.id) ?? [],
    })),
  };
}

/** What the search text finds beyond the debtors' own columns, and (on SQLite) who it finds by them. */
async function searchOf(db: DbOrTx, input: ListDebtorsInput, ctx: { provider: DbProvider }): Promise<[Map<string, SearchHit[]>, string[] | null]> {
  if (!input.q) return [new Map(), null];
  return Promise.all([findSearchHits(db, input.q, ctx.provider), debtorIdsByText(db, input.q)]);
}

/**
 * `textIds`: the debtors whose name, customer number or city the search text matches, when the
 * trigram table found them (SQLite, see text-search.ts); null to match those columns here.
 */
function debtorWhere(input: ListDebtorsInput, ctx: { today: CalendarDate; userId: string; provider: DbProvider }, hitIds: string[], textIds: string[] | null = null): Prisma.DebtorWhereInput {
  const and: Prisma.DebtorWhereInput[] = [];
  if (input.q && textIds) {
    const ids = [...new Set([...textIds, ...hitIds])];
    and.push({ id: { in: ids } });
  } else if (input.q) {
    // SQLite's LIKE is case-insensitive for ASCII already; PostgreSQL needs ILIKE (mode
    // "insensitive", which the SQLite client's types do not know).
    const ci = (f: Record<string, string>) =>
      (ctx.provider === "postgresql" ? { ...f, mode: "insensitive" } : f) as Prisma.StringFilter;
    const q = likeText(input.q, ctx.provider);
    and.push({
      OR: [
        { name: ci({ contains: q }) },
        { customerNumber: ci({ startsWith: q }) },
        { city: ci({ startsWith: q }) },
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
  if (input.aging) and.push({ invoices: { some: agingItemWhere(input, ctx.today) } });
  if (input.overdue) and.push({ oldestOpenDueDate: { lt: ctx.today } });
  if (input.kind) and.push({ kind: input.kind });
  if (input.currency) and.push({ currency: input.currency });
  if (input.promise) and.push({ agreements: { some: { status: input.promise } } });
  if (input.reason || input.disputeAge) and.push({ disputes: { some: holdingDisputeWhere(input, ctx.today) } });
  else if (input.dispute) and.push({ openDisputeCount: { gt: 0 } });
  if (input.hold) and.push({ creditHold: true });
  return and.length ? { AND: and } : {};
}

/** The open items of an aging bucket (in the currency filtered on, if any). */
function agingItemWhere(input: ListDebtorsInput, today: CalendarDate): Prisma.InvoiceWhereInput {
  const { from, to } = dueDateRange(input.aging!, today);
  return { openCents: { gt: 0 }, dueDate: { ...(from ? { gte: from } : {}), ...(to ? { lte: to } : {}) }, ...(input.currency ? { currency: input.currency } : {}) };
}

/** Disputes that hold their invoice, of the reason and age band filtered on. */
function holdingDisputeWhere(input: ListDebtorsInput, today: CalendarDate): Prisma.DisputeWhereInput {
  const opened = input.disputeAge ? openedOnRange(input.disputeAge, today) : null;
  return {
    status: { in: [...DISPUTE_HOLDS] },
    ...(input.reason ? { reason: input.reason } : {}),
    ...(opened ? { openedOn: { ...(opened.from ? { gte: opened.from } : {}), ...(opened.to ? { lte: opened.to } : {}) } } : {}),
  };
}

/** Ids per statement when items are read by debtor (under SQLite's 999 parameters). */
const IDS_PER_STATEMENT = 900;
/**
 * Up to this many matching debtors their items are read by id; past it they are joined. The ids
 * travel as one parameter, so a search that matches half the ledger of the large set (5,524
 * debtors for "B.V.") is read by id as well: 15 ms on SQLite against 60 for the join, about 20
 * ms of PostgreSQL against some 200 (three joins).
 */
const TOTALS_BY_ID = 20_000;
/**
 * Up to this many debtors their items are found through the debtor index (about 5.5 µs a debtor
 * on SQLite with the large set); past it, the open items are scanned (the ledger's few open
 * items, not its invoices: 8 to 20 ms on the large set) and those of the debtors kept.
 */
const BY_DEBTOR_INDEX_MAX = 1_500;

/** The debtors counted per currency, in the shape of a groupBy. */
function debtorsPerCurrency(debtors: { currency: string }[]): { currency: string; _count: { _all: number } }[] {
  const counts = new Map<string, number>();
  for (const d of debtors) counts.set(d.currency, (counts.get(d.currency) ?? 0) + 1);
  return [...counts].map(([currency, n]) => ({ currency, _count: { _all: n } }));
}

type ItemSums = { currency: string; _sum: { openCents: bigint }; _count: { _all: number } };
const toBig = (x: unknown) => BigInt(String(x ?? 0));

/**
 * Open, overdue and credit items per currency of the given debtors, in one pass (on SQLite one per
 * 900 of them), read through the debtor index: in the shapes of the three groupBys they stand for.
 */
async function itemTotalsOf(db: DbOrTx, debtorIds: string[], today: CalendarDate, currency: string | undefined): Promise<{ open: ItemSums[]; overdue: ItemSums[]; credit: ItemSums[] }> {
  const sums = new Map<string, { open: bigint; openCount: number; overdue: bigint; credit: bigint }>();
  type Row = { currency: string; open: unknown; openCount: unknown; overdue: unknown; credit: unknown };
  const inCurrency = currency ? Prisma.sql`AND "currency" = ${currency}` : Prisma.empty;
  const allKinds = (ofDebtors: Prisma.Sql) => db.$queryRaw<Row[]>`
      SELECT "currency" AS currency,
        SUM(CASE WHEN "openCents" > 0 THEN "openCents" ELSE 0 END) AS "open",
        SUM(CASE WHEN "openCents" > 0 THEN 1 ELSE 0 END) AS "openCount",
        SUM(CASE WHEN "openCents" > 0 AND "dueDate" < ${today} THEN "openCents" ELSE 0 END) AS "overdue",
        SUM(CASE WHEN "openCents" < 0 THEN "openCents" ELSE 0 END) AS "credit"
      FROM "Invoice" WHERE ${ofDebtors} AND "openCents" <> 0 ${inCurrency}
      GROUP BY "currency"`;
  const pg = providerOfClient(db) === "postgresql";
  let rows: Row[];
  if (debtorIds.length <= BY_DEBTOR_INDEX_MAX) {
    // The ids as one parameter, so any number is one statement: an array on PostgreSQL, a JSON
    // array on SQLite (json_each).
    rows = await allKinds(pg ? Prisma.sql`"debtorId" = ANY(${debtorIds})` : Prisma.sql`"debtorId" IN (SELECT value FROM json_each(${JSON.stringify(debtorIds)}))`);
  } else {
    // Many debtors: the open items through their own index ("openCents" first), each kept when
    // its debtor is one of them (a hash of the ids on PostgreSQL). The debtor column is wrapped
    // ("+" on SQLite, "|| ''" on PostgreSQL) so neither goes through the debtor index instead, one
    // lookup per debtor; PostgreSQL's generic plan for a kept statement would (50 ms against 20
    // for "B.V." on the large set).
    const ofDebtors = pg ? Prisma.sql`("debtorId" || '') IN (SELECT unnest(${debtorIds}::text[]))` : Prisma.sql`+"debtorId" IN (SELECT value FROM json_each(${JSON.stringify(debtorIds)}))`;
    const [open, credit] = await Promise.all([
      db.$queryRaw<Row[]>`
        SELECT "currency" AS currency, SUM("openCents") AS "open", COUNT(*) AS "openCount",
          SUM(CASE WHEN "dueDate" < ${today} THEN "openCents" ELSE 0 END) AS "overdue", 0 AS "credit"
        FROM "Invoice" WHERE "openCents" > 0 ${inCurrency} AND ${ofDebtors}
        GROUP BY "currency"`,
      db.$queryRaw<Row[]>`
        SELECT "currency" AS currency, 0 AS "open", 0 AS "openCount", 0 AS "overdue", SUM("openCents") AS "credit"
        FROM "Invoice" WHERE "openCents" < 0 ${inCurrency} AND ${ofDebtors}
        GROUP BY "currency"`,
    ]);
    rows = [...open, ...credit];
  }
  for (const r of rows) {
    const t = sums.get(r.currency) ?? { open: 0n, openCount: 0, overdue: 0n, credit: 0n };
    sums.set(r.currency, { open: t.open + toBig(r.open), openCount: t.openCount + Number(r.openCount ?? 0), overdue: t.overdue + toBig(r.overdue), credit: t.credit + toBig(r.credit) });
  }
  const rowsOf = (pick: (t: { open: bigint; openCount: number; overdue: bigint; credit: bigint }) => [bigint, number]) =>
    [...sums].map(([c, t]) => ({ currency: c, _sum: { openCents: pick(t)[0] }, _count: { _all: pick(t)[1] } })).filter((r) => r._count._all > 0 || r._sum.openCents !== 0n);
  return { open: rowsOf((t) => [t.open, t.openCount]), overdue: rowsOf((t) => [t.overdue, t.overdue !== 0n ? 1 : 0]), credit: rowsOf((t) => [t.credit, t.credit !== 0n ? 1 : 0]) };
}

/** The totals over every debtor the filters match, with the same `where` as the list's rows. */
async function listTotals(db: DbOrTx, input: ListDebtorsInput, ctx: { today: CalendarDate }, where: Prisma.DebtorWhereInput): Promise<DebtorListTotal[]> {
  // Items of the matching debtors; without a filter no join at all (the dashboard's own shape).
  // A search or drill-down matches some debtors: their items are read by debtor through the
  // index, open, overdue and credit in one pass (joined instead, the database tests every one of
  // the 200,000 items of the large set against the search: 20 to 300 ms a search). Past
  // TOTALS_BY_ID debtors (nearly the whole ledger) they are joined.
  const read = Object.keys(where).length ? await db.debtor.findMany({ where, select: { id: true, currency: true }, take: TOTALS_BY_ID + 1 }) : null;
  const matching = read && read.length <= TOTALS_BY_ID ? read : null;
  const ofDebtors: Prisma.InvoiceWhereInput = read ? { debtor: where } : {};
  const currency = input.currency ? { currency: input.currency } : {};
  const items = (extra: Prisma.InvoiceWhereInput) =>
    db.invoice.groupBy({ by: ["currency"], where: { ...ofDebtors, ...currency, ...extra }, _sum: { openCents: true }, _count: { _all: true } });
  /** The aging bucket's items: by debtor, 900 at a time, summed per currency. */
  const agingOf = async (ids: string[]) => {
    const parts = [];
    for (let at = 0; at < ids.length; at += IDS_PER_STATEMENT) {
      parts.push(...(await db.invoice.groupBy({ by: ["currency"], where: { debtorId: { in: ids.slice(at, at + IDS_PER_STATEMENT) }, ...agingItemWhere(input, ctx.today) }, _sum: { openCents: true }, _count: { _all: true } })));
    }
    const merged = new Map<string, ItemSums>();
    for (const p of parts) {
      const m = merged.get(p.currency) ?? { currency: p.currency, _sum: { openCents: 0n }, _count: { _all: 0 } };
      merged.set(p.currency, { currency: p.currency, _sum: { openCents: m._sum.openCents + (p._sum.openCents ?? 0n) }, _count: { _all: m._count._all + p._count._all } });
    }
    return [...merged.values()];
  };
  const byId = matching ? await itemTotalsOf(db, matching.map((d) => d.id), ctx.today, input.currency) : null;
  const [debtors, open, overdue, credit, aging] = await Promise.all([
    matching ? debtorsPerCurrency(matching) : db.debtor.groupBy({ by: ["currency"], where, _count: { _all: true } }),
    byId ? byId.open : items({ openCents: { gt: 0 } }),
    byId ? byId.overdue : items({ openCents: { gt: 0 }, dueDate: { lt: ctx.today } }),
    byId ? byId.credit : items({ openCents: { lt: 0 } }),
    input.aging ? (matching ? agingOf(matching.map((d) => d.id)) : items(agingItemWhere(input, ctx.today))) : Promise.resolve(null),
  ]);
  // A currency filtered on always has its row, zero when nothing matches.
  const currencies = [...new Set([...(input.currency ? [input.currency] : []), ...debtors.map((d) => d.currency), ...open.map((o) => o.currency), ...credit.map((c) => c.currency)])].sort((a, b) => (a === "EUR" ? -1 : b === "EUR" ? 1 : a.localeCompare(b)));
  const isDisputeFilter = input.dispute || input.reason || input.disputeAge;
  return Promise.all(
    currencies.map(async (c): Promise<DebtorListTotal> => {
      const disputes = isDisputeFilter
        ? await db.dispute.aggregate({ where: { ...holdingDisputeWhere(input, ctx.today), debtor: { AND: [where, { currency: c }] } }, _count: { _all: true }, _sum: { disputedCents: true } })
        : null;
      const agingRow = aging?.find((a) => a.currency === c);
      return {
        currency: c,
        debtors: debtors.find((d) => d.currency === c)?._count._all ?? 0,
        openCents: centsToNumber(open.find((o) => o.currency === c)?._sum.openCents),
        openInvoices: open.find((o) => o.currency === c)?._count._all ?? 0,
        overdueCents: centsToNumber(overdue.find((o) => o.currency === c)?._sum.openCents),
        creditCents: centsToNumber(credit.find((o) => o.currency === c)?._sum.openCents),
        agingCents: aging ? centsToNumber(agingRow?._sum.openCents) : null,
        agingInvoices: aging ? (agingRow?._count._all ?? 0) : null,
        disputes: disputes ? disputes._count._all : null,
        disputedCents: disputes ? centsToNumber(disputes._sum.disputedCents) : null,
      };
    }),
  );
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
