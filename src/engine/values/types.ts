/**
 * kqlhunt's value model. Every KQL scalar type has one JavaScript representation, chosen so that
 * values are exact and cheap to compare:
 *
 * | KQL type  | JavaScript                                   | null        |
 * |-----------|----------------------------------------------|-------------|
 * | bool      | boolean                                      | null        |
 * | int       | number (32-bit integer)                      | null        |
 * | long      | bigint (64-bit, exact)                       | null        |
 * | real      | number (IEEE double, NaN and ±Infinity kept) | null        |
 * | decimal   | number (approximation of .NET decimal)       | null        |
 * | string    | string                                       | never: ""   |
 * | datetime  | bigint: 100 ns ticks since 1970-01-01 UTC    | null        |
 * | timespan  | bigint: 100 ns ticks                         | null        |
 * | guid      | string, lowercase 8-4-4-4-12                 | null        |
 * | dynamic   | Dynamic (see dynamic.ts)                     | null        |
 *
 * Types are static: the binder gives every expression and column its type, so values carry no tag.
 * Only inside `dynamic` do datetimes, timespans and guids need a box (see dynamic.ts).
 */
export type ScalarType =
  | 'bool'
  | 'int'
  | 'long'
  | 'real'
  | 'decimal'
  | 'string'
  | 'datetime'
  | 'timespan'
  | 'guid'
  | 'dynamic';

export const SCALAR_TYPES: readonly ScalarType[] = [
  'bool',
  'int',
  'long',
  'real',
  'decimal',
  'string',
  'datetime',
  'timespan',
  'guid',
  'dynamic',
];

export interface Column {
  readonly name: string;
  readonly type: ScalarType;
}

export type Schema = readonly Column[];

/** A row: one value per column of its schema, by position. Operators never mutate a row they receive. */
export type Row = unknown[];

/** The .NET type names used by Kusto's result sets (and the conformance files). */
export const DOTNET_TYPE_NAMES: Record<ScalarType, string> = {
  bool: 'SByte',
  int: 'Int32',
  long: 'Int64',
  real: 'Double',
  decimal: 'SqlDecimal',
  string: 'String',
  datetime: 'DateTime',
  timespan: 'TimeSpan',
  guid: 'Guid',
  dynamic: 'Object',
};

export function isNumericType(t: ScalarType): boolean {
  return t === 'int' || t === 'long' || t === 'real' || t === 'decimal';
}

/** The value a column of type `t` holds when it has no value. */
export function nullOf(t: ScalarType): unknown {
  return t === 'string' ? '' : null;
}
