/**
 * Input field values (as JSON gives them) converted to a column's type. A value that cannot be converted is
 * reported, never silently replaced: the converter returns INVALID and the reader skips the record.
 */

import { parseBool, parseGuid, parseLong, parseReal } from '../engine/values/convert.js';
import { parseIsoDateTimeFast } from '../engine/values/datetime.js';
import type { Dynamic } from '../engine/values/dynamic.js';
import { parseJsonText, toJsonText } from '../engine/values/dynamic.js';
import { parseTimespan } from '../engine/values/timespan.js';
import type { ScalarType } from '../engine/values/types.js';

export const INVALID: unique symbol = Symbol('invalid');
export type FieldConverter = (v: unknown) => unknown;

function isMissing(v: unknown): boolean {
  return v === null || v === undefined;
}

/** A dynamic column: JSON values as they are; JSON text in a string (API exports) parsed; "" is null. */
export function toDynamicField(v: unknown): Dynamic {
  if (isMissing(v)) return null;
  if (typeof v === 'string') {
    const t = v.trimStart();
    if (t === '') return null;
    const c = t.charCodeAt(0);
    if (c === 123 /* { */ || c === 91 /* [ */) {
      try {
        return parseJsonText(v);
      } catch {
        return v;
      }
    }
    return v;
  }
  return v as Dynamic;
}

export function fieldConverter(type: ScalarType): FieldConverter {
  switch (type) {
    case 'string':
      return (v) => {
        if (typeof v === 'string') return v;
        if (isMissing(v)) return '';
        if (typeof v === 'object') return toJsonText(v as Dynamic);
        return String(v);
      };
    case 'datetime':
      return (v) => {
        if (isMissing(v) || v === '') return null;
        if (typeof v !== 'string') return INVALID;
        return parseIsoDateTimeFast(v) ?? INVALID;
      };
    case 'dynamic':
      return toDynamicField;
    case 'long':
      return (v) => {
        if (isMissing(v) || v === '') return null;
        if (typeof v === 'number') return Number.isInteger(v) ? BigInt(v) : INVALID;
        if (typeof v === 'string') return parseLong(v) ?? INVALID;
        return INVALID;
      };
    case 'int':
      return (v) => {
        if (isMissing(v) || v === '') return null;
        if (typeof v === 'number') return Number.isInteger(v) ? v | 0 : INVALID;
        if (typeof v === 'string') {
          const l = parseLong(v);
          return l === null ? INVALID : Number(BigInt.asIntN(32, l));
        }
        return INVALID;
      };
    case 'real':
    case 'decimal':
      return (v) => {
        if (isMissing(v) || v === '') return null;
        if (typeof v === 'number') return v;
        if (typeof v === 'string') return parseReal(v) ?? INVALID;
        return INVALID;
      };
    case 'bool':
      return (v) => {
        if (isMissing(v) || v === '') return null;
        if (typeof v === 'boolean') return v;
        if (typeof v === 'number') return v !== 0;
        if (typeof v === 'string') return parseBool(v) ?? INVALID;
        return INVALID;
      };
    case 'timespan':
      return (v) => {
        if (isMissing(v) || v === '') return null;
        if (typeof v === 'string') return parseTimespan(v) ?? INVALID;
        return INVALID;
      };
    case 'guid':
      return (v) => {
        if (isMissing(v) || v === '') return null;
        if (typeof v === 'string') return parseGuid(v) ?? INVALID;
        return INVALID;
      };
  }
}
