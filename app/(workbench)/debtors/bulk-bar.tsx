"use client";

import { createContext, useContext, useEffect, useRef, useState } from "react";
import { useT } from "@/components/i18n/i18n-provider";
import { Button } from "@/components/ui/button";
import { FormMessage } from "@/components/ui/form-message";
import { Input } from "@/components/ui/input";
import { Select } from "@/components/ui/select";
import { useSubmit } from "@/components/ui/use-submit";
import type { BulkDebtorsResult } from "@/lib/debtors/bulk-debtors";
import { BULK_FILTER_MAX, type BulkDebtorAction } from "@/lib/debtors/debtor-schemas";
import type { MessageKey, Params } from "@/lib/i18n/translate";
import { bulkDebtorsAction } from "@/server/actions/debtors";

type Row = { id: string; name: string };
type Selection = { pageIds: string[]; selected: string[]; toggle: (id: string, on: boolean) => void; setPage: (on: boolean) => void };

const SelectionContext = createContext<Selection | null>(null);

function useSelection(): Selection {
  const s = useContext(SelectionContext);
  if (!s) throw new Error("debtor checkboxes outside <BulkSelection>");
  return s;
}

/** How many skipped debtors the message names; the rest are counted. */
const NAMED = 5;

/**
 * The debtor list's selection and what can be done with it: the row checkboxes (server-rendered
 * rows, these small client pieces) share the selection through this provider, and the bar above
 * the table acts on it. The selection is of this page: a row that leaves the page (another page,
 * another filter, assigned away) leaves the selection, so an action only touches rows on screen.
 * With the whole page ticked, the bar offers every debtor the list's filter matches (all pages):
 * the action then names the filter, and the server acts on what matches it at that moment.
 */
export function BulkSelection(props: {
  rows: Row[];
  controllers: { id: string; name: string }[];
  canAssign: boolean;
  canWrite: boolean;
  /** the list's filters as a query string, so an export of the selection has the list's columns */
  filterQuery: string;
  /** how many debtors the filter matches on all pages */
  total: number;
  children: React.ReactNode;
}) {
  const [chosen, setChosen] = useState<ReadonlySet<string>>(() => new Set());
  const [allMatching, setAllMatching] = useState(false);
  const pageIds = props.rows.map((r) => r.id);
  const selected = pageIds.filter((id) => chosen.has(id));
  const selection: Selection = {
    pageIds,
    selected,
    toggle: (id, on) => {
      setAllMatching(false);
      setChosen((prev) => {
        const next = new Set(prev);
        if (on) next.add(id);
        else next.delete(id);
        return next;
      });
    },
    setPage: (on) => {
      setAllMatching(false);
      setChosen(on ? new Set(pageIds) : new Set());
    },
  };
  return (
    <SelectionContext.Provider value={selection}>
      <BulkBar
        {...props}
        selected={selected}
        allMatching={allMatching && selected.length === pageIds.length}
        canChooseAll={selected.length === pageIds.length && props.total > pageIds.length && props.total <= BULK_FILTER_MAX}
        onChooseAll={() => setAllMatching(true)}
        onDone={() => {
          setAllMatching(false);
          setChosen(new Set());
        }}
      />
      {props.children}
    </SelectionContext.Provider>
  );
}

/** A row's checkbox, labelled with the debtor's name. */
export function SelectDebtor({ id, name }: Row) {
  const { t } = useT();
  const s = useSelection();
  return (
    <input
      type="checkbox"
      className="h-4 w-4 align-middle"
      data-testid="select-debtor"
      aria-label={t("debtors.bulk.select", { name })}
      checked={s.selected.includes(id)}
      onChange={(e) => s.toggle(id, e.target.checked)}
    />
  );
}

/** The header's checkbox: every row of this page; half-checked when some are. */
export function SelectPage() {
  const { t } = useT();
  const s = useSelection();
  const ref = useRef<HTMLInputElement>(null);
  const all = s.pageIds.length > 0 && s.selected.length === s.pageIds.length;
  const some = s.selected.length > 0 && !all;
  useEffect(() => {
    if (ref.current) ref.current.indeterminate = some;
  }, [some]);
  return (
    <input
      ref={ref}
      type="checkbox"
      className="h-4 w-4 align-middle"
      data-testid="select-page"
      aria-label={t("debtors.bulk.selectPage")}
      checked={all}
      onChange={(e) => s.setPage(e.target.checked)}
    />
  );
}

type Intent = { action: BulkDebtorAction; controllerId?: string; reason?: string };

function BulkBar(props: {
  controllers: { id: string; name: string }[];
  canAssign: boolean;
  canWrite: boolean;
  filterQuery: string;
  total: number;
  selected: string[];
  rows: Row[];
  allMatching: boolean;
  canChooseAll: boolean;
  onChooseAll: () => void;
  onDone: () => void;
}) {
  const { t } = useT();
  const { pending, message, submit } = useSubmit();
  const [controllerId, setControllerId] = useState("");
  const [isPausing, setIsPausing] = useState(false);
  const [reason, setReason] = useState("");
  // One key per intended action: a retry of the same action after an error (a lost reply) sends
  // the same key; any other action, or the next one after a success, gets a new key.
  const lastTry = useRef<{ signature: string; key: string } | null>(null);
  const count = props.selected.length;

  function run(intent: Intent) {
    const debtorIds = props.selected;
    // Every debtor the filter matches: the server reads the filter, not the ids on screen.
    const scope = props.allMatching ? { filter: props.filterQuery } : { debtorIds };
    const signature = JSON.stringify({ ...intent, ...(props.allMatching ? scope : { debtorIds: [...debtorIds].sort() }) });
    if (lastTry.current?.signature !== signature) lastTry.current = { signature, key: crypto.randomUUID() };
    const idempotencyKey = lastTry.current.key;
    const target = intent.controllerId === "none" ? null : (props.controllers.find((c) => c.id === intent.controllerId)?.name ?? "");
    submit(() => bulkDebtorsAction({ ...intent, ...scope, idempotencyKey }), {
      success: (r) => outcome(r, intent.action, target, t),
      onSuccess: () => {
        lastTry.current = null;
        setIsPausing(false);
        setReason("");
        setControllerId("");
        props.onDone();
      },
      inlineFieldErrors: true,
    });
  }

  const ids = encodeURIComponent(props.selected.join(","));
  const exportHref = (format: "csv" | "xlsx") => `/api/exports/debtors?format=${format}${props.filterQuery ? `&${props.filterQuery}` : ""}${props.allMatching ? "" : `&ids=${ids}`}`;

  return (
    <div className="space-y-1">
      <FormMessage message={message} className="text-[13px]" />
      {count > 0 ? (
        <section aria-label={t("debtors.bulk.bar")} data-testid="bulk-bar" className="flex flex-wrap items-center gap-x-3 gap-y-1.5 rounded-md border border-blue-200 bg-blue-50 px-3 py-1.5 text-[13px]">
          <span className="font-medium" aria-live="polite" data-testid="bulk-count">
            {props.allMatching ? t("debtors.bulk.selectedAll", { count: props.total }) : t("debtors.bulk.selected", { count })}
          </span>
          {props.canChooseAll && !props.allMatching ? (
            <Button type="button" variant="ghost" className="text-blue-700 underline" onClick={props.onChooseAll} data-testid="bulk-choose-all">
              {t("debtors.bulk.chooseAll", { count: props.total })}
            </Button>
          ) : null}
          {props.canAssign ? (
            <form
              className="flex flex-wrap items-center gap-1.5"
              onSubmit={(e) => {
                e.preventDefault();
                if (controllerId) run({ action: "assign", controllerId });
              }}
            >
              <label className="flex items-center gap-1.5">
                {t("debtors.bulk.assignTo")}
                <Select compact value={controllerId} onChange={(e) => setControllerId(e.target.value)} options={[{ value: "none", label: t("debtors.bulk.nobody") }, ...props.controllers.map((c) => ({ value: c.id, label: c.name }))]}>
                  <option value="" disabled>
                    {t("debtors.bulk.choose")}
                  </option>
                </Select>
              </label>
              <Button type="submit" disabled={pending || !controllerId}>
                {t("debtors.bulk.assign")}
              </Button>
            </form>
          ) : null}
          {props.canWrite && !isPausing ? (
            <>
              <Button type="button" disabled={pending} onClick={() => setIsPausing(true)}>
                {t("debtors.bulk.pause")}
              </Button>
              <Button type="button" disabled={pending} onClick={() => run({ action: "resume" })}>
                {t("debtors.bulk.resume")}
              </Button>
            </>
          ) : null}
          {props.canWrite && isPausing ? (
            <form
              className="flex flex-wrap items-center gap-1.5"
              onSubmit={(e) => {
                e.preventDefault();
                run({ action: "pause", reason: reason.trim() });
              }}
            >
              <label className="flex items-center gap-1.5">
                {t("debtors.bulk.pauseReason")}
                <Input autoFocus compact value={reason} onChange={(e) => setReason(e.target.value)} required minLength={3} maxLength={200} className="w-56" />
              </label>
              <Button type="submit" variant="primary" disabled={pending}>
                {t("debtors.bulk.pauseConfirm")}
              </Button>
              <Button type="button" variant="ghost" onClick={() => setIsPausing(false)}>
                {t("common.cancel")}
              </Button>
            </form>
          ) : null}
          <span className="flex items-center gap-1.5">
            {t("debtors.bulk.export")}:
            {(["csv", "xlsx"] as const).map((format) => (
              <a key={format} href={exportHref(format)} className="text-blue-700 hover:underline" download>
                {t(`exports.${format}`)}
              </a>
            ))}
          </span>
          <Button type="button" variant="ghost" className="ml-auto" onClick={props.onDone}>
            {t("debtors.bulk.clear")}
          </Button>
        </section>
      ) : null}
    </div>
  );
}

/** "12 debiteuren toegewezen aan Eva de Boer (2 waren dat al); 1 overgeslagen: hoort bij een collega (Naam)". */
function outcome(r: BulkDebtorsResult, action: BulkDebtorAction, target: string | null, t: (key: MessageKey, params?: Params) => string): string {
  const debtors = r.changed === 1 ? t("debtors.bulk.count.one") : t("debtors.bulk.count.other", { count: r.changed });
  const done =
    action === "assign"
      ? target === null
        ? t("debtors.bulk.done.unassign", { debtors })
        : t("debtors.bulk.done.assign", { debtors, name: target })
      : t(action === "pause" ? "debtors.bulk.done.pause" : "debtors.bulk.done.resume", { debtors });
  const already = r.already ? ` (${t(r.already === 1 ? "debtors.bulk.already.one" : "debtors.bulk.already.other", { count: r.already })})` : "";
  const names = r.skipped.slice(0, NAMED).map((s) => s.name).join(", ") + (r.skipped.length > NAMED ? `, +${r.skipped.length - NAMED}` : "");
  const skipped = r.skipped.length ? `; ${t(r.skipped.length === 1 ? "debtors.bulk.skipped.one" : "debtors.bulk.skipped.other", { count: r.skipped.length, names })}` : "";
  return `${done}${already}${skipped}`;
}
