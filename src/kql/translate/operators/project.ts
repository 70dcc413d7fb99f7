/**
 * The project family: `project` computes exactly the listed columns; `project-away`, `project-keep`,
 * `project-rename` and `project-reorder` select, rename and reorder input columns. The binder's result schema
 * says which columns come out, in which order.
 */
import type { NamedExpr, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { asColumnType, checkSchema, inputColumn, project } from './common.js';

export function translateProject(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const scope = { columns: input.schema };
  const items = t.items(op.Expressions);
  if (items.length !== schema.length) {
    return t.unsupported(`${t.describe(op)} with a wildcard or multi-column expression`, op);
  }
  const columns: NamedExpr[] = items.map((item, i) => {
    const c = schema[i] as (typeof schema)[number];
    const { expr } = t.named(item);
    return { name: c.name, expr: asColumnType(t.scalar(expr, scope), c) };
  });
  checkSchema(
    t,
    op,
    schema,
    columns.map((c) => c.name),
  );
  return project(input, schema, columns);
}

/** project-away / project-keep / project-reorder: each output column is the input column of that name. */
export function translateSelectByName(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const columns: NamedExpr[] = schema.map((c) => ({ name: c.name, expr: inputColumn(t, input, c.name, op) }));
  return project(input, schema, columns);
}

/** project-rename new = old: renamed columns keep their position. */
export function translateProjectRename(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const renamed = new Map<string, string>();
  for (const item of t.items(op.Expressions)) {
    const { name, expr } = t.named(item);
    if (name === undefined) return t.unsupported('project-rename without new = old', item);
    renamed.set(name, t.declaredName(expr));
  }
  const columns: NamedExpr[] = schema.map((c) => ({
    name: c.name,
    expr: inputColumn(t, input, renamed.get(c.name) ?? c.name, op),
  }));
  return project(input, schema, columns);
}
