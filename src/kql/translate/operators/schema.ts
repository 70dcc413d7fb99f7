/** `getschema` (the input's columns as rows) and `render` (a chart hint: the rows pass unchanged). */
import type { ScalarType } from '../../../engine/values/types.js';
import type { Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { literal } from '../translator.js';

/** The .NET type getschema reports for each KQL type [mv-expand-operator-05, schema-merge-plugin-00]. */
const DATA_TYPES: Record<ScalarType, string> = {
  bool: 'System.Boolean',
  int: 'System.Int32',
  long: 'System.Int64',
  real: 'System.Double',
  decimal: 'System.Data.SqlTypes.SqlDecimal',
  string: 'System.String',
  datetime: 'System.DateTime',
  timespan: 'System.TimeSpan',
  guid: 'System.Guid',
  dynamic: 'System.Object',
};

/** `getschema`: one row per input column: ColumnName, ColumnOrdinal, DataType, ColumnType. */
export function translateGetSchema(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const ordinal = schema[1]?.type;
  if (schema.length !== 4 || (ordinal !== 'int' && ordinal !== 'long'))
    return t.unsupported(`${t.describe(op)} here`, op, 'unexpected result columns');
  const rows = input.schema.map((c, i) => [
    literal('string', c.name),
    literal(ordinal, ordinal === 'long' ? BigInt(i) : i),
    literal('string', DATA_TYPES[c.type]),
    literal('string', c.type),
  ]);
  return { kind: 'values', schema, rows };
}

/** `render`: how a client should chart the result; the rows are the same. */
export function translateRender(_t: Translator, _op: KSyntax, input: Plan): Plan {
  return input;
}
