/**
 * `summarize aggs by keys`: group keys first, then aggregates, in the binder's schema. Aggregate calls are
 * lifted out of their expressions (`summarize x = 100.0 * countif(a) / count()`): the summarize node
 * computes the calls, and a project on top computes whatever expressions surround them.
 */
import type { Column } from '../../../engine/values/types.js';
import type { AggregateCall, Expr, NamedExpr, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { AggregateCollector, Translator } from '../translator.js';
import { expandTupleAggregate, tupleWidth } from './aggregate-tuples.js';
import { asColumnType, project } from './common.js';

export function translateSummarize(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, ['hint.strategy', 'hint.shufflekey', 'hint.num_partitions']);
  const schema = t.schemaOf(op);
  const inputScope = { columns: input.schema };
  const byClause = op.ByClause as KSyntax | null;
  if (byClause?.BinClause) return t.unsupported('summarize ... by ... bin=', byClause);
  const keyItems = byClause ? t.items(byClause.Expressions) : [];
  const aggItems = t.items(op.Aggregates);
  // arg_max(x, *), percentiles(x, 50, 90), ...: one item, several columns.
  const tuples = aggItems.map((item) => tupleWidth(t, item));
  if (keyItems.length + tuples.reduce<number>((a, b) => a + (b ?? 1), 0) !== schema.length) {
    return t.unsupported('an aggregate whose columns do not match the binder', op);
  }
  const keys: NamedExpr[] = keyItems.map((item, i) => {
    const c = schema[i] as Column;
    const { expr } = t.named(item);
    return { name: c.name, expr: t.scalar(expr, inputScope) };
  });

  const collector: AggregateCollector = { base: keys.length, calls: [], input: inputScope };
  let at = keys.length;
  const outputs: Expr[] = aggItems.flatMap((item, i) => {
    const width = tuples[i];
    const columns = schema.slice(at, at + (width ?? 1));
    at += width ?? 1;
    if (width !== undefined) return expandTupleAggregate(t, item, columns, collector);
    const { expr } = t.named(item);
    return [t.scalar(expr, { columns: [], aggregates: collector })];
  });

  // The summarize node's own output: keys, then one column per aggregate call.
  const calls = collector.calls;
  const simple =
    outputs.length === calls.length &&
    outputs.every(
      (o, i) =>
        o.kind === 'column' && o.index === keys.length + i && o.type === (calls[i] as AggregateCall).type,
    );
  if (simple) {
    const named = calls.map((c, i) => ({ ...c, name: (schema[keys.length + i] as Column).name }));
    return { kind: 'summarize', input, schema, keys, aggregates: named };
  }
  const innerSchema: Column[] = [
    ...keys.map((k, i) => ({ name: k.name, type: (schema[i] as Column).type })),
    ...calls.map((c) => ({ name: c.name, type: c.type })),
  ];
  const inner: Plan = { kind: 'summarize', input, schema: innerSchema, keys, aggregates: calls };
  const columns: NamedExpr[] = schema.map((c, i) => {
    if (i < keys.length)
      return { name: c.name, expr: { kind: 'column', type: c.type, name: c.name, index: i } };
    return { name: c.name, expr: asColumnType(outputs[i - keys.length] as Expr, c) };
  });
  return project(inner, schema, columns);
}

/** `count`: the number of rows, as one row with a column Count. */
export function translateCount(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const name = (schema[0] as Column).name;
  return {
    kind: 'summarize',
    input,
    schema,
    keys: [],
    aggregates: [{ name, fn: 'count', args: [], type: 'long', span: t.span(op) }],
  };
}

/** `distinct a, b` / `distinct *`: the distinct combinations. */
export function translateDistinct(t: Translator, op: KSyntax, input: Plan): Plan {
  const schema = t.schemaOf(op);
  const items = t.items(op.Expressions);
  const scope = { columns: input.schema };
  const star = items.length === 1 && t.kindName(items[0] as KSyntax) === 'StarExpression';
  const keys: NamedExpr[] = star
    ? input.schema.map((c, i) => ({
        name: c.name,
        expr: { kind: 'column', type: c.type, name: c.name, index: i },
      }))
    : items.map((item, i) => ({
        name: (schema[i] as Column).name,
        expr: t.scalar(t.named(item).expr, scope),
      }));
  if (keys.length !== schema.length) return t.unsupported('this form of distinct', op);
  return { kind: 'summarize', input, schema, keys, aggregates: [] };
}
