/** datetime and timespan functions: now, ago, bin, startofday, datetime_add, dayofweek, ... */

import { realToLong } from '../values/convert.js';
import {
  daysInMonth,
  floorDiv,
  floorMod,
  inDateTimeRange,
  partsFromTicks,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MILLISECOND,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
  ticksFromParts,
} from '../values/datetime.js';
import type { ScalarType } from '../values/types.js';
import type { ScalarFunction, ScalarImpl } from './registry.js';
import { eager, scalar } from './registry.js';

/** bin(value, size): value rounded down to a multiple of size, for numbers, datetimes and timespans. */
function bindBin([v, size]: readonly { type: ScalarType }[]): ScalarImpl | string {
  switch (v?.type) {
    case 'datetime':
    case 'timespan':
      return eager((x: bigint | null, s: bigint | null) =>
        x === null || s === null || s <= 0n ? null : x - floorMod(x, s),
      );
    case 'long':
      return size?.type === 'real'
        ? eager((x: bigint | null, s: number | null) =>
            x === null || s === null || s <= 0 ? null : realToLong(Math.floor(Number(x) / s) * s),
          )
        : eager((x: bigint | null, s: bigint | null) =>
            x === null || s === null || s <= 0n ? null : floorDiv(x, s) * s,
          );
    case 'int':
      return eager((x: number | null, s: number | bigint | null) =>
        x === null || s === null || Number(s) <= 0 ? null : Math.floor(x / Number(s)) * Number(s),
      );
    case 'real':
    case 'decimal':
      return eager((x: number | null, s: number | bigint | null) =>
        x === null || s === null || Number(s) <= 0 ? null : Math.floor(x / Number(s)) * Number(s),
      );
    default:
      return `bin() of ${v?.type}`;
  }
}

function startOf(unit: 'day' | 'week' | 'month' | 'year', end: boolean): ScalarFunction {
  const name = `${end ? 'endof' : 'startof'}${unit}`;
  return scalar({
    name,
    description: `The ${end ? 'last tick' : 'start'} of the ${unit} of a datetime (optionally offset by n ${unit}s).`,
    bind: () =>
      eager((t: bigint | null, offset?: bigint | null) => {
        if (t === null || offset === null) return null;
        const n = Number(offset ?? 0n);
        const p = partsFromTicks(t);
        let start: bigint | null;
        let next: bigint | null;
        switch (unit) {
          case 'day':
            start = t - floorMod(t, TICKS_PER_DAY) + BigInt(n) * TICKS_PER_DAY;
            next = start + TICKS_PER_DAY;
            break;
          case 'week': {
            // Weeks start on Sunday; 1970-01-01 was a Thursday.
            const day = t - floorMod(t, TICKS_PER_DAY);
            const dow = Number(floorMod(floorDiv(day, TICKS_PER_DAY) + 4n, 7n));
            start = day - BigInt(dow) * TICKS_PER_DAY + BigInt(n * 7) * TICKS_PER_DAY;
            next = start + 7n * TICKS_PER_DAY;
            break;
          }
          case 'month': {
            const m0 = p.year * 12 + (p.month - 1) + n;
            start = ticksFromParts({ ...zero, year: Math.floor(m0 / 12), month: (m0 % 12) + 1 });
            const m1 = m0 + 1;
            next = ticksFromParts({ ...zero, year: Math.floor(m1 / 12), month: (m1 % 12) + 1 });
            break;
          }
          case 'year':
            start = ticksFromParts({ ...zero, year: p.year + n });
            next = ticksFromParts({ ...zero, year: p.year + n + 1 });
            break;
        }
        if (start === null) return null;
        const r = end ? (next === null ? null : next - 1n) : start;
        return r !== null && inDateTimeRange(r) ? r : null;
      }),
  });
}

const zero = { year: 1970, month: 1, day: 1, hour: 0, minute: 0, second: 0, fraction: 0 };

const PART_TICKS: Record<string, bigint> = {
  day: TICKS_PER_DAY,
  hour: TICKS_PER_HOUR,
  minute: TICKS_PER_MINUTE,
  second: TICKS_PER_SECOND,
  millisecond: TICKS_PER_MILLISECOND,
  microsecond: 10n,
  nanosecond: 1n,
  week: 7n * TICKS_PER_DAY,
};

function addMonths(t: bigint, months: number): bigint | null {
  const p = partsFromTicks(t);
  const m0 = p.year * 12 + (p.month - 1) + months;
  const year = Math.floor(m0 / 12);
  const month = m0 - year * 12 + 1;
  const day = Math.min(p.day, daysInMonth(year, month));
  return ticksFromParts({ ...p, year, month, day });
}

export const datetimeFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'now',
    description: 'The query time (fixed for a run; `--now` sets it), optionally offset by a timespan.',
    deterministic: false,
    bind: (_args, _result, ctx) =>
      eager((offset?: bigint | null) => (offset === null ? null : ctx.now + (offset ?? 0n))),
  }),
  scalar({
    name: 'ago',
    description: 'The query time minus a timespan.',
    deterministic: false,
    bind: (_args, _result, ctx) => eager((span: bigint | null) => (span === null ? null : ctx.now - span)),
  }),
  scalar({
    name: 'bin',
    aliases: ['floor'],
    description: 'Rounds down to a multiple of the bin size.',
    bind: (args) => bindBin(args),
  }),
  startOf('day', false),
  startOf('week', false),
  startOf('month', false),
  startOf('year', false),
  startOf('day', true),
  startOf('week', true),
  startOf('month', true),
  startOf('year', true),
  scalar({
    name: 'datetime_add',
    description: "datetime_add(part, amount, datetime): adds amount parts ('day', 'month', ...).",
    bind: () =>
      eager((part: string, amount: bigint | null, t: bigint | null) => {
        if (amount === null || t === null) return null;
        const p = part.toLowerCase();
        let r: bigint | null;
        if (p === 'year') r = addMonths(t, Number(amount) * 12);
        else if (p === 'quarter') r = addMonths(t, Number(amount) * 3);
        else if (p === 'month') r = addMonths(t, Number(amount));
        else {
          const unit = PART_TICKS[p];
          if (unit === undefined) return null;
          r = t + amount * unit;
        }
        return r !== null && inDateTimeRange(r) ? r : null;
      }),
  }),
  scalar({
    name: 'dayofweek',
    description: 'Days since the preceding Sunday, as a timespan.',
    bind: () =>
      eager((t: bigint | null) =>
        t === null ? null : BigInt(Number(floorMod(floorDiv(t, TICKS_PER_DAY) + 4n, 7n))) * TICKS_PER_DAY,
      ),
  }),
  scalar({
    name: 'make_datetime',
    description: 'make_datetime(year, month, day[, hour, minute[, second]]).',
    bind: (args) => {
      const secondIsReal = args[5]?.type === 'real';
      return eager((...xs: (bigint | number | null)[]) => {
        if (xs.some((x) => x === null)) return null;
        const [y, mo, d, h = 0, mi = 0, s = 0] = xs.map((x) => Number(x));
        const whole = Math.floor(s as number);
        const fraction = secondIsReal ? Math.round(((s as number) - whole) * 1e7) : 0;
        return ticksFromParts({
          year: y as number,
          month: mo as number,
          day: d as number,
          hour: h as number,
          minute: mi as number,
          second: whole,
          fraction,
        });
      });
    },
  }),
];
