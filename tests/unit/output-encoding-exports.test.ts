import { XMLParser, XMLValidator } from "fast-xml-parser";
import { strFromU8, unzipSync } from "fflate";
import { describe, expect, it } from "vitest";
import { DASHBOARD_TABLES, dashboardTable } from "@/lib/dashboard/dashboard-export";
import type { Dashboard } from "@/lib/dashboard/dashboard-queries";
import { toCsv, toXlsx, type ExportTable } from "@/lib/export/table-export";
import { csvRecords } from "@/lib/format/csv";
import { XSS_CORPUS } from "@/tests/factories/xss-corpus";

/**
 * Exports with a payload in every text cell: each cell comes back as exactly one cell of its own
 * row (no quote, delimiter or line break breaks out), nothing a spreadsheet would run starts a
 * cell, whichever delimiter the spreadsheet splits on, and the text is unchanged but for the
 * apostrophes that keep a formula from running.
 */
const payloads = XSS_CORPUS.map((p) => p.text);
/** What a spreadsheet would run or treat as a control sequence at the start of a cell (OWASP CSV injection). */
const RUNS = /^[=+\-@\t\r\n]/;
/** The RFC 4180 reader gives a quoted CR or CRLF back as LF. */
const lf = (s: string) => s.replace(/\r\n?/g, "\n");

function readCsv(csv: string, delimiter: ";" | ",") {
  expect(csv.charCodeAt(0)).toBe(0xfeff);
  const { records, unclosedAt } = csvRecords(csv.slice(1), delimiter);
  expect(unclosedAt).toBeNull();
  return records.map((r) => r.fields);
}

/** A cell read back holds the text it was given: apostrophes may be added, nothing else changes. */
function expectSameText(cell: string | undefined, text: string) {
  expect(cell?.replace(/'/g, "")).toBe(lf(text).replace(/'/g, ""));
  // Text without formula characters (markup, templates, bidi, long text) comes back exactly.
  if (!/[=+\-@]/.test(text)) expect(cell).toBe(lf(text));
  if (RUNS.test(text)) expect(cell?.startsWith("'")).toBe(true);
}

const table: ExportTable = {
  name: "xss",
  columns: [
    { key: "name", header: "Naam", type: "text" },
    { key: "amount", header: "=Bedrag", type: "money" },
    { key: "due", header: "Vervaldatum", type: "date" },
    { key: "note", header: "<b>Notitie</b>, -x", type: "text" },
    { key: "count", header: "Aantal", type: "number" },
  ],
  rows: payloads.map((p, i) => ({ name: p, amount: 12_345 + i, due: i % 2 ? "2026-11-23" : p, note: `${p};${p}`, count: i % 3 ? i : p })),
};

describe("CSV export of the corpus", () => {
  it.each([";", ","] as const)("gives back every cell as one cell of its own row, its text unchanged (delimiter %s)", (delimiter) => {
    const rows = readCsv(toCsv(table, { delimiter }), delimiter);
    expect(rows).toHaveLength(payloads.length + 1);
    expect(rows[0]).toEqual(["Naam", "'=Bedrag", "Vervaldatum", "<b>Notitie</b>, '-x", "Aantal"]);
    payloads.forEach((p, i) => {
      const row = rows[i + 1]!;
      expect(row).toHaveLength(table.columns.length);
      expectSameText(row[0], p);
      expect(row[1]).toBe(`${Math.floor((12_345 + i) / 100)}.${String((12_345 + i) % 100).padStart(2, "0")}`);
      if (i % 2) expect(row[2]).toBe("2026-11-23");
      else expectSameText(row[2], p);
      expectSameText(row[3], `${p};${p}`);
      if (i % 3) expect(row[4]).toBe(String(i));
      else expectSameText(row[4], p);
    });
  });

  it("starts no cell with something a spreadsheet runs, even when the file is split on the other delimiter", () => {
    for (const [written, readAs] of [[";", ","], [",", ";"], [";", ";"], [",", ","]] as const) {
      const cells = readCsv(toCsv(table, { delimiter: written }), readAs).flat();
      expect(cells.filter((c) => RUNS.test(c.replace(/^\s+/, "")))).toEqual([]);
    }
  });
});

const dashboard: Dashboard = {
  overview: { openCents: 100_000, overdueCents: 50_000, currentCents: 50_000, aging: [{ bucket: "current", amountCents: 50_000, count: 2 }] as Dashboard["overview"]["aging"], debtorsOverdue: 1, openDisputes: 1 },
  effectiveness: { dso: 42, dsoTrend: [{ date: "2026-10-31", dso: 40, arCents: 90_000 }], cei: 0.8, ceiFrom: "2026-08-01", periodSalesCents: 300_000 },
  weekly: [{ date: "2026-11-22", openCents: 100_000, overdueCents: 50_000 }],
  promises: { made: 3, open: 1, kept: 1, broken: 1, cancelled: 0, keptRate: 0.5 },
  disputes: [{ reason: "goods", age: "0-30", count: 1, amountCents: 10_000 }],
  calls: payloads.map((p, i) => ({ controllerId: `u${i}`, name: p, calls: i, perDay: 1.5, reached: 1, noContact: 0, promises: 0 })),
  top: payloads.map((p, i) => ({ id: `d${i}`, name: p, customerNumber: p, overdueCents: 1_000 + i, oldestDueDate: "2026-09-15", controllerName: p })),
  insured: payloads.map((p, i) => ({ id: `d${i}`, name: p, insurer: p, deadline: "2026-12-01", daysLeft: 5, openCents: 2_000 })),
};

describe.each(DASHBOARD_TABLES)("dashboard export %s with the corpus in its names", (name) => {
  const data = dashboardTable(name, dashboard, "nl");
  const textColumns = data.columns.flatMap((c, i) => (c.type === "text" ? [i] : []));

  it("writes CSV whose rows and cells come back whole, payloads as text, nothing runnable", () => {
    const rows = readCsv(toCsv(data), ";");
    expect(rows).toHaveLength(data.rows.length + 1);
    for (const row of rows) expect(row).toHaveLength(data.columns.length);
    for (const readAs of [";", ","] as const) expect(readCsv(toCsv(data), readAs).flat().filter((c) => RUNS.test(c.replace(/^\s+/, "")))).toEqual([]);
    if (name === "calls" || name === "top" || name === "insured") {
      payloads.forEach((p, i) => {
        for (const col of textColumns) expectSameText(rows[i + 1]![col], p);
      });
    }
  });

  it("writes XLSX as well-formed XML with the payloads as strings, never formulas", async () => {
    const files = unzipSync(new Uint8Array(await toXlsx(data)));
    const xml = Object.entries(files).filter(([n]) => n.endsWith(".xml")).map(([n, b]) => [n, strFromU8(b)] as const);
    for (const [n, x] of xml) expect(XMLValidator.validate(x), n).toBe(true);
    const sheet = xml.find(([n]) => /worksheets\/sheet1\.xml$/.test(n))![1];
    expect(sheet).not.toMatch(/<f[ >]/);
    const strings = xml.find(([n]) => /sharedStrings\.xml$/.test(n))?.[1] ?? sheet;
    const texts = JSON.stringify(new XMLParser({ processEntities: true, trimValues: false }).parse(strings));
    if (name === "calls" || name === "top" || name === "insured") {
      for (const p of payloads) expect(lf(texts)).toContain(JSON.stringify(lf(p)).slice(1, -1));
    }
  });
});
