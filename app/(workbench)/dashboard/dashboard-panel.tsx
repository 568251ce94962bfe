import { EmptyState, Panel } from "@/components/ui/panel";
import { TextAnchor } from "@/components/ui/text-link";
import type { DashboardTable } from "@/lib/dashboard/dashboard-export";
import type { DashboardFilters } from "@/lib/dashboard/dashboard-queries";
import { filterQuery, type DashboardView } from "./dashboard-view";

/** A panel's table as a file, with the filters on screen. */
function ExportLinks({ table, filters }: { table: DashboardTable; filters: DashboardFilters }) {
  const href = (format: "csv" | "xlsx") => `/api/dashboard/export?table=${table}&format=${format}&${filterQuery(filters)}`;
  return (
    <span className="flex gap-2 text-[12px]">
      <TextAnchor href={href("csv")} data-testid={`export-${table}-csv`}>
        CSV
      </TextAnchor>
      <TextAnchor href={href("xlsx")}>XLSX</TextAnchor>
    </span>
  );
}

/**
 * A dashboard panel: its title, the export of its table, and "none" in place of the content
 * when `isEmpty`.
 */
export function DashboardPanel({ view, table, title, isEmpty, children }: { view: DashboardView; table: DashboardTable; title: string; isEmpty?: boolean; children: React.ReactNode }) {
  return (
    <Panel title={title} actions={<ExportLinks table={table} filters={view.filters} />}>
      {isEmpty ? <EmptyState>{view.t("dashboard.none")}</EmptyState> : children}
    </Panel>
  );
}
