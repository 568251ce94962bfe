import { describe, expect, it } from "vitest";
import { hasControlChars, moneyField, textField } from "./fields";

describe("shared fields", () => {
  it("tells control characters and lone surrogates from text, markup included", () => {
    expect(["a\u0000b", "\u0008", "\u000b", "\u000c", "\u001f", "\u007f", "\ud800", "x\udfff"].map(hasControlChars)).toEqual([true, true, true, true, true, true, true, true]);
    expect(["<b>", "<script>alert(1)</script>", "tab\there", "cr\rlf\n", "😀", "Zoë € 李", "\u202egnp.exe"].map(hasControlChars)).toEqual([false, false, false, false, false, false, false]);
  });

  it("keeps text as typed, trimmed and within its length", () => {
    expect(textField(40).parse("  <b>Jansen</b> & Zn.  ")).toBe("<b>Jansen</b> & Zn.");
    expect(textField(3).safeParse("abcd").success).toBe(false);
    expect(textField(40).safeParse("a\u0000b").error?.issues.map((i) => i.message)).toEqual(["validation.controlChars"]);
  });

  it("reads typed amounts to cents the Dutch way when grouped without decimals", () => {
    expect(moneyField().parse("1.500")).toBe(150_000n);
    expect(moneyField().parse("€ 1.234,56")).toBe(123_456n);
    expect(moneyField().parse("1234.5")).toBe(123_450n);
    expect(moneyField().safeParse("0,00").success).toBe(false);
  });
});
