/**
 * `partition [hint.strategy=native|shuffle] by Column (subquery)`: the subquery runs over the rows of each
 * value of Column; the result is the union of the subquery's results. (The older `{ ... }` form, which
 * names the partition, is refused.)
 */
import type { ApplyInputPlan, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { checkSubquery } from './mv-apply.js';

export function translatePartition(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, [
    'hint.strategy',
    'hint.materialized',
    'hint.shufflekey',
    'hint.concurrency',
    'hint.spread',
  ]);
  const operand = op.Operand as KSyntax;
  if (op.Scope || t.kindName(operand) !== 'PartitionSubquery')
    return t.unsupported('this form of partition (use partition by Column (subquery))', operand);
  const key = t.scalar(op.ByExpression as KSyntax, { columns: input.schema });
  const source: ApplyInputPlan = { kind: 'apply-input', schema: input.schema };
  const subqueryNode = operand.Subquery as KSyntax;
  const subquery = t.subquery(subqueryNode, source);
  checkSubquery(t, subqueryNode, subquery, source);
  return { kind: 'partition', input, schema: subquery.schema, key, subquery };
}
