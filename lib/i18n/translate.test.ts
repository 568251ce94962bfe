import { describe, expect, it } from "vitest";
import { en } from "./messages/en";
import { nl } from "./messages/nl";
import { translate } from "./translate";

describe("translate", () => {
  it("fills parameters", () => {
    expect(translate("nl", "common.page", { page: 2, pages: 9 })).toBe("Pagina 2 van 9");
    expect(translate("en", "common.page", { page: 2, pages: 9 })).toBe("Page 2 of 9");
  });

  it("has every Dutch key in English and no empty English text where Dutch has text", () => {
    expect(Object.keys(en).sort()).toEqual(Object.keys(nl).sort());
    for (const [key, text] of Object.entries(nl)) {
      if (text) expect(en[key as keyof typeof en], key).not.toBe("");
    }
  });

  it("uses the same placeholders in both languages", () => {
    const names = (s: string) => (s.match(/\{\w+\}/g) ?? []).sort().join();
    for (const [key, text] of Object.entries(nl)) expect(names(en[key as keyof typeof en]), key).toBe(names(text));
  });
});
