import type { z } from "zod";
import type { Locale } from "./locale";
import { isMessageKey, translate } from "./translate";

/**
 * zod issues -> translated messages per field. Schemas may give a catalogue key as the message
 * ("validation.required"); other issues get a generic message for their kind.
 */
export function fieldErrorsOf(error: z.ZodError, locale: Locale): Record<string, string[]> {
  const out: Record<string, string[]> = {};
  for (const issue of error.issues) {
    const field = issue.path.length ? issue.path.join(".") : "_form";
    (out[field] ??= []).push(messageOf(issue, locale));
  }
  return out;
}

function messageOf(issue: z.core.$ZodIssue, locale: Locale): string {
  if (isMessageKey(issue.message)) return translate(locale, issue.message);
  if (issue.code === "too_big" && typeof issue.maximum === "number" && issue.origin === "string") {
    return translate(locale, "validation.tooLong", { max: issue.maximum });
  }
  if (issue.code === "too_small" && issue.origin === "string") {
    return issue.minimum === 1
      ? translate(locale, "validation.required")
      : translate(locale, "validation.tooShort", { min: Number(issue.minimum) });
  }
  if (issue.code === "invalid_format" && issue.format === "email") return translate(locale, "validation.email");
  if (issue.code === "invalid_type" && issue.input === undefined) return translate(locale, "validation.required");
  return translate(locale, "validation.invalid");
}
