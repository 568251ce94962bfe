"use client";

import { useRouter } from "next/navigation";
import { useT } from "@/components/i18n/i18n-provider";
import { DataTable, TableHead, Th } from "@/components/ui/data-table";
import { FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import type { WorklistRow } from "@/lib/worklist/worklist-queries";
import { claimTaskAction } from "@/server/actions/worklist";
import { useWorklistKeys } from "./use-worklist-keys";
import { WorklistItem, type RowAction, type WorklistSettings } from "./worklist-item";

/**
 * The worklist rows, worked with buttons or the keyboard (see useWorklistKeys). One message for
 * the list says what the last action did.
 */
export function WorklistTable({ rows, ...settings }: WorklistSettings & { rows: WorklistRow[] }) {
  const { t, locale } = useT();
  const router = useRouter();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const keys = useWorklistKeys({ rows, canWrite: settings.canWrite, onOpen: (row) => router.push(`/debtors/${row.debtorId}`), onClaim: claim });
  const fmtTime = new Intl.DateTimeFormat(locale === "nl" ? "nl-NL" : "en-GB", { weekday: "short", hour: "2-digit", minute: "2-digit" });

  /** A successful action also closes an open snooze form. */
  const act: RowAction = (call, success) => submit(call, { success, onSuccess: keys.closeSnooze });
  function claim(row: WorklistRow) {
    act(() => claimTaskAction({ taskId: row.taskId, version: row.taskVersion }), t("worklist.claimed", { name: row.debtorName }));
  }

  return (
    <div>
      <FormMessage message={message} className="px-3 py-1 text-[13px]" />
      <DataTable data-testid="worklist">
        <TableHead>
          <Th>{t("worklist.col.item")}</Th>
          <Th>{t("worklist.col.debtor")}</Th>
          <Th>{t("worklist.col.why")}</Th>
          <Th numeric>{t("worklist.col.overdue")}</Th>
          <Th>{t("worklist.col.callAt")}</Th>
          {settings.showAssignee ? <Th>{t("worklist.col.assignee")}</Th> : null}
          <Th numeric>{t("worklist.col.priority")}</Th>
          <Th />
        </TableHead>
        <tbody>
          {rows.map((row, i) => (
            <WorklistItem
              key={row.taskId}
              row={row}
              settings={settings}
              isActive={i === keys.active}
              rowProps={keys.rowProps(i)}
              isSnoozing={keys.snoozing === row.taskId}
              pending={pending}
              snoozeErrors={Object.values(fieldErrors).flat()}
              fmtTime={fmtTime}
              act={act}
              onClaim={() => claim(row)}
              onOpenSnooze={() => keys.openSnooze(row)}
              onCloseSnooze={keys.closeSnooze}
              onSnoozeKeyDown={keys.onSnoozeKeyDown}
            />
          ))}
        </tbody>
      </DataTable>
    </div>
  );
}
