import { attr, child, childList, type XmlNode } from "./xlsx-xml";

/**
 * Which cell styles show a number as a date. Excel stores a date as a plain serial number; only
 * the cell's number format says it is one. Built-in formats 14-22 and 45-47 are dates and times;
 * a custom format is one when it has d, m, y or h outside quoted text, [brackets] and escapes.
 */

const BUILT_IN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

export const STYLE_LISTS: ReadonlySet<string> = new Set(["numFmt", "xf"]);

/** For each cellXfs index (a cell's `s`), whether the style formats numbers as dates. */
export function dateStyles(styles: XmlNode): boolean[] {
  const root = child(styles, "styleSheet");
  const custom = new Map<number, string>();
  for (const fmt of childList(child(root, "numFmts"), "numFmt")) {
    const id = Number(attr(fmt, "numFmtId"));
    const code = attr(fmt, "formatCode");
    if (Number.isInteger(id) && code !== undefined) custom.set(id, code);
  }
  return childList(child(root, "cellXfs"), "xf").map((xf) => {
    const id = Number(attr(xf, "numFmtId") ?? "0");
    const code = custom.get(id);
    return code !== undefined ? isDateFormatCode(code) : BUILT_IN_DATE_FORMATS.has(id);
  });
}

export function isDateFormatCode(code: string): boolean {
  const bare = code
    .replace(/"[^"]*"/g, "")
    .replace(/\[[^\]]*\]/g, "")
    // \x shows x literally; _x leaves x's width blank; *x repeats x to fill the cell.
    .replace(/[\\_*]./g, "");
  return /[dmyh]/i.test(bare);
}
