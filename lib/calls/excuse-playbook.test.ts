import { describe, expect, it } from "vitest";
import { checkTone } from "@/lib/agreements/tone-check";
import { EXCUSES, phrasingTips, playbook } from "./excuse-playbook";

const LANGUAGES = ["nl", "en"] as const;

describe("excuse playbook", () => {
  it("has a label, an answer and facts to pin down for every excuse, in both languages", () => {
    for (const lang of LANGUAGES) {
      const entries = playbook(lang);
      expect(entries.map((e) => e.excuse)).toEqual([...EXCUSES]);
      for (const e of entries) {
        expect(e.label, `${lang} ${e.excuse}`).not.toBe("");
        expect(e.response.length).toBeGreaterThan(20);
        expect(e.pinDown.length).toBeGreaterThanOrEqual(3);
      }
    }
  });

  it("practises what it preaches: no must/moeten, no why/waarom, no excuse handed in the answers", () => {
    for (const lang of LANGUAGES) {
      for (const e of playbook(lang)) {
        expect(checkTone(e.response, lang), `${lang} ${e.excuse}`).toEqual([]);
        expect(e.response).not.toMatch(/\b(moet\w*|waarom|must|why)\b/i);
      }
    }
  });

  it("answers 'invoice not received' by resending now and pinning down address, person and payment date", () => {
    const nl = playbook("nl").find((e) => e.excuse === "invoice_not_received")!;
    expect(nl.response).toMatch(/nu direct opnieuw/);
    expect(nl.response).toMatch(/e-mailadres/);
    expect(nl.response).toMatch(/factuuradres/);
    expect(nl.pinDown).toEqual(expect.arrayContaining(["juist factuuradres en e-mailadres", "naam van de contactpersoon", "datum waarop betaald wordt"]));
    const en = playbook("en").find((e) => e.excuse === "invoice_not_received")!;
    expect(en.response).toMatch(/resend the invoice right now/);
    expect(en.pinDown).toEqual(expect.arrayContaining(["correct invoice and e-mail address", "name of the contact person", "date they will pay"]));
  });

  it("gives phrasing tips: the reason not why, propose, no excuse, silence, summarise", () => {
    expect(phrasingTips("en").join("\n")).toMatch(/what is the reason[\s\S]*propose[\s\S]*excuse[\s\S]*silence[\s\S]*summary/i);
    expect(phrasingTips("nl").join("\n")).toMatch(/wat is de reden[\s\S]*stel voor[\s\S]*smoes[\s\S]*stiltes[\s\S]*samenvatting/i);
    // Callers get their own copy.
    phrasingTips("nl").pop();
    playbook("nl")[0]!.pinDown.pop();
    expect(phrasingTips("nl")).toHaveLength(5);
    expect(playbook("nl")[0]!.pinDown).toHaveLength(4);
  });
});
