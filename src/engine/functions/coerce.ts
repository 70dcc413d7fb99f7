/**
 * How two operands of (possibly different) static types meet in a comparison or arithmetic operator:
 * the common representation both are brought to, and the function that brings each there.
 */
import { toDynamic, toLong, toReal } from '../values/convert.js';
import type { Dynamic } from '../values/dynamic.js';
import { DynDateTime, DynGuid, DynTimespan } from '../values/dynamic.js';
import type { ScalarType } from '../values/types.js';

export type CommonKind = 'bigint' | 'number' | 'string' | 'bool' | 'dynamic';

/** Each operand's lift into the common kind; null when the types do not compare. */
export interface Common {
  readonly kind: CommonKind;
  readonly left: (v: unknown) => unknown;
  readonly right: (v: unknown) => unknown;
}

const identity = (v: unknown) => v;

function kindOf(t: ScalarType): CommonKind {
  switch (t) {
    case 'long':
    case 'datetime':
    case 'timespan':
      return 'bigint';
    case 'int':
    case 'real':
    case 'decimal':
      return 'number';
    case 'string':
    case 'guid':
      return 'string';
    case 'bool':
      return 'bool';
    case 'dynamic':
      return 'dynamic';
  }
}

/**
 * A dynamic scalar as a value of the typed side's kind, so `dyn == "x"` or `dyn > 5` compare by value:
 * null when the dynamic holds something of another kind.
 */
export function dynamicAs(kind: CommonKind): (v: unknown) => unknown {
  switch (kind) {
    case 'string':
      return (v) => {
        const d = v as Dynamic;
        if (typeof d === 'string') return d;
        if (d instanceof DynGuid) return d.text;
        return null;
      };
    case 'number':
      return (v) => toReal(v, 'dynamic');
    case 'bigint':
      return (v) => {
        const d = v as Dynamic;
        if (d instanceof DynDateTime || d instanceof DynTimespan) return d.ticks;
        return toLong(v, 'dynamic');
      };
    case 'bool':
      return (v) => (typeof v === 'boolean' ? v : null);
    case 'dynamic':
      return identity;
  }
}

export function commonOf(a: ScalarType, b: ScalarType): Common | null {
  const ka = kindOf(a);
  const kb = kindOf(b);
  if (ka === kb) {
    if (ka === 'bigint' && a !== b && a !== 'long' && b !== 'long') return null; // datetime vs timespan
    return { kind: ka, left: identity, right: identity };
  }
  if (ka === 'dynamic') return { kind: kb, left: dynamicAs(kb), right: identity };
  if (kb === 'dynamic') return { kind: ka, left: identity, right: dynamicAs(ka) };
  // long with int/real: compare as doubles, except int vs long which stays exact.
  if ((ka === 'bigint' && kb === 'number') || (ka === 'number' && kb === 'bigint')) {
    const bigSide = ka === 'bigint' ? a : b;
    const numSide = ka === 'number' ? a : b;
    if (bigSide === 'long' && numSide === 'int') {
      const toBig = (v: unknown) => (v === null ? null : BigInt(v as number));
      return ka === 'bigint'
        ? { kind: 'bigint', left: identity, right: toBig }
        : { kind: 'bigint', left: toBig, right: identity };
    }
    if (bigSide !== 'long') return null;
    const toNum = (v: unknown) => (v === null ? null : Number(v as bigint));
    return ka === 'bigint'
      ? { kind: 'number', left: toNum, right: identity }
      : { kind: 'number', left: identity, right: toNum };
  }
  return null;
}

/** Brings a value of type `t` into dynamic (for `in` lists that mix dynamic arrays and scalars). */
export function liftToDynamic(t: ScalarType): (v: unknown) => Dynamic {
  return (v) => toDynamic(v, t);
}
