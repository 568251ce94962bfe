/**
 * Tone checks for what goes to a debtor: they warn, never block. Avoid "moeten"/"must" (propose
 * and agree instead), "waarom"/"why" (puts people on the defence), and questions that hand the
 * debtor an excuse ("didn't you receive the invoice?").
 */
export type ToneCode = "must" | "why" | "excuse_question";
export type ToneWarning = { code: ToneCode; match: string; index: number };

// \p{L} word boundaries: JavaScript's \b does not know letters like "é".
const word = (w: string) => `(?<![\\p{L}\\d])${w}(?![\\p{L}\\d])`;

const RULES: Record<"nl" | "en", Array<{ code: ToneCode; pattern: RegExp }>> = {
  nl: [
    { code: "must", pattern: new RegExp(word("(?:moet|moeten|moest|moesten|dient te|dienen te)"), "giu") },
    { code: "why", pattern: new RegExp(word("waarom"), "giu") },
    {
      code: "excuse_question",
      pattern:
        /[^.!?\n]*(?:niet ontvangen|kwijt|iets mis|niet in orde|niet goed|krap|geen geld|vergeten|op vakantie|niet tevreden|klacht)[^.!?\n]*\?/giu,
    },
  ],
  en: [
    { code: "must", pattern: new RegExp(word("(?:must|have to|has to|need to|needs to)"), "giu") },
    { code: "why", pattern: new RegExp(word("why"), "giu") },
    {
      code: "excuse_question",
      pattern: /[^.!?\n]*(?:(?:n['’]t|not)\s+(?:you\s+|we\s+)?receiv|lost|problem with|anything wrong|short of|no money|forgot|on holiday|not happy|complaint)[^.!?\n]*\?/giu,
    },
  ],
};

export function checkTone(text: string, language: "nl" | "en"): ToneWarning[] {
  const warnings: ToneWarning[] = [];
  for (const rule of RULES[language]) {
    for (const m of text.matchAll(rule.pattern)) {
      const leading = m[0].length - m[0].trimStart().length;
      warnings.push({ code: rule.code, match: m[0].trim(), index: (m.index ?? 0) + leading });
    }
  }
  return warnings.sort((a, b) => a.index - b.index);
}
