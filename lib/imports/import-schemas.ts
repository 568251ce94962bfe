import { z } from "zod";
import { isCalendarDate } from "@/lib/format/calendar-date";
import { issue } from "@/lib/validation/fields";
import { IMPORT_KINDS, SOURCE_NAME } from "./import-fields";
import { TABLE_LIMITS } from "./tabular";

/**
 * The import form as it arrives (FormData: the file and its settings). The size cap is checked
 * before anything reads the file; the mapping travels as JSON { field: header }.
 */
export const ImportFormInput = z.instanceof(FormData).transform((fd, ctx) => {
  const file = fd.get("file");
  if (!(file instanceof File) || file.size === 0) {
    ctx.addIssue(issue("imports.errors.noFile", ["file"]));
    return z.NEVER;
  }
  if (file.size > TABLE_LIMITS.maxBytes) {
    ctx.addIssue(issue("imports.errors.tooLarge", ["file"]));
    return z.NEVER;
  }
  const source = String(fd.get("source") ?? "").trim().toLowerCase();
  if (!SOURCE_NAME.test(source)) {
    ctx.addIssue(issue("imports.errors.source", ["source"]));
    return z.NEVER;
  }
  const kind = String(fd.get("kind") ?? "");
  if (!(IMPORT_KINDS as readonly string[]).includes(kind)) {
    ctx.addIssue(issue("validation.invalid", ["kind"]));
    return z.NEVER;
  }
  const fileDate = String(fd.get("fileDate") ?? "");
  if (fileDate && !isCalendarDate(fileDate)) {
    ctx.addIssue(issue("validation.date", ["fileDate"]));
    return z.NEVER;
  }
  let mapping: Record<string, string> | undefined;
  const rawMapping = fd.get("mapping");
  if (typeof rawMapping === "string" && rawMapping !== "") {
    const parsed = z.record(z.string().max(60), z.string().max(200)).safeParse((() => {
      try {
        return JSON.parse(rawMapping) as unknown;
      } catch {
        return null;
      }
    })());
    if (!parsed.success) {
      ctx.addIssue(issue("validation.invalid", ["mapping"]));
      return z.NEVER;
    }
    mapping = Object.fromEntries(Object.entries(parsed.data).filter(([, header]) => header !== ""));
  }
  return { file, source, kind: kind as (typeof IMPORT_KINDS)[number], fileDate: fileDate || undefined, mapping };
});
export type ImportFormInput = z.infer<typeof ImportFormInput>;
