/**
 * `mv-apply [with_itemindex=I] [Name =] Expr [to typeof(T)], ... [limit N] on (subquery)`: each input row is
 * expanded into a subtable (the columns mv-expand would give), the subquery runs over it, and each result
 * row carries the input row's other columns. An output column the subquery returns comes from the
 * subquery; any other is the input row's (the binder's schema says which columns come out, in which order).
 */
import type { ApplyInputPlan, ApplyOutputColumn, Plan } from '../../ir.js';
import { planInputs } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { columnIndexIn } from '../translator.js';
import { translateExpansion } from './expansion.js';

/** The subquery runs once per input row (or partition) alone: it may only transform its implicit source. */
export function checkSubquery(t: Translator, node: KSyntax, subquery: Plan, source: ApplyInputPlan): void {
  let p = subquery;
  while (p !== source) {
    const inputs = planInputs(p);
    if (inputs.length !== 1)
      t.unsupported(
        `a ${p.kind} inside an mv-apply subquery`,
        node,
        'only operators on the expanded rows are supported there',
      );
    p = inputs[0] as Plan;
  }
}

export function translateMvApply(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, ['with_itemindex']);
  if (op.ContextIdClause) return t.unsupported('mv-apply id=', op.ContextIdClause as KSyntax);
  const schema = t.schemaOf(op);
  const { expansion, schema: subtableSchema } = translateExpansion(t, op, input, undefined);
  const source: ApplyInputPlan = { kind: 'apply-input', schema: subtableSchema };
  const subqueryNode = (op.Subquery as KSyntax).Expression as KSyntax;
  const subquery = t.subquery(subqueryNode, source);
  checkSubquery(t, subqueryNode, subquery, source);
  const output: ApplyOutputColumn[] = schema.map((c) => {
    const fromSubquery = columnIndexIn(subquery.schema, c.name);
    if (fromSubquery >= 0) return { from: 'subquery', index: fromSubquery };
    const fromOuter = columnIndexIn(input.schema, c.name);
    if (fromOuter >= 0) return { from: 'outer', index: fromOuter };
    return t.unsupported(`${t.describe(op)} here`, op, `its column ${c.name} comes from neither side`);
  });
  return { kind: 'mv-apply', input, schema, expansion, subtableSchema, subquery, output };
}
