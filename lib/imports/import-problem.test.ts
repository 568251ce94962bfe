import { describe, expect, it } from "vitest";
import { translator } from "@/lib/i18n/translate";
import { problem, renderProblem } from "./import-problem";
import { inEnglish } from "./import-problem-english";

describe("import problems in the reader's language", () => {
  // A cell's reason inside "column: reason", the month by name, the row's number as written.
  const dateInCell = problem("imports.error.cell", { column: "Factuurdatum", problem: problem("imports.error.monthDays", { value: "31-02-2035", month: problem("imports.month.2"), year: "2035", days: 28 }) });

  it("puts a nested problem into words first, in Dutch for a Dutch user", () => {
    expect(renderProblem(dateInCell, translator("nl"))).toBe('Factuurdatum: "31-02-2035" is geen datum (februari 2035 heeft 28 dagen)');
    expect(inEnglish(dateInCell)).toBe('Factuurdatum: "31-02-2035" is not a date (February 2035 has 28 days)');
  });

  it("writes counts the reader's way and leaves text as written", () => {
    const tooMany = problem("imports.error.tooManyRows", { count: 250_001, limit: 250_000 });
    expect(renderProblem(tooMany, translator("nl"), (n) => new Intl.NumberFormat("nl-NL").format(n))).toBe("het bestand heeft 250.001 regels; de grens is 250.000");
    expect(inEnglish(tooMany)).toBe("the file has 250,001 rows; the limit is 250,000");
  });

  it("names a field by its label in each language", () => {
    const missing = problem("imports.error.mappingRequired", { field: problem("imports.field.paidAmount") });
    expect(renderProblem(missing, translator("nl"))).toBe("Betaald bedrag: geen kolom gekozen (verplicht)");
    expect(inEnglish(missing)).toBe("Amount paid: no column chosen (required)");
  });
});
