import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { DraftSaver, isSnapshotNewer, retryDelayMs, type DraftSnapshot, type SaveReply, type SaveStatus } from "./draft-saver";

type Sent = { content: string; version: number; writeId: string };

/**
 * A saver over plain strings against a scripted server that follows the server's rule: a save
 * from the current version commits; a repeat of the last committed write id answers the version
 * it made; anything else is a conflict. Each reply is "ok", "lost" (the request never arrived),
 * "committed-lost" (it committed, the reply was lost) or a refusal.
 */
type Reply = "ok" | "lost" | "committed-lost" | { error: string; fieldErrors?: Record<string, string[]> };
function harness(replies: Reply[], start = { version: 1, content: "" }) {
  const sent: Sent[] = [];
  const statuses: SaveStatus[] = [];
  const kept: Array<DraftSnapshot<string> | null> = [];
  const server = { version: start.version, content: start.content, lastWriteId: null as string | null };
  let ids = 0;
  const saver = new DraftSaver<string>(start.version, start.content, {
    send: async (content, version, writeId) => {
      sent.push({ content, version, writeId });
      const reply = replies.shift() ?? "ok";
      if (reply === "lost") throw new TypeError("Failed to fetch");
      if (typeof reply === "object") return { ok: false, ...reply } satisfies SaveReply;
      if (version === server.version) Object.assign(server, { version: version + 1, content, lastWriteId: writeId });
      else if (!(version === server.version - 1 && writeId === server.lastWriteId)) return { ok: false, error: "conflict" } satisfies SaveReply;
      if (reply === "committed-lost") throw new TypeError("Failed to fetch");
      return { ok: true, data: { version: server.version, savedAt: "2026-11-23T09:41:00.000Z" } } satisfies SaveReply;
    },
    key: (c) => c,
    newWriteId: () => `w${++ids}`,
    onStatus: (st) => statuses.push(st),
    persist: (snapshot) => kept.push(snapshot),
    random: () => 0.5,
  });
  return { saver, sent, statuses, kept, server };
}

describe("retryDelayMs", () => {
  it("doubles from one second up to thirty, with at most 20 % jitter either way", () => {
    expect([1, 2, 3, 4, 5, 6, 7, 12].map((n) => retryDelayMs(n, () => 0.5))).toEqual([1000, 2000, 4000, 8000, 16000, 30000, 30000, 30000]);
    expect(retryDelayMs(1, () => 0)).toBe(800);
    expect(retryDelayMs(1, () => 0.999_999)).toBe(1200);
  });
});

describe("DraftSaver", () => {
  beforeEach(() => vi.useFakeTimers());
  afterEach(() => vi.useRealTimers());

  it("repeats a save whose reply was lost with the same write id and version before sending newer text", async () => {
    const { saver, sent, statuses, server } = harness(["ok", "committed-lost"]);
    saver.update("a");
    expect(await saver.save()).toBe(true);
    saver.update("ab");
    expect(await saver.save()).toBe(false);
    expect(statuses.at(-1)).toEqual({ state: "retrying", lastSavedAt: "2026-11-23T09:41:00.000Z", retryInMs: 1000 });
    // Typing on while the retry waits sends nothing early; the retry carries it afterwards.
    saver.update("abc");
    expect(await saver.save()).toBe(false);
    expect(sent).toHaveLength(2);
    await vi.advanceTimersByTimeAsync(1000);
    expect(sent).toEqual([
      { content: "a", version: 1, writeId: "w1" },
      { content: "ab", version: 2, writeId: "w2" },
      { content: "ab", version: 2, writeId: "w2" },
      { content: "abc", version: 3, writeId: "w3" },
    ]);
    expect(saver.confirmedVersion).toBe(4);
    expect(server).toEqual({ version: 4, content: "abc", lastWriteId: "w3" });
    expect(statuses.at(-1)).toEqual({ state: "saved", savedAt: "2026-11-23T09:41:00.000Z" });
  });

  it("says 'saving' only while a request is in flight, and backs off while replies stay lost", async () => {
    const { saver, sent, statuses } = harness(["lost", "lost", "lost"]);
    saver.update("a");
    await saver.save();
    await vi.advanceTimersByTimeAsync(1000);
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent.map((s) => s.writeId)).toEqual(["w1", "w1", "w1"]);
    expect(statuses.map((s) => s.state)).toEqual(["saving", "retrying", "saving", "retrying", "saving", "retrying"]);
    expect(statuses.at(-1)).toMatchObject({ lastSavedAt: null, retryInMs: 4000 });
    await vi.advanceTimersByTimeAsync(4000);
    expect(statuses.at(-1)?.state).toBe("saved");
  });

  it("keeps unconfirmed text for the tab and forgets it once the server confirmed all of it", async () => {
    const { saver, kept } = harness(["lost"]);
    saver.update("notities");
    expect(kept.at(-1)).toMatchObject({ content: "notities", baseVersion: 1, inFlight: false });
    await saver.save();
    expect(kept.at(-1)).toMatchObject({ content: "notities", baseVersion: 1, inFlight: true });
    await vi.advanceTimersByTimeAsync(1000);
    expect(kept.at(-1)).toBeNull();
  });

  it("a refusal with field errors drops that request; a conflict keeps it and does not retry on its own", async () => {
    const invalid = harness([{ error: "Controleer de gemarkeerde velden.", fieldErrors: { notes: ["Geen opmaak"] } }, "ok"]);
    invalid.saver.update("<b>");
    await invalid.saver.save();
    invalid.saver.update("vet");
    await invalid.saver.save();
    expect(invalid.sent.map((s) => [s.content, s.writeId])).toEqual([["<b>", "w1"], ["vet", "w2"]]);

    const conflict = harness([{ error: "Iemand anders heeft dit intussen gewijzigd." }]);
    conflict.saver.update("a");
    await conflict.saver.save();
    expect(conflict.statuses.at(-1)).toEqual({ state: "error", error: "Iemand anders heeft dit intussen gewijzigd." });
    // The server answered: that save did not commit, so a reload does not put it over the server's draft.
    expect(conflict.kept.at(-1)).toMatchObject({ content: "a", inFlight: false });
    await vi.advanceTimersByTimeAsync(60_000);
    expect(conflict.sent).toHaveLength(1);
  });

  it("settles a lost save before finishing, learns its version, and holds autosaves until released", async () => {
    const { saver, sent } = harness(["committed-lost", "ok"]);
    saver.update("belofte");
    await saver.save();
    const settled = await saver.settleForFinish();
    expect(settled).toEqual({ ok: true, version: 2 });
    expect(sent.map((s) => [s.writeId, s.version])).toEqual([["w1", 1], ["w1", 1]]);
    saver.update("belofte, en meer");
    expect(await saver.save()).toBe(false);
    saver.release();
    expect(await saver.save()).toBe(true);
    expect(sent.at(-1)).toEqual({ content: "belofte, en meer", version: 2, writeId: "w2" });
  });

  it("does not finish while the save cannot be settled, and keeps retrying in the background", async () => {
    const { saver, sent } = harness(["committed-lost", "lost", "ok"]);
    saver.update("a");
    await saver.save();
    expect(await saver.settleForFinish()).toEqual({ ok: false, isLost: true });
    await vi.advanceTimersByTimeAsync(2000);
    expect(sent.map((s) => s.writeId)).toEqual(["w1", "w1", "w1"]);
    expect(saver.confirmedVersion).toBe(2);
  });
});

describe("DraftSaver.start after a reload", () => {
  it("brings back kept text the server lacks and saves it; ignores text a later save of another tab replaced", async () => {
    const restored: string[] = [];
    const sent: Sent[] = [];
    const make = (serverVersion: number) =>
      new DraftSaver<string>(serverVersion, "op de server", {
        send: async (content, version, writeId) => (sent.push({ content, version, writeId }), { ok: true, data: { version: version + 1, savedAt: "2026-11-23T09:41:00.000Z" } }),
        key: (c) => c,
        newWriteId: () => "w-new",
        onStatus: () => {},
        persist: () => {},
        load: () => ({ content: "getypt, niet bevestigd", editedAt: 2000, confirmedAt: 1000, baseVersion: 3, inFlight: true }),
        onRestore: (c) => restored.push(c),
      });
    make(4).start();
    await vi.waitFor(() => expect(sent).toEqual([{ content: "getypt, niet bevestigd", version: 4, writeId: "w-new" }]));
    expect(restored).toEqual(["getypt, niet bevestigd"]);
    make(6).start();
    expect(restored).toHaveLength(1);
  });
});

describe("isSnapshotNewer (restoring kept text after a reload)", () => {
  const kept = { content: "x", editedAt: 2000, confirmedAt: 1000, baseVersion: 3, inFlight: false };
  it("restores text edited after the last confirmed save while the server is still at that version", () => {
    expect(isSnapshotNewer(kept, 3)).toBe(true);
    expect(isSnapshotNewer({ ...kept, editedAt: 900 }, 3)).toBe(false);
  });
  it("restores over our own save whose reply was lost, not over a later save from another tab", () => {
    expect(isSnapshotNewer({ ...kept, inFlight: true }, 4)).toBe(true);
    expect(isSnapshotNewer(kept, 4)).toBe(false);
    expect(isSnapshotNewer({ ...kept, inFlight: true }, 5)).toBe(false);
  });
});
