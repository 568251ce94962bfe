import type { ExportTable } from "@/lib/export/table-export";
import type { Locale } from "@/lib/i18n/locale";
import { translator, type MessageKey } from "@/lib/i18n/translate";
import type { Dashboard } from "./dashboard-queries";

/** Every table of the dashboard, as rows for CSV/XLSX export (the same data the page shows). */
export const DASHBOARD_TABLES = ["aging", "trend", "dso", "promises", "disputes", "calls", "top", "insured"] as const;
export type DashboardTable = (typeof DASHBOARD_TABLES)[number];

export function dashboardTable(name: DashboardTable, d: Dashboard, locale: Locale): ExportTable {
  const t = translator(locale);
  switch (name) {
    case "aging":
      return {
        name: "aging",
        columns: [
          { key: "bucket", header: t("dashboard.bucket"), type: "text" },
          { key: "amount", header: t("dashboard.amount"), type: "money" },
          { key: "count", header: t("dashboard.count"), type: "number" },
          { key: "share", header: t("dashboard.share"), type: "percent" },
        ],
        rows: d.overview.aging.map((r) => ({ bucket: t(`bucket.${r.bucket}`), amount: r.amountCents, count: r.count, share: d.overview.openCents ? r.amountCents / d.overview.openCents : null })),
      };
    case "trend":
      return {
        name: "trend",
        columns: [
          { key: "date", header: t("dashboard.date"), type: "date" },
          { key: "open", header: t("dashboard.open"), type: "money" },
          { key: "overdue", header: t("dashboard.overdue"), type: "money" },
        ],
        rows: d.weekly.map((w) => ({ date: w.date, open: w.openCents, overdue: w.overdueCents })),
      };
    case "dso":
      return {
        name: "dso",
        columns: [
          { key: "date", header: t("dashboard.date"), type: "date" },
          { key: "dso", header: t("dashboard.dso"), type: "number" },
          { key: "ar", header: t("dashboard.open"), type: "money" },
        ],
        rows: d.effectiveness.dsoTrend.map((p) => ({ date: p.date, dso: p.dso, ar: p.arCents })),
      };
    case "promises":
      return {
        name: "promises",
        columns: [
          { key: "status", header: t("dashboard.status"), type: "text" },
          { key: "count", header: t("dashboard.count"), type: "number" },
        ],
        rows: (["made", "kept", "broken", "open", "cancelled"] as const).map((k) => ({ status: t(`dashboard.promises.${k}` as MessageKey), count: d.promises[k] })),
      };
    case "disputes":
      return {
        name: "disputes",
        columns: [
          { key: "reason", header: t("dashboard.reason"), type: "text" },
          { key: "age", header: t("dashboard.age"), type: "text" },
          { key: "count", header: t("dashboard.count"), type: "number" },
          { key: "amount", header: t("dashboard.amount"), type: "money" },
        ],
        rows: d.disputes.map((r) => ({ reason: t(`call.dispute.reason.${r.reason}` as MessageKey), age: r.age, count: r.count, amount: r.amountCents })),
      };
    case "calls":
      return {
        name: "calls",
        columns: [
          { key: "name", header: t("dashboard.controller"), type: "text" },
          { key: "calls", header: t("dashboard.calls.total"), type: "number" },
          { key: "perDay", header: t("dashboard.calls.perDay"), type: "number" },
          { key: "reached", header: t("dashboard.calls.reached"), type: "number" },
          { key: "noContact", header: t("dashboard.calls.noContact"), type: "number" },
          { key: "promises", header: t("dashboard.calls.promises"), type: "number" },
        ],
        rows: d.calls.map((r) => ({ name: r.name, calls: r.calls, perDay: r.perDay, reached: r.reached, noContact: r.noContact, promises: r.promises })),
      };
    case "top":
      return {
        name: "top-debtors",
        columns: [
          { key: "customerNumber", header: t("debtors.col.customerNumber"), type: "text" },
          { key: "name", header: t("debtors.col.name"), type: "text" },
          { key: "controller", header: t("dashboard.controller"), type: "text" },
          { key: "overdue", header: t("dashboard.overdue"), type: "money" },
          { key: "oldest", header: t("dashboard.oldestDue"), type: "date" },
        ],
        rows: d.top.map((r) => ({ customerNumber: r.customerNumber, name: r.name, controller: r.controllerName, overdue: r.overdueCents, oldest: r.oldestDueDate })),
      };
    case "insured":
      return {
        name: "insurer-deadlines",
        columns: [
          { key: "name", header: t("debtors.col.name"), type: "text" },
          { key: "insurer", header: t("dashboard.insurer"), type: "text" },
          { key: "deadline", header: t("dashboard.deadline"), type: "date" },
          { key: "daysLeft", header: t("dashboard.daysLeft"), type: "number" },
          { key: "open", header: t("dashboard.open"), type: "money" },
        ],
        rows: d.insured.map((r) => ({ name: r.name, insurer: r.insurer, deadline: r.deadline, daysLeft: r.daysLeft, open: r.openCents })),
      };
  }
}
