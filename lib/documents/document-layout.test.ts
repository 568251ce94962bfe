import { describe, expect, it } from "vitest";
import { safeFileName } from "./document-layout";

describe("document file names", () => {
  it("keep only safe characters", () => {
    expect(safeFileName("rekeningoverzicht", "010042", "2026-12-02")).toBe("rekeningoverzicht-010042-2026-12-02.pdf");
    expect(safeFileName("kopiefactuur", "F/2026 0102")).toBe("kopiefactuur-F-2026-0102.pdf");
    expect(safeFileName("invoice-copy", "Ünïcode\\..\\naam?*")).toBe("invoice-copy-Unicode-.-naam.pdf");
    expect(safeFileName("", "..")).toBe("document.pdf");
  });
});
