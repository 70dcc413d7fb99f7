/** `extend`: computes new columns (or replaces same-named ones in place), keeping every input column. */
import type { Expr, NamedExpr, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { columnIndexIn } from '../translator.js';
import { asColumnType, project } from './common.js';

export function translateExtend(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const locals = new Map<string, Expr>();
  const scope = { columns: input.schema, locals };
  // Output = input columns (some replaced), then new columns in the order of their expressions.
  const computed = new Map<number, Expr>();
  let appended = input.schema.length;
  for (const item of t.items(op.Expressions)) {
    const { name, expr } = t.named(item);
    const e = t.scalar(expr, scope);
    const existing = name === undefined ? -1 : columnIndexIn(input.schema, name);
    const at = existing >= 0 ? existing : appended++;
    computed.set(at, e);
    const outName = schema[at]?.name;
    if (outName !== undefined) locals.set(outName, e);
  }
  if (appended !== schema.length) {
    return t.unsupported(`${t.describe(op)} here`, op, 'its columns do not line up with the binder schema');
  }
  const columns: NamedExpr[] = schema.map((c, i) => {
    const e = computed.get(i);
    const source = input.schema[i];
    if (e) return { name: c.name, expr: asColumnType(e, c) };
    return { name: c.name, expr: { kind: 'column', type: c.type, name: source?.name ?? c.name, index: i } };
  });
  return project(input, schema, columns);
}

/** `serialize [Name = expr, ...]`: the rows as they come, in order (computing columns like extend). */
export function translateSerialize(t: Translator, op: KSyntax, input: Plan): Plan {
  const extended = translateExtend(t, op, input);
  return extended.kind === 'project' ? { ...extended, kind: 'serialize' } : extended;
}
