import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { centsToDecimal, exportFileName, toCsv, toXlsx, type ExportTable } from "./table-export";

const PAYLOADS = ['=HYPERLINK("http://x")', "+1", "-1+2", "@SUM(A1)", "\tx", "\rx"];
const table: ExportTable = {
  name: "Debtors: top/10",
  columns: [
    { key: "name", header: "Naam", type: "text" },
    { key: "amount", header: "Bedrag", type: "money" },
    { key: "due", header: "Vervaldatum", type: "date" },
    { key: "share", header: "Aandeel", type: "percent" },
  ],
  rows: [
    ...PAYLOADS.map((name, i) => ({ name, amount: -5 * (i + 1), due: "2026-11-23", share: 0.25 })),
    { name: 'Bakkerij "De Zon"; Utrecht\nvestiging', amount: 123_456, due: null, share: null },
    { name: "a\u0000b", amount: 12_345_678_901_234_567n, due: "2026-01-31", share: 1 / 3 },
  ],
};

describe("CSV export", () => {
  const csv = toCsv(table);
  const lines = csv.slice(1).split("\r\n");

  it("starts with a BOM, uses CRLF and ';', and quotes every text cell", () => {
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(lines[0]).toBe('"Naam";"Bedrag";"Vervaldatum";"Aandeel"');
    expect(csv.endsWith("\r\n")).toBe(true);
    expect(csv).toContain('"Bakkerij ""De Zon""; Utrecht\nvestiging";1234.56;;');
  });

  it("neutralises formula injection in text cells, but not numbers", () => {
    const names = lines.slice(1, 1 + PAYLOADS.length).map((l) => l.split(";")[0]!.replace(/^"|"$/g, ""));
    expect(names.slice(0, 4)).toEqual(["'=HYPERLINK(\"\"http://x\"\")", "'+1", "'-1+2", "'@SUM(A1)"]);
    expect(lines[5]!.startsWith("\"'\tx\";")).toBe(true);
    expect(csv).toContain("\"'\rx\";");
    expect(lines[1]!.split(";")[1]).toBe("-0.05");
    expect(csv).not.toContain("\u0000");
    expect(csv).toContain('"ab";123456789012345.67;2026-01-31;0.3333');
  });

  it("keeps a name with a comma and a formula in one quoted cell, so a comma-splitting spreadsheet never sees a formula", () => {
    const out = toCsv({ name: "t", columns: [{ key: "name", header: "Naam", type: "text" }], rows: [{ name: "x,=1+2" }, { name: "Jansen, =HYPERLINK(1)" }] });
    const rows = out.slice(1).split("\r\n");
    expect(rows.slice(1, 3)).toEqual(['"x,\'=1+2"', '"Jansen, \'=HYPERLINK(1)"']);
    // Split naively on commas, as a spreadsheet in an English locale would: no piece starts a formula.
    for (const row of rows.slice(1, 3)) expect(row.startsWith('"') && row.endsWith('"')).toBe(true);
    expect(rows.slice(1, 3).flatMap((r) => r.split(",")).filter((piece) => /^\s*"?\s*[=+\-@]/.test(piece))).toEqual([]);
  });

  it("neutralises a formula after a delimiter or line break in any column, where a spreadsheet splitting on the other delimiter starts a cell", () => {
    const out = toCsv({ name: "t", columns: [{ key: "a", header: "A", type: "text" }, { key: "b", header: "B", type: "text" }], rows: [{ a: "x", b: 'Jansen;"=1+2\r\n-3, @A1' }] });
    expect(out).toBe('\uFEFF"A";"B"\r\n"x";"Jansen;""\'=1+2\r\n\'-3, \'@A1"\r\n');
  });

  it("writes money exactly from cents", () => {
    expect([centsToDecimal(123_456), centsToDecimal(1n), centsToDecimal(-5), centsToDecimal(12_345_678_901_234_567n), centsToDecimal(0)]).toEqual(["1234.56", "0.01", "-0.05", "123456789012345.67", "0.00"]);
  });
});

describe("XLSX export", () => {
  it("writes a real workbook: header, strings never formulas, numbers and dates typed, a safe sheet name", async () => {
    const buffer = await toXlsx(table);
    expect(buffer.subarray(0, 2).toString()).toBe("PK");
    const files = unzipSync(new Uint8Array(buffer));
    const names = Object.keys(files);
    const sheet = strFromU8(files[names.find((n) => /worksheets\/sheet1\.xml$/.test(n))!]!);
    const shared = names.find((n) => /sharedStrings\.xml$/.test(n));
    const strings = shared ? strFromU8(files[shared]!) : sheet;
    expect(strings).toContain("Naam");
    expect(strings).toContain("<t>=HYPERLINK(\"http://x\")</t>");
    expect(sheet).not.toMatch(/<f>|<f /);
    expect(sheet).toContain("<v>1234.56</v>");
    expect(strFromU8(files[names.find((n) => /workbook\.xml$/.test(n))!]!)).toContain('name="Debtors  top 10"');
  });

  it("names files safely", () => {
    expect(exportFileName(table, "csv", "2026-11-23")).toBe("debtors-top-10-2026-11-23.csv");
    expect(exportFileName({ ...table, name: "Ouderdom/../x" }, "xlsx", "2026-11-23")).toBe("ouderdom-x-2026-11-23.xlsx");
  });
});

describe("CSV for Dutch Excel", () => {
  it("writes money with a decimal comma when asked, leaving text and dates alone", () => {
    const table = { name: "t", columns: [{ key: "n", header: "Naam", type: "text" as const }, { key: "d", header: "Datum", type: "date" as const }, { key: "m", header: "Bedrag", type: "money" as const }], rows: [{ n: "A. Jansen 1.5", d: "2026-12-01", m: 123_456n }] };
    expect(toCsv(table, { delimiter: ";", decimalComma: true })).toBe('\uFEFF"Naam";"Datum";"Bedrag"\r\n"A. Jansen 1.5";2026-12-01;1234,56\r\n');
    expect(toCsv(table, { delimiter: "," })).toBe('\uFEFF"Naam","Datum","Bedrag"\r\n"A. Jansen 1.5",2026-12-01,1234.56\r\n');
  });
});
