/**
 * Ordering of non-null values of one static type, for `order by`, `top`, `min`/`max` and friends.
 * Nulls are the caller's business (sort puts them first ascending, last descending).
 */
import type { Dynamic } from './dynamic.js';
import { type DynDateTime, type DynGuid, type DynTimespan, dynamicKind, toJsonText } from './dynamic.js';
import type { ScalarType } from './types.js';

export type Comparator = (a: unknown, b: unknown) => number;

/** Ordinal (UTF-16 code unit) string order. */
export function compareStrings(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

function compareNumbers(a: number, b: number): number {
  if (a < b) return -1;
  if (a > b) return 1;
  if (a === b) return 0;
  // NaN sorts before every number.
  return Number.isNaN(a) ? (Number.isNaN(b) ? 0 : -1) : 1;
}

function compareBigints(a: bigint, b: bigint): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

const DYNAMIC_KIND_ORDER = [
  'null',
  'bool',
  'long',
  'real',
  'datetime',
  'timespan',
  'guid',
  'string',
  'array',
  'dictionary',
] as const;

/** Orders dynamic values: numbers by value, then by kind, then by their JSON text. */
export function compareDynamic(a: Dynamic, b: Dynamic): number {
  const ka = dynamicKind(a);
  const kb = dynamicKind(b);
  const na = ka === 'long' || ka === 'real';
  const nb = kb === 'long' || kb === 'real';
  if (na && nb) {
    if (typeof a === 'bigint' || typeof b === 'bigint') return compareBigints(toBig(a), toBig(b));
    return compareNumbers(a as number, b as number);
  }
  if (ka !== kb) return DYNAMIC_KIND_ORDER.indexOf(ka) - DYNAMIC_KIND_ORDER.indexOf(kb);
  switch (ka) {
    case 'null':
      return 0;
    case 'bool':
      return (a ? 1 : 0) - (b ? 1 : 0);
    case 'string':
      return compareStrings(a as string, b as string);
    case 'datetime':
    case 'timespan':
      return compareBigints((a as DynDateTime | DynTimespan).ticks, (b as DynDateTime | DynTimespan).ticks);
    case 'guid':
      return compareStrings((a as DynGuid).text, (b as DynGuid).text);
    default:
      return compareStrings(toJsonText(a), toJsonText(b));
  }
}

function toBig(v: Dynamic): bigint {
  return typeof v === 'bigint' ? v : BigInt(Math.trunc(v as number));
}

export function comparatorFor(type: ScalarType): Comparator {
  switch (type) {
    case 'string':
    case 'guid':
      return (a, b) => compareStrings(a as string, b as string);
    case 'long':
    case 'datetime':
    case 'timespan':
      return (a, b) => compareBigints(a as bigint, b as bigint);
    case 'int':
    case 'real':
    case 'decimal':
      return (a, b) => compareNumbers(a as number, b as number);
    case 'bool':
      return (a, b) => (a ? 1 : 0) - (b ? 1 : 0);
    case 'dynamic':
      return (a, b) => compareDynamic(a as Dynamic, b as Dynamic);
  }
}
