import type { DraftSnapshot } from "./draft-saver";

/**
 * What was typed in a call but not yet confirmed by the server, kept in the tab so a reload (or a
 * crashed tab the browser restores) loses nothing. sessionStorage, not localStorage: call notes
 * are personal data (a debtor's money troubles, health, family) and must not outlive the tab or
 * stay behind on a shared workstation; sessionStorage survives a reload and ends with the tab.
 */
const PREFIX = "dunning-workbench:call-draft:";

type Stored = DraftSnapshot<unknown> & { callId: string };

function storage(): Storage | null {
  try {
    return typeof window === "undefined" ? null : window.sessionStorage;
  } catch {
    return null; // storage disabled by the browser
  }
}

export function writeDraftBackup<C>(callId: string, snapshot: DraftSnapshot<C> | null, store: Storage | null = storage()): void {
  if (!store) return;
  try {
    if (snapshot) store.setItem(PREFIX + callId, JSON.stringify({ callId, ...snapshot } satisfies Stored));
    else store.removeItem(PREFIX + callId);
  } catch {
    // Quota or privacy mode: the server draft and the open form still hold the text.
  }
}

/** The kept snapshot of this call, if any and well-formed; `parse` checks the content. */
export function readDraftBackup<C>(callId: string, parse: (content: unknown) => C | null, store: Storage | null = storage()): DraftSnapshot<C> | null {
  let raw: string | null = null;
  try {
    raw = store?.getItem(PREFIX + callId) ?? null;
  } catch {
    return null;
  }
  if (!raw) return null;
  try {
    const v = JSON.parse(raw) as Partial<Stored>;
    const content = parse(v.content);
    const isWellFormed = v.callId === callId && typeof v.editedAt === "number" && typeof v.confirmedAt === "number" && typeof v.baseVersion === "number" && typeof v.inFlight === "boolean";
    if (!content || !isWellFormed) return null;
    return { content, editedAt: v.editedAt!, confirmedAt: v.confirmedAt!, baseVersion: v.baseVersion!, inFlight: v.inFlight! };
  } catch {
    return null;
  }
}
