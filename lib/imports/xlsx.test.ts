import { describe, expect, it } from "vitest";
import type { TableResult } from "./tabular-rows";
import { readXlsx } from "./xlsx";
import { isDateFormatCode } from "./xlsx-styles";
import { buildXlsx, buildZip } from "./xlsx-test-fixtures";

const NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"';
const REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships";

function table(result: TableResult) {
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result.errors)}`);
  return result.table;
}

function message(result: TableResult): string {
  if (result.ok) throw new Error("expected an error, got a table");
  return result.errors.map((e) => e.message).join(" | ");
}

const inline = (ref: string, text: string) => `<c r="${ref}" t="inlineStr"><is><t>${text}</t></is></c>`;

const STYLES = `<?xml version="1.0" encoding="UTF-8"?><styleSheet ${NS}>
  <numFmts count="3">
    <numFmt numFmtId="164" formatCode="dd/mm/yyyy"/>
    <numFmt numFmtId="165" formatCode="#,##0.00&quot; EUR&quot;"/>
    <numFmt numFmtId="166" formatCode="[$-413]d\\ mmmm\\ yyyy;@"/>
  </numFmts>
  <cellXfs count="6"><xf numFmtId="0"/><xf numFmtId="14" applyNumberFormat="1"/><xf numFmtId="164"/><xf numFmtId="165"/><xf numFmtId="166"/><xf numFmtId="4"/></cellXfs>
</styleSheet>`;

const SHARED = [
  "<si><t>Klant</t></si>",
  "<si><t>Factuurdatum</t></si>",
  "<si><t>Bedrag</t></si>",
  '<si><r><rPr><b/></rPr><t>Jansen </t></r><r><t xml:space="preserve">&amp; Zn</t></r><rPh sb="0" eb="1"><t>x</t></rPh></si>',
  "<si><t>Vervaldatum</t></si>",
  "<si><t>Betaald</t></si>",
].join("");

const SHEET = [
  `<row r="1">${inline("A1", "")}</row>`,
  `<row r="2"><c r="A2" t="s"><v>0</v></c><c r="B2" t="s"><v>1</v></c><c r="C2" t="s"><v>2</v></c><c r="D2" t="s"><v>4</v></c><c r="E2" t="s"><v>5</v></c>${inline("F2", "Notitie")}</row>`,
  '<row r="3"><c r="A3" t="s"><v>3</v></c><c r="B3" s="1"><v>46022</v></c><c r="C3" s="3"><v>1234.5600000000001</v></c><c r="D3" s="2"><v>46387</v></c><c r="E3" t="b"><v>1</v></c></row>',
  `<row r="5">${inline("A5", "Café &lt;B.V.&gt;")}<c r="B5" s="4"><v>46100.75</v></c><c r="C5" s="5"><v>-12</v></c><c r="D5" t="str"><f>A5</f><v>x</v></c><c r="E5" t="b"><v>0</v></c><c r="F5" t="e"><v>#N/A</v></c></row>`,
  '<row r="6"><c t="inlineStr"><is><t>Zonder ref</t></is></c><c><v>7</v></c></row>',
].join("\n");

describe("readXlsx: a real workbook", () => {
  it("reads shared, rich and inline strings, numbers as stored, booleans and date-formatted cells", () => {
    const t = table(readXlsx(buildXlsx({ sheets: [{ name: "Open posten", sheetData: SHEET }], sharedStringsXml: SHARED, styles: STYLES }), 250_000));
    expect(t).toMatchObject({ format: "xlsx", sheet: "Open posten", notes: [] });
    expect(t.headers).toEqual(["Klant", "Factuurdatum", "Bedrag", "Vervaldatum", "Betaald", "Notitie"]);
    expect(t.rows).toEqual([
      // 46022 with built-in format 14; 1234.56 with a custom non-date format stays as stored; 46387 with "dd/mm/yyyy".
      { rowNo: 3, cells: ["Jansen & Zn", "2025-12-31", "1234.5600000000001", "2026-12-31", "TRUE", ""] },
      // A date with a time of day keeps the date; "[$-413]d mmmm yyyy" is a date format too.
      { rowNo: 5, cells: ["Café <B.V.>", "2026-03-19", "-12", "x", "FALSE", "#N/A"] },
      { rowNo: 6, cells: ["Zonder ref", "7", "", "", "", ""] },
    ]);
  });

  it("maps cell references like AB12 to their column", () => {
    const names = Array.from({ length: 28 }, (_, i) => inline(`${i < 26 ? String.fromCharCode(65 + i) : `A${String.fromCharCode(65 + i - 26)}`}1`, `K${i + 1}`));
    const t = table(readXlsx(buildXlsx({ sheets: [{ name: "S", sheetData: `<row r="1">${names.join("")}</row><row r="12"><c r="AB12"><v>42</v></c></row>` }] }), 10));
    expect(t.headers).toHaveLength(28);
    expect(t.rows[0]!.rowNo).toBe(12);
    expect(t.rows[0]!.cells[27]).toBe("42");
    expect(t.rows[0]!.cells.slice(0, 27).every((c) => c === "")).toBe(true);
  });

  it("reads the first visible worksheet in the workbook's tab order", () => {
    const rels = `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">
      <Relationship Id="rId1" Type="${REL}/worksheet" Target="worksheets/sheet3.xml"/>
      <Relationship Id="rId2" Type="${REL}/worksheet" Target="worksheets/sheet2.xml"/>
      <Relationship Id="rId3" Type="${REL}/worksheet" Target="worksheets/sheet1.xml"/></Relationships>`;
    const bytes = buildXlsx({
      sheets: [
        { name: "Verborgen", sheetData: `<row r="1">${inline("A1", "third")}${inline("B1", "file")}</row>`, state: "hidden" },
        { name: "Debiteuren", sheetData: `<row r="1">${inline("A1", "second")}${inline("B1", "file")}</row>` },
        { name: "Blad3", sheetData: `<row r="1">${inline("A1", "first")}${inline("B1", "file")}</row>` },
      ],
      override: { "xl/_rels/workbook.xml.rels": rels },
    });
    const t = table(readXlsx(bytes, 10));
    expect(t.sheet).toBe("Debiteuren");
    expect(t.headers).toEqual(["second", "file"]);
    expect(t.notes).toEqual(['read the sheet "Debiteuren"; the workbook\'s other 2 sheets were ignored']);
  });

  it("reads sheets written with a namespace prefix and attributes holding '>'", () => {
    const xml = `<?xml version="1.0"?><x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>
      <x:row r="1" spans="1:2" note="a>b"><x:c r="A1" t="inlineStr"><x:is><x:t>Klant</x:t></x:is></x:c><x:c r="B1" t="inlineStr"><x:is><x:t>Saldo</x:t></x:is></x:c></x:row>
      <x:row r="2"/>
      <x:row r="3"><x:c r="A3"><x:v>1</x:v></x:c><x:c r="B3"><x:v>2.5</x:v></x:c></x:row>
    </x:sheetData></x:worksheet>`;
    const t = table(readXlsx(buildXlsx({ sheets: [{ name: "S", sheetData: "" }], override: { "xl/worksheets/sheet1.xml": xml } }), 10));
    expect(t.headers).toEqual(["Klant", "Saldo"]);
    expect(t.rows).toEqual([{ rowNo: 3, cells: ["1", "2.5"] }]);
  });

  it("honours the 1904 date system", () => {
    const styles = `<styleSheet ${NS}><cellXfs><xf numFmtId="0"/><xf numFmtId="14"/></cellXfs></styleSheet>`;
    const sheetData = `<row r="1">${inline("A1", "Datum")}${inline("B1", "Nr")}</row><row r="2"><c r="A2" s="1"><v>0</v></c><c r="B2"><v>1</v></c></row><row r="3"><c r="A3" s="1"><v>366</v></c><c r="B3"><v>2</v></c></row>`;
    const t = table(readXlsx(buildXlsx({ sheets: [{ name: "S", sheetData }], styles, date1904: true }), 10));
    expect(t.rows.map((r) => r.cells[0])).toEqual(["1904-01-01", "1905-01-01"]);
  });

  it("treats a value right of the last header column as an error", () => {
    const sheetData = `<row r="1">${inline("A1", "Klant")}${inline("B1", "Saldo")}</row><row r="2"><c r="A2"><v>1</v></c><c r="D2"><v>9</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>`;
    expect(readXlsx(buildXlsx({ sheets: [{ name: "S", sheetData }] }), 10)).toEqual({
      ok: false,
      errors: [
        {
          row: 2,
          message: "row 2 has a value in column D (cell D2), right of the last header column (B)",
          problem: { key: "imports.error.cellOutside", params: { row: "2", letter: "D", cell: "D2", last: "B" } },
        },
      ],
    });
  });

  it("checks header names and the row limit like a CSV", () => {
    const header = `<row r="1">${inline("A1", "Klant")}${inline("C1", "klant")}</row>`;
    expect(message(readXlsx(buildXlsx({ sheets: [{ name: "S", sheetData: header }] }), 10))).toBe(
      'column 2 (B) of the header in row 1 has no name | the header in row 1 has "klant" twice (columns 1 and 3)',
    );
    const rows = `<row r="1">${inline("A1", "a")}${inline("B1", "b")}</row><row r="2"><c r="A2"><v>1</v></c></row><row r="3"><c r="A3"><v>2</v></c></row>`;
    expect(message(readXlsx(buildXlsx({ sheets: [{ name: "S", sheetData: rows }] }), 1))).toBe("the sheet has more than 1 rows; the limit is 1");
    expect(message(readXlsx(buildXlsx({ sheets: [{ name: "Leeg", sheetData: "" }] }), 1))).toBe('the sheet "Leeg" is empty');
  });

  it("recognises date formats by their tokens outside quotes and brackets", () => {
    expect(["dd-mm-yyyy", "d/m/yy", "mmm yyyy", "[$-413]d mmmm yyyy", "yyyy-mm-dd hh:mm", "h:mm"].map(isDateFormatCode)).toEqual([true, true, true, true, true, true]);
    expect(['#,##0.00 "EUR"', "[Red]#,##0.00", "0.00%", "@", "General", '"dag"\\ 0', "#,##0_);(#,##0)"].map(isDateFormatCode)).toEqual([false, false, false, false, false, false, false]);
  });
});

describe("readXlsx: hostile and broken files", () => {
  const sheet = (xml: string) => ({ name: "xl/worksheets/sheet1.xml", data: xml });

  it("refuses an entry that declares a huge size before inflating anything", () => {
    const bytes = buildZip([sheet("<worksheet/>")].map((e) => ({ ...e, declaredSize: 2_000_000_000 })));
    expect(message(readXlsx(bytes, 10))).toBe("the workbook unpacks to more than 100 MB; the limit is 100 MB");
  });

  it("refuses an entry compressed more than 200 to 1 (a zip bomb)", () => {
    const payload = `<worksheet><sheetData>${" ".repeat(5_000_000)}</sheetData></worksheet>`;
    expect(message(readXlsx(buildZip([sheet(payload)]), 10))).toMatch(/"xl\/worksheets\/sheet1\.xml" in the workbook is compressed more than 200 to 1/);
  });

  it("stops inflating an entry at its declared size", () => {
    const data = Array.from({ length: 2_000 }, (_, i) => `<c r="A${i}"><v>${(i * 7919) % 10007}</v></c>`).join("");
    const bytes = buildZip([{ name: "xl/workbook.xml", data, declaredSize: 10_000 }]);
    expect(message(readXlsx(bytes, 10))).toBe('"xl/workbook.xml" in the workbook unpacks to more than its declared 10000 bytes; the file is refused');
  });

  it("refuses encrypted entries, ZIP64 archives, bad checksums and truncated files", () => {
    expect(message(readXlsx(buildZip([{ ...sheet("x"), flags: 1 }]), 10))).toBe("the workbook is encrypted; save it without a password and upload it again");
    expect(message(readXlsx(buildZip([{ ...sheet("x"), method: 0, declaredSize: 0xffffffff }]), 10))).toMatch(/ZIP64/);
    expect(message(readXlsx(buildZip([{ name: "xl/workbook.xml", data: "<workbook/>", crc: 1234 }]), 10))).toBe('the ZIP archive is damaged ("xl/workbook.xml" fails its checksum)');
    const whole = buildXlsx({ sheets: [{ name: "S", sheetData: "" }] });
    expect(message(readXlsx(whole.subarray(0, whole.length - 30), 10))).toBe("the file is not a complete ZIP archive (it may be truncated or damaged)");
  });

  it("refuses an XML entity bomb without expanding it", () => {
    const lol = ['<!ENTITY lol "lol">', ...Array.from({ length: 9 }, (_, i) => `<!ENTITY lol${i + 1} "${`&lol${i || ""};`.repeat(10)}">`)].join("");
    const bomb = `<?xml version="1.0"?><!DOCTYPE worksheet [${lol}]><worksheet ${NS}><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>&lol9;</t></is></c></row></sheetData></worksheet>`;
    const bytes = buildXlsx({ sheets: [{ name: "S", sheetData: "" }], override: { "xl/worksheets/sheet1.xml": bomb } });
    const started = Date.now();
    expect(message(readXlsx(bytes, 10))).toBe(
      "xl/worksheets/sheet1.xml in the workbook contains a DOCTYPE (entity) declaration, which workbooks never need; the file is refused",
    );
    expect(Date.now() - started).toBeLessThan(2_000);
  });

  it("refuses any DOCTYPE, and leaves an undeclared entity as literal text", () => {
    const doctype = `<?xml version="1.0"?><!DOCTYPE workbook><workbook ${NS}><sheets/></workbook>`;
    expect(message(readXlsx(buildXlsx({ sheets: [], override: { "xl/workbook.xml": doctype } }), 10))).toMatch(/^xl\/workbook\.xml in the workbook contains a DOCTYPE/);
    const sheetData = `<row r="1">${inline("A1", "a")}${inline("B1", "b")}</row><row r="2">${inline("A2", "&lol9;")}${inline("B2", "&#8364; &#x41;")}</row>`;
    expect(table(readXlsx(buildXlsx({ sheets: [{ name: "S", sheetData }] }), 10)).rows[0]!.cells).toEqual(["&lol9;", "€ A"]);
  });

  it("refuses malformed XML and archives that are not workbooks", () => {
    const broken = buildXlsx({ sheets: [{ name: "S", sheetData: "<row><c></row>" }] });
    expect(message(readXlsx(broken, 10))).toMatch(/^xl\/worksheets\/sheet1\.xml in the workbook is not well-formed XML/);
    expect(message(readXlsx(buildZip([{ name: "readme.txt", data: "hi" }]), 10))).toBe("the ZIP file is not an Excel workbook (it has no xl/workbook.xml)");
    expect(message(readXlsx(buildZip([{ name: "mimetype", data: "application/vnd.oasis.opendocument.spreadsheet", method: 0 }]), 10))).toMatch(/OpenDocument/);
    expect(message(readXlsx(buildZip([{ name: "word/document.xml", data: "<w/>" }]), 10))).toMatch(/Word document/);
  });
});
