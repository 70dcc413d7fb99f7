/** Helpers shared by the operator translators. */
import type { Column } from '../../../engine/values/types.js';
import type { Expr, NamedExpr, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { columnRef } from '../translator.js';

/** A reference to the input column of that name; refuses (with the node's position) when there is none. */
export function inputColumn(t: Translator, input: Plan, name: string, node: KSyntax): Expr {
  const ref = columnRef(input.schema, name);
  if (!ref) return t.unsupported(`a reference to column '${name}' that is not in the input`, node);
  return ref;
}

/**
 * A project node whose output schema is the binder's, computing each column by `columns`; a serialize node
 * when a column reads the row stream (row_number(), prev(), ...).
 */
export function project(input: Plan, schema: readonly Column[], columns: readonly NamedExpr[]): Plan {
  const serialized = columns.some((c) => readsRowStream(c.expr));
  return { kind: serialized ? 'serialize' : 'project', input, schema, columns };
}

function readsRowStream(e: Expr): boolean {
  switch (e.kind) {
    case 'row-context':
      return true;
    case 'call':
      return e.args.some(readsRowStream);
    case 'member':
      return readsRowStream(e.object);
    case 'index':
      return readsRowStream(e.object) || readsRowStream(e.index);
    default:
      return false;
  }
}

/** Checks that the columns we computed agree with the binder's schema, in names and count. */
export function checkSchema(
  t: Translator,
  node: KSyntax,
  schema: readonly Column[],
  names: readonly string[],
): void {
  if (schema.length !== names.length || schema.some((c, i) => c.name !== names[i])) {
    t.unsupported(
      `${t.describe(node)} here`,
      node,
      `kqlhunt computed columns (${names.join(', ')}) but the binder expects (${schema.map((c) => c.name).join(', ')})`,
    );
  }
}

/** Re-types an expression to the binder's column type when they differ (e.g. int literal in a long column). */
export function asColumnType(e: Expr, column: Column): Expr {
  if (e.type === column.type) return e;
  return { kind: 'call', type: column.type, fn: '__convert', args: [e] };
}
