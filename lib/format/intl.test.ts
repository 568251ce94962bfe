import { describe, expect, it } from "vitest";
import { dateTimeFormat, numberFormat, zoneOffsetMs } from "./intl";

/** The offset as ICU reads it at exactly this instant (no quarter-hour keeping). */
const icu = new Map<string, Intl.DateTimeFormat>();
function icuOffset(t: number, timeZone: string): number {
  if (!icu.has(timeZone)) icu.set(timeZone, new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }));
  const parts = icu.get(timeZone)!.formatToParts(new Date(t));
  const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
  return Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - Math.floor(t / 1000) * 1000;
}

describe("zoneOffsetMs", () => {
  it("reads the offset on both sides of the Dutch DST changes, to the second", () => {
    // 2026-03-29 01:00 UTC summer time begins (+1 -> +2); 2026-10-25 01:00 UTC it ends.
    const spring = Date.UTC(2026, 2, 29, 1, 0, 0);
    const autumn = Date.UTC(2026, 9, 25, 1, 0, 0);
    expect(zoneOffsetMs(spring - 1_000, "Europe/Amsterdam")).toBe(3_600_000);
    expect(zoneOffsetMs(spring, "Europe/Amsterdam")).toBe(7_200_000);
    expect(zoneOffsetMs(autumn - 1, "Europe/Amsterdam")).toBe(7_200_000);
    expect(zoneOffsetMs(autumn, "Europe/Amsterdam")).toBe(3_600_000);
  });

  it("agrees with ICU through a year, and to the second at every change, in zones with odd offsets and southern DST", () => {
    const zones = ["Europe/Amsterdam", "America/New_York", "Australia/Adelaide", "Asia/Kathmandu", "Australia/Lord_Howe", "Asia/Kolkata", "UTC"];
    const start = Date.UTC(2026, 0, 1);
    const step = 23 * 60_000 + 17_000;
    const check = (t: number, zone: string) => {
      if (zoneOffsetMs(t, zone) !== icuOffset(t, zone)) throw new Error(`${zone} at ${new Date(t).toISOString()}: ${zoneOffsetMs(t, zone)} vs ${icuOffset(t, zone)}`);
    };
    let changes = 0;
    for (const zone of zones) {
      for (let t = start; t < start + 366 * 86_400_000; t += step) {
        check(t, zone);
        if (icuOffset(t, zone) === icuOffset(t + step, zone)) continue;
        // The exact second of the change, then both sides of it.
        let [lo, hi] = [t, t + step];
        while (hi - lo > 1_000) {
          const mid = Math.floor((lo + hi) / 2_000) * 1_000;
          if (icuOffset(mid, zone) === icuOffset(lo, zone)) lo = mid;
          else hi = mid;
        }
        check(hi - 1_000, zone);
        check(hi, zone);
        changes++;
      }
    }
    // Amsterdam, New York, Adelaide and Lord Howe (a 30-minute change) change twice a year.
    expect(changes).toBe(8);
    // Some 480,000 ICU look-ups: 2 to 6 s on a shared two-core machine, past the default 5 s.
  }, 30_000);
});

describe("formatters", () => {
  it("hands out one formatter per locale and options, formatting as a new one would", () => {
    const a = numberFormat("nl-NL", { style: "currency", currency: "EUR" });
    expect(numberFormat("nl-NL", { style: "currency", currency: "EUR" })).toBe(a);
    expect(numberFormat("nl-NL", { style: "currency", currency: "USD" })).not.toBe(a);
    expect(a.format(1234.5)).toBe(new Intl.NumberFormat("nl-NL", { style: "currency", currency: "EUR" }).format(1234.5));
    expect(dateTimeFormat("en-GB", { timeZone: "UTC", dateStyle: "medium" }).format(new Date(Date.UTC(2026, 11, 2)))).toBe("2 Dec 2026");
  });
});
