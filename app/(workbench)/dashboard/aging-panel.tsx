import { DataTable, TableHead, Td, Th, Tr } from "@/components/ui/data-table";
import { TextLink } from "@/components/ui/text-link";
import type { OverviewFigures } from "@/lib/dashboard/dashboard-queries";
import type { AgingBucket } from "@/lib/invoices/aging";
import { DashboardPanel } from "./dashboard-panel";
import { debtorsHref, type DashboardView } from "./dashboard-view";

const BAR: Record<AgingBucket, string> = { current: "bg-slate-400", "1-30": "bg-amber-400", "31-60": "bg-orange-500", "61-90": "bg-red-500", "90+": "bg-red-800" };

/** The open position per aging bucket, with a bar per bucket; a bucket opens its debtors. */
export function AgingPanel({ view, overview: o }: { view: DashboardView; overview: OverviewFigures }) {
  const { t, filters, money, pct } = view;
  const max = Math.max(1, ...o.aging.map((r) => r.amountCents));
  return (
    <DashboardPanel view={view} table="aging" title={t("dashboard.aging")}>
      <DataTable data-testid="aging-table">
        <TableHead>
          <Th>{t("dashboard.bucket")}</Th>
          <Th numeric>{t("dashboard.amount")}</Th>
          <Th numeric>{t("dashboard.count")}</Th>
          <Th numeric>{t("dashboard.share")}</Th>
          <Th className="w-1/3">
            <span className="sr-only">{t("dashboard.amount")}</span>
          </Th>
        </TableHead>
        <tbody>
          {o.aging.map((r) => (
            <Tr key={r.bucket}>
              <Th scope="row">
                <TextLink href={debtorsHref(filters, { aging: r.bucket })} title={t("debtors.aging.link")}>
                  {t(`bucket.${r.bucket}`)}
                </TextLink>
              </Th>
              <Td numeric tall>{money(r.amountCents)}</Td>
              <Td numeric tall>{r.count}</Td>
              <Td numeric tall>{pct(r.amountCents, o.openCents)}%</Td>
              <Td tall aria-hidden>
                <div className={`h-3 rounded-sm ${BAR[r.bucket]}`} style={{ width: `${(r.amountCents / max) * 100}%` }} />
              </Td>
            </Tr>
          ))}
        </tbody>
      </DataTable>
    </DashboardPanel>
  );
}
