/**
 * Hash keys for grouping, joining and distinct sets: a value of a known static type becomes a string that is
 * equal for equal values (by `==` semantics) and different otherwise. Strings are length-prefixed so that
 * composite keys cannot collide.
 */
import type { Dynamic } from './dynamic.js';
import { DynamicBox, isBag } from './dynamic.js';
import type { ScalarType } from './types.js';

export type KeyFn = (v: unknown) => string;

const NULL_KEY = '\u0000';

export function keyFnFor(type: ScalarType): KeyFn {
  switch (type) {
    case 'string':
      return (v) => `${(v as string).length}:${v as string}`;
    case 'dynamic':
      return (v) => dynamicKey(v as Dynamic);
    case 'real':
    case 'decimal':
      // -0 and 0 are one value; every NaN is one group, as Kusto groups them.
      return (v) => (v === null ? NULL_KEY : `r${Object.is(v, -0) ? 0 : (v as number)}`);
    default:
      return (v) => (v === null ? NULL_KEY : `${typeLetter(type)}${String(v)}`);
  }
}

function typeLetter(t: ScalarType): string {
  return t.charAt(0);
}

/** A canonical text of a dynamic value: compact JSON, with boxes and number kinds tagged. */
export function dynamicKey(v: Dynamic): string {
  switch (typeof v) {
    case 'string':
      return JSON.stringify(v);
    case 'number':
      return Number.isFinite(v) ? String(v) : `#${v}`;
    case 'bigint':
      return String(v);
    case 'boolean':
      return v ? 'true' : 'false';
    default:
      if (v === null) return 'null';
      if (v instanceof DynamicBox) return `#${v.constructor.name}:${v.toJSON()}`;
      if (Array.isArray(v)) return `[${v.map((x) => dynamicKey(x ?? null)).join(',')}]`;
      if (isBag(v)) {
        const parts: string[] = [];
        for (const k in v)
          if (Object.hasOwn(v, k)) parts.push(`${JSON.stringify(k)}:${dynamicKey(v[k] ?? null)}`);
        return `{${parts.join(',')}}`;
      }
      return String(v);
  }
}

/** A composite key function over several values (one per type), for group-by and join keys. */
export function compositeKeyFn(types: readonly ScalarType[]): (values: readonly unknown[]) => string {
  const fns = types.map(keyFnFor);
  if (fns.length === 1) {
    const f = fns[0] as KeyFn;
    return (values) => f(values[0]);
  }
  return (values) => {
    let k = '';
    for (let i = 0; i < fns.length; i++) k += `${(fns[i] as KeyFn)(values[i])}\u0001`;
    return k;
  };
}
