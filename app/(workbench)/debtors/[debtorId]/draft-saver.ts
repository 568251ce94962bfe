/**
 * The call draft's save chain, without React (the hook in use-call-draft.ts drives it, the unit
 * test drives it with fakes). One save at a time, each from the version the previous reply
 * returned. A save keeps its write id until a reply arrives: when the reply is lost (network
 * error, timeout) the very same request is repeated with backoff, because the server may have
 * committed it; the server recognises the repeat as the same writer and answers with the version
 * it produced. Only then does newer content go out, from that version.
 */
export type SaveReply = { ok: true; data: { version: number; savedAt: string } } | { ok: false; error: string; fieldErrors?: Record<string, string[]> };

/** The truth about the draft on the server, for the indicator. */
export type SaveStatus =
  | { state: "idle" }
  /** a request is in flight */
  | { state: "saving" }
  | { state: "saved"; savedAt: string }
  /** the last request got no reply; it is repeated after `retryInMs` */
  | { state: "retrying"; lastSavedAt: string | null; retryInMs: number }
  /** the server refused (a conflict, invalid input, ...): its message */
  | { state: "error"; error: string; fieldErrors?: Record<string, string[]> };

/** What the tab keeps so a reload loses nothing (see draft-backup.ts). Times are the client's clock. */
export type DraftSnapshot<C> = { content: C; editedAt: number; confirmedAt: number; baseVersion: number; inFlight: boolean };

export type SaverDeps<C> = {
  /** One request; throws (or never answers) when the reply is lost. */
  send: (content: C, version: number, writeId: string) => Promise<SaveReply>;
  /** Equal keys = equal content (nothing to save). */
  key: (content: C) => string;
  newWriteId: () => string;
  onStatus: (status: SaveStatus) => void;
  /** Keep (or, with null, forget) what the server has not confirmed. */
  persist: (snapshot: DraftSnapshot<C> | null) => void;
  /** What an earlier page of this tab kept (read on start), and where restored content goes. */
  load?: () => DraftSnapshot<C> | null;
  onRestore?: (content: C) => void;
  now?: () => number;
  random?: () => number;
  /** A reply slower than this counts as lost (the request may still commit: the repeat is safe). */
  timeoutMs?: number;
};

type Pending<C> = { writeId: string; version: number; content: C };
/** How one request ended: confirmed, no reply, or refused with the server's message. */
type Outcome = { ok: true } | { ok: false; isLost: true } | { ok: false; isLost: false; error: string };
/** Settling before a finish: the version to finish from, or why not. */
export type Settled = { ok: true; version: number } | { ok: false; isLost: true } | { ok: false; isLost: false; error: string };

const FIRST_RETRY_MS = 1_000;
const MAX_RETRY_MS = 30_000;

/**
 * Whether kept text is newer than the server's draft at `serverVersion`: it was edited after the
 * tab's last confirmed save (both instants on the tab's clock, so no clock skew), and the server
 * holds nothing the tab did not send: the version it confirmed, or one more when a save of its
 * own was in flight (reply lost; the kept text includes what that save carried). A draft that
 * moved further was saved later by another tab: it is not overwritten silently.
 */
export function isSnapshotNewer(snapshot: DraftSnapshot<unknown>, serverVersion: number): boolean {
  if (snapshot.editedAt <= snapshot.confirmedAt) return false;
  return serverVersion === snapshot.baseVersion || (snapshot.inFlight && serverVersion === snapshot.baseVersion + 1);
}

/** Backoff after `failures` lost replies in a row: 1 s, 2 s, 4 s, ... at most 30 s, +-20 % jitter. */
export function retryDelayMs(failures: number, random: () => number = Math.random): number {
  const base = Math.min(MAX_RETRY_MS, FIRST_RETRY_MS * 2 ** Math.max(0, failures - 1));
  return Math.round(base * (0.8 + 0.4 * random()));
}

class LostReply extends Error {}

export class DraftSaver<C> {
  private version: number;
  private confirmedKey: string;
  private latest: C;
  private pending: Pending<C> | null = null;
  /** The server answered the pending request with a refusal: it did not commit it. */
  private isPendingRefused = false;
  private chain: Promise<Outcome> = Promise.resolve({ ok: true });
  private retryTimer: ReturnType<typeof setTimeout> | null = null;
  private failures = 0;
  private isHeld = false;
  private isStopped = false;
  private editedAt = 0;
  private confirmedAt = 0;
  private lastSavedAt: string | null = null;

  /** `content` is what the server holds at `version`. */
  constructor(
    version: number,
    content: C,
    private readonly deps: SaverDeps<C>,
  ) {
    this.version = version;
    this.latest = content;
    this.confirmedKey = deps.key(content);
  }

  /** The version the server confirmed last (a finish starts from it). */
  get confirmedVersion(): number {
    return this.version;
  }

  /** The form changed: remember it (and keep it in the tab) until the server confirms it. */
  update(content: C): void {
    if (this.deps.key(content) === this.deps.key(this.latest)) return;
    this.latest = content;
    this.editedAt = this.now();
    this.persist();
  }

  /**
   * Sends what the server has not confirmed. While a retry is waiting, an autosave leaves it to
   * that retry (which carries the newest content too); `now` (tab hidden, back online) goes at once.
   */
  async save(opts: { now?: boolean } = {}): Promise<boolean> {
    if (this.isStopped || this.isHeld) return false;
    if (this.retryTimer !== null) {
      if (!opts.now) return false;
      this.clearRetry();
    }
    this.chain = this.chain.then(() => this.pass());
    return (await this.chain).ok;
  }

  /**
   * Before finishing: autosaves stop, and a save whose reply was lost is repeated now (same write
   * id) to learn its version. When that repeat gets no reply either (or is refused), autosaves
   * resume and a lost one is retried in the background.
   */
  async settleForFinish(): Promise<Settled> {
    this.isHeld = true;
    this.clearRetry();
    this.chain = this.chain.then((): Promise<Outcome> | Outcome => (this.pending ? this.attempt(this.pending) : { ok: true }));
    const outcome = await this.chain;
    if (outcome.ok) return { ok: true, version: this.version };
    this.isHeld = false;
    return outcome;
  }

  /** The finish was refused: autosaves resume. (After a lost finish reply stay held: the retry repeats the finish.) */
  release(): void {
    this.isHeld = false;
  }

  /** The call is recorded: nothing left to keep. */
  finished(): void {
    this.stop();
    this.deps.persist(null);
  }

  /** Starts (again) on screen: text an earlier page kept and the server lacks comes back and is saved. */
  start(): void {
    this.isStopped = false;
    const kept = this.deps.load?.();
    if (!kept || !isSnapshotNewer(kept, this.version)) return;
    this.latest = kept.content;
    this.editedAt = this.now();
    this.deps.onRestore?.(kept.content);
    void this.save({ now: true });
  }

  stop(): void {
    this.isStopped = true;
    this.clearRetry();
  }

  private async pass(): Promise<Outcome> {
    if (this.isStopped) return { ok: false, isLost: true };
    if (this.pending) {
      const repeated = await this.attempt(this.pending);
      if (!repeated.ok) return repeated;
    }
    // Content typed while a request was in flight goes next (a few rounds at most per pass).
    for (let round = 0; round < 5 && !this.isHeld && this.isDirty(); round++) {
      this.pending = { writeId: this.deps.newWriteId(), version: this.version, content: this.latest };
      const sent = await this.attempt(this.pending);
      if (!sent.ok) return sent;
    }
    return { ok: true };
  }

  private async attempt(request: Pending<C>): Promise<Outcome> {
    this.isPendingRefused = false; // sent again: it may commit this time
    this.deps.onStatus({ state: "saving" });
    let reply: SaveReply | null;
    try {
      reply = await this.withTimeout(this.deps.send(request.content, request.version, request.writeId));
    } catch {
      reply = null;
    }
    if (!reply) {
      this.failures++;
      const retryInMs = retryDelayMs(this.failures, this.deps.random);
      this.clearRetry();
      if (!this.isStopped) {
        this.retryTimer = setTimeout(() => {
          this.retryTimer = null;
          void this.save();
        }, retryInMs);
      }
      this.deps.onStatus({ state: "retrying", lastSavedAt: this.lastSavedAt, retryInMs });
      this.persist();
      return { ok: false, isLost: true };
    }
    this.failures = 0;
    if (reply.ok) {
      this.pending = null;
      this.version = reply.data.version;
      this.confirmedKey = this.deps.key(request.content);
      this.confirmedAt = this.now();
      this.lastSavedAt = reply.data.savedAt;
      this.deps.onStatus({ state: "saved", savedAt: reply.data.savedAt });
      this.persist();
      return { ok: true };
    }
    // Refused as sent (invalid): the next edit sends new content. Any other refusal (a conflict,
    // the database away) may have followed a commit we did not hear of: the same write id goes
    // again first, which is safe either way.
    if (reply.fieldErrors) this.pending = null;
    this.isPendingRefused = true;
    this.deps.onStatus({ state: "error", error: reply.error, ...(reply.fieldErrors ? { fieldErrors: reply.fieldErrors } : {}) });
    this.persist();
    return { ok: false, isLost: false, error: reply.error };
  }

  private isDirty(): boolean {
    return this.deps.key(this.latest) !== this.confirmedKey;
  }

  private persist(): void {
    const hasUnconfirmed = this.pending !== null || this.isDirty();
    const inFlight = this.pending !== null && !this.isPendingRefused;
    this.deps.persist(hasUnconfirmed ? { content: this.latest, editedAt: this.editedAt, confirmedAt: this.confirmedAt, baseVersion: this.version, inFlight } : null);
  }

  private withTimeout<T>(p: Promise<T>): Promise<T> {
    const ms = this.deps.timeoutMs ?? 20_000;
    let timer: ReturnType<typeof setTimeout> | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new LostReply("no reply")), ms);
    });
    return Promise.race([p, timeout]).finally(() => clearTimeout(timer));
  }

  private clearRetry(): void {
    if (this.retryTimer !== null) clearTimeout(this.retryTimer);
    this.retryTimer = null;
  }

  private now(): number {
    return (this.deps.now ?? Date.now)();
  }
}
