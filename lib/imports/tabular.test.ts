import { describe, expect, it } from "vitest";
import { readTable, scanTable, type TableResult, type TableRow } from "./tabular";
import { buildXlsx } from "./xlsx-test-fixtures";

const utf8 = (s: string) => new TextEncoder().encode(s);

function table(result: TableResult) {
  if (!result.ok) throw new Error(`expected a table, got ${JSON.stringify(result.errors)}`);
  return result.table;
}

/** The errors in English, as the command line prints them (the page shows each `problem` in the user's language). */
function errors(result: TableResult) {
  if (result.ok) throw new Error("expected errors, got a table");
  return result.errors.map(({ row, message }) => ({ row, message }));
}

describe("readTable: CSV encodings", () => {
  it("reads UTF-8 without a byte order mark", () => {
    const t = table(readTable(utf8("Naam;Plaats\nCafé Nöl;Zaandam\n"), "debiteuren.csv"));
    expect(t).toMatchObject({ format: "csv", encoding: "utf-8", delimiter: ";", headers: ["Naam", "Plaats"] });
    expect(t.rows).toEqual([{ rowNo: 2, cells: ["Café Nöl", "Zaandam"] }]);
    expect(t.notes).toEqual([]);
  });

  it("drops a UTF-8 byte order mark from the first header", () => {
    const t = table(readTable(new Uint8Array([0xef, 0xbb, 0xbf, ...utf8("Klant;Saldo\n1;2\n")]), "x.csv"));
    expect(t.headers).toEqual(["Klant", "Saldo"]);
    expect(t.encoding).toBe("utf-8");
  });

  it("falls back to Windows-1252 when the bytes are not UTF-8 (Café, €)", () => {
    // "Café;€ 12,50;“q”" in Windows-1252: é = 0xE9, € = 0x80, curly quotes 0x93/0x94.
    const bytes = new Uint8Array([...utf8("Naam;Bedrag;Noot\r\nCaf"), 0xe9, 0x3b, 0x80, ...utf8(" 12,50;"), 0x93, 0x71, 0x94, 0x0d, 0x0a]);
    const t = table(readTable(bytes, "export.csv"));
    expect(t.encoding).toBe("windows-1252");
    expect(t.rows[0]!.cells).toEqual(["Café", "€ 12,50", "\u201cq\u201d"]);
    expect(t.notes).toContain("the file is not UTF-8; it was read as Windows-1252");
  });

  it("reads UTF-16 LE and BE with a byte order mark", () => {
    const text = "Naam\tBedrag\r\nCafé\t€ 5\r\n";
    const le = new Uint8Array([0xff, 0xfe, ...Buffer.from(text, "utf16le")]);
    const beBody = Buffer.from(text, "utf16le");
    beBody.swap16();
    const be = new Uint8Array([0xfe, 0xff, ...beBody]);
    for (const [bytes, encoding] of [[le, "utf-16le"], [be, "utf-16be"]] as const) {
      const t = table(readTable(bytes, "export.txt"));
      expect(t).toMatchObject({ encoding, delimiter: "\t", headers: ["Naam", "Bedrag"] });
      expect(t.rows[0]!.cells).toEqual(["Café", "€ 5"]);
    }
  });

  it("recognises UTF-16 LE without a byte order mark and says so", () => {
    const t = table(readTable(new Uint8Array(Buffer.from("Klant;Saldo\n1001;12,50\n", "utf16le")), "x.csv"));
    expect(t.encoding).toBe("utf-16le");
    expect(t.rows[0]!.cells).toEqual(["1001", "12,50"]);
    expect(t.notes[0]).toMatch(/no byte order mark/);
  });
});

describe("readTable: CSV delimiters and quoting", () => {
  it("detects comma, semicolon and TAB, ignoring delimiters inside quotes", () => {
    const comma = table(readTable(utf8('Customer,Note,Amount\n1,"Smith; Jones",12.50\n2,"a;b;c;d",3.00\n'), "en.csv"));
    expect(comma.delimiter).toBe(",");
    expect(comma.rows[0]!.cells).toEqual(["1", "Smith; Jones", "12.50"]);
    const semi = table(readTable(utf8("Klant;Bedrag;Open\n1;12,50;3,00\n2;1.234,56;0,00\n"), "nl.csv"));
    expect(semi.delimiter).toBe(";");
    expect(semi.rows[1]!.cells).toEqual(["2", "1.234,56", "0,00"]);
    const tab = table(readTable(utf8("a\tb, c\td\n1\t2, 3\t4\n"), "t.txt"));
    expect(tab.delimiter).toBe("\t");
  });

  it("handles RFC 4180 quotes: embedded delimiters, doubled quotes and line breaks", () => {
    const csv = 'Nr;Omschrijving;Bedrag\r\n1;"Levering ""spoed""; 2 dozen";10\r\n2;"regel een\r\nregel twee";20\r\n3;gewoon;30\r\n';
    const t = table(readTable(utf8(csv), "q.csv"));
    expect(t.rows).toEqual([
      { rowNo: 2, cells: ["1", 'Levering "spoed"; 2 dozen', "10"] },
      { rowNo: 3, cells: ["2", "regel een\nregel twee", "20"] },
      // Excel shows the two-line value as one row, so the next record is row 4.
      { rowNo: 4, cells: ["3", "gewoon", "30"] },
    ]);
  });

  it("reads CRLF, LF and CR line ends alike", () => {
    const lines = ["Klant;Saldo", "1;5", "2;6"];
    const read = (eol: string) => table(readTable(utf8(lines.join(eol)), "x.csv")).rows;
    expect(read("\r\n")).toEqual(read("\n"));
    expect(read("\r")).toEqual(read("\n"));
    expect(read("\n")).toEqual([{ rowNo: 2, cells: ["1", "5"] }, { rowNo: 3, cells: ["2", "6"] }]);
  });

  it("skips empty lines and lines of empty cells but keeps counting rows", () => {
    const t = table(readTable(utf8("Klant;Saldo\n\n1;5\n;\n  ;  \n2;6\n\n"), "x.csv"));
    expect(t.rows.map((r) => r.rowNo)).toEqual([3, 6]);
  });

  it("takes the delimiter from Excel's sep= line", () => {
    const t = table(readTable(utf8("sep=,\nKlant,Naam;met puntkomma\n1,A;B\n"), "x.csv"));
    expect(t.delimiter).toBe(",");
    expect(t.headers).toEqual(["Klant", "Naam;met puntkomma"]);
    expect(t.rows[0]).toEqual({ rowNo: 2, cells: ["1", "A;B"] });
  });

  it("ignores the empty last column of a header that ends with a delimiter", () => {
    const t = table(readTable(utf8("Klant;Saldo;\n1;5;\n2;6\n"), "x.csv"));
    expect(t.headers).toEqual(["Klant", "Saldo"]);
    expect(t.rows.map((r) => r.cells)).toEqual([["1", "5"], ["2", "6"]]);
    expect(t.notes).toContain("the header ends with a delimiter; the empty last column was ignored");
  });
});

describe("readTable: CSV header and row checks", () => {
  it("finds the header below a title line and says so", () => {
    const csv = "Openstaande posten per 31-12-2026\n\nKlant;Factuur;Saldo\n1;F1;5\n2;F2;6\n";
    const t = table(readTable(utf8(csv), "exact.csv"));
    expect(t.headers).toEqual(["Klant", "Factuur", "Saldo"]);
    expect(t.rows[0]!.rowNo).toBe(4);
    expect(t.notes).toEqual(['the header is in row 3; skipped 1 line above it (row 1: "Openstaande posten per 31-12-2026")']);
  });

  it("also skips a title line padded with delimiters", () => {
    const t = table(readTable(utf8("Debiteurenlijst;;\nKlant;Naam;Saldo\n1;A;5\n"), "x.csv"));
    expect(t.headers).toEqual(["Klant", "Naam", "Saldo"]);
  });

  it("reports every ragged row, not only the first", () => {
    const csv = "a;b;c\n1;2;3\n1;2\n1;2;3;4\n1;2;3\n1\n";
    expect(errors(readTable(utf8(csv), "x.csv"))).toEqual([
      { row: 3, message: "row 3 has 2 cells, the header has 3" },
      { row: 4, message: "row 4 has 4 cells, the header has 3" },
      { row: 6, message: "row 6 has 1 cell, the header has 3" },
    ]);
  });

  it("stops listing at 100 errors and counts the rest", () => {
    const csv = ["a;b;c", ...Array.from({ length: 150 }, () => "1;2")].join("\n");
    const list = errors(readTable(utf8(csv), "x.csv"));
    expect(list).toHaveLength(101);
    expect(list[99]).toEqual({ row: 101, message: "row 101 has 2 cells, the header has 3" });
    expect(list[100]).toEqual({ row: 0, message: "50 more errors not shown" });
  });

  it("refuses empty and repeated header names", () => {
    expect(errors(readTable(utf8("Klant;;Bedrag;bedrag\n1;2;3;4\n"), "x.csv"))).toEqual([
      { row: 1, message: "column 2 (B) of the header in row 1 has no name" },
      { row: 1, message: 'the header in row 1 has "bedrag" twice (columns 3 and 4)' },
    ]);
  });

  it("names the row of a quote that is never closed", () => {
    expect(errors(readTable(utf8('a;b\n1;2\n3;"open\n4;5\n'), "x.csv"))).toEqual([{ row: 3, message: 'row 3 opens a quoted value (") that is never closed' }]);
  });

  it("reads a one-column file", () => {
    const t = table(readTable(utf8("Klantnummer\n1001\n1002\n"), "x.csv"));
    expect(t.headers).toEqual(["Klantnummer"]);
    expect(t.delimiter).toBeUndefined();
    expect(t.rows).toHaveLength(2);
  });
});

describe("readTable: limits and file kinds", () => {
  it("refuses a file over the size limit before reading it", () => {
    expect(errors(readTable(new Uint8Array(104 * 1024 * 1024), "big.csv"))).toEqual([{ row: 0, message: "the file is 104 MB; the limit is 20 MB" }]);
    expect(errors(readTable(utf8("a;b\n1;2\n"), "x.csv", { maxBytes: 4 }))[0]!.message).toBe("the file is 8 bytes; the limit is 4 bytes");
  });

  it("refuses more rows than the limit", () => {
    const csv = ["a;b", "1;2", "3;4", "5;6"].join("\n");
    expect(errors(readTable(utf8(csv), "x.csv", { maxRows: 2 }))).toEqual([{ row: 0, message: "the file has 3 rows; the limit is 2" }]);
    expect(table(readTable(utf8(csv), "x.csv", { maxRows: 3 })).rows).toHaveLength(3);
  });

  it("refuses what is not a CSV or XLSX file", () => {
    const message = (bytes: Uint8Array, name = "upload.csv") => errors(readTable(bytes, name))[0]!.message;
    expect(message(new Uint8Array(0))).toBe("the file is empty");
    expect(message(utf8("%PDF-1.7\n..."))).toBe("this is a PDF, not a CSV or XLSX file");
    expect(message(new Uint8Array([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0]), "oud.xls")).toMatch(/old Excel \.xls file/);
    expect(message(new Uint8Array([1, 2, 3, 0, 0, 0, 7, 8, 9, 10, 11]))).toBe("not a CSV or XLSX file (it contains binary data)");
    expect(message(utf8("<html><table><tr><td>1</td></tr></table></html>"), "export.xls")).toMatch(/^not a CSV or XLSX file \(it holds HTML or XML\)/);
    expect(message(utf8("Klant;Saldo\n1;2\n"), "lijst.xlsx")).toBe("the file is named .xlsx but is not an Excel workbook (it may be damaged, or renamed)");
  });

  it("reads a workbook by its content, whatever its name", () => {
    const bytes = buildXlsx({ sheets: [{ name: "Blad1", sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>Klant</t></is></c><c r="B1" t="inlineStr"><is><t>Saldo</t></is></c></row><row r="2"><c r="A2"><v>1</v></c><c r="B2"><v>12.5</v></c></row>' }] });
    const t = table(readTable(bytes, "export.csv"));
    expect(t).toMatchObject({ format: "xlsx", sheet: "Blad1", headers: ["Klant", "Saldo"], rows: [{ rowNo: 2, cells: ["1", "12.5"] }] });
  });

  it("reads a 200,000-row, 8-column export", () => {
    const lines = ["Klant;Naam;Factuur;Datum;Vervaldatum;Bedrag;Open;Valuta"];
    for (let i = 0; i < 200_000; i++) {
      lines.push(`${100000 + i};"Debiteur ${i} B.V.";F2026-${i};01-11-2026;01-12-2026;${i},50;1.234,${String(i % 100).padStart(2, "0")};EUR`);
    }
    const bytes = utf8(lines.join("\r\n"));
    const t = table(readTable(bytes, "groot.csv"));
    expect(t.rows).toHaveLength(200_000);
    expect(t.rows[199_999]).toEqual({ rowNo: 200_001, cells: ["299999", "Debiteur 199999 B.V.", "F2026-199999", "01-11-2026", "01-12-2026", "199999,50", "1.234,99", "EUR"] });
  });
});

describe("scanTable: rows handed over as they are read", () => {
  const read = (bytes: Uint8Array, fileName: string, opts?: { maxRows: number }) => {
    const seen: Array<string[] | TableRow> = [];
    const result = scanTable(bytes, fileName, { start: (headers) => seen.push(headers), row: (row) => seen.push(row) }, opts);
    return { result, seen };
  };

  it("hands over the header, then the rows readTable keeps, and counts them", () => {
    const csv = utf8("Openstaande posten\nKlant;Saldo;\n1;12,50;\n\n2;\"3;4\"\n");
    const { result, seen } = read(csv, "x.csv");
    const kept = table(readTable(csv, "x.csv"));
    expect(seen).toEqual([kept.headers, ...kept.rows]);
    expect(result).toEqual({ ok: true, table: { ...Object.fromEntries(Object.entries(kept).filter(([k]) => k !== "rows")), rowCount: 2 } });
  });

  it("answers as readTable does when the file turns out bad after rows were handed over", () => {
    const unclosed = utf8(`Klant;Saldo\n${Array.from({ length: 60 }, (_, i) => `${i};1`).join("\n")}\n"61;2\n`);
    expect(read(unclosed, "x.csv").result).toEqual(readTable(unclosed, "x.csv"));
    const ragged = utf8("Klant;Saldo\n1;2\n3\n");
    expect(read(ragged, "x.csv").result).toEqual(readTable(ragged, "x.csv"));
    const many = utf8("Klant;Saldo\n1;2\n3;4\n5;6\n");
    expect(read(many, "x.csv", { maxRows: 2 }).result).toEqual(readTable(many, "x.csv", { maxRows: 2 }));
  });

  it("hands over a workbook's rows one by one", () => {
    const bytes = buildXlsx({ sheets: [{ name: "Blad1", sheetData: '<row r="1"><c r="A1" t="inlineStr"><is><t>Klant</t></is></c></row><row r="2"><c r="A2"><v>7</v></c></row>' }] });
    const { result, seen } = read(bytes, "x.xlsx");
    expect(seen).toEqual([["Klant"], { rowNo: 2, cells: ["7"] }]);
    expect(result).toMatchObject({ ok: true, table: { format: "xlsx", headers: ["Klant"], rowCount: 1 } });
  });
});
