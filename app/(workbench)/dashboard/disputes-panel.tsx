import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import type { DisputeRow } from "@/lib/dashboard/dashboard-queries";
import type { MessageKey } from "@/lib/i18n/translate";
import { DashboardPanel } from "./dashboard-panel";
import { debtorsHref, type DashboardView } from "./dashboard-view";

/** Open disputes by reason and age. */
export function DisputesPanel({ view, disputes }: { view: DashboardView; disputes: DisputeRow[] }) {
  const { t, filters, money } = view;
  return (
    <DashboardPanel view={view} table="disputes" title={t("dashboard.disputesByReason")} isEmpty={disputes.length === 0}>
      <DataTable>
        <TableHead>
          <Th>{t("dashboard.reason")}</Th>
          <Th>{t("dashboard.age")}</Th>
          <Th numeric>{t("dashboard.count")}</Th>
          <Th numeric>{t("dashboard.amount")}</Th>
        </TableHead>
        <tbody>
          {disputes.map((r) => (
            <Tr key={`${r.reason}-${r.age}`}>
              <Td>
                <TextLink href={debtorsHref(filters, { dispute: "1", reason: r.reason, disputeAge: r.age })}>{t(`call.dispute.reason.${r.reason}` as MessageKey)}</TextLink>
              </Td>
              <Td>{t("common.days", { count: r.age })}</Td>
              <Td numeric>{r.count}</Td>
              <Td numeric>{money(r.amountCents)}</Td>
            </Tr>
          ))}
        </tbody>
      </DataTable>
    </DashboardPanel>
  );
}
