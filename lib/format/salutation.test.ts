import { describe, expect, it } from "vitest";
import { addresseeOf, greeting } from "./salutation";

describe("greeting", () => {
  it("greets a person by name, personally in the summary and formally in a letter", () => {
    expect(greeting("Jan de Vries", "nl", "personal")).toBe("Beste Jan de Vries,");
    expect(greeting("Jan de Vries", "nl", "formal")).toBe("Geachte Jan de Vries,");
    expect(greeting("Jan de Vries", "en", "personal")).toBe("Dear Jan de Vries,");
  });

  it("uses the title when the name was noted with one", () => {
    expect(greeting("de heer Jansen", "nl", "personal")).toBe("Geachte heer Jansen,");
    expect(greeting("Mevr. de Vries", "nl", "personal")).toBe("Geachte mevrouw De Vries,");
    expect(greeting("dhr. van der Berg", "en", "personal")).toBe("Dear Mr Van der Berg,");
    expect(greeting("Mrs Smith", "en", "formal")).toBe("Dear Ms Smith,");
  });

  it("greets a company or a department as an unknown reader", () => {
    for (const name of ["Bakkerij Jansen B.V.", "Jansen Bouw BV", "Stichting Het Dorp", "Acme Ltd", "receptie", "De administratie", "Accounts payable", "", "  ", null]) {
      expect(greeting(name, "nl", "personal"), String(name)).toBe("Geachte heer, mevrouw,");
      expect(greeting(name, "en", "personal"), String(name)).toBe("Dear Sir or Madam,");
    }
  });

  it("gives a name typed in lower case its capitals, and keeps any other name as typed", () => {
    expect(greeting("jan de vries", "nl", "personal")).toBe("Beste Jan de Vries,");
    expect(greeting("anne-marie van den berg", "nl", "personal")).toBe("Beste Anne-Marie van den Berg,");
    expect(addresseeOf("JAN")).toEqual({ kind: "person", name: "JAN" });
    expect(addresseeOf("Zoë Ünal 李 ☃ 😀")).toEqual({ kind: "person", name: "Zoë Ünal 李 ☃ 😀" });
    expect(addresseeOf("<script>alert(1)</script>")).toEqual({ kind: "person", name: "<script>alert(1)</script>" });
  });
});
