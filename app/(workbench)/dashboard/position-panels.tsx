import { Badge } from "@/components/ui/badge";
import { DataTable, Td, Tr } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import type { InsuredRow, TopDebtor } from "@/lib/dashboard/dashboard-queries";
import { DashboardPanel } from "./dashboard-panel";
import type { DashboardView } from "./dashboard-view";

/** The debtors with the largest overdue amounts. */
export function TopDebtorsPanel({ view, top }: { view: DashboardView; top: TopDebtor[] }) {
  const { t, money } = view;
  return (
    <DashboardPanel view={view} table="top" title={t("dashboard.top")} isEmpty={top.length === 0}>
      <DataTable data-testid="top-table">
        <tbody>
          {top.map((r) => (
            <Tr key={r.id}>
              <Td>
                <TextLink href={`/debtors/${r.id}`}>{r.name}</TextLink>
              </Td>
              <Td className="text-slate-600">{r.controllerName ?? t("common.unassigned")}</Td>
              <Td numeric className="font-medium text-red-700">
                {money(r.overdueCents)}
              </Td>
            </Tr>
          ))}
        </tbody>
      </DataTable>
    </DashboardPanel>
  );
}

/** Credit-insured debtors whose insurer must be told soon (or should have been). */
export function InsuredDeadlinesPanel({ view, insured }: { view: DashboardView; insured: InsuredRow[] }) {
  const { t, date } = view;
  return (
    <DashboardPanel view={view} table="insured" title={t("dashboard.insured")} isEmpty={insured.length === 0}>
      <DataTable>
        <tbody>
          {insured.map((r) => (
            <Tr key={r.id}>
              <Td>
                <TextLink href={`/debtors/${r.id}`}>{r.name}</TextLink>
              </Td>
              <Td className="text-slate-600">{r.insurer}</Td>
              <Td>{date(r.deadline)}</Td>
              <Td className="text-right">
                <Badge tone={r.daysLeft < 0 ? "red" : "amber"}>{r.daysLeft < 0 ? t("dashboard.insured.late", { count: -r.daysLeft }) : t("dashboard.insured.left", { count: r.daysLeft })}</Badge>
              </Td>
            </Tr>
          ))}
        </tbody>
      </DataTable>
    </DashboardPanel>
  );
}
