/**
 * format_datetime and format_timespan: .NET-style custom format strings (runs of one letter: yyyy, MM, dd,
 * HH, hh, mm, ss, f..fffffff, F..FFFFFFF, tt; other characters are copied).
 */
import {
  partsFromTicks,
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
} from '../values/datetime.js';
import type { Evaluator, ScalarFunction } from './registry.js';
import { scalar } from './registry.js';

interface Token {
  readonly letter: string;
  readonly count: number;
}

const SPECIFIER_LETTERS = new Set(['y', 'M', 'd', 'h', 'H', 'm', 's', 'f', 'F', 't']);

/** The format as specifiers (a run of one letter) and literal text. */
function tokenize(format: string): (Token | string)[] {
  const out: (Token | string)[] = [];
  let i = 0;
  while (i < format.length) {
    const c = format[i] as string;
    if (!SPECIFIER_LETTERS.has(c)) {
      const last = out[out.length - 1];
      if (typeof last === 'string') out[out.length - 1] = last + c;
      else out.push(c);
      i++;
      continue;
    }
    let j = i;
    while (format[j] === c) j++;
    out.push({ letter: c, count: j - i });
    i = j;
  }
  return out;
}

const pad = (n: number, width: number) => String(n).padStart(width, '0');

/** f: always `count` digits of the fraction; F: the same without trailing zeros (nothing when all zero). */
function fraction(ticksInSecond: number, count: number, optional: boolean): string {
  const digits = String(ticksInSecond).padStart(7, '0').slice(0, Math.min(count, 7));
  return optional ? digits.replace(/0+$/, '') : digits;
}

/** The format with each specifier replaced by its text; literal text is copied. */
function render(
  format: readonly (Token | string)[],
  specifier: (letter: string, n: number) => string,
): string {
  let out = '';
  for (const t of format) out += typeof t === 'string' ? t : specifier(t.letter, t.count);
  return out;
}

export function formatDateTimeWith(ticks: bigint, format: readonly (Token | string)[]): string {
  const p = partsFromTicks(ticks);
  return render(format, (letter, n) => {
    switch (letter) {
      case 'y':
        return n <= 2 ? pad(p.year % 100, n) : pad(p.year, n);
      case 'M':
        return pad(p.month, Math.min(n, 2));
      case 'd':
        return pad(p.day, Math.min(n, 2));
      case 'H':
        return pad(p.hour, Math.min(n, 2));
      case 'h':
        return pad(p.hour % 12 === 0 ? 12 : p.hour % 12, Math.min(n, 2));
      case 'm':
        return pad(p.minute, Math.min(n, 2));
      case 's':
        return pad(p.second, Math.min(n, 2));
      case 'f':
      case 'F':
        return fraction(p.fraction, n, letter === 'F');
      default:
        return (p.hour < 12 ? 'AM' : 'PM').slice(0, Math.min(n, 2));
    }
  });
}

export function formatTimespanWith(ticks: bigint, format: readonly (Token | string)[]): string {
  const negative = ticks < 0n;
  const abs = negative ? -ticks : ticks;
  const days = abs / TICKS_PER_DAY;
  const hours = Number((abs % TICKS_PER_DAY) / TICKS_PER_HOUR);
  const minutes = Number((abs % TICKS_PER_HOUR) / TICKS_PER_MINUTE);
  const seconds = Number((abs % TICKS_PER_MINUTE) / TICKS_PER_SECOND);
  const fractionTicks = Number(abs % TICKS_PER_SECOND);
  const text = render(format, (letter, n) => {
    switch (letter) {
      case 'd':
        return days.toString().padStart(n, '0');
      case 'h':
      case 'H':
        return pad(hours, Math.min(n, 2));
      case 'm':
        return pad(minutes, Math.min(n, 2));
      case 's':
        return pad(seconds, Math.min(n, 2));
      case 'f':
      case 'F':
        return fraction(fractionTicks, n, letter === 'F');
      default:
        return letter.repeat(n);
    }
  });
  return negative ? `-${text}` : text;
}

function formatter(
  name: string,
  description: string,
  f: (ticks: bigint, format: readonly (Token | string)[]) => string,
) {
  return scalar({
    name,
    description,
    bind([, fmt]) {
      if (fmt?.constant) {
        const tokens = tokenize(String(fmt.constant.value));
        return {
          kind: 'compiled',
          compile:
            ([v]) =>
            (row) => {
              const t = (v as Evaluator)(row) as bigint | null;
              return t === null ? '' : f(t, tokens);
            },
        };
      }
      return {
        kind: 'compiled',
        compile:
          ([v, fm]) =>
          (row) => {
            const t = (v as Evaluator)(row) as bigint | null;
            return t === null ? '' : f(t, tokenize((fm as Evaluator)(row) as string));
          },
      };
    },
  });
}

export const datetimeFormatFunctions: readonly ScalarFunction[] = [
  formatter(
    'format_datetime',
    'format_datetime(datetime, format): the datetime as text, e.g. "yyyy-MM-dd HH:mm".',
    formatDateTimeWith,
  ),
  formatter(
    'format_timespan',
    'format_timespan(timespan, format): the timespan as text, e.g. "d.hh:mm:ss".',
    formatTimespanWith,
  ),
];
