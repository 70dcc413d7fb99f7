/**
 * Values crossing a thread boundary: structured clone keeps bigints, arrays and plain objects, but turns the
 * dynamic boxes (DynDateTime, DynTimespan, DynGuid) into plain objects. These encode boxes as tagged objects
 * and restore them on the other side; everything else is passed as is.
 */
import { DynamicBox, DynDateTime, DynGuid, DynTimespan } from '../values/dynamic.js';

const TAG = '\u0000kqlhunt-box';

interface Tagged {
  readonly [TAG]: 'datetime' | 'timespan' | 'guid';
  readonly v: bigint | string;
}

/** A copy of `v` with every box replaced by a tagged object (shared structure when there is no box). */
export function encodeBoxes(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (v instanceof DynamicBox) {
    if (v instanceof DynDateTime) return { [TAG]: 'datetime', v: v.ticks };
    if (v instanceof DynTimespan) return { [TAG]: 'timespan', v: v.ticks };
    return { [TAG]: 'guid', v: (v as DynGuid).text };
  }
  if (Array.isArray(v)) {
    let out: unknown[] | undefined;
    for (let i = 0; i < v.length; i++) {
      const e = encodeBoxes(v[i]);
      if (e !== v[i]) {
        out ??= v.slice();
        out[i] = e;
      }
    }
    return out ?? v;
  }
  if (v instanceof Map) return new Map([...v].map(([k, x]) => [k, encodeBoxes(x)]));
  let out: Record<string, unknown> | undefined;
  for (const k of Object.keys(v)) {
    const x = (v as Record<string, unknown>)[k];
    const e = encodeBoxes(x);
    if (e !== x) {
      out ??= { ...(v as Record<string, unknown>) };
      Object.defineProperty(out, k, { value: e, enumerable: true, writable: true, configurable: true });
    }
  }
  return out ?? v;
}

/** Restores the boxes of a value made by encodeBoxes (in place where possible). */
export function decodeBoxes(v: unknown): unknown {
  if (v === null || typeof v !== 'object') return v;
  if (Array.isArray(v)) {
    for (let i = 0; i < v.length; i++) v[i] = decodeBoxes(v[i]);
    return v;
  }
  if (v instanceof Map) {
    for (const [k, x] of v) v.set(k, decodeBoxes(x));
    return v;
  }
  const tagged = v as Partial<Tagged>;
  const tag = tagged[TAG];
  if (tag !== undefined) {
    if (tag === 'datetime') return new DynDateTime(tagged.v as bigint);
    if (tag === 'timespan') return new DynTimespan(tagged.v as bigint);
    return new DynGuid(tagged.v as string);
  }
  const o = v as Record<string, unknown>;
  for (const k of Object.keys(o)) {
    const x = o[k];
    const d = decodeBoxes(x);
    if (d !== x)
      Object.defineProperty(o, k, { value: d, enumerable: true, writable: true, configurable: true });
  }
  return v;
}
