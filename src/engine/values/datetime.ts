/**
 * datetime and timespan at Kusto's 100 ns (tick) precision, as bigint ticks.
 * A JS Date keeps milliseconds only; the sub-millisecond part decides window boundaries, so it is kept apart.
 */

export const TICKS_PER_MICROSECOND = 10n;
export const TICKS_PER_MILLISECOND = 10_000n;
export const TICKS_PER_SECOND = 10_000_000n;
export const TICKS_PER_MINUTE = 600_000_000n;
export const TICKS_PER_HOUR = 36_000_000_000n;
export const TICKS_PER_DAY = 864_000_000_000n;

/** Kusto's datetime range: 0001-01-01 .. 9999-12-31T23:59:59.9999999, in ticks since the Unix epoch. */
export const MIN_DATETIME = -621_355_968_000_000_000n;
export const MAX_DATETIME = 2_534_023_007_999_999_999n;

export function inDateTimeRange(ticks: bigint): boolean {
  return ticks >= MIN_DATETIME && ticks <= MAX_DATETIME;
}

/** Floor division and modulo for bigint (BigInt `/` truncates toward zero). */
export function floorDiv(a: bigint, b: bigint): bigint {
  const q = a / b;
  return a % b !== 0n && a < 0n !== b < 0n ? q - 1n : q;
}
export function floorMod(a: bigint, b: bigint): bigint {
  const m = a % b;
  return m !== 0n && m < 0n !== b < 0n ? m + b : m;
}

export interface DateParts {
  year: number;
  month: number; // 1..12
  day: number;
  hour: number;
  minute: number;
  second: number;
  /** ticks within the second, 0..9_999_999 */
  fraction: number;
}

/** Ticks from calendar parts (UTC); null when a part is out of range. */
export function ticksFromParts(p: DateParts): bigint | null {
  if (p.month < 1 || p.month > 12 || p.day < 1 || p.day > daysInMonth(p.year, p.month)) return null;
  if (p.hour < 0 || p.hour > 23 || p.minute < 0 || p.minute > 59 || p.second < 0 || p.second > 59)
    return null;
  if (p.year < 1 || p.year > 9999) return null;
  const days = daysFromCivil(p.year, p.month, p.day);
  const secs = BigInt(days * 86400 + p.hour * 3600 + p.minute * 60 + p.second);
  return secs * TICKS_PER_SECOND + BigInt(p.fraction);
}

export function partsFromTicks(ticks: bigint): DateParts {
  const days = Number(floorDiv(ticks, TICKS_PER_DAY));
  const inDay = Number(floorMod(ticks, TICKS_PER_DAY)); // < 8.64e11, exact as a number
  const { year, month, day } = civilFromDays(days);
  const secOfDay = Math.floor(inDay / 10_000_000);
  return {
    year,
    month,
    day,
    hour: Math.floor(secOfDay / 3600),
    minute: Math.floor((secOfDay % 3600) / 60),
    second: secOfDay % 60,
    fraction: inDay % 10_000_000,
  };
}

export function isLeapYear(y: number): boolean {
  return (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
}

export function daysInMonth(y: number, m: number): number {
  return m === 2 ? (isLeapYear(y) ? 29 : 28) : ([31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][m - 1] ?? 0);
}

/** Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm). */
export function daysFromCivil(y: number, m: number, d: number): number {
  const yy = m <= 2 ? y - 1 : y;
  const era = Math.floor(yy / 400);
  const yoe = yy - era * 400;
  const doy = Math.floor((153 * (m + (m > 2 ? -3 : 9)) + 2) / 5) + d - 1;
  const doe = yoe * 365 + Math.floor(yoe / 4) - Math.floor(yoe / 100) + doy;
  return era * 146097 + doe - 719468;
}

export function civilFromDays(z0: number): { year: number; month: number; day: number } {
  const z = z0 + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor(
    (doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365,
  );
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  return { year: yoe + era * 400 + (month <= 2 ? 1 : 0), month, day };
}

const pad2 = (n: number) => (n < 10 ? `0${n}` : `${n}`);

/** ISO-8601 UTC with all 7 fractional digits: `2026-10-20T00:00:00.0000001Z` (kqlhunt's output form). */
export function formatDateTime(ticks: bigint): string {
  const p = partsFromTicks(ticks);
  return `${String(p.year).padStart(4, '0')}-${pad2(p.month)}-${pad2(p.day)}T${pad2(p.hour)}:${pad2(p.minute)}:${pad2(p.second)}.${String(p.fraction).padStart(7, '0')}Z`;
}

/** Milliseconds since the epoch (for JS Date interop; drops sub-millisecond ticks). */
export function ticksToEpochMs(ticks: bigint): number {
  return Number(floorDiv(ticks, TICKS_PER_MILLISECOND));
}

export function epochMsToTicks(ms: number): bigint {
  return BigInt(Math.round(ms)) * TICKS_PER_MILLISECOND;
}

const MONTHS: Record<string, number> = {
  jan: 1,
  feb: 2,
  mar: 3,
  apr: 4,
  may: 5,
  jun: 6,
  jul: 7,
  aug: 8,
  sep: 9,
  oct: 10,
  nov: 11,
  dec: 12,
};

// ISO 8601 and the space-separated variant: 2014-05-25T08:20:03.1234567Z, 2014-05-25 08:20, 2014-05-25,
// with an optional zone (Z, +hh:mm, +hhmm, +hh). Also 20140525T082003 (basic format).
const ISO_RE =
  /^\s*(\d{4})-(\d{1,2})-(\d{1,2})(?:[T ]\s*(\d{1,2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?)?\s*(Z|z|UTC|GMT|[+-]\d{2}(?::?\d{2})?)?\s*$/;
const ISO_BASIC_RE = /^\s*(\d{4})(\d{2})(\d{2})(?:T(\d{2})(\d{2})(\d{2})?(?:\.(\d+))?)?\s*(Z)?\s*$/;
// RFC 822 / 1123 / 850: "Sat, 8 Nov 14 15:05:02 GMT", "Sat, 08 Nov 2014 15:05:02 +0100", "Saturday, 08-Nov-14 15:05:02 GMT"
const RFC_RE =
  /^\s*(?:[A-Za-z]+,\s*)?(\d{1,2})[ -]([A-Za-z]{3})[a-z]*[ -](\d{2}|\d{4})\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*(Z|UT|UTC|GMT|[ECMP][SD]T|[+-]\d{4})?\s*$/;
// US-style month-first dates, as written by the Log Analytics portal (10/20/2026, 1:02:03.456 PM) and as
// Kusto reads them with dashes or dots too: datetime('12-02-2022') is December 2 [todatetime-function-01].
const US_RE =
  /^\s*(\d{1,2})([/.-])(\d{1,2})\2(\d{4})(?:,?\s+(\d{1,2}):(\d{2})(?::(\d{2})(?:\.(\d+))?)?\s*([AaPp][Mm])?)?\s*$/;

const ZONE_OFFSETS_MIN: Record<string, number> = {
  Z: 0,
  UT: 0,
  UTC: 0,
  GMT: 0,
  EST: -300,
  EDT: -240,
  CST: -360,
  CDT: -300,
  MST: -420,
  MDT: -360,
  PST: -480,
  PDT: -420,
};

function fractionTicks(digits: string | undefined): number {
  if (!digits) return 0;
  return Number(digits.slice(0, 7).padEnd(7, '0'));
}

function zoneOffsetMinutes(zone: string | undefined): number | null {
  if (!zone) return 0;
  const z = zone.toUpperCase();
  if (z in ZONE_OFFSETS_MIN) return ZONE_OFFSETS_MIN[z] ?? 0;
  const m = /^([+-])(\d{2}):?(\d{2})?$/.exec(zone);
  if (!m) return null;
  const mins = Number(m[2]) * 60 + Number(m[3] ?? 0);
  return m[1] === '-' ? -mins : mins;
}

function build(
  year: number,
  month: number,
  day: number,
  hour: number,
  minute: number,
  second: number,
  fraction: number,
  zone: string | undefined,
): bigint | null {
  const offset = zoneOffsetMinutes(zone);
  if (offset === null) return null;
  const t = ticksFromParts({ year, month, day, hour, minute, second, fraction });
  if (t === null) return null;
  return t - BigInt(offset) * TICKS_PER_MINUTE;
}

/**
 * Parses the datetime spellings Kusto's `todatetime()` accepts (ISO 8601 and its variants, RFC 822/850/1123,
 * and the US locale form of portal exports); null when the text is not a datetime.
 */
export function parseDateTime(text: string): bigint | null {
  let m = ISO_RE.exec(text);
  if (m) {
    return build(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      fractionTicks(m[7]),
      m[8],
    );
  }
  m = RFC_RE.exec(text);
  if (m) {
    const month = MONTHS[(m[2] ?? '').toLowerCase()];
    if (month === undefined) return null;
    let year = Number(m[3]);
    if ((m[3] ?? '').length === 2) year += year < 50 ? 2000 : 1900;
    return build(
      year,
      month,
      Number(m[1]),
      Number(m[4]),
      Number(m[5]),
      Number(m[6] ?? 0),
      fractionTicks(m[7]),
      m[8],
    );
  }
  m = ISO_BASIC_RE.exec(text);
  if (m) {
    return build(
      Number(m[1]),
      Number(m[2]),
      Number(m[3]),
      Number(m[4] ?? 0),
      Number(m[5] ?? 0),
      Number(m[6] ?? 0),
      fractionTicks(m[7]),
      m[8],
    );
  }
  m = US_RE.exec(text);
  if (m) {
    let hour = Number(m[5] ?? 0);
    const ampm = m[9]?.toUpperCase();
    if (ampm) {
      if (hour < 1 || hour > 12) return null;
      if (ampm === 'AM' && hour === 12) hour = 0;
      else if (ampm === 'PM' && hour !== 12) hour += 12;
    }
    return build(
      Number(m[4]),
      Number(m[1]),
      Number(m[3]),
      hour,
      Number(m[6] ?? 0),
      Number(m[7] ?? 0),
      fractionTicks(m[8]),
      undefined,
    );
  }
  return null;
}

/**
 * Fast path for the canonical form that logs carry (`2026-10-20T08:20:03.1234567Z`, any number of fraction
 * digits, optional Z): parses without a regular expression, falling back to `parseDateTime` otherwise.
 */
export function parseIsoDateTimeFast(s: string): bigint | null {
  const n = s.length;
  if (
    n >= 19 &&
    s.charCodeAt(4) === 45 &&
    s.charCodeAt(7) === 45 &&
    s.charCodeAt(10) === 84 &&
    s.charCodeAt(13) === 58 &&
    s.charCodeAt(16) === 58
  ) {
    const year = digits(s, 0, 4);
    const month = digits(s, 5, 2);
    const day = digits(s, 8, 2);
    const hour = digits(s, 11, 2);
    const minute = digits(s, 14, 2);
    const second = digits(s, 17, 2);
    let i = 19;
    let fraction = 0;
    if (i < n && s.charCodeAt(i) === 46) {
      i++;
      let scale = 1_000_000;
      const start = i;
      while (i < n) {
        const c = s.charCodeAt(i) - 48;
        if (c < 0 || c > 9) break;
        if (scale >= 1) fraction += c * scale;
        scale /= 10;
        i++;
      }
      if (i === start) return parseDateTime(s);
      fraction = Math.floor(fraction);
    }
    if (i < n && s.charCodeAt(i) === 90) i++;
    if (i === n && year >= 0 && month >= 0 && day >= 0 && hour >= 0 && minute >= 0 && second >= 0) {
      return ticksFromParts({ year, month, day, hour, minute, second, fraction });
    }
  }
  return parseDateTime(s);
}

function digits(s: string, at: number, len: number): number {
  let v = 0;
  for (let i = at; i < at + len; i++) {
    const c = s.charCodeAt(i) - 48;
    if (c < 0 || c > 9) return -1;
    v = v * 10 + c;
  }
  return v;
}
