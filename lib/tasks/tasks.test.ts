import { describe, expect, it } from "vitest";
import { noteText, purposeOf, taskKindOf, taskRows } from "./tasks";

describe("task kinds", () => {
  it("writes a callback's purpose and text into one note and reads both back", () => {
    const [plain, broken, rejected, reason] = taskRows([
      { debtorId: "d", type: "callback", dueAt: new Date(0), assigneeId: null, note: "J. Jansen" },
      { debtorId: "d", type: "callback", dueAt: new Date(0), assigneeId: null, purpose: "broken_promise" },
      { debtorId: "d", type: "callback", dueAt: new Date(0), assigneeId: null, purpose: "plan_rejected" },
      { debtorId: "d", type: "callback", dueAt: new Date(0), assigneeId: null, purpose: "plan_rejected", note: "aanbetaling te laag" },
    ]);
    expect([plain!.note, broken!.note, rejected!.note, reason!.note]).toEqual(["J. Jansen", "broken_promise", "plan_rejected", "plan_rejected: aanbetaling te laag"]);
    expect([plain!.note, broken!.note, rejected!.note, reason!.note].map((n) => [purposeOf(n ?? null), noteText(n ?? null)])).toEqual([
      [null, "J. Jansen"],
      ["broken_promise", null],
      ["plan_rejected", null],
      ["plan_rejected", "aanbetaling te laag"],
    ]);
  });

  it("tells the worklist what an item is", () => {
    expect(taskKindOf("callback", "broken_promise")).toBe("broken_promise");
    expect(taskKindOf("callback", "plan_rejected: x")).toBe("callback");
    expect(taskKindOf("callback", "broken_promise_of_someone")).toBe("callback");
    expect(taskKindOf("handover", "handover")).toBe("handover");
    expect(taskKindOf("fax", null)).toBe("other");
  });
});
