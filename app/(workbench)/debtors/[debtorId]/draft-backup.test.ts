import { describe, expect, it } from "vitest";
import { readDraftBackup, writeDraftBackup } from "./draft-backup";

/** The Storage methods the backup uses, over a Map. */
function memoryStorage(): Storage {
  const m = new Map<string, string>();
  return {
    get length() {
      return m.size;
    },
    clear: () => m.clear(),
    getItem: (k) => m.get(k) ?? null,
    key: (i) => [...m.keys()][i] ?? null,
    removeItem: (k) => void m.delete(k),
    setItem: (k, v) => void m.set(k, v),
  };
}

const asText = (v: unknown) => (typeof v === "string" ? v : null);

describe("the tab's copy of unconfirmed call text", () => {
  it("keeps a snapshot per call, reads it back, and forgets it", () => {
    const store = memoryStorage();
    const snapshot = { content: "Belt vrijdag terug", editedAt: 2000, confirmedAt: 1000, baseVersion: 2, inFlight: true };
    writeDraftBackup("call-1", snapshot, store);
    expect(readDraftBackup("call-1", asText, store)).toEqual(snapshot);
    expect(readDraftBackup("call-2", asText, store)).toBeNull();
    writeDraftBackup("call-1", null, store);
    expect(readDraftBackup("call-1", asText, store)).toBeNull();
  });

  it("ignores what is not a snapshot (tampered, an older format) and a storage that refuses", () => {
    const store = memoryStorage();
    store.setItem("dunning-workbench:call-draft:call-1", "{not json");
    expect(readDraftBackup("call-1", asText, store)).toBeNull();
    store.setItem("dunning-workbench:call-draft:call-1", JSON.stringify({ callId: "call-1", content: 42, editedAt: 1, confirmedAt: 0, baseVersion: 1, inFlight: false }));
    expect(readDraftBackup("call-1", asText, store)).toBeNull();
    const full: Storage = {
      ...memoryStorage(),
      setItem: () => {
        throw new DOMException("full", "QuotaExceededError");
      },
    };
    expect(() => writeDraftBackup("call-1", { content: "x", editedAt: 1, confirmedAt: 0, baseVersion: 1, inFlight: false }, full)).not.toThrow();
    expect(readDraftBackup("call-1", asText, null)).toBeNull();
  });
});
