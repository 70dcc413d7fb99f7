/**
 * Time zones: datetime_utc_to_local and datetime_local_to_utc, with the IANA zone rules of Node's Intl data
 * (the names Kusto accepts, such as 'US/Pacific' or 'Europe/Paris'). An unknown zone gives null.
 */
import { floorDiv, TICKS_PER_MILLISECOND } from '../values/datetime.js';
import type { ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';

const formatters = new Map<string, Intl.DateTimeFormat | null>();

function formatterFor(zone: string): Intl.DateTimeFormat | null {
  let f = formatters.get(zone);
  if (f === undefined) {
    try {
      f = new Intl.DateTimeFormat('en-US', {
        timeZone: zone,
        hourCycle: 'h23',
        year: 'numeric',
        month: 'numeric',
        day: 'numeric',
        hour: 'numeric',
        minute: 'numeric',
        second: 'numeric',
        era: 'short',
      });
    } catch {
      f = null;
    }
    formatters.set(zone, f);
  }
  return f;
}

/** The zone's offset from UTC at an instant, in milliseconds. */
function offsetMs(f: Intl.DateTimeFormat, utcMs: number): number {
  const parts: Record<string, string> = {};
  for (const p of f.formatToParts(new Date(utcMs))) parts[p.type] = p.value;
  let year = Number(parts.year);
  if (parts.era === 'BC' || parts.era === 'B') year = 1 - year;
  const wall = Date.UTC(
    year,
    Number(parts.month) - 1,
    Number(parts.day),
    Number(parts.hour),
    Number(parts.minute),
    Number(parts.second),
  );
  const whole = Math.floor(utcMs / 1000) * 1000;
  return wall - whole;
}

function utcToLocal(ticks: bigint, zone: string): bigint | null {
  const f = formatterFor(zone);
  if (!f) return null;
  const ms = Number(floorDiv(ticks, TICKS_PER_MILLISECOND));
  return ticks + BigInt(offsetMs(f, ms)) * TICKS_PER_MILLISECOND;
}

/** The UTC instant whose local time is `ticks`: the offset found at the guess, then corrected once. */
function localToUtc(ticks: bigint, zone: string): bigint | null {
  const f = formatterFor(zone);
  if (!f) return null;
  const localMs = Number(floorDiv(ticks, TICKS_PER_MILLISECOND));
  let offset = offsetMs(f, localMs);
  offset = offsetMs(f, localMs - offset);
  return ticks - BigInt(offset) * TICKS_PER_MILLISECOND;
}

export const timezoneFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'datetime_utc_to_local',
    description:
      "datetime_utc_to_local(datetime, zone): the local time in an IANA zone such as 'Europe/Paris'.",
    bind: () => eager((t: bigint | null, zone: string) => (t === null ? null : utcToLocal(t, zone))),
  }),
  scalar({
    name: 'datetime_local_to_utc',
    description: 'datetime_local_to_utc(datetime, zone): the UTC time of a local time in an IANA zone.',
    bind: () => eager((t: bigint | null, zone: string) => (t === null ? null : localToUtc(t, zone))),
  }),
];
