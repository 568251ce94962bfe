import { translator } from "@/lib/i18n/translate";
import { problem, renderProblem, type ImportMessageKey, type Problem, type ProblemParams } from "./import-problem";

/**
 * Problems in English, for the command line, the log and the import history: the same catalogue
 * text the page shows an English-speaking user.
 */
const t = translator("en");
const count = new Intl.NumberFormat("en-US");

export function inEnglish(p: Problem): string {
  return renderProblem(p, t, (n) => count.format(n));
}

/** A refused value: the problem, and its English words beside it for whoever prints it as is. */
export type Refusal = { ok: false; problem: Problem; message: string };

export function refusal(key: ImportMessageKey, params?: ProblemParams): Refusal {
  const p = problem(key, params);
  return { ok: false, problem: p, message: inEnglish(p) };
}
