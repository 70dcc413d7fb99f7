/**
 * `mv-expand [bagexpansion=bag|array] [with_itemindex=I] Col [to typeof(T)], ... [limit N]` (and the legacy
 * `mvexpand`, whose default limit is 128). Expanded columns keep their place (or are appended when new);
 * several columns expand in parallel, the shorter padded with null.
 */
import type { ScalarType } from '../../../engine/values/types.js';
import type { MvExpandColumn, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { columnIndexIn } from '../translator.js';
import { scalarTypeOf } from '../types.js';

export function translateMvExpand(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, ['bagexpansion', 'kind', 'with_itemindex']);
  const legacy = (op.GetChild(0)?.Text ?? '').toLowerCase() === 'mvexpand';
  const schema = t.schemaOf(op);
  const scope = { columns: input.schema };
  const bagText = (t.parameter(op, 'bagexpansion') ?? t.parameter(op, 'kind'))?.text.toLowerCase() ?? 'bag';
  if (bagText !== 'bag' && bagText !== 'array') return t.unsupported(`mv-expand bagexpansion=${bagText}`, op);
  const itemIndexName = t.parameter(op, 'with_itemindex')?.text;

  const expandedByName = new Map<string, { expr: KSyntax; toType: ScalarType; node: KSyntax }>();
  for (const item of t.items(op.Expressions)) {
    const inner = item.Expression as KSyntax;
    const { name, expr } = t.named(inner);
    const columnName = name ?? t.declaredName(expr);
    if (name === undefined && t.kindName(expr) !== 'NameReference') {
      return t.unsupported('mv-expand of an unnamed expression (write Name = expression)', item);
    }
    const toTypeOf = item.ToTypeOf as KSyntax | null;
    let toType: ScalarType = 'dynamic';
    if (toTypeOf) {
      const typeNode = toTypeOf.Type as KSyntax;
      const resolved = scalarTypeOf(typeNode.ReferencedSymbol as never) ?? scalarTypeOf(typeNode.ResultType);
      const byName = typeNode.ToString().trim().toLowerCase();
      toType = resolved ?? (scalarTypeOf({ Name: byName } as never) as ScalarType);
      if (!toType) return t.unsupported(`mv-expand to typeof(${byName})`, toTypeOf);
    }
    expandedByName.set(columnName, { expr, toType, node: item });
  }

  const passthrough: number[] = [];
  const expanded: MvExpandColumn[] = [];
  let itemIndexOutput: number | undefined;
  schema.forEach((c, i) => {
    const e = expandedByName.get(c.name);
    if (e) {
      passthrough.push(-1);
      expanded.push({ outputIndex: i, expr: t.scalar(e.expr, scope), toType: e.toType });
    } else if (itemIndexName !== undefined && c.name === itemIndexName) {
      passthrough.push(-1);
      itemIndexOutput = i;
    } else {
      const from = columnIndexIn(input.schema, c.name);
      if (from < 0) t.unsupported(`${t.describe(op)} here`, op, `column ${c.name} is not in its input`);
      passthrough.push(from);
    }
  });
  if (expanded.length !== expandedByName.size) return t.unsupported(`${t.describe(op)} here`, op);
  for (const x of expanded)
    if (x.expr.type !== 'dynamic') return t.unsupported(`mv-expand of a ${x.expr.type} column`, op);

  const limitClause = op.RowLimitClause as KSyntax | null;
  let limit: number | undefined = legacy ? 128 : undefined;
  if (limitClause) {
    const e = t.scalar(limitClause.RowLimit as KSyntax, { columns: [] });
    if (e.kind !== 'literal') return t.unsupported('a non-constant mv-expand limit', limitClause);
    limit = Number(e.value);
  }
  return {
    kind: 'mv-expand',
    input,
    schema,
    passthrough,
    expanded,
    bagExpansion: bagText as 'bag' | 'array',
    ...(itemIndexOutput !== undefined ? { itemIndexOutput } : {}),
    ...(limit !== undefined ? { limit } : {}),
  };
}
