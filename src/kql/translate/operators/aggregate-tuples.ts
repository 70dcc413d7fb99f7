/**
 * Aggregates whose result is several columns (the binder types them as tuples): arg_max/arg_min(x, a, ...)
 * and (x, *), take_any(a, b) and (*), percentiles(x, p1, p2, ...) and percentilesw(x, w, p1, ...). Each
 * output column becomes its own aggregate call: `arg_max(x, c)` (c's value in the row where x is largest —
 * every such call picks the same row, since ties keep the first), `percentile(x, p)`, `percentilew(x, w, p)`.
 */
import type { Column } from '../../../engine/values/types.js';
import type { Expr } from '../../ir.js';
import type { KReadOnlyList, KSymbol, KSyntax } from '../../kusto-language.js';
import type { AggregateCollector, Translator } from '../translator.js';
import { columnRef } from '../translator.js';

/** How many columns a summarize item of tuple type produces; undefined when it is one scalar. */
export function tupleWidth(t: Translator, item: KSyntax): number | undefined {
  const type = t.named(item).expr.ResultType;
  if (!type || !t.isClass(type, 'TupleSymbol')) return undefined;
  return (type as unknown as { Columns: KReadOnlyList<KSymbol> }).Columns.Count;
}

/** The calls of a tuple-valued aggregate, one per output column; returns the output column references. */
export function expandTupleAggregate(
  t: Translator,
  item: KSyntax,
  columns: readonly Column[],
  collector: AggregateCollector,
): Expr[] {
  const call = t.named(item).expr;
  if (t.kindName(call) !== 'FunctionCallExpression')
    return t.unsupported('this multi-column aggregate', call);
  const fn = (call.ReferencedSymbol?.Name ?? '').toLowerCase();
  const args = t.items((call.ArgumentList as KSyntax).Expressions);
  const scalarArg = (node: KSyntax) => t.scalar(t.named(node).expr, collector.input);
  const push = (name: string, callArgs: Expr[], column: Column): Expr => {
    const index = collector.base + collector.calls.length;
    const internal = `__agg${collector.calls.length}`;
    collector.calls.push({ name: internal, fn: name, args: callArgs, type: column.type, span: t.span(call) });
    return { kind: 'column', type: column.type, name: internal, index };
  };
  switch (fn) {
    case 'arg_max':
    case 'arg_min': {
      const [by, ...rest] = args;
      if (!by) return t.unsupported(`${fn}() without arguments`, call);
      const byExpr = scalarArg(by);
      const explicit = rest.filter((a) => t.kindName(a) !== 'StarExpression');
      const star = explicit.length !== rest.length;
      return columns.map((c, i) => {
        if (i === 0) return push(fn, [byExpr, byExpr], c);
        const arg = explicit[i - 1];
        if (arg) return push(fn, [byExpr, scalarArg(arg)], c);
        // Columns of `*`: the input columns of those names.
        const ref = star ? columnRef(collector.input.columns, c.name) : undefined;
        if (!ref) return t.unsupported(`the column '${c.name}' of ${fn}(..., *)`, call);
        return push(fn, [byExpr, ref], c);
      });
    }
    case 'take_any':
    case 'any': {
      // All the values from one row: arg_max over a constant keeps the first row for every column.
      const first: Expr = { kind: 'literal', type: 'long', value: 1n };
      const explicit = args.filter((a) => t.kindName(a) !== 'StarExpression');
      const star = explicit.length !== args.length;
      return columns.map((c, i) => {
        const arg = explicit[i];
        if (arg) return push('arg_max', [first, scalarArg(arg)], c);
        const ref = star ? columnRef(collector.input.columns, c.name) : undefined;
        if (!ref) return t.unsupported(`the column '${c.name}' of ${fn}(*)`, call);
        return push('arg_max', [first, ref], c);
      });
    }
    case 'percentiles':
    case 'percentilesw': {
      const weighted = fn === 'percentilesw';
      const fixed = weighted ? 2 : 1;
      const head = args.slice(0, fixed).map(scalarArg);
      const percents = args.slice(fixed);
      if (percents.length !== columns.length) return t.unsupported(`${fn}() with these arguments`, call);
      return columns.map((c, i) =>
        push(weighted ? 'percentilew' : 'percentile', [...head, scalarArg(percents[i] as KSyntax)], c),
      );
    }
    default:
      return t.unsupported(`the multi-column aggregate ${fn}()`, call);
  }
}
