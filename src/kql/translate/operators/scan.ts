/**
 * `scan [with_match_id=Id] [declare (Col:type[=default], ...)] with (step s1 [output=all|none]: Cond [=> Col =
 * Expr, ...]; ...)`. Expressions see the current record (the input row and the declared columns) by bare
 * names, and each step's record in the scan state as `StepName.Column` (see ScanStepsPlan).
 * `output=last`, optional steps and scan's `order by` / `partition by` clauses are refused.
 */
import type { Column } from '../../../engine/values/types.js';
import type { Expr, Plan, ScanStep } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import { convertTo } from '../expressions.js';
import type { Scope, Translator } from '../translator.js';
import { columnIndexIn, literal } from '../translator.js';
import { checkSchema } from './common.js';

export function translateScan(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, ['with_match_id']);
  if (op.OrderByClause) return t.unsupported('scan ... order by', op.OrderByClause as KSyntax);
  if (op.PartitionByClause) return t.unsupported('scan ... partition by', op.PartitionByClause as KSyntax);
  const schema = t.schemaOf(op);
  const matchId = t.parameter(op, 'with_match_id')?.text;

  const declareClause = op.DeclareClause as KSyntax | null;
  const declarations = declareClause ? t.items(declareClause.Declarations) : [];
  const record: Column[] = [...input.schema];
  const defaults: Expr[] = declarations.map((d) => {
    const nameNode = (d.NameAndType as KSyntax).Name as KSyntax;
    const name = t.declaredName(nameNode);
    const type = (schema[columnIndexIn(schema, name)] as Column | undefined)?.type;
    if (!type) return t.unsupported(`the scan column ${name}`, d);
    record.push({ name, type });
    const value = (d.DefaultValue as KSyntax | null)?.Value as KSyntax | undefined;
    const e = value ? t.scalar(value, { columns: [] }) : literal(type, type === 'string' ? '' : null);
    if (e.kind !== 'literal') return t.unsupported('a scan default that is not a constant', value as KSyntax);
    return convertTo(e, type);
  });
  // The binder adds a match_id column even without with_match_id; the real engine does not
  // [scan-operator-00: columns x, cumulative_x].
  const binderSchema =
    matchId === undefined && schema.at(-1)?.name === 'match_id' ? schema.slice(0, -1) : schema;
  checkSchema(t, op, binderSchema, [
    ...record.map((c) => c.name),
    ...(matchId !== undefined ? [matchId] : []),
  ]);

  const stepNodes = t.items(op.Steps);
  const stepNames = stepNodes.map((s) => t.declaredName(s.Name as KSyntax));
  const width = record.length;
  const scope: Scope = {
    columns: record,
    qualified: (qualifier, column) => {
      const step = stepNames.indexOf(qualifier);
      const at = columnIndexIn(record, column);
      if (step < 0 || at < 0) return undefined;
      const c = record[at] as Column;
      return { kind: 'column', type: c.type, name: `${qualifier}.${column}`, index: (step + 1) * width + at };
    },
  };
  const steps: ScanStep[] = stepNodes.map((s, i) => {
    if (s.OptionalKeyword) return t.unsupported('an optional scan step', s);
    const outputKind = (
      (s.ScanStepOutput as KSyntax | null)?.OutputKind as KSyntax | undefined
    )?.Text?.toLowerCase();
    if (outputKind === 'last') return t.unsupported('scan step output=last', s.ScanStepOutput as KSyntax);
    const condition = t.scalar(s.Condition as KSyntax, scope);
    if (condition.type !== 'bool') return t.unsupported(`a scan condition of type ${condition.type}`, s);
    const computation = s.ComputationClause as KSyntax | null;
    const assignments = (computation ? t.items(computation.Assignments) : []).map((a) => {
      const name = t.declaredName(a.Name as KSyntax);
      const column = columnIndexIn(record, name);
      if (column < input.schema.length)
        return t.unsupported(`assigning ${name}, which scan does not declare`, a);
      return {
        column,
        expr: convertTo(t.scalar(a.Expression as KSyntax, scope), (record[column] as Column).type),
      };
    });
    return { name: stepNames[i] as string, output: outputKind !== 'none', condition, assignments };
  });
  return {
    kind: 'scan-steps',
    input,
    schema: binderSchema,
    defaults,
    steps,
    withMatchId: matchId !== undefined,
  };
}
