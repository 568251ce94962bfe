import { Link } from "@/components/ui/link";
import { redirect } from "next/navigation";
import { Badge } from "@/components/ui/badge";
import { AutoSubmitForm } from "@/components/ui/auto-submit-form";
import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { FilterField, FilterSelect } from "@/components/ui/filter-select";
import { Input } from "@/components/ui/input";
import { EmptyState, Panel } from "@/components/ui/panel";
import { TextLink } from "@/components/ui/text-link";
import { officeClock } from "@/server/context";
import { requirePageUser } from "@/server/session";
import { db, dbProvider } from "@/lib/db/client";
import { listControllers, listDebtors, type DebtorListTotal, type SearchHit } from "@/lib/debtors/debtor-queries";
import { parseListDebtorsParams, type DebtorSort, type ListDebtorsInput } from "@/lib/debtors/debtor-schemas";
import { formatMoney } from "@/lib/format/money";
import { AGING_BUCKETS } from "@/lib/invoices/aging";
import { translator, type Translate } from "@/lib/i18n/translate";
import { findInvoiceByNumber } from "@/lib/invoices/invoice-queries";
import { can } from "@/lib/auth/roles";
import { pageTitle } from "@/server/page-title";
import { BulkSelection, SelectDebtor, SelectPage } from "./bulk-bar";
import { formatNumber } from "@/lib/format/number";

export const generateMetadata = pageTitle("nav.debtors");

type SearchParams = Promise<Record<string, string | string[] | undefined>>;

function hrefWith(input: ListDebtorsInput, changes: Partial<Record<keyof ListDebtorsInput, string | number | boolean | undefined>>): string {
  const merged: Record<string, unknown> = { ...input, ...changes };
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries(merged)) {
    if (v === undefined || v === false || v === "" || (k === "page" && v === 1)) continue;
    params.set(k, v === true ? "1" : String(v));
  }
  const qs = params.toString();
  return qs ? `/debtors?${qs}` : "/debtors";
}

function SortHeader({ input, column, label, title, numeric }: { input: ListDebtorsInput; column: DebtorSort; label: string; title: string; numeric?: boolean }) {
  const active = input.sort === column;
  const currentDir = input.dir ?? (column === "name" || column === "customerNumber" ? "asc" : "desc");
  const nextDir = active ? (currentDir === "asc" ? "desc" : "asc") : undefined;
  return (
    <Th numeric={numeric} aria-sort={active ? (currentDir === "asc" ? "ascending" : "descending") : undefined}>
      <Link href={hrefWith(input, { sort: column, dir: nextDir, page: 1 })} className="hover:underline" title={title}>
        {label}
        {active ? (currentDir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </Th>
  );
}

/** Whether the list is narrowed by a search or a filter (not only sorted or paged). */
function isNarrowed(input: ListDebtorsInput): boolean {
  return Object.entries(input).some(([key, value]) => !["sort", "dir", "page"].includes(key) && value !== undefined && value !== null && value !== "" && value !== false);
}

export default async function DebtorsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("debtors:read");
  const t = translator(user.locale);
  const input = parseListDebtorsParams(await searchParams);
  // Exactly an invoice's number: open that invoice instead of listing its debtor.
  if (input.q) {
    const invoice = await findInvoiceByNumber(db(), input.q);
    if (invoice) redirect(`/invoices/${invoice.id}`);
  }
  const [list, controllers] = await Promise.all([
    // The totals row answers a drill-down or a search; the whole portfolio's totals are the dashboard's
    // (over 10,000 debtors they cost a quarter of a second on every plain list view).
    listDebtors(db(), input, { today: officeClock().today, userId: user.id, provider: dbProvider() }, { withTotals: isNarrowed(input) }),
    listControllers(db()),
  ]);
  const money = (cents: number, currency: string) => formatMoney(cents, currency, user.locale);
  const filtered = Boolean(input.q || input.controller || input.bucket || input.aging || input.currency || input.dispute || input.reason || input.disputeAge || input.hold || input.overdue || input.kind || input.promise);
  // The filters a dashboard figure opens the list with, named, so the list says what it adds up to.
  const chips: Array<{ key: string; label: string; without: Partial<Record<keyof ListDebtorsInput, undefined>> }> = [
    ...(input.aging ? [{ key: "aging", label: input.aging === "current" ? t("debtors.chip.notDue") : t("debtors.chip.aging", { bucket: t(`bucket.${input.aging}`) }), without: { aging: undefined } }] : []),
    ...(input.overdue ? [{ key: "overdue", label: t("debtors.filter.overdue"), without: { overdue: undefined } }] : []),
    ...(input.dispute || input.reason || input.disputeAge ? [{ key: "dispute", label: t("debtors.filter.dispute"), without: { dispute: undefined, reason: undefined, disputeAge: undefined } }] : []),
    ...(input.reason ? [{ key: "reason", label: t("debtors.chip.reason", { reason: t(`call.dispute.reason.${input.reason}`) }), without: { reason: undefined } }] : []),
    ...(input.disputeAge ? [{ key: "disputeAge", label: t("debtors.chip.disputeAge", { days: input.disputeAge.replace("-", "–") }), without: { disputeAge: undefined } }] : []),
    ...(input.promise ? [{ key: "promise", label: `${t("debtors.filter.promise")}: ${t(`dashboard.promises.${input.promise}`)}`, without: { promise: undefined } }] : []),
    ...(input.currency ? [{ key: "currency", label: t("debtors.chip.currency", { currency: input.currency }), without: { currency: undefined } }] : []),
  ];

  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h1 className="text-base font-semibold">{t("debtors.title")}</h1>
        {chips.length ? (
          <span className="ml-2 flex flex-wrap gap-1.5" data-testid="filter-chips">
            {chips.map((c) => (
              <Link key={c.key} href={hrefWith(input, { ...c.without, page: 1 })} data-chip={c.key} className="rounded bg-blue-50 px-2 py-0.5 text-[12px] text-blue-800 ring-1 ring-blue-200 hover:bg-blue-100" title={t("debtors.filter.remove")}>
                {c.label} ×
              </Link>
            ))}
          </span>
        ) : null}
        <span className="ml-auto text-slate-500" data-testid="debtors-total">
          {t("common.results", { count: formatNumber(list.total, user.locale, 0) })}
        </span>
        <span className="ml-3 text-[12px] text-slate-500" data-testid="debtors-export">
          {t("exports.label")}:{" "}
          {(["csv", "xlsx"] as const).map((format) => (
            <a key={format} href={hrefWith(input, { page: 1 }).replace(/^\/debtors\??/, `/api/exports/debtors?format=${format}&`)} className="ml-1 text-blue-700 hover:underline" download>
              {t(`exports.${format}`)}
            </a>
          ))}
          <span className="mx-1">·</span>
          <a href="/api/exports/open-items?format=csv" className="text-blue-700 hover:underline" download>
            {t("exports.openItemsLink")} ({t("exports.csv")})
          </a>
        </span>
      </div>

      <AutoSubmitForm action="/debtors" label={t("common.search")} className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
        <input type="hidden" name="sort" value={input.sort} />
        {input.dir ? <input type="hidden" name="dir" value={input.dir} /> : null}
        <FilterField label={t("common.search")}>
          <Input data-search name="q" type="search" defaultValue={input.q ?? ""} placeholder={t("debtors.searchPlaceholderAll")} title={t("debtors.searchPlaceholderAll")} aria-keyshortcuts="/" maxLength={100} className="w-72" />
        </FilterField>
        <FilterSelect
          label={t("debtors.filter.controller")}
          name="controller"
          defaultValue={input.controller ?? ""}
          allLabel={t("common.all")}
          options={[{ value: "me", label: t("common.me") }, { value: "none", label: t("common.unassigned") }, ...controllers.map((c) => ({ value: c.id, label: c.name }))]}
        />
        <FilterSelect label={t("debtors.filter.bucket")} name="bucket" defaultValue={input.bucket ?? ""} allLabel={t("common.all")} options={AGING_BUCKETS.map((b) => ({ value: b, label: t(`bucket.${b}`) }))} />
        <FilterSelect label={t("debtors.filter.kind")} name="kind" defaultValue={input.kind ?? ""} allLabel={t("common.all")} options={[{ value: "b2b", label: t("common.b2b") }, { value: "consumer", label: t("common.consumer") }]} />
        {input.promise ? <input type="hidden" name="promise" value={input.promise} /> : null}
        {input.aging ? <input type="hidden" name="aging" value={input.aging} /> : null}
        {input.currency ? <input type="hidden" name="currency" value={input.currency} /> : null}
        {input.reason ? <input type="hidden" name="reason" value={input.reason} /> : null}
        {input.disputeAge ? <input type="hidden" name="disputeAge" value={input.disputeAge} /> : null}
        <label className="flex items-center gap-1.5 py-1">
          <input type="checkbox" name="overdue" value="1" defaultChecked={input.overdue} />
          {t("debtors.filter.overdue")}
        </label>
        <label className="flex items-center gap-1.5 py-1">
          <input type="checkbox" name="dispute" value="1" defaultChecked={input.dispute} />
          {t("debtors.filter.dispute")}
        </label>
        <label className="flex items-center gap-1.5 py-1">
          <input type="checkbox" name="hold" value="1" defaultChecked={input.hold} />
          {t("debtors.filter.creditHold")}
        </label>
        <button type="submit" className="rounded bg-blue-700 px-2.5 py-1 font-medium text-white hover:bg-blue-800">
          {t("common.apply")}
        </button>
        {filtered ? (
          <TextLink href="/debtors" className="px-1 py-1">
            {t("common.reset")}
          </TextLink>
        ) : null}
      </AutoSubmitForm>

      <BulkSelection
        rows={list.rows.map((r) => ({ id: r.id, name: r.name }))}
        controllers={controllers}
        canAssign={can(user.role, "debtors:assign")}
        canWrite={can(user.role, "debtors:write")}
        filterQuery={hrefWith(input, { page: 1 }).replace(/^\/debtors\??/, "")}
        total={list.total}
      >
        <Panel>
          {list.rows.length === 0 ? (
            <EmptyState>{filtered ? t("debtors.empty") : t("debtors.emptyAll")}</EmptyState>
          ) : (
            <DataTable data-testid="debtors-table">
              <TableHead>
                <Th className="w-8">
                  <SelectPage />
                </Th>
                <SortHeader input={input} column="customerNumber" label={t("debtors.col.customerNumber")} title={t("debtors.sortBy", { column: t("debtors.col.customerNumber") })} />
                <SortHeader input={input} column="name" label={t("debtors.col.name")} title={t("debtors.sortBy", { column: t("debtors.col.name") })} />
                <Th>{t("debtors.col.city")}</Th>
                <Th>{t("debtors.col.controller")}</Th>
                <SortHeader input={input} column="open" label={t("debtors.col.open")} title={t("debtors.sortBy", { column: t("debtors.col.open") })} numeric />
                <Th numeric>{t("debtors.col.overdue")}</Th>
                {input.aging ? <Th numeric>{t("debtors.totals.aging", { bucket: t(`bucket.${input.aging}`) })}</Th> : null}
                <SortHeader input={input} column="oldest" label={t("debtors.col.oldest")} title={t("debtors.sortBy", { column: t("debtors.col.oldest") })} numeric />
                <Th>{t("debtors.col.flags")}</Th>
              </TableHead>
              <tbody>
                {list.rows.map((r) => (
                  <Tr key={r.id} className="hover:bg-blue-50/40">
                    <Td>
                      <SelectDebtor id={r.id} name={r.name} />
                    </Td>
                    <Td className="font-mono text-[12px] text-slate-600">{r.customerNumber}</Td>
                    <Td>
                      <TextLink href={`/debtors/${r.id}`} className="font-medium">
                        {r.name}
                      </TextLink>
                      {r.kind === "consumer" ? <span className="ml-1.5 text-[11px] text-slate-500">{t("common.consumer")}</span> : null}
                      {r.hits.length ? <SearchWhy hits={r.hits} t={t} money={money} /> : null}
                    </Td>
                    <Td className="text-slate-600">{r.city}</Td>
                    <Td className="text-slate-600">{r.controllerName ?? <span className="text-slate-400">{t("common.unassigned")}</span>}</Td>
                    <Td numeric>{money(r.openCents, r.currency)}</Td>
                    <Td numeric className={r.overdueCents > 0 ? "font-medium text-red-700" : "text-slate-400"}>
                      {money(r.overdueCents, r.currency)}
                    </Td>
                    {input.aging ? <Td numeric>{money(r.agingCents ?? 0, r.currency)}</Td> : null}
                    <Td numeric className={r.oldestDaysOverdue !== null && r.oldestDaysOverdue > 60 ? "text-red-700" : ""}>
                      {r.oldestDaysOverdue === null ? "—" : t("common.days", { count: r.oldestDaysOverdue })}
                    </Td>
                    <Td className="space-x-1">
                      {r.openDisputeCount > 0 ? <Badge tone="amber">{t("debtors.flag.dispute")}</Badge> : null}
                      {r.creditHold ? <Badge tone="red">{t("debtors.flag.creditHold")}</Badge> : null}
                      {r.isCreditInsured ? <Badge tone="blue">{t("debtors.flag.insured")}</Badge> : null}
                      {r.isDunningPaused ? <Badge tone="amber">{t("debtors.flag.dunningPaused")}</Badge> : null}
                    </Td>
                  </Tr>
                ))}
              </tbody>
              {list.totals?.length ? <TotalsRows totals={list.totals} showAging={!!input.aging} t={t} money={money} /> : null}
            </DataTable>
          )}
        </Panel>
      </BulkSelection>

      {list.pages > 1 ? (
        <nav aria-label={t("common.pagination")} className="flex items-center justify-end gap-3">
          {list.page > 1 ? (
            <Link rel="prev" href={hrefWith(input, { page: list.page - 1 })} className="rounded px-2 py-1 text-blue-700 ring-1 ring-slate-300 hover:bg-white">
              ← {t("common.previous")}
            </Link>
          ) : null}
          <span className="text-slate-600">{t("common.page", { page: list.page, pages: list.pages })}</span>
          {list.page < list.pages ? (
            <Link rel="next" href={hrefWith(input, { page: list.page + 1 })} className="rounded px-2 py-1 text-blue-700 ring-1 ring-slate-300 hover:bg-white">
              {t("common.next")} →
            </Link>
          ) : null}
        </nav>
      ) : null}
    </div>
  );
}

/**
 * The list's totals over every matching debtor (all pages), one row per currency: what a
 * dashboard figure that opened this list adds up to.
 */
function TotalsRows({ totals, showAging, t, money }: { totals: DebtorListTotal[]; showAging: boolean; t: Translate; money: (cents: number, currency: string) => string }) {
  return (
    <tfoot data-testid="debtors-totals" className="border-t-2 border-slate-300 bg-slate-50 font-medium">
      {totals.map((s) => (
        <tr key={s.currency} data-currency={s.currency}>
          <Td colSpan={5}>
            <span data-testid="totals-debtors">{t("debtors.totals.debtors", { count: s.debtors })}</span>
            {totals.length > 1 ? <span className="ml-1 text-slate-500">({s.currency})</span> : null}
            {s.disputes !== null ? (
              <span className="ml-2 text-amber-800">
                · {t("debtors.totals.disputes")}: <span data-testid="totals-disputes">{s.disputes}</span> ({money(s.disputedCents ?? 0, s.currency)})
              </span>
            ) : null}
          </Td>
          <Td numeric title={t("debtors.totals.openHelp", { count: s.openInvoices })}>
            <span data-testid="totals-open">{money(s.openCents, s.currency)}</span>
            {s.creditCents !== 0 ? (
              <span className="block text-[11px] font-normal text-slate-500" data-testid="totals-credit">
                {t("debtors.totals.credit", { amount: money(s.creditCents, s.currency), balance: money(s.openCents + s.creditCents, s.currency) })}
              </span>
            ) : null}
          </Td>
          <Td numeric>
            <span data-testid="totals-overdue">{money(s.overdueCents, s.currency)}</span>
          </Td>
          {showAging ? (
            <Td numeric>
              <span data-testid="totals-aging">{money(s.agingCents ?? 0, s.currency)}</span>
              <span className="block text-[11px] font-normal text-slate-500">{t("debtors.totals.invoices", { count: s.agingInvoices ?? 0 })}</span>
            </Td>
          ) : null}
          <Td colSpan={2} />
        </tr>
      ))}
    </tfoot>
  );
}

/** Why a search found this debtor: the invoice, amount, account, contact or phone number that matched. */
function SearchWhy({ hits, t, money }: { hits: SearchHit[]; t: Translate; money: (cents: number, currency: string) => string }) {
  const SHOWN = 3;
  return (
    <div className="text-[12px] text-slate-600" data-testid="search-why">
      <span className="sr-only">{t("debtors.why")}: </span>
      {hits.slice(0, SHOWN).map((h, i) => (
        <span key={i} className="mr-2 inline-block">
          {h.kind === "invoice" ? (
            <TextLink href={`/invoices/${h.invoiceId}`}>{t("debtors.why.invoice", { number: h.number })}</TextLink>
          ) : h.kind === "amount" ? (
            <TextLink href={`/invoices/${h.invoiceId}`}>{t("debtors.why.amount", { amount: money(h.cents, h.currency), number: h.number })}</TextLink>
          ) : h.kind === "iban" ? (
            t("debtors.why.iban")
          ) : h.kind === "bankIban" ? (
            t("debtors.why.bankIban")
          ) : h.kind === "contact" ? (
            t("debtors.why.contact", { name: h.name })
          ) : h.contactName ? (
            t("debtors.why.contactPhone", { name: h.contactName })
          ) : (
            t("debtors.why.phone")
          )}
        </span>
      ))}
      {hits.length > SHOWN ? <span>+{hits.length - SHOWN}</span> : null}
    </div>
  );
}
