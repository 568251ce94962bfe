import type { MessageKey } from "@/lib/i18n/translate";

/**
 * What is wrong with an import file, as a catalogue key and its parameters, so the page shows it
 * in the user's language and the command line in English. A parameter may itself be a problem (a
 * cell's reason inside "column: reason"); it is put into words first. Only types here: the import
 * form renders these in the browser with the catalogue it already has.
 */
export type ImportMessageKey = Extract<MessageKey, `imports.${string}`>;
export type ProblemParams = { [name: string]: string | number | Problem };
export type Problem = { key: ImportMessageKey; params?: ProblemParams };

export function problem(key: ImportMessageKey, params?: ProblemParams): Problem {
  return params ? { key, params } : { key };
}

type Translate = (key: MessageKey, params?: Record<string, string | number>) => string;

/**
 * The problem in words. Numbers are counts and limits, written in the reader's way ("250.000" in
 * Dutch); what must stay as written (a year, a value from the file) is passed as text.
 */
export function renderProblem(p: Problem, t: Translate, formatNumber: (n: number) => string = String): string {
  if (!p.params) return t(p.key);
  const flat: Record<string, string> = {};
  for (const [name, value] of Object.entries(p.params)) {
    flat[name] = typeof value === "object" ? renderProblem(value, t, formatNumber) : typeof value === "number" ? formatNumber(value) : value;
  }
  return t(p.key, flat);
}
