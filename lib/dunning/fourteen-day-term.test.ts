import { describe, expect, it } from "vitest";
import { costsDueFrom, fourteenDayDeadline, letterDate, presumedReceipt } from "./fourteen-day-term";

// Method for every case (art. 6:96 lid 6 BW; HR 25-11-2016, ECLI:NL:HR:2016:2704; Atw):
//   receipt  = count the days after sending, skipping Sun, Mon and public holidays; the 2nd counted
//   last day = receipt + 14 calendar days; on Sat, Sun or a public holiday: the next day that is not
//   costs    = the day after the last day.
describe("the 14-day letter's term", () => {
  it("letter sent on Tuesday 17 Nov 2026", () => {
    // Wed 18 (1), Thu 19 (2) -> receipt Thu 19 Nov.
    // 19 Nov + 14 = Thu 3 Dec 2026, a working day -> last day 3 Dec; costs from Fri 4 Dec.
    expect(fourteenDayDeadline("2026-11-17")).toEqual({ receivedOn: "2026-11-19", lastDay: "2026-12-03" });
    expect(costsDueFrom("2026-11-17")).toBe("2026-12-04");
  });

  it("letter sent on Friday 20 Nov 2026: Saturday counts, Sunday and Monday do not", () => {
    // Sat 21 (1), Sun 22 skip, Mon 23 skip, Tue 24 (2) -> receipt Tue 24 Nov.
    // 24 Nov + 14 = Tue 8 Dec 2026 -> last day 8 Dec; costs from Wed 9 Dec.
    expect(fourteenDayDeadline("2026-11-20")).toEqual({ receivedOn: "2026-11-24", lastDay: "2026-12-08" });
    expect(costsDueFrom("2026-11-20")).toBe("2026-12-09");
  });

  it("letter 'sent' on Saturday 21 Nov 2026: counting still starts the next day", () => {
    // Assumption: the HR count starts the day after the sending day, whatever day that is; a run
    // never dates a letter on a Saturday (letterDate moves it to Mon 23), but the rule stays defined.
    // Sun 22 skip, Mon 23 skip, Tue 24 (1), Wed 25 (2) -> receipt Wed 25 Nov.
    // 25 Nov + 14 = Wed 9 Dec 2026 -> last day 9 Dec; costs from Thu 10 Dec.
    expect(fourteenDayDeadline("2026-11-21")).toEqual({ receivedOn: "2026-11-25", lastDay: "2026-12-09" });
    expect(costsDueFrom("2026-11-21")).toBe("2026-12-10");
  });

  it("letter sent on the Thursday before Easter, 2 Apr 2026", () => {
    // Fri 3 Good Friday skip, Sat 4 (1), Sun 5 Easter skip, Mon 6 Easter Monday skip,
    // Tue 7 (2) -> receipt Tue 7 Apr.
    // 7 Apr + 14 = Tue 21 Apr 2026 -> last day 21 Apr; costs from Wed 22 Apr.
    expect(fourteenDayDeadline("2026-04-02")).toEqual({ receivedOn: "2026-04-07", lastDay: "2026-04-21" });
    expect(costsDueFrom("2026-04-02")).toBe("2026-04-22");
  });

  it("letter sent on Tuesday 22 Dec 2026: the term runs over Christmas and New Year", () => {
    // Wed 23 (1), Thu 24 (2) -> receipt Thu 24 Dec.
    // 24 Dec + 14 = Thu 7 Jan 2027 (the holidays fall inside the term and do not lengthen it)
    // -> last day 7 Jan 2027; costs from Fri 8 Jan.
    expect(fourteenDayDeadline("2026-12-22")).toEqual({ receivedOn: "2026-12-24", lastDay: "2027-01-07" });
    expect(costsDueFrom("2026-12-22")).toBe("2027-01-08");
  });

  it("letter sent on Wednesday 23 Dec 2026: Christmas delays receipt", () => {
    // Thu 24 (1), Fri 25 Christmas skip, Sat 26 Boxing Day skip, Sun 27 skip, Mon 28 skip,
    // Tue 29 (2) -> receipt Tue 29 Dec.
    // 29 Dec + 14 = Tue 12 Jan 2027 -> last day 12 Jan; costs from Wed 13 Jan.
    expect(fourteenDayDeadline("2026-12-23")).toEqual({ receivedOn: "2026-12-29", lastDay: "2027-01-12" });
  });

  it("moves a last day on Saturday to Monday (letter sent Thursday 19 Nov 2026)", () => {
    // Fri 20 (1), Sat 21 (2) -> receipt Sat 21 Nov.
    // 21 Nov + 14 = Sat 5 Dec 2026 -> Atw: Sun 6 is no better -> Mon 7 Dec; costs from Tue 8 Dec.
    expect(fourteenDayDeadline("2026-11-19")).toEqual({ receivedOn: "2026-11-21", lastDay: "2026-12-07" });
    expect(costsDueFrom("2026-11-19")).toBe("2026-12-08");
  });

  it("moves a last day on Saturday past Whitsun to Tuesday (sent Thursday 7 May 2026)", () => {
    // Fri 8 (1), Sat 9 (2) -> receipt Sat 9 May.
    // 9 May + 14 = Sat 23 May -> Sun 24 Whit Sunday, Mon 25 Whit Monday -> Tue 26 May.
    expect(fourteenDayDeadline("2026-05-07")).toEqual({ receivedOn: "2026-05-09", lastDay: "2026-05-26" });
    expect(costsDueFrom("2026-05-07")).toBe("2026-05-27");
  });

  it("moves a last day on King's Day to the next day (sent Friday 9 Apr 2027)", () => {
    // Easter 2027 is 28 Mar, so early April has no holidays.
    // Sat 10 (1), Sun 11 skip, Mon 12 skip, Tue 13 (2) -> receipt Tue 13 Apr.
    // 13 Apr + 14 = Tue 27 Apr 2027, King's Day -> Wed 28 Apr; costs from Thu 29 Apr.
    expect(fourteenDayDeadline("2027-04-09")).toEqual({ receivedOn: "2027-04-13", lastDay: "2027-04-28" });
    expect(costsDueFrom("2027-04-09")).toBe("2027-04-29");
  });

  it("skips Liberation Day in the receipt count even outside a lustrum year (sent Sat 2 May 2026)", () => {
    // Sun 3 skip, Mon 4 skip, Tue 5 Liberation Day skip (Atw: every year), Wed 6 (1),
    // Thu 7 (2) -> receipt Thu 7 May. 7 May + 14 = Thu 21 May -> last day 21 May.
    expect(fourteenDayDeadline("2026-05-02")).toEqual({ receivedOn: "2026-05-07", lastDay: "2026-05-21" });
  });

  it("never presumes receipt on a Sunday or Monday", () => {
    for (let d = 1; d <= 28; d += 1) {
      const sent = `2026-02-${String(d).padStart(2, "0")}`;
      const day = new Date(`${presumedReceipt(sent)}T00:00:00Z`).getUTCDay();
      expect([0, 1]).not.toContain(day);
    }
  });

  it("refuses a string that is not a calendar date", () => {
    expect(() => fourteenDayDeadline("2026-11-31")).toThrow(RangeError);
    expect(() => letterDate("17-11-2026")).toThrow(RangeError);
  });
});

describe("letter date", () => {
  it("dates a letter on the run day when that is a working day", () => {
    expect(letterDate("2026-11-17")).toBe("2026-11-17");
  });

  it("moves a weekend run to Monday", () => {
    expect(letterDate("2026-11-21")).toBe("2026-11-23");
    expect(letterDate("2026-11-22")).toBe("2026-11-23");
  });

  it("moves a run on a holiday past the holidays", () => {
    // Fri 3 Apr Good Friday, weekend, Mon 6 Easter Monday -> Tue 7 Apr.
    expect(letterDate("2026-04-03")).toBe("2026-04-07");
    // Fri 25 Dec, Sat 26 Dec, Sun 27 -> Mon 28 Dec.
    expect(letterDate("2026-12-25")).toBe("2026-12-28");
    expect(letterDate("2027-04-27")).toBe("2027-04-28"); // King's Day
  });
});
