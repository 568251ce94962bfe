import { describe, expect, it } from "vitest";
import { checkTone } from "./tone-check";

describe("tone check", () => {
  it("finds 'moeten' and 'waarom' as whole words, with their position", () => {
    const text = "U moet vandaag betalen. Waarom is er nog niets betaald? Wij moeten dit weten.";
    expect(checkTone(text, "nl").map((w) => [w.code, w.match, w.index])).toEqual([
      ["must", "moet", 2],
      ["why", "Waarom", 24],
      ["must", "moeten", 60],
    ]);
    // Not inside other words.
    expect(checkTone("Wij ontmoeten u graag; de moeterij.", "nl")).toEqual([]);
  });

  it("flags questions that hand the debtor an excuse, in both languages", () => {
    expect(checkTone("Heeft u de factuur soms niet ontvangen?", "nl")).toEqual([{ code: "excuse_question", match: "Heeft u de factuur soms niet ontvangen?", index: 0 }]);
    expect(checkTone("Thanks. Didn't you receive the invoice?", "en")).toEqual([{ code: "excuse_question", match: "Didn't you receive the invoice?", index: 8 }]);
    const codes = (text: string, language: "nl" | "en") => checkTone(text, language).map((w) => w.code);
    for (const q of ["Heeft u de factuur niet ontvangen?", "Is er iets mis met de levering?", "Zit u krap?", "Is de factuur kwijt?"]) expect(codes(q, "nl")).toEqual(["excuse_question"]);
    for (const q of ["Didn’t you receive the invoice?", "Was there a problem with the delivery?", "Are you short of money?"]) expect(codes(q, "en")).toEqual(["excuse_question"]);
    // Open questions are fine.
    expect(codes("Wanneer kunnen wij de betaling verwachten?", "nl")).toEqual([]);
  });

  it("checks English for must and why, and leaves neutral text alone", () => {
    expect(checkTone("You must pay. Why not?", "en").map((w) => w.code)).toEqual(["must", "why"]);
    expect(checkTone("Wat is de reden dat de betaling nog niet binnen is? Wij stellen voor om vrijdag te betalen.", "nl")).toEqual([]);
    expect(checkTone("What is the reason the payment has not arrived? We propose payment on Friday.", "en")).toEqual([]);
  });
});
