"use client";

import { useRouter } from "next/navigation";
import { useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { DataTable, TableHead, Th } from "@/components/ui/data-table";
import { FormMessage } from "@/components/ui/form-message";
import { useSubmit } from "@/components/ui/use-submit";
import { dateTimeFormat, localeTag } from "@/lib/format/intl";
import type { WorklistRow } from "@/lib/worklist/worklist-queries";
import { claimRowAction } from "@/server/actions/worklist";
import { useWorklistKeys } from "./use-worklist-keys";
import { WorklistItem, isClaimable, workableTasks, type RowAction, type WorklistSettings } from "./worklist-item";

/**
 * The worklist rows, one per debtor, worked with buttons or the keyboard (see useWorklistKeys).
 * One message for the list says what the last action did; a claimed row also says so itself.
 */
export function WorklistTable({ rows, ...settings }: WorklistSettings & { rows: WorklistRow[] }) {
  const { t, locale } = useT();
  const router = useRouter();
  const { pending, message, fieldErrors, submit } = useSubmit();
  const [claimed, setClaimed] = useState<string | null>(null);
  const keys = useWorklistKeys({ rows, canWrite: settings.canWrite, isClaimable: (row) => isClaimable(row, settings), onOpen: (row) => router.push(`/debtors/${row.debtorId}`), onClaim: claim });
  // In the office's zone, on the server and in the browser alike (no hydration mismatch, no UTC times).
  const fmtTime = dateTimeFormat(localeTag(locale), { weekday: "short", hour: "2-digit", minute: "2-digit", timeZone: settings.timeZone });

  /** A successful action also closes an open snooze form. */
  const act: RowAction = (call, success) => submit(call, { success, onSuccess: keys.closeSnooze });
  function claim(row: WorklistRow) {
    submit(() => claimRowAction({ debtorId: row.debtorId, tasks: workableTasks(row, settings) }), { success: t("worklist.claimed", { name: row.debtorName }), onSuccess: () => setClaimed(row.debtorId) });
  }

  return (
    <div>
      <FormMessage message={message} className="px-3 py-1 text-[13px]" />
      <DataTable data-testid="worklist" stack>
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
              key={row.debtorId}
              row={row}
              settings={settings}
              isActive={i === keys.active}
              justClaimed={claimed === row.debtorId}
              rowProps={keys.rowProps(i)}
              isSnoozing={keys.snoozing === row.debtorId}
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
