/**
 * `where` / `filter`: keeps the rows whose predicate is true. A condition on the left side's columns only,
 * right after a join that keeps left rows as they are, is applied to the left input instead: for the
 * default join kind (innerunique, which keeps one left row per key) that is what Kusto does
 * [join-innerunique-03: `| where value == "val1.2"` after the join selects the left row before the dedup].
 */
import type { Expr, JoinKind, JoinPlan, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';

/** Kinds whose left columns reach the output unchanged (never null-filled). */
const LEFT_PRESERVING: ReadonlySet<JoinKind> = new Set([
  'innerunique',
  'inner',
  'leftouter',
  'leftsemi',
  'leftanti',
]);

/** `e` over the join's output rows, rewritten over its left input rows; undefined if it reads the right. */
function overLeft(e: Expr, join: JoinPlan): Expr | undefined {
  switch (e.kind) {
    case 'column': {
      const o = join.output[e.index];
      if (o?.side !== 'left') return undefined;
      return { ...e, index: o.index };
    }
    case 'call': {
      const args = e.args.map((a) => overLeft(a, join));
      return args.every((a) => a !== undefined) ? { ...e, args: args as Expr[] } : undefined;
    }
    case 'member': {
      const object = overLeft(e.object, join);
      return object ? { ...e, object } : undefined;
    }
    case 'index': {
      const object = overLeft(e.object, join);
      const index = overLeft(e.index, join);
      return object && index ? { ...e, object, index } : undefined;
    }
    case 'literal':
      return e;
    default:
      return undefined;
  }
}

function filter(input: Plan, predicate: Expr): Plan {
  if (input.kind === 'join' && LEFT_PRESERVING.has(input.joinKind)) {
    const onLeft = overLeft(predicate, input);
    if (onLeft) return { ...input, left: filter(input.left, onLeft) };
  }
  return { kind: 'filter', input, schema: input.schema, predicate };
}

export function translateWhere(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, []);
  const predicate = t.scalar(op.Condition as KSyntax, { columns: input.schema });
  if (predicate.type !== 'bool')
    return t.unsupported(`a where condition of type ${predicate.type}`, op.Condition as KSyntax);
  return filter(input, predicate);
}
