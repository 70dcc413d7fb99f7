/**
 * Timestamps as the sources spell them, to 100 ns ticks, keeping every fractional digit given:
 * ISO 8601 with `Z` or an offset (`+00:00`), .NET JSON dates (`/Date(1544400226616)/`, Windows PowerShell 5.1),
 * the PowerShell DateTime object form (`{"value": "/Date(...)/", "DateTime": "..."}`), and the locale dates of
 * Log Analytics portal exports (`8/2/2021, 1:29:25.983 PM`, `16/07/2026 20:26:12.030`).
 */
import { parseIsoDateTimeFast, TICKS_PER_MILLISECOND, ticksFromParts } from '../engine/values/datetime.js';

const NET_DATE = /^\/Date\((-?\d+)(?:[+-]\d{4})?\)\/$/;

/** A source timestamp (string, or a PowerShell DateTime object) to ticks; null when it is not one. */
export function parseSourceDateTime(v: unknown): bigint | null {
  if (typeof v === 'string') {
    if (v.charCodeAt(0) === 47 /* / */) {
      const m = NET_DATE.exec(v);
      // The milliseconds count from the epoch in UTC; the optional offset only says how to display it.
      return m ? BigInt(m[1] as string) * TICKS_PER_MILLISECOND : null;
    }
    return parseIsoDateTimeFast(v);
  }
  if (typeof v === 'object' && v !== null && !Array.isArray(v)) {
    const inner = (v as Record<string, unknown>).value ?? (v as Record<string, unknown>).Value;
    if (typeof inner === 'string') return parseSourceDateTime(inner);
  }
  return null;
}

/** Day/month order of slash- or dot-separated locale dates. */
export type DateOrder = 'mdy' | 'dmy';

const LOCALE_DATE =
  /^\s*(\d{1,2})[/.-](\d{1,2})[/.-](\d{4}),?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d{1,7}))?)?\s*([AaPp])?\.?[Mm]?\.?\s*$/;

/** A locale date of a portal export (in UTC) to ticks; null when it is not one or does not fit `order`. */
export function parseLocaleDateTime(text: string, order: DateOrder): bigint | null {
  const m = LOCALE_DATE.exec(text);
  if (!m) return null;
  const a = Number(m[1]);
  const b = Number(m[2]);
  let hour = Number(m[4]);
  const half = m[8]?.toLowerCase();
  if (half) {
    if (hour < 1 || hour > 12) return null;
    if (half === 'a' && hour === 12) hour = 0;
    else if (half === 'p' && hour !== 12) hour += 12;
  }
  return ticksFromParts({
    year: Number(m[3]),
    month: order === 'mdy' ? a : b,
    day: order === 'mdy' ? b : a,
    hour,
    minute: Number(m[5]),
    second: Number(m[6] ?? 0),
    fraction: Number((m[7] ?? '').padEnd(7, '0')),
  });
}

const LOCALE_DATE_IN_TEXT =
  /(?<![\d.])(\d{1,2})[/.-](\d{1,2})[/.-]\d{4},?\s+\d{1,2}:\d{2}(?::\d{2}(?:[.,]\d+)?)?(\s*[AaPp]\.?[Mm])?/g;

/**
 * The day/month order of the locale dates in a sample of a file (its first bytes): a first number above 12
 * means day first, a second number above 12 means month first; otherwise AM/PM (the US form the portal writes)
 * means month first. `ambiguous` when the sample cannot tell (then month first is assumed).
 */
export function inferDateOrder(sample: string): { order: DateOrder; ambiguous: boolean } {
  let dayFirst = false;
  let monthFirst = false;
  let twelveHour = false;
  let any = false;
  for (const m of sample.matchAll(LOCALE_DATE_IN_TEXT)) {
    any = true;
    if (Number(m[1]) > 12) dayFirst = true;
    if (Number(m[2]) > 12) monthFirst = true;
    if (m[3]) twelveHour = true;
  }
  if (dayFirst && !monthFirst) return { order: 'dmy', ambiguous: false };
  if (monthFirst && !dayFirst) return { order: 'mdy', ambiguous: false };
  return { order: 'mdy', ambiguous: any && !twelveHour };
}

/**
 * A datetime field of a Log Analytics export, whatever its spelling: the file's locale form or ISO 8601;
 * null when empty, undefined when it is not a date.
 */
export function exportDateParser(order: DateOrder): (text: string) => bigint | null | undefined {
  return (text) => {
    if (text === '') return null;
    // Locale first: the ISO parser's own fallback reads slash dates month first, whatever the file's order.
    return parseLocaleDateTime(text, order) ?? parseIsoDateTimeFast(text) ?? undefined;
  };
}
