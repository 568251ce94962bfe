import { describe, expect, it } from "vitest";
import { checkTone } from "@/lib/agreements/tone-check";
import { EXCUSES, phrasingTips, playbook } from "./excuse-playbook";

describe("excuse playbook", () => {
  it("has an answer and facts to pin down for every excuse, in both languages", () => {
    for (const lang of ["nl", "en"] as const) {
      const entries = playbook(lang);
      expect(entries.map((e) => e.excuse)).toEqual([...EXCUSES]);
      for (const e of entries) {
        expect(e.response.length).toBeGreaterThan(20);
        expect(e.pinDown.length).toBeGreaterThan(1);
        // The suggested answers practise what the tone check preaches.
        expect(checkTone(e.response, lang), `${lang} ${e.excuse}`).toEqual([]);
      }
      expect(phrasingTips(lang).length).toBeGreaterThanOrEqual(4);
    }
  });
});
