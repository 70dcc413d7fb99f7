/** `sort by` / `order by`, `take` / `limit`, `top N by` and `sample N`. */
import type { Plan, SortKey } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Scope, Translator } from '../translator.js';

/** One sort key: `x`, `x asc`, `x desc nulls first`. Default: descending; nulls first when ascending. */
function sortKey(t: Translator, node: KSyntax, scope: Scope): SortKey {
  let exprNode = node;
  let descending = true;
  let nullsFirst: boolean | undefined;
  if (t.kindName(node) === 'OrderedExpression') {
    exprNode = node.Expression as KSyntax;
    const ordering = node.Ordering as KSyntax | null;
    const dir = (ordering?.AscOrDescKeyword as KSyntax | null)?.Text?.toLowerCase();
    if (dir === 'asc') descending = false;
    const nulls = (
      (ordering?.NullsClause as KSyntax | null)?.FirstOrLastKeyword as KSyntax | null
    )?.Text?.toLowerCase();
    if (nulls === 'first') nullsFirst = true;
    else if (nulls === 'last') nullsFirst = false;
  }
  const expr = t.scalar(exprNode, scope);
  return { expr, descending, nullsFirst: nullsFirst ?? !descending };
}

export function translateSort(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, []);
  const scope = { columns: input.schema };
  const keys = t.items(op.Expressions).map((e) => sortKey(t, e, scope));
  return { kind: 'sort', input, schema: input.schema, keys };
}

function constantCount(t: Translator, node: KSyntax, scope: Scope): number {
  const e = t.scalar(node, scope);
  if (e.kind !== 'literal' || (typeof e.value !== 'bigint' && typeof e.value !== 'number')) {
    return t.unsupported('a row count that is not a constant number', node);
  }
  return Math.max(0, Number(e.value));
}

export function translateTake(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, []);
  const count = constantCount(t, op.Expression as KSyntax, { columns: [] });
  return { kind: 'take', input, schema: input.schema, count };
}

export function translateSample(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, []);
  const count = constantCount(t, op.Expression as KSyntax, { columns: [] });
  return { kind: 'sample', input, schema: input.schema, count };
}

export function translateTop(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, []);
  const count = constantCount(t, op.Expression as KSyntax, { columns: [] });
  const keys = [sortKey(t, op.ByExpression as KSyntax, { columns: input.schema })];
  return { kind: 'top', input, schema: input.schema, count, keys };
}
