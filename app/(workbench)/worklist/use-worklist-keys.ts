"use client";

import { useEffect, useRef, useState } from "react";
import type { WorklistRow } from "@/lib/worklist/worklist-queries";

/**
 * The worklist's keyboard: j/k or the arrows move between rows, Enter opens the row's debtor,
 * c claims the row (its unassigned items, a debtor nobody holds), z opens the snooze form and Escape closes it. Keys typed into a
 * field, with a modifier, or while the snooze form is open are left alone. The active row
 * takes the focus, so focus stays on the same row after an action.
 */
export function useWorklistKeys({
  rows,
  canWrite,
  isClaimable,
  onOpen,
  onClaim,
}: {
  rows: WorklistRow[];
  canWrite: boolean;
  isClaimable: (row: WorklistRow) => boolean;
  onOpen: (row: WorklistRow) => void;
  onClaim: (row: WorklistRow) => void;
}) {
  const [active, setActive] = useState(0);
  const [snoozing, setSnoozing] = useState<string | null>(null);
  const rowEls = useRef<(HTMLTableRowElement | null)[]>([]);
  // Only a move by key takes the focus to the row. A click on a row's button also makes that row
  // the active one (its onFocus), but must keep the focus on the button: moving it to the row
  // scrolled the page between mouse down and up, and the click never reached the button.
  const moveFocus = useRef(false);
  const moveTo = (next: (a: number) => number) => {
    moveFocus.current = true;
    setActive(next);
  };

  // Subscribed again after every render, so the handler sees the current rows and state.
  useEffect(() => {
    function onKey(e: KeyboardEvent) {
      const el = e.target as HTMLElement | null;
      if (e.metaKey || e.ctrlKey || e.altKey || snoozing) return;
      if (el && (el.isContentEditable || ["INPUT", "TEXTAREA", "SELECT"].includes(el.tagName))) return;
      const row = rows[active];
      if (e.key === "j" || e.key === "ArrowDown") {
        e.preventDefault();
        moveTo((a) => Math.min(rows.length - 1, a + 1));
      } else if (e.key === "k" || e.key === "ArrowUp") {
        e.preventDefault();
        moveTo((a) => Math.max(0, a - 1));
      } else if (e.key === "Enter" && row && el?.tagName !== "BUTTON" && el?.tagName !== "A") {
        e.preventDefault();
        onOpen(row);
      } else if (e.key === "c" && row && isClaimable(row)) {
        e.preventDefault();
        onClaim(row);
      } else if (e.key === "z" && row && canWrite) {
        e.preventDefault();
        setSnoozing(row.debtorId);
      }
    }
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  });

  useEffect(() => {
    if (!moveFocus.current) return;
    moveFocus.current = false;
    rowEls.current[active]?.focus();
  }, [active]);

  return {
    active,
    snoozing,
    /** What row `i` needs to take part: its element, its place in the tab order, focus tracking. */
    rowProps: (i: number) => ({
      ref: (el: HTMLTableRowElement | null) => {
        rowEls.current[i] = el;
      },
      tabIndex: i === active ? 0 : -1,
      onFocus: () => {
        moveFocus.current = false;
        setActive(i);
      },
    }),
    openSnooze: (row: WorklistRow) => setSnoozing(row.debtorId),
    closeSnooze: () => setSnoozing(null),
    /** On the snooze form: Escape closes it. */
    onSnoozeKeyDown: (e: React.KeyboardEvent) => {
      if (e.key === "Escape") setSnoozing(null);
    },
  };
}
