/**
 * How a result cell is written: JSON text for the JSON formats (longs exact, datetimes ISO-8601 UTC with 7
 * fractional digits, timespans as Kusto text, reals that are not finite as "NaN"/"Infinity"), and plain text
 * for CSV and tables.
 */
import { formatDateTime } from '../engine/values/datetime.js';
import type { Dynamic } from '../engine/values/dynamic.js';
import { toJsonText } from '../engine/values/dynamic.js';
import { formatTimespan } from '../engine/values/timespan.js';
import type { ScalarType } from '../engine/values/types.js';

export function cellJson(v: unknown, type: ScalarType): string {
  if (v === null || v === undefined) return type === 'string' ? '""' : 'null';
  switch (type) {
    case 'string':
    case 'guid':
      return JSON.stringify(v);
    case 'bool':
      return v ? 'true' : 'false';
    case 'int':
    case 'long':
      return String(v);
    case 'real':
    case 'decimal':
      return Number.isFinite(v)
        ? String(v)
        : JSON.stringify(Number.isNaN(v) ? 'NaN' : (v as number) > 0 ? 'Infinity' : '-Infinity');
    case 'datetime':
      return JSON.stringify(formatDateTime(v as bigint));
    case 'timespan':
      return JSON.stringify(formatTimespan(v as bigint));
    case 'dynamic':
      return toJsonText(v as Dynamic);
  }
}

/** Text of a cell for CSV and tables: strings as they are, dynamic values as compact JSON. */
export function cellText(v: unknown, type: ScalarType): string {
  if (v === null || v === undefined) return '';
  switch (type) {
    case 'string':
    case 'guid':
      return v as string;
    case 'dynamic':
      return typeof v === 'string' ? v : toJsonText(v as Dynamic);
    case 'datetime':
      return formatDateTime(v as bigint);
    case 'timespan':
      return formatTimespan(v as bigint);
    case 'real':
    case 'decimal':
      return Number.isFinite(v)
        ? String(v)
        : Number.isNaN(v)
          ? 'NaN'
          : (v as number) > 0
            ? 'Infinity'
            : '-Infinity';
    default:
      return String(v);
  }
}
