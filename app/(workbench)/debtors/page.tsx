import type { Metadata } from "next";
import Link from "next/link";
import { Badge } from "@/components/ui/badge";
import { AutoSubmitForm } from "@/components/ui/auto-submit-form";
import { EmptyState, Panel } from "@/components/ui/panel";
import { requirePageUser } from "@/server/session";
import { db, dbProvider } from "@/lib/db/client";
import { listControllers, listDebtors } from "@/lib/debtors/debtor-queries";
import { parseListDebtorsParams, type DebtorSort, type ListDebtorsInput } from "@/lib/debtors/debtor-schemas";
import { env } from "@/lib/env/env";
import { calendarDateIn } from "@/lib/format/calendar-date";
import { formatMoney } from "@/lib/format/money";
import { AGING_BUCKETS } from "@/lib/invoices/aging";
import { translator } from "@/lib/i18n/translate";

export const metadata: Metadata = { title: "Debtors" };

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
    <th scope="col" aria-sort={active ? (currentDir === "asc" ? "ascending" : "descending") : undefined} className={`px-2 py-1.5 font-medium ${numeric ? "text-right" : "text-left"}`}>
      <Link href={hrefWith(input, { sort: column, dir: nextDir, page: 1 })} className="hover:underline" title={title}>
        {label}
        {active ? (currentDir === "asc" ? " ▲" : " ▼") : ""}
      </Link>
    </th>
  );
}

export default async function DebtorsPage({ searchParams }: { searchParams: SearchParams }) {
  const user = await requirePageUser("debtors:read");
  const t = translator(user.locale);
  const input = parseListDebtorsParams(await searchParams);
  const today = calendarDateIn(new Date(), env().APP_TIME_ZONE);
  const [list, controllers] = await Promise.all([
    listDebtors(db(), input, { today, userId: user.id, provider: dbProvider() }),
    listControllers(db()),
  ]);
  const money = (cents: number, currency: string) => formatMoney(cents, currency, user.locale);
  const filtered = Boolean(input.q || input.controller || input.bucket || input.dispute || input.hold || input.overdue || input.kind || input.promise);

  return (
    <div className="space-y-3">
      <div className="flex items-baseline justify-between">
        <h1 className="text-base font-semibold">{t("debtors.title")}</h1>
        {input.promise ? (
          <Link href={hrefWith(input, { promise: undefined, page: 1 })} className="ml-2 rounded bg-blue-50 px-2 py-0.5 text-[12px] text-blue-800 ring-1 ring-blue-200 hover:bg-blue-100" title={t("debtors.filter.remove")}>
            {t("debtors.filter.promise")}: {t(`dashboard.promises.${input.promise}`)} ×
          </Link>
        ) : null}
        <span className="ml-auto text-slate-500" data-testid="debtors-total">
          {t("common.results", { count: list.total.toLocaleString(user.locale === "nl" ? "nl-NL" : "en-GB") })}
        </span>
      </div>

      <AutoSubmitForm action="/debtors" label={t("common.search")} className="flex flex-wrap items-end gap-2 rounded-md border border-slate-200 bg-white px-3 py-2">
        <input type="hidden" name="sort" value={input.sort} />
        {input.dir ? <input type="hidden" name="dir" value={input.dir} /> : null}
        <label className="flex flex-col">
          <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("common.search")}</span>
          <input
            data-search
            name="q"
            type="search"
            defaultValue={input.q ?? ""}
            placeholder={t("debtors.searchPlaceholder")}
            aria-keyshortcuts="/"
            maxLength={100}
            className="w-72 rounded border border-slate-300 px-2 py-1"
          />
        </label>
        <label className="flex flex-col">
          <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("debtors.filter.controller")}</span>
          <select name="controller" defaultValue={input.controller ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t("common.all")}</option>
            <option value="me">{t("common.me")}</option>
            <option value="none">{t("common.unassigned")}</option>
            {controllers.map((c) => (
              <option key={c.id} value={c.id}>
                {c.name}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("debtors.filter.bucket")}</span>
          <select name="bucket" defaultValue={input.bucket ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t("common.all")}</option>
            {AGING_BUCKETS.map((b) => (
              <option key={b} value={b}>
                {t(`bucket.${b}`)}
              </option>
            ))}
          </select>
        </label>
        <label className="flex flex-col">
          <span className="text-[11px] font-medium uppercase tracking-wide text-slate-500">{t("debtors.filter.kind")}</span>
          <select name="kind" defaultValue={input.kind ?? ""} className="rounded border border-slate-300 px-2 py-1">
            <option value="">{t("common.all")}</option>
            <option value="b2b">{t("common.b2b")}</option>
            <option value="consumer">{t("common.consumer")}</option>
          </select>
        </label>
        {input.promise ? <input type="hidden" name="promise" value={input.promise} /> : null}
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
          <Link href="/debtors" className="px-1 py-1 text-blue-700 hover:underline">
            {t("common.reset")}
          </Link>
        ) : null}
      </AutoSubmitForm>

      <Panel>
        {list.rows.length === 0 ? (
          <EmptyState>{filtered ? t("debtors.empty") : t("debtors.emptyAll")}</EmptyState>
        ) : (
          <table className="w-full border-collapse text-[13px]" data-testid="debtors-table">
            <thead className="border-b border-slate-200 bg-slate-50 text-slate-600">
              <tr>
                <SortHeader input={input} column="customerNumber" label={t("debtors.col.customerNumber")} title={t("debtors.sortBy", { column: t("debtors.col.customerNumber") })} />
                <SortHeader input={input} column="name" label={t("debtors.col.name")} title={t("debtors.sortBy", { column: t("debtors.col.name") })} />
                <th scope="col" className="px-2 py-1.5 text-left font-medium">{t("debtors.col.city")}</th>
                <th scope="col" className="px-2 py-1.5 text-left font-medium">{t("debtors.col.controller")}</th>
                <SortHeader input={input} column="open" label={t("debtors.col.open")} title={t("debtors.sortBy", { column: t("debtors.col.open") })} numeric />
                <th scope="col" className="px-2 py-1.5 text-right font-medium">{t("debtors.col.overdue")}</th>
                <SortHeader input={input} column="oldest" label={t("debtors.col.oldest")} title={t("debtors.sortBy", { column: t("debtors.col.oldest") })} numeric />
                <th scope="col" className="px-2 py-1.5 text-left font-medium">{t("debtors.col.flags")}</th>
              </tr>
            </thead>
            <tbody>
              {list.rows.map((r) => (
                <tr key={r.id} className="border-b border-slate-100 last:border-0 hover:bg-blue-50/40">
                  <td className="px-2 py-1 font-mono text-[12px] text-slate-600">{r.customerNumber}</td>
                  <td className="px-2 py-1">
                    <Link href={`/debtors/${r.id}`} className="font-medium text-blue-800 hover:underline">
                      {r.name}
                    </Link>
                    {r.kind === "consumer" ? <span className="ml-1.5 text-[11px] text-slate-500">{t("common.consumer")}</span> : null}
                  </td>
                  <td className="px-2 py-1 text-slate-600">{r.city}</td>
                  <td className="px-2 py-1 text-slate-600">{r.controllerName ?? <span className="text-slate-400">{t("common.unassigned")}</span>}</td>
                  <td className="num px-2 py-1">{money(r.openCents, r.currency)}</td>
                  <td className={`num px-2 py-1 ${r.overdueCents > 0 ? "font-medium text-red-700" : "text-slate-400"}`}>{money(r.overdueCents, r.currency)}</td>
                  <td className={`num px-2 py-1 ${r.oldestDaysOverdue !== null && r.oldestDaysOverdue > 60 ? "text-red-700" : ""}`}>
                    {r.oldestDaysOverdue === null ? "—" : t("common.days", { count: r.oldestDaysOverdue })}
                  </td>
                  <td className="space-x-1 px-2 py-1">
                    {r.openDisputeCount > 0 ? <Badge tone="amber">{t("debtors.flag.dispute")}</Badge> : null}
                    {r.creditHold ? <Badge tone="red">{t("debtors.flag.creditHold")}</Badge> : null}
                    {r.isCreditInsured ? <Badge tone="blue">{t("debtors.flag.insured")}</Badge> : null}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Panel>

      {list.pages > 1 ? (
        <nav aria-label="pagination" className="flex items-center justify-end gap-3">
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
