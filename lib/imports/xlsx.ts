import { problem, type Problem } from "./import-problem";
import { checkHeaderNames, columnLetter, ErrorList, failure, type TableResult, type TableRow } from "./tabular-rows";
import { excelSerialToDate } from "./values-date";
import { dateStyles, STYLE_LISTS } from "./xlsx-styles";
import { attr, child, childList, contentOf, decodeOoxmlEscapes, elementsOf, parseXmlPart, readXmlText, textOf, XmlPartParser, type XmlNode } from "./xlsx-xml";
import { refuse, WorkbookRefusal, ZIP_LIMITS, ZipArchive, type ZipLimits } from "./xlsx-zip";

/**
 * The first worksheet of an .xlsx workbook (in the order of the workbook's tabs; hidden sheets
 * and chart sheets are passed over) as text cells: shared and inline strings as written, numbers
 * exactly as stored, booleans as TRUE/FALSE, date-formatted numbers as "YYYY-MM-DD". The first
 * non-empty row is the header; `rowNo` is the row number Excel shows.
 */

/** Far more than any export has, and it keeps a stray cell in column XFD from costing 16,384 cells per row. */
export const MAX_COLUMNS = 1_000;
const MAX_EXCEL_COLUMNS = 16_384;

export function readXlsx(bytes: Uint8Array, maxRows: number, limits: ZipLimits = ZIP_LIMITS): TableResult {
  try {
    return readWorkbook(new ZipArchive(bytes, limits), maxRows);
  } catch (e) {
    if (e instanceof WorkbookRefusal) return failure(0, e.problem);
    throw e;
  }
}

type Rel = { type: string; target: string };

function readWorkbook(zip: ZipArchive, maxRows: number): TableResult {
  const workbookPath = [...readRels(zip, "_rels/.rels", "").values()].find((r) => r.type.endsWith("/officeDocument"))?.target ?? "xl/workbook.xml";
  const workbookBytes = zip.read(workbookPath);
  if (!workbookBytes) return failure(0, notAWorkbook(zip));
  const workbook = child(parseXmlPart(workbookBytes, workbookPath, new Set(["sheet"])), "workbook");
  const date1904 = ["1", "true"].includes(attr(child(workbook, "workbookPr"), "date1904") ?? "");
  const rels = readRels(zip, relsPathOf(workbookPath), dirOf(workbookPath));

  const sheets = childList(child(workbook, "sheets"), "sheet");
  const chosen = sheets
    .map((s) => ({ name: attr(s, "name") ?? "", state: attr(s, "state") ?? "visible", rel: rels.get(attr(s, "id") ?? "") }))
    .find((s) => s.state === "visible" && s.rel?.type.endsWith("/worksheet") && zip.has(s.rel.target));
  // A workbook without relationships still names its first sheet this way.
  const sheetPath = chosen?.rel?.target ?? (zip.has("xl/worksheets/sheet1.xml") ? "xl/worksheets/sheet1.xml" : null);
  if (!sheetPath) return failure(0, problem("imports.error.noSheet"));
  const sheetName = chosen?.name ?? attr(sheets[0] ?? {}, "name") ?? "Sheet1";

  const strings = readSharedStrings(zip, targetOf(rels, "/sharedStrings") ?? "xl/sharedStrings.xml");
  const stylesPath = targetOf(rels, "/styles") ?? "xl/styles.xml";
  const stylesBytes = zip.read(stylesPath);
  const isDateStyle = stylesBytes ? dateStyles(parseXmlPart(stylesBytes, stylesPath, STYLE_LISTS)) : [];

  const sheetText = readXmlText(zip.read(sheetPath)!, sheetPath);
  const [from, to] = contentOf(sheetText, sheetPath, "sheetData");
  const rowParser = new XmlPartParser(sheetPath, new Set(["c", "r"]));
  const rowNodes = (function* () {
    if (from >= 0) for (const xml of elementsOf(sheetText, sheetPath, "row", from, to)) yield child(rowParser.parse(xml), "row");
  })();
  const notes = sheets.length > 1 ? [`read the sheet "${sheetName}"; the workbook's other ${sheets.length - 1} ${sheets.length === 2 ? "sheet was" : "sheets were"} ignored`] : [];
  const context: CellContext = { strings, isDateStyle, date1904 };
  return tableOf(rowNodes, context, sheetName, notes, maxRows);
}

type CellContext = { strings: string[]; isDateStyle: boolean[]; date1904: boolean };

function tableOf(rowNodes: Iterable<XmlNode>, context: CellContext, sheetName: string, notes: string[], maxRows: number): TableResult {
  const errors = new ErrorList();
  let header: TableRow | null = null;
  let headers: string[] = [];
  const rows: TableRow[] = [];
  let previousRowNo = 0;
  for (const rowNode of rowNodes) {
    const rowNo = Number(attr(rowNode, "r") ?? previousRowNo + 1);
    if (!Number.isInteger(rowNo) || rowNo <= previousRowNo) throw refuse("imports.error.sheetRowOrder", { row: String(attr(rowNode, "r")) });
    previousRowNo = rowNo;
    const values = readRow(rowNode, rowNo, context);
    if (values.length === 0) continue;
    if (!header) {
      const width = values[values.length - 1]!.col + 1;
      if (width > MAX_COLUMNS) return failure(rowNo, problem("imports.error.tooManyColumns", { row: String(rowNo), letter: columnLetter(width - 1), count: width, limit: MAX_COLUMNS }));
      header = { rowNo, cells: spread(values, width) };
      headers = checkHeaderNames(header.cells, rowNo, errors);
      continue;
    }
    if (rows.length === maxRows) return failure(0, problem("imports.error.sheetTooManyRows", { limit: maxRows }));
    const outside = values.find((v) => v.col >= headers.length);
    if (outside) {
      const letter = columnLetter(outside.col);
      errors.add(rowNo, problem("imports.error.cellOutside", { row: String(rowNo), letter, cell: `${letter}${rowNo}`, last: columnLetter(headers.length - 1) }));
    }
    rows.push({ rowNo, cells: spread(values, headers.length) });
  }
  if (!header) return failure(0, problem("imports.error.sheetEmpty", { sheet: sheetName }));
  if (!errors.isEmpty) return { ok: false, errors: errors.toArray() };
  return { ok: true, table: { format: "xlsx", sheet: sheetName, headers, rows, notes } };
}

type CellValue = { col: number; text: string };

/** The row's non-empty cells, in column order. */
function readRow(rowNode: XmlNode, rowNo: number, context: CellContext): CellValue[] {
  const out: CellValue[] = [];
  let previousCol = -1;
  for (const c of childList(rowNode, "c")) {
    const ref = attr(c, "r");
    const col = ref === undefined ? previousCol + 1 : columnOf(ref);
    if (col < 0 || col >= MAX_EXCEL_COLUMNS || col <= previousCol) throw refuse("imports.error.sheetCell", { cell: ref ?? "?", row: String(rowNo) });
    previousCol = col;
    const text = cellText(c, ref ?? `${columnLetter(col)}${rowNo}`, context);
    if (text.trim() !== "") out.push({ col, text });
  }
  return out;
}

function spread(values: CellValue[], width: number): string[] {
  const cells = new Array<string>(width).fill("");
  for (const v of values) if (v.col < width) cells[v.col] = v.text;
  return cells;
}

/** "AB12" -> 27. */
function columnOf(ref: string): number {
  const m = /^\$?([A-Za-z]{1,3})\$?\d*$/.exec(ref);
  if (!m) return -1;
  let n = 0;
  for (const ch of m[1]!.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

function cellText(c: XmlNode, ref: string, context: CellContext): string {
  const type = attr(c, "t") ?? "n";
  const v = textOf(childList(c, "v")[0]);
  switch (type) {
    case "s": {
      const index = Number(v);
      const text = Number.isInteger(index) ? context.strings[index] : undefined;
      if (text === undefined) throw refuse("imports.error.sheetString", { cell: ref, index: v, count: String(context.strings.length) });
      return text;
    }
    case "inlineStr":
      return richText(child(c, "is"));
    case "str":
      return decodeOoxmlEscapes(v);
    case "b":
      return v === "1" ? "TRUE" : v === "0" ? "FALSE" : v;
    case "d":
      return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
    case "e":
      return v;
    default: {
      const style = Number(attr(c, "s") ?? "0");
      if (v !== "" && context.isDateStyle[style]) return excelSerialToDate(Number(v), context.date1904) ?? v;
      return v;
    }
  }
}

/** Plain (<t>) or rich text (<r><t>); phonetic runs (<rPh>) are not part of the value. */
function richText(node: XmlNode): string {
  let text = textOf(childList(node, "t")[0]);
  for (const run of childList(node, "r")) text += textOf(childList(run, "t")[0]);
  return decodeOoxmlEscapes(text);
}

function readSharedStrings(zip: ZipArchive, path: string): string[] {
  const bytes = zip.read(path);
  if (!bytes) return [];
  const text = readXmlText(bytes, path);
  const parser = new XmlPartParser(path, new Set(["r"]));
  const strings: string[] = [];
  for (const xml of elementsOf(text, path, "si")) strings.push(richText(child(parser.parse(xml), "si")));
  return strings;
}

function readRels(zip: ZipArchive, path: string, baseDir: string): Map<string, Rel> {
  const bytes = zip.read(path);
  const out = new Map<string, Rel>();
  if (!bytes) return out;
  const root = child(parseXmlPart(bytes, path, new Set(["Relationship"])), "Relationships");
  for (const rel of childList(root, "Relationship")) {
    const id = attr(rel, "Id");
    const target = attr(rel, "Target");
    if (!id || !target || attr(rel, "TargetMode") === "External") continue;
    out.set(id, { type: attr(rel, "Type") ?? "", target: resolvePath(baseDir, target) });
  }
  return out;
}

function targetOf(rels: Map<string, Rel>, typeSuffix: string): string | undefined {
  return [...rels.values()].find((r) => r.type.endsWith(typeSuffix))?.target;
}

function dirOf(path: string): string {
  return path.slice(0, path.lastIndexOf("/") + 1);
}

function relsPathOf(part: string): string {
  return `${dirOf(part)}_rels/${part.slice(part.lastIndexOf("/") + 1)}.rels`;
}

function resolvePath(baseDir: string, target: string): string {
  const parts: string[] = [];
  for (const seg of (target.startsWith("/") ? target.slice(1) : baseDir + target).split("/")) {
    if (seg === "..") parts.pop();
    else if (seg !== "." && seg !== "") parts.push(seg);
  }
  return parts.join("/");
}

function notAWorkbook(zip: ZipArchive): Problem {
  if (zip.has("xl/workbook.bin")) return problem("imports.error.xlsb");
  const mimetype = zip.has("mimetype") ? new TextDecoder().decode(zip.read("mimetype") ?? new Uint8Array()) : "";
  if (mimetype.startsWith("application/vnd.oasis.opendocument")) return problem("imports.error.ods");
  if (zip.has("word/document.xml")) return problem("imports.error.word");
  return problem("imports.error.zipNotWorkbook");
}
