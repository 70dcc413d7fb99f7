/** The binder's types, as kqlhunt types. */
import type { Column, ScalarType } from '../../engine/values/types.js';
import type { KSymbol, KSyntax, KTypeSymbol } from '../kusto-language.js';
import { className, readOnlyListItems } from '../kusto-language.js';

const SCALAR_BY_NAME: Record<string, ScalarType> = {
  bool: 'bool',
  boolean: 'bool',
  int: 'int',
  long: 'long',
  real: 'real',
  double: 'real',
  decimal: 'decimal',
  string: 'string',
  datetime: 'datetime',
  date: 'datetime',
  timespan: 'timespan',
  time: 'timespan',
  guid: 'guid',
  uniqueid: 'guid',
  dynamic: 'dynamic',
};

/** A binder scalar type as a kqlhunt type, or undefined for non-scalar/unknown types. */
export function scalarTypeOf(t: KTypeSymbol | null | undefined): ScalarType | undefined {
  if (!t) return undefined;
  const cls = className(t);
  // Dynamic arrays and bags (`dynamic(array)`, `dynamic(bag)`) are symbols of their own classes.
  if (cls === 'DynamicArraySymbol' || cls === 'DynamicBagSymbol' || cls === 'DynamicPrimitiveSymbol')
    return 'dynamic';
  const name = t.Name;
  if (name === 'null') return undefined;
  return SCALAR_BY_NAME[name] ?? (name.startsWith('dynamic') ? 'dynamic' : undefined);
}

export function isTableType(t: KTypeSymbol | null | undefined): boolean {
  return !!t && className(t) === 'TableSymbol';
}

/** The columns of a binder table type. */
export function columnsOfTableType(t: KTypeSymbol): Column[] {
  const cols = readOnlyListItems(
    (t as unknown as { Columns: { Count: number; getItem(i: number): KSymbol } }).Columns,
  );
  return cols.map((c) => {
    const type = scalarTypeOf((c as unknown as { Type: KTypeSymbol }).Type) ?? 'dynamic';
    return { name: c.Name, type };
  });
}

/** The result schema of a tabular node, from the binder. */
export function schemaOfNode(node: KSyntax): Column[] | undefined {
  const t = node.ResultType;
  return t && isTableType(t) ? columnsOfTableType(t) : undefined;
}
