import { describe, expect, it } from "vitest";
import { makeScrubber, nameWords, phonePattern, REDACTED, wordsOf } from "./scrub";

const anna = makeScrubber(
  { names: ["Anna de Vries"], emails: ["Anna.deVries@Bakkerij.nl"], phones: ["+31 6 1234 5678", "030 123 4567"], others: ["NL91 ABNA 0417 1643 00", "1234 AB"] },
  { keepWords: wordsOf(["Bakkerij Jansen B.V.", "Piet Jansen"]) },
);

describe("scrubbing one person's traces", () => {
  it("removes the full name, each word of it, and the e-mail address whatever the case", () => {
    expect(anna.text("Gesproken met Anna de Vries (anna.devries@bakkerij.nl), zei ANNA: volgende week.")).toBe(`Gesproken met ${REDACTED} (${REDACTED}), zei ${REDACTED}: volgende week.`);
    expect(anna.text("Mevrouw De Vries belt terug")).toBe(`Mevrouw De ${REDACTED} belt terug`);
    expect(anna.text("Anna  de\nVries")).toBe(REDACTED);
  });

  it("finds a phone number however it was typed, but not inside a longer number", () => {
    for (const typed of ["06-12345678", "0612345678", "+31612345678", "+31 (0)6 12 34 56 78", "0031 6 1234 5678", "06 123 456 78", "(030) 123 45 67", "+31 30 1234567"]) {
      expect(anna.text(`bel ${typed} na vieren`), typed).toBe(`bel ${REDACTED} na vieren`);
    }
    expect(anna.text("factuur 9061234567801")).toBe("factuur 9061234567801");
    expect(phonePattern("112")).toBeNull();
  });

  it("finds an IBAN and a postal code with any spacing", () => {
    expect(anna.text("IBAN NL91ABNA0417164300, 1234AB Utrecht")).toBe(`IBAN ${REDACTED}, ${REDACTED} Utrecht`);
  });

  it("keeps amounts, dates, invoice numbers, particles and the words others share", () => {
    const text = "Piet Jansen van Bakkerij Jansen B.V. betaalt € 1.234,56 op 2026-12-01 voor F2026-000123; de rest volgt.";
    expect(anna.text(text)).toBe(text);
    expect(nameWords("Jan van der Berg-de Vries", new Set(["berg"]))).toEqual(["Jan", "Vries"]);
  });

  it("scrubs string values of stored JSON and leaves keys, numbers and layout exactly", () => {
    const json = '{"debtor":{"name":"Anna de Vries","contactName":"A. de Vries"},"principalCents":{"$cents":"123456"},"big":12345678901234567890,"to":"anna.devries@bakkerij.nl"}';
    const out = anna.json(json);
    expect(JSON.parse(out)).toMatchObject({ debtor: { name: REDACTED, contactName: `A. de ${REDACTED}` }, principalCents: { $cents: "123456" }, to: REDACTED });
    expect(out).toContain('"big":12345678901234567890');
    const clean = '{ "a": "niets" }';
    expect(anna.json(clean)).toBe(clean);
    expect(anna.json("not json: Anna")).toBe(`not json: ${REDACTED}`);
  });

  it("tells whether a text holds a trace and lists the strong terms for a search", () => {
    expect(anna.hasTrace("Anna")).toBe(true);
    expect(anna.hasTrace("Jansen")).toBe(false);
    expect(anna.hasTrace(null)).toBe(false);
    expect(anna.searchTerms).toEqual(expect.arrayContaining(["Anna de Vries", "Anna.deVries@Bakkerij.nl", "+31 6 1234 5678"]));
  });

  it("handles names with regex characters and letters outside ASCII", () => {
    const s = makeScrubber({ names: ["Zoë (Zo) Ŝmidt-Ørsted"], emails: [], phones: [] });
    expect(s.text("met Zoë (Zo) Ŝmidt-Ørsted gesproken; Zoë belt")).toBe(`met ${REDACTED} gesproken; ${REDACTED} belt`);
    expect(s.text("Ørsted")).toBe(REDACTED);
  });
});
