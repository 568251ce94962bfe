import { assertCan, type Actor } from "@/lib/auth/guards";
import type { DbOrTx } from "@/lib/db/client";
import { DomainError } from "@/lib/errors/domain-error";
import { centsToDecimal, type ExportTable } from "@/lib/export/table-export";
import { calendarDateIn } from "@/lib/format/calendar-date";
import type { Locale } from "@/lib/i18n/locale";
import { isMessageKey, translator, type MessageKey } from "@/lib/i18n/translate";
import { listTimeline, type TimelineEntry } from "@/lib/timeline/timeline-queries";

/** More history than this for one debtor is refused with the way out, as the list exports do. */
export const TIMELINE_EXPORT_MAX = 50_000;

/**
 * A debtor's whole history as a table for CSV/XLSX: everything the timeline shows (calls, agreements,
 * payments, disputes, dunning messages, e-mails), not one screen of it, plus the debtor's tasks,
 * oldest first. Every role that reads debtors may export it, as they may read the page.
 */
export async function debtorTimelineTable(db: DbOrTx, actor: Actor, debtorId: string, ctx: { locale: Locale; timeZone: string }): Promise<ExportTable> {
  assertCan(actor, "debtors:read");
  const debtor = await db.debtor.findUnique({ where: { id: debtorId }, select: { id: true, customerNumber: true } });
  if (!debtor) throw new DomainError("not_found");
  const [entries, tasks] = await Promise.all([
    listTimeline(db, debtor.id, { limit: TIMELINE_EXPORT_MAX + 1 }),
    db.task.findMany({ where: { debtorId: debtor.id }, orderBy: [{ dueAt: "asc" }, { id: "asc" }], take: TIMELINE_EXPORT_MAX + 1, select: { id: true, type: true, dueAt: true, status: true, note: true, assignee: { select: { name: true } } } }),
  ]);
  if (entries.length + tasks.length > TIMELINE_EXPORT_MAX) throw new DomainError("invalid", "timeline too long", { export: ["exports.tooMany"] });

  const t = translator(ctx.locale);
  const label = (key: string, fallback: string) => (isMessageKey(key) ? t(key) : fallback);
  const clock = new Intl.DateTimeFormat("en-GB", { timeZone: ctx.timeZone, hour: "2-digit", minute: "2-digit", hourCycle: "h23" });
  const instant = (at: string) => ({ date: calendarDateIn(new Date(at), ctx.timeZone), time: clock.format(new Date(at)) });
  type Row = ExportTable["rows"][number] & { sortKey: string };
  const rows: Row[] = entries.map((e) => ({ ...rowOf(e, t, label, instant), sortKey: `${e.at}|${e.kind}|${e.id}` }));
  for (const k of tasks) {
    rows.push({
      sortKey: `${k.dueAt.toISOString()}|task|${k.id}`,
      ...instant(k.dueAt.toISOString()),
      kind: t("privacy.timeline.kind.task"),
      description: label(`taskType.${k.type}`, k.type),
      author: k.assignee?.name ?? null,
      status: label(`privacy.timeline.taskStatus.${k.status}`, k.status),
      notes: k.note,
    });
  }
  rows.sort((a, b) => (a.sortKey < b.sortKey ? -1 : a.sortKey > b.sortKey ? 1 : 0));
  return {
    name: `${t("privacy.timeline.sheet")} ${debtor.customerNumber}`,
    columns: [
      { key: "date", header: t("privacy.timeline.col.date"), type: "date" },
      { key: "time", header: t("privacy.timeline.col.time"), type: "text" },
      { key: "kind", header: t("privacy.timeline.col.kind"), type: "text" },
      { key: "description", header: t("privacy.timeline.col.description"), type: "text" },
      { key: "person", header: t("privacy.timeline.col.person"), type: "text" },
      { key: "phone", header: t("privacy.timeline.col.phone"), type: "text" },
      { key: "author", header: t("privacy.timeline.col.author"), type: "text" },
      { key: "status", header: t("privacy.timeline.col.status"), type: "text" },
      { key: "invoices", header: t("privacy.timeline.col.invoices"), type: "text" },
      { key: "currency", header: t("exports.currency"), type: "text" },
      { key: "amount", header: t("privacy.timeline.col.amount"), type: "money" },
      { key: "notes", header: t("privacy.timeline.col.notes"), type: "text" },
    ],
    rows: rows.map(({ sortKey: _sortKey, ...r }) => r),
  };
}

type Label = (key: string, fallback: string) => string;
type Translate = ReturnType<typeof translator>;

function rowOf(e: TimelineEntry, t: Translate, label: Label, instant: (at: string) => { date: string; time: string }): ExportTable["rows"][number] {
  const kind = t(`privacy.timeline.kind.${e.kind}` as MessageKey);
  switch (e.kind) {
    case "call":
      return {
        ...instant(e.at), kind, description: e.outcome ? label(`outcome.${e.outcome}`, e.outcome) : null, person: e.spokeWith, phone: e.phoneUsed, author: e.author,
        notes: [e.reasonText ?? (e.reasonCategory ? label(`call.reason.${e.reasonCategory}`, e.reasonCategory) : null), e.notes].filter(Boolean).join("\n") || null,
      };
    case "agreement":
      return {
        ...instant(e.at), kind, description: e.agreementKind === "plan" ? t("debtor.history.agreement.plan", { count: e.instalments.length }) : t("debtor.history.agreement.promise"),
        author: e.author, status: label(`agreementStatus.${e.status}`, e.status), currency: e.currency, amount: e.totalCents,
        notes: e.instalments.map((i) => `${i.seq}. ${i.dueDate} ${centsToDecimal(i.amountCents)} (${label(`agreementStatus.${i.status}`, i.status)})`).join("\n"),
      };
    case "payment":
      return { date: e.valueDate, time: null, kind, description: label(`call.method.${e.method}`, e.method), currency: e.currency, amount: e.amountCents, notes: e.reference };
    case "dispute":
      return { date: e.at.slice(0, 10), time: null, kind, description: label(`disputeReason.${e.reason}`, e.reason), status: label(`disputeStatus.${e.status}`, e.status), invoices: e.invoiceNumber, currency: e.currency, amount: e.disputedCents, notes: e.description };
    case "dunning":
      return { ...instant(e.at), kind, description: e.subject ?? t("debtor.history.dunning", { level: e.level }), status: e.channel, invoices: e.invoiceNumbers };
    case "email":
      return { ...instant(e.at), kind, description: e.subject, person: e.toAddress, status: label(`privacy.timeline.emailStatus.${e.status}`, e.status) };
  }
}
