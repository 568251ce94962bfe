import type { DbOrTx, DbProvider } from "@/lib/db/client";
import type { CalendarDate } from "@/lib/format/calendar-date";
import { daysOverdue } from "@/lib/invoices/aging";
import type { ExportTable } from "@/lib/export/table-export";
import { translator } from "@/lib/i18n/translate";
import type { Locale } from "@/lib/i18n/locale";
import { listDebtors } from "./debtor-queries";
import type { ListDebtorsInput } from "./debtor-schemas";

/** The most rows an export holds; more is refused with the way out (a narrower filter). */
export const EXPORT_MAX_ROWS = 200_000;
const DEBTORS_MAX = 20_000;

/**
 * The debtor list as filtered on screen (every filter of the page, the dashboard's drill-downs too), every page, as an export table;
 * with `ids`, only those debtors (a selection on the list), in the same columns.
 */
export async function debtorListTable(db: DbOrTx, input: ListDebtorsInput, ctx: { today: CalendarDate; userId: string; provider: DbProvider; locale: Locale }, opts: { ids?: string[] } = {}): Promise<ExportTable | null> {
  const t = translator(ctx.locale);
  const list = await listDebtors(db, { ...input, page: 1 }, ctx, { pageSize: DEBTORS_MAX, ids: opts.ids });
  if (list.total > DEBTORS_MAX) return null;
  return {
    name: t("exports.debtors"),
    columns: [
      { key: "customerNumber", header: t("debtors.col.customerNumber"), type: "text" },
      { key: "name", header: t("debtors.col.name"), type: "text" },
      { key: "city", header: t("debtors.col.city"), type: "text" },
      { key: "controller", header: t("debtors.col.controller"), type: "text" },
      { key: "currency", header: t("exports.currency"), type: "text" },
      { key: "open", header: t("debtors.col.open"), type: "money" },
      { key: "overdue", header: t("debtors.col.overdue"), type: "money" },
      ...(input.aging ? [{ key: "aging", header: t("debtors.totals.aging", { bucket: t(`bucket.${input.aging}`) }), type: "money" as const }] : []),
      { key: "oldestDays", header: t("exports.oldestDays"), type: "number" },
      { key: "openInvoices", header: t("exports.openInvoices"), type: "number" },
      { key: "disputes", header: t("exports.disputes"), type: "number" },
      { key: "creditHold", header: t("exports.creditHold"), type: "text" },
    ],
    rows: list.rows.map((r) => ({
      customerNumber: r.customerNumber, name: r.name, city: r.city, controller: r.controllerName, currency: r.currency, open: r.openCents, overdue: r.overdueCents, aging: r.agingCents,
      oldestDays: r.oldestDaysOverdue, openInvoices: r.openInvoiceCount, disputes: r.openDisputeCount, creditHold: r.creditHold ? t("common.yes") : t("common.no"),
    })),
  };
}

/** Every open item (invoices and credit notes not settled), oldest due first. Null when there are more than EXPORT_MAX_ROWS. */
export async function openItemsTable(db: DbOrTx, ctx: { today: CalendarDate; locale: Locale }): Promise<ExportTable | null> {
  const t = translator(ctx.locale);
  const where = { openCents: { not: 0n } };
  if ((await db.invoice.count({ where })) > EXPORT_MAX_ROWS) return null;
  const rows: ExportTable["rows"] = [];
  let cursor: string | undefined;
  for (;;) {
    const page = await db.invoice.findMany({
      where,
      orderBy: { id: "asc" },
      take: 5_000,
      ...(cursor ? { skip: 1, cursor: { id: cursor } } : {}),
      select: { id: true, number: true, issueDate: true, dueDate: true, currency: true, amountCents: true, openCents: true, costsOpenCents: true, interestOpenCents: true, dunningLevel: true, debtor: { select: { customerNumber: true, name: true, assignedController: { select: { name: true } } } } },
    });
    for (const i of page) {
      rows.push({
        customerNumber: i.debtor.customerNumber, name: i.debtor.name, controller: i.debtor.assignedController?.name ?? null, invoice: i.number, issueDate: i.issueDate, dueDate: i.dueDate,
        daysOverdue: i.openCents > 0n ? Math.max(0, daysOverdue(i.dueDate, ctx.today)) : null, currency: i.currency, amount: i.amountCents, open: i.openCents, costs: i.costsOpenCents, interest: i.interestOpenCents, level: i.dunningLevel,
      });
    }
    if (page.length < 5_000) break;
    cursor = page.at(-1)!.id;
  }
  rows.sort((a, b) => String(a.dueDate).localeCompare(String(b.dueDate)) || String(a.invoice).localeCompare(String(b.invoice)));
  return {
    name: t("exports.openItems"),
    columns: [
      { key: "customerNumber", header: t("debtors.col.customerNumber"), type: "text" },
      { key: "name", header: t("debtors.col.name"), type: "text" },
      { key: "controller", header: t("debtors.col.controller"), type: "text" },
      { key: "invoice", header: t("exports.invoice"), type: "text" },
      { key: "issueDate", header: t("exports.issueDate"), type: "date" },
      { key: "dueDate", header: t("exports.dueDate"), type: "date" },
      { key: "daysOverdue", header: t("exports.daysOverdue"), type: "number" },
      { key: "currency", header: t("exports.currency"), type: "text" },
      { key: "amount", header: t("exports.amount"), type: "money" },
      { key: "open", header: t("debtors.col.open"), type: "money" },
      { key: "costs", header: t("exports.costs"), type: "money" },
      { key: "interest", header: t("exports.interest"), type: "money" },
      { key: "level", header: t("exports.level"), type: "number" },
    ],
    rows,
  };
}
