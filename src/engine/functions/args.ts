/**
 * Small helpers the function families share: reading an argument of a given static type as a number, a long
 * or text, and bringing a computed number back to the binder's result type.
 */
import { realToLong, toLong, toReal } from '../values/convert.js';
import type { ScalarType } from '../values/types.js';

/** An argument as a double (null stays null; text is parsed). */
export function realArg(t: ScalarType): (v: unknown) => number | null {
  if (t === 'real' || t === 'decimal' || t === 'int')
    return (v) => (v === null || v === undefined ? null : (v as number));
  return (v) => toReal(v, t);
}

/** An argument as a long. */
export function longArg(t: ScalarType): (v: unknown) => bigint | null {
  if (t === 'long') return (v) => (v === undefined ? null : (v as bigint | null));
  return (v) => toLong(v, t);
}

/** A double computed for a result of type `t`, in that type's representation (null when it has none). */
export function fromReal(t: ScalarType): (n: number | null) => unknown {
  switch (t) {
    case 'long':
    case 'timespan':
    case 'datetime':
      return (n) => (n === null ? null : realToLong(n));
    case 'int':
      return (n) => (n === null || !Number.isFinite(n) ? null : Math.trunc(n) | 0);
    case 'bool':
      return (n) => (n === null || Number.isNaN(n) ? null : n !== 0);
    default:
      return (n) => n;
  }
}

/** True for types held as bigint (long, datetime, timespan). */
export function isBigintType(t: ScalarType): boolean {
  return t === 'long' || t === 'datetime' || t === 'timespan';
}
