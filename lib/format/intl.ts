/**
 * Intl formatters, made once and kept. Building one costs 25–85 µs (ICU loads the locale's data);
 * using one costs under 1 µs. A page formats hundreds of amounts and times, so every formatter
 * the app uses comes from here, keyed by its locale and options.
 */
const numberFormats = new Map<string, Intl.NumberFormat>();
const dateTimeFormats = new Map<string, Intl.DateTimeFormat>();
/** Options are few and fixed in code; the limit only guards against a zone or currency per call. */
const LIMIT = 500;

function kept<F>(cache: Map<string, F>, key: string, make: () => F): F {
  let f = cache.get(key);
  if (!f) {
    if (cache.size >= LIMIT) cache.clear();
    f = make();
    cache.set(key, f);
  }
  return f;
}

export function numberFormat(tag: string, options: Intl.NumberFormatOptions = {}): Intl.NumberFormat {
  return kept(numberFormats, `${tag}|${JSON.stringify(options)}`, () => new Intl.NumberFormat(tag, options));
}

export function dateTimeFormat(tag: string, options: Intl.DateTimeFormatOptions = {}): Intl.DateTimeFormat {
  return kept(dateTimeFormats, `${tag}|${JSON.stringify(options)}`, () => new Intl.DateTimeFormat(tag, options));
}

/** The BCP 47 tag the app formats a language with. */
export function localeTag(locale: "nl" | "en"): string {
  return locale === "nl" ? "nl-NL" : "en-GB";
}

/**
 * A zone's UTC offset at an instant, in ms (wall clock = instant + offset). Zone rules change
 * the offset only at whole quarter hours (every offset in use is a multiple of 15 minutes, and
 * changes happen at a local whole hour), so the offset is read once per zone and quarter hour
 * and kept: a worklist reads thousands of instants in a handful of zones.
 */
const QUARTER = 15 * 60_000;
const offsets = new Map<string, number>();
export function zoneOffsetMs(instant: number, timeZone: string): number {
  const quarter = Math.floor(instant / QUARTER);
  const key = `${timeZone}|${quarter}`;
  let offset = offsets.get(key);
  if (offset === undefined) {
    const at = quarter * QUARTER;
    const parts = dateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", second: "2-digit" }).formatToParts(new Date(at));
    const n = (type: string) => Number(parts.find((p) => p.type === type)?.value);
    offset = Date.UTC(n("year"), n("month") - 1, n("day"), n("hour"), n("minute"), n("second")) - at;
    if (offsets.size >= 20_000) offsets.clear();
    offsets.set(key, offset);
  }
  return offset;
}
