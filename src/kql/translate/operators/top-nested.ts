/**
 * `top-nested [N] of [Name =] Expr by [Name =] Aggregate [asc|desc], top-nested ...` (see TopNestedPlan).
 * The aggregate must be a single aggregate call; `with others` is refused.
 */
import type { Expr, Plan, TopNestedLevel } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { AggregateCollector, Translator } from '../translator.js';

export function translateTopNested(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const scope = { columns: input.schema };
  const levels: TopNestedLevel[] = t.items(op.Clauses).map((clause) => {
    if (clause.WithOthersClause)
      return t.unsupported('top-nested ... with others', clause.WithOthersClause as KSyntax);
    const countNode = clause.Expression as KSyntax | null;
    let count: number | undefined;
    if (countNode) {
      const c = t.scalar(countNode, { columns: [] });
      if (c.kind !== 'literal' || (typeof c.value !== 'bigint' && typeof c.value !== 'number'))
        return t.unsupported('a top-nested count that is not a constant number', countNode);
      count = Math.max(0, Number(c.value));
    }
    const key = t.scalar(t.named(clause.OfExpression as KSyntax).expr, scope);
    let byNode = clause.ByExpression as KSyntax;
    let descending = true;
    if (t.kindName(byNode) === 'OrderedExpression') {
      const dir = (
        (byNode.Ordering as KSyntax | null)?.AscOrDescKeyword as KSyntax | null
      )?.Text?.toLowerCase();
      descending = dir !== 'asc';
      byNode = byNode.Expression as KSyntax;
    }
    const collector: AggregateCollector = { base: 0, calls: [], input: scope };
    const value: Expr = t.scalar(t.named(byNode).expr, { columns: [], aggregates: collector });
    const aggregate = collector.calls[0];
    if (!aggregate || collector.calls.length !== 1 || value.kind !== 'column')
      return t.unsupported('a top-nested aggregation that is not a single aggregate call', byNode);
    return { ...(count !== undefined ? { count } : {}), key, aggregate, descending };
  });
  if (schema.length !== levels.length * 2)
    return t.unsupported(`${t.describe(op)} here`, op, 'its columns do not line up with the binder schema');
  return { kind: 'top-nested', input, schema, levels };
}
