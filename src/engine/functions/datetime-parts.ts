/**
 * Parts of datetimes and differences between them: datetime_part, datetime_diff, getmonth, dayofmonth,
 * dayofyear, week_of_year, ..., bin_at, make_timespan, unixtime_*_todatetime.
 */
import { realToLong } from '../values/convert.js';
import {
  daysFromCivil,
  floorDiv,
  floorMod,
  inDateTimeRange,
  partsFromTicks,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MILLISECOND,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
} from '../values/datetime.js';
import type { ScalarType } from '../values/types.js';
import { fromReal, isBigintType, realArg } from './args.js';
import type { ArgInfo, ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';

function dayNumber(t: bigint): number {
  return Number(floorDiv(t, TICKS_PER_DAY));
}

/** ISO 8601 week number (weeks start on Monday; week 1 holds the year's first Thursday). */
export function isoWeekOfYear(t: bigint): number {
  const days = dayNumber(t);
  const weekday = (((days + 3) % 7) + 7) % 7; // Monday = 0 (1970-01-01 was a Thursday)
  const thursday = days - weekday + 3;
  const { year } = partsFromTicks(BigInt(thursday) * TICKS_PER_DAY);
  const jan1 = daysFromCivil(year, 1, 1);
  return Math.floor((thursday - jan1) / 7) + 1;
}

function dayOfYear(t: bigint): number {
  const p = partsFromTicks(t);
  return dayNumber(t) - daysFromCivil(p.year, 1, 1) + 1;
}

/** Every part datetime_part() and the single-part getters know, as a number. */
const PARTS: Record<string, (t: bigint) => number> = {
  year: (t) => partsFromTicks(t).year,
  quarter: (t) => Math.floor((partsFromTicks(t).month - 1) / 3) + 1,
  month: (t) => partsFromTicks(t).month,
  week_of_year: isoWeekOfYear,
  weekofyear: isoWeekOfYear,
  week: isoWeekOfYear,
  day: (t) => partsFromTicks(t).day,
  dayofyear: dayOfYear,
  hour: (t) => partsFromTicks(t).hour,
  minute: (t) => partsFromTicks(t).minute,
  second: (t) => partsFromTicks(t).second,
  millisecond: (t) => Math.floor(partsFromTicks(t).fraction / 10_000),
  microsecond: (t) => Math.floor(partsFromTicks(t).fraction / 10),
  nanosecond: (t) => partsFromTicks(t).fraction * 100,
};

function getter(name: string, part: string, description: string, aliases?: string[]): ScalarFunction {
  const f = PARTS[part] as (t: bigint) => number;
  return scalar({
    name,
    ...(aliases ? { aliases } : {}),
    description,
    bind(_args, result) {
      const out = fromReal(result);
      return eager((t: bigint | null) => (t === null ? null : out(f(t))));
    },
  });
}

/** Fixed-length units of datetime_diff, in ticks. */
const DIFF_UNITS: Record<string, bigint> = {
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MILLISECOND,
  microsecond: 10n,
};

/**
 * datetime_diff(part, a, b): the number of part boundaries between b and a (a − b), e.g. 'day' between
 * 2017-09-30 23:59 and 2017-10-29 00:00 is 29; 'week' counts Sunday-based week starts and is a real
 * [datetime-diff-function-00].
 */
function datetimeDiff(part: string, a: bigint, b: bigint): number | bigint | null {
  // A tick is 100 ns.
  if (part === 'nanosecond') return (a - b) * 100n;
  const unit = DIFF_UNITS[part];
  if (unit !== undefined) return floorDiv(a, unit) - floorDiv(b, unit);
  const pa = partsFromTicks(a);
  const pb = partsFromTicks(b);
  switch (part) {
    case 'year':
      return BigInt(pa.year - pb.year);
    case 'quarter':
      return BigInt(
        pa.year * 4 + Math.floor((pa.month - 1) / 3) - (pb.year * 4 + Math.floor((pb.month - 1) / 3)),
      );
    case 'month':
      return BigInt(pa.year * 12 + pa.month - (pb.year * 12 + pb.month));
    case 'week': {
      // Weeks start on Sunday; day 0 (1970-01-01) was a Thursday.
      const weekStart = (t: bigint) => dayNumber(t) - ((((dayNumber(t) + 4) % 7) + 7) % 7);
      return (weekStart(a) - weekStart(b)) / 7;
    }
    default:
      return null;
  }
}

function bindBinAt(args: readonly ArgInfo[], result: ScalarType): ScalarImpl | string {
  const [v, size, fixed] = args;
  if (!v || !size || !fixed) return 'expects a value, a bin size and a fixed point';
  if (isBigintType(v.type) && isBigintType(size.type) && isBigintType(fixed.type)) {
    return eager((x: bigint | null, s: bigint | null, f: bigint | null) => {
      if (x === null || s === null || f === null || s <= 0n) return null;
      const r = x - floorMod(x - f, s);
      return result === 'datetime' && !inDateTimeRange(r) ? null : r;
    });
  }
  const [rv, rs, rf] = args.map((a) => realArg(a.type)) as ((v: unknown) => number | null)[];
  const out = fromReal(result);
  return eager((x: unknown, s: unknown, f: unknown) => {
    const a = (rv as (v: unknown) => number | null)(x);
    const b = (rs as (v: unknown) => number | null)(s);
    const c = (rf as (v: unknown) => number | null)(f);
    if (a === null || b === null || c === null || b <= 0) return null;
    return out(c + Math.floor((a - c) / b) * b);
  });
}

/** make_timespan(h, m) / (h, m, s) / (d, h, m, s); seconds may have a fraction. */
function bindMakeTimespan(args: readonly ArgInfo[]): ScalarImpl | string {
  if (args.length < 2 || args.length > 4) return 'expects 2 to 4 arguments';
  const reads = args.map((a) => realArg(a.type));
  return eager((...vs: unknown[]) => {
    const xs = vs.map((v, i) => (reads[i] as (v: unknown) => number | null)(v));
    if (xs.some((x) => x === null)) return null;
    const [d, h, m, s] = (args.length === 4 ? xs : [0, ...xs, 0].slice(0, 4)) as number[];
    const whole =
      BigInt(Math.trunc(d as number)) * TICKS_PER_DAY +
      BigInt(Math.trunc(h as number)) * TICKS_PER_HOUR +
      BigInt(Math.trunc(m as number)) * TICKS_PER_MINUTE;
    const seconds = realToLong(Math.round((s as number) * 1e7));
    return seconds === null ? null : whole + seconds;
  });
}

function unixTime(name: string, ticksPerUnit: number, unit: string): ScalarFunction {
  return scalar({
    name,
    description: `A datetime from the number of ${unit} since 1970-01-01 (Unix time).`,
    bind([a]) {
      const read = realArg(a?.type ?? 'real');
      return eager((v: unknown) => {
        const x = read(v);
        if (x === null) return null;
        const t = realToLong(Math.round(x * ticksPerUnit));
        return t !== null && inDateTimeRange(t) ? t : null;
      });
    },
  });
}

export const datetimePartFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'datetime_part',
    description:
      "datetime_part(part, datetime): a part ('year', 'quarter', 'month', 'week_of_year', 'day', ...).",
    bind(_args, result) {
      const out = fromReal(result);
      return eager((part: string, t: bigint | null) => {
        const f = PARTS[part.toLowerCase()];
        return f === undefined || t === null ? null : out(f(t));
      });
    },
  }),
  scalar({
    name: 'datetime_diff',
    description: "datetime_diff(part, a, b): the number of part boundaries from b to a ('week' is a real).",
    bind(_args, result) {
      return eager((part: string, a: bigint | null, b: bigint | null) => {
        if (a === null || b === null) return null;
        const d = datetimeDiff(part.toLowerCase(), a, b);
        if (d === null) return null;
        if (result === 'real') return Number(d);
        return typeof d === 'number' ? BigInt(d) : d;
      });
    },
  }),
  getter('getmonth', 'month', 'The month (1-12) of a datetime.', ['monthofyear']),
  getter('dayofmonth', 'day', 'The day of the month (1-31).'),
  getter('dayofyear', 'dayofyear', 'The day of the year (1-366).'),
  getter('week_of_year', 'week_of_year', 'The ISO 8601 week number.', ['weekofyear']),
  getter('hourofday', 'hour', 'The hour (0-23) of a datetime.'),
  getter('getyear', 'year', 'The year of a datetime.'),
  scalar({
    name: 'bin_at',
    description: 'bin_at(value, size, fixed): bins aligned on a fixed point.',
    bind: bindBinAt,
  }),
  scalar({
    name: 'make_timespan',
    description: 'make_timespan([days,] hours, minutes[, seconds]): a timespan from its parts.',
    bind: bindMakeTimespan,
  }),
  unixTime('unixtime_seconds_todatetime', 1e7, 'seconds'),
  unixTime('unixtime_milliseconds_todatetime', 1e4, 'milliseconds'),
  unixTime('unixtime_microseconds_todatetime', 10, 'microseconds'),
  unixTime('unixtime_nanoseconds_todatetime', 0.01, 'nanoseconds'),
];
