/**
 * The contract of a fault drill: `scripts/drills/<name>.ts` exports `drill(opts)`, which runs
 * against the fresh database it is given and answers with its figures and whether every figure
 * that must hold did. `npm run drills` runs them; each file also runs on its own with `npx tsx`.
 */
export type DrillResult = { name: string; figures: Record<string, number | string>; ok: boolean; notes?: string[] };

export type DrillOptions = { long: boolean; databaseUrl: string };

export type Drill = (opts: DrillOptions) => Promise<DrillResult>;

/**
 * Figures as a drill collects them. `must` records a figure with the value it has to have; a
 * figure off its mark makes the drill fail and says so in the notes. Names carry the mark
 * ("lost (must be 0)") so the printed table reads on its own.
 */
export class Figures {
  readonly figures: Record<string, number | string> = {};
  readonly notes: string[] = [];
  private failed = false;

  constructor(readonly name: string) {}

  set(label: string, value: number | string): void {
    this.figures[label] = value;
  }

  must(label: string, value: number | string, expected: number | string): void {
    this.figures[`${label} (must be ${expected})`] = value;
    if (value !== expected) this.fail(`${label}: ${value}, must be ${expected}`);
  }

  /** A figure that must stay at or under a bound (e.g. sends per message). */
  atMost(label: string, value: number, bound: number): void {
    this.figures[`${label} (must be <= ${bound})`] = value;
    if (value > bound) this.fail(`${label}: ${value}, must be <= ${bound}`);
  }

  fail(note: string): void {
    this.failed = true;
    this.notes.push(note);
  }

  note(note: string): void {
    this.notes.push(note);
  }

  result(): DrillResult {
    return { name: this.name, figures: this.figures, ok: !this.failed, ...(this.notes.length ? { notes: this.notes } : {}) };
  }
}

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

export function errorText(e: unknown): string {
  if (e instanceof Error) {
    const code = (e as { code?: unknown }).code;
    const last = e.message.trim().split("\n").filter(Boolean).pop() ?? e.name;
    return `${typeof code === "string" ? `${code}: ` : ""}${last}`.slice(0, 300);
  }
  return String(e).slice(0, 300);
}
