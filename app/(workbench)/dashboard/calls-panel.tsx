import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import type { CallerRow } from "@/lib/dashboard/dashboard-queries";
import { DashboardPanel } from "./dashboard-panel";
import type { DashboardView } from "./dashboard-view";

/** Calls per controller in the period; a name opens that controller's debtors. */
export function CallsPanel({ view, calls }: { view: DashboardView; calls: CallerRow[] }) {
  const { t } = view;
  return (
    <DashboardPanel view={view} table="calls" title={t("dashboard.calls")} isEmpty={calls.length === 0}>
      <DataTable data-testid="calls-table">
        <TableHead>
          <Th>{t("dashboard.controller")}</Th>
          <Th numeric>{t("dashboard.calls.total")}</Th>
          <Th numeric>{t("dashboard.calls.perDay")}</Th>
          <Th numeric>{t("dashboard.calls.reached")}</Th>
          <Th numeric>{t("dashboard.calls.noContact")}</Th>
          <Th numeric>{t("dashboard.calls.promises")}</Th>
        </TableHead>
        <tbody>
          {calls.map((r) => (
            <Tr key={r.controllerId}>
              <Td>
                <TextLink href={`/debtors?controller=${r.controllerId}`}>{r.name}</TextLink>
              </Td>
              <Td numeric>{r.calls}</Td>
              <Td numeric>{view.num(r.perDay)}</Td>
              <Td numeric>{r.reached}</Td>
              <Td numeric>{r.noContact}</Td>
              <Td numeric>{r.promises}</Td>
            </Tr>
          ))}
        </tbody>
      </DataTable>
    </DashboardPanel>
  );
}
