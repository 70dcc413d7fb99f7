import {
  TICKS_PER_DAY,
  TICKS_PER_HOUR,
  TICKS_PER_MICROSECOND,
  TICKS_PER_MILLISECOND,
  TICKS_PER_MINUTE,
  TICKS_PER_SECOND,
} from './datetime.js';

/** Kusto's timespan text: `[-][d.]hh:mm:ss[.fffffff]`, the fraction only when non-zero. */
export function formatTimespan(ticks: bigint): string {
  const neg = ticks < 0n;
  let t = neg ? -ticks : ticks;
  const days = t / TICKS_PER_DAY;
  t %= TICKS_PER_DAY;
  const hours = t / TICKS_PER_HOUR;
  t %= TICKS_PER_HOUR;
  const minutes = t / TICKS_PER_MINUTE;
  t %= TICKS_PER_MINUTE;
  const seconds = t / TICKS_PER_SECOND;
  const fraction = t % TICKS_PER_SECOND;
  const p2 = (v: bigint) => v.toString().padStart(2, '0');
  let s = `${neg ? '-' : ''}${days > 0n ? `${days}.` : ''}${p2(hours)}:${p2(minutes)}:${p2(seconds)}`;
  if (fraction > 0n) s += `.${fraction.toString().padStart(7, '0')}`;
  return s;
}

const UNIT_TICKS: Record<string, bigint> = {
  d: TICKS_PER_DAY,
  day: TICKS_PER_DAY,
  days: TICKS_PER_DAY,
  h: TICKS_PER_HOUR,
  hr: TICKS_PER_HOUR,
  hrs: TICKS_PER_HOUR,
  hour: TICKS_PER_HOUR,
  hours: TICKS_PER_HOUR,
  m: TICKS_PER_MINUTE,
  min: TICKS_PER_MINUTE,
  minute: TICKS_PER_MINUTE,
  minutes: TICKS_PER_MINUTE,
  s: TICKS_PER_SECOND,
  sec: TICKS_PER_SECOND,
  second: TICKS_PER_SECOND,
  seconds: TICKS_PER_SECOND,
  ms: TICKS_PER_MILLISECOND,
  milli: TICKS_PER_MILLISECOND,
  millis: TICKS_PER_MILLISECOND,
  millisec: TICKS_PER_MILLISECOND,
  millisecond: TICKS_PER_MILLISECOND,
  milliseconds: TICKS_PER_MILLISECOND,
  microsec: TICKS_PER_MICROSECOND,
  microsecond: TICKS_PER_MICROSECOND,
  microseconds: TICKS_PER_MICROSECOND,
  tick: 1n,
  ticks: 1n,
};

/** Exact ticks of `amount` (a decimal numeral) × `unit` ticks, rounded to the nearest tick. */
function scaleDecimal(amount: string, unit: bigint): bigint | null {
  const m = /^(\d*)(?:\.(\d*))?$/.exec(amount);
  if (!m || (m[1] === '' && (m[2] ?? '') === '')) return null;
  const whole = BigInt(m[1] || '0');
  const frac = m[2] ?? '';
  if (frac === '') return whole * unit;
  const scale = 10n ** BigInt(frac.length);
  const num = BigInt(frac) * unit;
  return whole * unit + (num * 2n + scale) / (scale * 2n);
}

/**
 * Parses a timespan: a literal with a unit (`14d`, `1.5h`, `30 min`, `100ms`, `10tick`) or the
 * clock form `[-][d.]hh:mm[:ss[.fffffff]]`. Null when it is neither.
 */
export function parseTimespan(text: string): bigint | null {
  const s = text.trim();
  let neg = false;
  let body = s;
  if (body.startsWith('-')) {
    neg = true;
    body = body.slice(1).trim();
  } else if (body.startsWith('+')) {
    body = body.slice(1).trim();
  }
  let ticks: bigint | null = null;
  const unit = /^(\d*\.?\d*)\s*([a-zA-Z]+)$/.exec(body);
  if (unit) {
    const u = UNIT_TICKS[(unit[2] ?? '').toLowerCase()];
    if (u !== undefined) ticks = scaleDecimal(unit[1] ?? '', u);
  } else {
    const clock = /^(?:(\d+)\.)?(\d{1,2}):(\d{1,2})(?::(\d{1,2})(?:\.(\d{1,7}))?)?$/.exec(body);
    if (clock) {
      const [, d, h, mi, sec, frac] = clock;
      if (Number(h) > 23 || Number(mi) > 59 || Number(sec ?? 0) > 59) return null;
      ticks =
        BigInt(d ?? 0) * TICKS_PER_DAY +
        BigInt(h ?? 0) * TICKS_PER_HOUR +
        BigInt(mi ?? 0) * TICKS_PER_MINUTE +
        BigInt(sec ?? 0) * TICKS_PER_SECOND +
        BigInt((frac ?? '').padEnd(7, '0') || '0');
    } else if (/^\d+$/.test(body)) {
      // A bare number of days, as in `time(2)`.
      ticks = BigInt(body) * TICKS_PER_DAY;
    }
  }
  if (ticks === null) return null;
  return neg ? -ticks : ticks;
}
