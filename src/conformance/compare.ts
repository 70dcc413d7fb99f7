/**
 * Compares a result with a conformance case's expected result, by the rules of the conformance README:
 * column names exact and in order; types by family; rows in order only when the result is ordered, else as
 * a multiset; only the shape (columns, types, row count) for arbitrary subsets and nondeterministic queries;
 * reals within a relative tolerance; dynamic values as parsed JSON with bag key order ignored; datetimes and
 * timespans by their 100 ns ticks.
 */
import { parseDateTime } from '../engine/values/datetime.js';
import type { Dynamic, DynamicBag } from '../engine/values/dynamic.js';
import { isBag, parseJsonText, toJsonText } from '../engine/values/dynamic.js';
import { parseTimespan } from '../engine/values/timespan.js';
import type { Column, Row, ScalarType } from '../engine/values/types.js';
import type { ExpectedResult } from './cases.js';

export type TypeFamily =
  | 'integer'
  | 'real'
  | 'string'
  | 'bool'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'dynamic';

const DOTNET_FAMILIES: Readonly<Record<string, TypeFamily>> = {
  String: 'string',
  Int64: 'integer',
  Int32: 'integer',
  Double: 'real',
  SqlDecimal: 'real',
  SByte: 'bool',
  DateTime: 'datetime',
  TimeSpan: 'timespan',
  Guid: 'guid',
  Object: 'dynamic',
};

const SCALAR_FAMILIES: Readonly<Record<ScalarType, TypeFamily>> = {
  string: 'string',
  long: 'integer',
  int: 'integer',
  real: 'real',
  decimal: 'real',
  bool: 'bool',
  datetime: 'datetime',
  timespan: 'timespan',
  guid: 'guid',
  dynamic: 'dynamic',
};

export function familyOfDotnet(name: string): TypeFamily | undefined {
  return DOTNET_FAMILIES[name];
}

export function familyOf(t: ScalarType): TypeFamily {
  return SCALAR_FAMILIES[t];
}

/** How rows are compared. */
export type RowComparison =
  /** Row by row, in order (the last ordering operator is not followed by one that reorders). */
  | 'ordered'
  /** As a multiset. */
  | 'multiset'
  /** Row count only (an arbitrary subset, or values that cannot be reproduced). */
  | 'count';

export interface CompareOptions {
  readonly rows: RowComparison;
  /** Relative tolerance of reals (and numbers inside dynamic values). */
  readonly tolerance: number;
}

export const REAL_TOLERANCE = 1e-9;
export const ESTIMATE_TOLERANCE = 0.02;

export interface ActualResult {
  readonly schema: readonly Column[];
  readonly rows: readonly Row[];
}

/** Why the result differs from the expected one, or undefined when it conforms. */
export function compareResult(
  expected: ExpectedResult,
  actual: ActualResult,
  options: CompareOptions,
): string | undefined {
  const names = actual.schema.map((c) => c.name);
  if (names.length !== expected.columns.length || names.some((n, i) => n !== expected.columns[i]))
    return `columns differ: expected [${expected.columns.join(', ')}], got [${names.join(', ')}]`;
  const families: TypeFamily[] = [];
  for (let i = 0; i < names.length; i++) {
    const want = expected.column_types[i] as string;
    const family = familyOfDotnet(want);
    const got = (actual.schema[i] as Column).type;
    if (family === undefined) return `column ${names[i]}: unknown expected type ${want}`;
    if (family !== familyOf(got)) return `column ${names[i]}: expected type ${want}, got ${got}`;
    families.push(family);
  }
  if (expected.rows.length !== actual.rows.length)
    return `row count differs: expected ${expected.rows.length}, got ${actual.rows.length}`;
  if (options.rows === 'count') return undefined;
  const rowEquals = (want: readonly Dynamic[], got: Row) =>
    rowDifference(want, got, families, options) === undefined;
  if (options.rows === 'ordered') {
    for (let r = 0; r < expected.rows.length; r++) {
      const d = rowDifference(expected.rows[r] as Dynamic[], actual.rows[r] as Row, families, options);
      if (d !== undefined) return `row ${r}: ${d}`;
    }
    return undefined;
  }
  const unmatched = [...actual.rows];
  for (let r = 0; r < expected.rows.length; r++) {
    const want = expected.rows[r] as Dynamic[];
    const at = unmatched.findIndex((got) => rowEquals(want, got));
    if (at < 0) {
      const near = actual.rows[r]
        ? ` (row ${r} of the result: ${rowDifference(want, actual.rows[r] as Row, families, options)})`
        : '';
      return `expected row ${r} ${JSON.stringify(toDisplay(want))} is not in the result${near}`;
    }
    unmatched.splice(at, 1);
  }
  return undefined;
}

function rowDifference(
  want: readonly Dynamic[],
  got: Row,
  families: readonly TypeFamily[],
  options: CompareOptions,
): string | undefined {
  if (want.length !== families.length)
    return `expected row has ${want.length} cells for ${families.length} columns`;
  for (let c = 0; c < families.length; c++) {
    const w = want[c] ?? null;
    const g = got[c];
    if (!cellEquals(w, g, families[c] as TypeFamily, options.tolerance))
      return `column ${c}: expected ${JSON.stringify(toDisplay(w))}, got ${describeActual(g)}`;
  }
  return undefined;
}

function describeActual(v: unknown): string {
  if (v === undefined) return 'nothing';
  if (typeof v === 'bigint') return v.toString();
  if (typeof v === 'number' && !Number.isFinite(v)) return String(v);
  if (typeof v === 'object' && v !== null) return toJsonText(v as Dynamic);
  return JSON.stringify(v);
}

/** A JSON-printable copy (bigints as numbers' text). */
export function toDisplay(v: unknown): unknown {
  if (typeof v === 'bigint') return Number(v);
  if (Array.isArray(v)) return v.map(toDisplay);
  return v;
}

function cellEquals(want: Dynamic, got: unknown, family: TypeFamily, tolerance: number): boolean {
  switch (family) {
    case 'string':
      return (want ?? '') === (got ?? '');
    case 'guid':
      return want === null || got === null ? want === got : String(want).toLowerCase() === got;
    case 'bool':
      return want === null || got === null ? want === got : Boolean(want) === got;
    case 'integer':
      return integerEquals(want, got);
    case 'real':
      return realEquals(realOf(want), got === null ? null : Number(got), tolerance);
    case 'datetime':
      return want === null || got === null
        ? want === got
        : typeof want === 'string' && parseDateTime(want) === got;
    case 'timespan':
      return want === null || got === null
        ? want === got
        : typeof want === 'string' && parseTimespan(want) === got;
    case 'dynamic': {
      // Our value as the JSON the engine would print (boxed datetimes become strings, and so on).
      const plain = got === null || got === undefined ? null : parseJsonText(toJsonText(got as Dynamic));
      return jsonEquals(want, plain, tolerance);
    }
  }
}

function integerEquals(want: Dynamic, got: unknown): boolean {
  if (want === null || got === null) return want === got;
  if (
    (typeof want !== 'number' && typeof want !== 'bigint') ||
    (typeof got !== 'number' && typeof got !== 'bigint')
  )
    return false;
  if (typeof want === 'number' && !Number.isInteger(want)) return false;
  return BigInt(want) === BigInt(got);
}

/** A real cell of the case file: a number, a non-finite spelled out, or a decimal's digits. */
function realOf(v: Dynamic): number | null {
  if (v === null) return null;
  if (typeof v === 'number') return v;
  if (typeof v === 'bigint') return Number(v);
  if (typeof v === 'string') return Number(v);
  return Number.NaN;
}

function realEquals(want: number | null, got: number | null, tolerance: number): boolean {
  if (want === null || got === null) return want === got;
  if (Number.isNaN(want)) return Number.isNaN(got);
  if (want === got) return true;
  if (!Number.isFinite(want) || !Number.isFinite(got)) return false;
  return Math.abs(want - got) <= tolerance * Math.max(Math.abs(want), Math.abs(got));
}

function jsonEquals(want: Dynamic, got: Dynamic, tolerance: number): boolean {
  if (want === null || got === null) return want === got;
  const numeric = (v: Dynamic) => typeof v === 'number' || typeof v === 'bigint';
  if (numeric(want) && numeric(got)) {
    if (typeof want === 'bigint' || typeof got === 'bigint')
      return BigInt(want as bigint) === BigInt(got as bigint);
    return realEquals(want as number, got as number, tolerance);
  }
  // The case file spells non-finite reals as strings, also inside dynamic values.
  if (typeof want === 'string' && typeof got === 'number' && !Number.isFinite(got))
    return realEquals(Number(want), got, tolerance);
  if (Array.isArray(want)) {
    if (!Array.isArray(got) || got.length !== want.length) return false;
    return want.every((w, i) => jsonEquals(w ?? null, got[i] ?? null, tolerance));
  }
  if (isBag(want)) {
    if (!isBag(got)) return false;
    const keys = Object.keys(want);
    if (keys.length !== Object.keys(got).length) return false;
    return keys.every(
      (k) =>
        Object.hasOwn(got, k) &&
        jsonEquals((want as DynamicBag)[k] ?? null, (got as DynamicBag)[k] ?? null, tolerance),
    );
  }
  return want === got;
}
