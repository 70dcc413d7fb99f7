/**
 * Conversions between KQL types, as the to*() functions define them: an impossible conversion yields null
 * (never an exception). Shared by the conversion functions, implicit argument coercion and the readers.
 */
import { parseDateTime } from './datetime.js';
import type { Dynamic } from './dynamic.js';
import { DynamicBox, DynDateTime, DynGuid, DynTimespan, parseJsonText } from './dynamic.js';
import { valueToString } from './format.js';
import { parseTimespan } from './timespan.js';
import type { ScalarType } from './types.js';

const LONG_MIN = -(2n ** 63n);
const LONG_MAX = 2n ** 63n - 1n;

export function wrapLong(v: bigint): bigint {
  return BigInt.asIntN(64, v);
}

/** A real to long, truncating toward zero; null when not finite or out of range. */
export function realToLong(v: number): bigint | null {
  if (!Number.isFinite(v)) return null;
  const t = BigInt(Math.trunc(v));
  return t < LONG_MIN || t > LONG_MAX ? null : t;
}

export function toInt32(v: number): number {
  return v | 0;
}

const GUID_RE =
  /^\s*[{(]?([0-9a-fA-F]{8})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{4})-?([0-9a-fA-F]{12})[})]?\s*$/;

export function parseGuid(text: string): string | null {
  const m = GUID_RE.exec(text);
  if (!m) return null;
  return `${m[1]}-${m[2]}-${m[3]}-${m[4]}-${m[5]}`.toLowerCase();
}

const NUMBER_RE = /^\s*[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?\s*$/;
const HEX_RE = /^\s*([+-]?)0[xX]([0-9a-fA-F]+)\s*$/;

export function parseReal(text: string): number | null {
  const t = text.trim();
  if (NUMBER_RE.test(t)) return Number(t);
  const lower = t.toLowerCase();
  if (lower === 'nan') return Number.NaN;
  if (lower === 'inf' || lower === 'infinity' || lower === '+inf' || lower === '+infinity')
    return Number.POSITIVE_INFINITY;
  if (lower === '-inf' || lower === '-infinity') return Number.NEGATIVE_INFINITY;
  return null;
}

export function parseLong(text: string): bigint | null {
  const t = text.trim();
  if (/^[+-]?\d+$/.test(t)) {
    const v = BigInt(t);
    return v < LONG_MIN || v > LONG_MAX ? null : v;
  }
  const hex = HEX_RE.exec(t);
  if (hex) {
    const v = BigInt(`0x${hex[2]}`);
    return hex[1] === '-' ? -v : v;
  }
  // "1.5" converts through real, truncating (tolong("1.5") == 1).
  const r = parseReal(t);
  return r === null ? null : realToLong(r);
}

/** tobool(): true/false (any case) and numbers (non-zero is true). */
export function parseBool(text: string): boolean | null {
  const t = text.trim().toLowerCase();
  if (t === 'true') return true;
  if (t === 'false') return false;
  const n = parseReal(t);
  if (n === null || Number.isNaN(n)) return null;
  return n !== 0;
}

/** parse_json()/todynamic() of a string: its JSON value, or the string itself when it is not JSON. */
export function parseDynamicText(text: string): Dynamic {
  // Queries parse the same text twice in a row (`where isnotempty(parse_json(x)[0]) | extend v = parse_json(x)[0]`):
  // the last result is kept. Sharing it is safe because kqlhunt never mutates a value once made.
  if (text === lastParsedText) return lastParsedValue;
  let v: Dynamic;
  try {
    v = parseJsonText(text);
  } catch {
    v = text;
  }
  lastParsedText = text;
  lastParsedValue = v;
  return v;
}

let lastParsedText: string | undefined;
let lastParsedValue: Dynamic = null;

/** Converts a value of static type `from` to type `to`, as `to<type>()` does. */
export function convert(v: unknown, from: ScalarType, to: ScalarType): unknown {
  if (from === to) return v;
  if (to === 'string') return valueToString(v, from);
  if (v === null || v === undefined) return null;
  switch (to) {
    case 'dynamic':
      return toDynamic(v, from);
    case 'bool':
      return toBool(v, from);
    case 'int': {
      const l = toLong(v, from);
      return l === null ? null : Number(BigInt.asIntN(32, l));
    }
    case 'long':
      return toLong(v, from);
    case 'real':
    case 'decimal':
      return toReal(v, from);
    case 'datetime':
      return toDateTime(v, from);
    case 'timespan':
      return toTimespan(v, from);
    case 'guid':
      return toGuid(v, from);
  }
}

export function toDynamic(v: unknown, from: ScalarType): Dynamic {
  if (v === null || v === undefined) return null;
  switch (from) {
    case 'dynamic':
      return v as Dynamic;
    case 'string':
      return v as string;
    case 'long':
      return Number.isSafeInteger(Number(v)) ? Number(v) : (v as bigint);
    case 'datetime':
      return new DynDateTime(v as bigint);
    case 'timespan':
      return new DynTimespan(v as bigint);
    case 'guid':
      return new DynGuid(v as string);
    default:
      return v as Dynamic;
  }
}

export function toBool(v: unknown, from: ScalarType): boolean | null {
  if (v === null || v === undefined) return null;
  switch (from) {
    case 'bool':
      return v as boolean;
    case 'int':
    case 'real':
    case 'decimal':
      return Number.isNaN(v as number) ? null : (v as number) !== 0;
    case 'long':
      return (v as bigint) !== 0n;
    case 'string':
      return parseBool(v as string);
    case 'dynamic': {
      const d = v as Dynamic;
      if (typeof d === 'boolean') return d;
      if (typeof d === 'number') return d !== 0;
      if (typeof d === 'bigint') return d !== 0n;
      if (typeof d === 'string') return parseBool(d);
      return null;
    }
    default:
      return null;
  }
}

export function toLong(v: unknown, from: ScalarType): bigint | null {
  if (v === null || v === undefined) return null;
  switch (from) {
    case 'long':
    case 'datetime':
    case 'timespan':
      return v as bigint;
    case 'int':
      return BigInt(v as number);
    case 'real':
    case 'decimal':
      return realToLong(v as number);
    case 'bool':
      return v ? 1n : 0n;
    case 'string':
      return parseLong(v as string);
    case 'dynamic': {
      const d = v as Dynamic;
      if (typeof d === 'number') return realToLong(d);
      if (typeof d === 'bigint') return d;
      if (typeof d === 'boolean') return d ? 1n : 0n;
      if (typeof d === 'string') return parseLong(d);
      if (d instanceof DynDateTime || d instanceof DynTimespan) return d.ticks;
      return null;
    }
    default:
      return null;
  }
}

export function toReal(v: unknown, from: ScalarType): number | null {
  if (v === null || v === undefined) return null;
  switch (from) {
    case 'real':
    case 'decimal':
    case 'int':
      return v as number;
    case 'long':
    case 'datetime':
    case 'timespan':
      return Number(v as bigint);
    case 'bool':
      return v ? 1 : 0;
    case 'string':
      return parseReal(v as string);
    case 'dynamic': {
      const d = v as Dynamic;
      if (typeof d === 'number') return d;
      if (typeof d === 'bigint') return Number(d);
      if (typeof d === 'boolean') return d ? 1 : 0;
      if (typeof d === 'string') return parseReal(d);
      return null;
    }
    default:
      return null;
  }
}

export function toDateTime(v: unknown, from: ScalarType): bigint | null {
  if (v === null || v === undefined) return null;
  switch (from) {
    case 'datetime':
      return v as bigint;
    case 'string':
      return parseDateTime(v as string);
    case 'long':
      // A long is taken as ticks since 0001-01-01 (.NET DateTime ticks).
      return (v as bigint) - 621_355_968_000_000_000n;
    case 'dynamic': {
      const d = v as Dynamic;
      if (d instanceof DynDateTime) return d.ticks;
      if (typeof d === 'string') return parseDateTime(d);
      return null;
    }
    default:
      return null;
  }
}

export function toTimespan(v: unknown, from: ScalarType): bigint | null {
  if (v === null || v === undefined) return null;
  switch (from) {
    case 'timespan':
      return v as bigint;
    case 'string':
      return parseTimespan(v as string);
    case 'long':
      return v as bigint;
    case 'int':
      return BigInt(v as number);
    case 'real':
    case 'decimal':
      return realToLong(v as number);
    case 'dynamic': {
      const d = v as Dynamic;
      if (d instanceof DynTimespan) return d.ticks;
      if (typeof d === 'string') return parseTimespan(d);
      if (typeof d === 'number') return realToLong(d);
      if (typeof d === 'bigint') return d;
      return null;
    }
    default:
      return null;
  }
}

export function toGuid(v: unknown, from: ScalarType): string | null {
  if (v === null || v === undefined) return null;
  switch (from) {
    case 'guid':
      return v as string;
    case 'string':
      return parseGuid(v as string);
    case 'dynamic': {
      const d = v as Dynamic;
      if (d instanceof DynGuid) return d.text;
      if (typeof d === 'string') return parseGuid(d);
      return null;
    }
    default:
      return null;
  }
}

/** The static type a dynamic scalar would have on its own (used when comparing dynamic with typed values). */
export function isDynamicBox(v: unknown): v is DynamicBox {
  return v instanceof DynamicBox;
}
