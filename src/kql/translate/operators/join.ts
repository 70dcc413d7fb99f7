/**
 * `join kind=K (right) on keys` and `lookup`. Keys are `Col` (the same column on both sides) or
 * `$left.A == $right.B`, separated by commas or `and`. Output columns: left then right for the inner and
 * outer kinds (the binder renames right-side duplicates, `x1`), one side only for the semi and anti kinds.
 */
import type { Expr, JoinKind, JoinOutputColumn, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { inputColumn } from './common.js';

const KINDS: Readonly<Record<string, JoinKind>> = {
  innerunique: 'innerunique',
  inner: 'inner',
  leftouter: 'leftouter',
  rightouter: 'rightouter',
  fullouter: 'fullouter',
  outer: 'fullouter',
  leftanti: 'leftanti',
  anti: 'leftanti',
  leftantisemi: 'leftanti',
  rightanti: 'rightanti',
  rightantisemi: 'rightanti',
  leftsemi: 'leftsemi',
  rightsemi: 'rightsemi',
};

interface KeyPair {
  left: Expr;
  right: Expr;
}

/** `$left.A` / `$right.B` → which side and column name. */
function sideReference(t: Translator, node: KSyntax): { side: 'left' | 'right'; name: string } | undefined {
  if (t.kindName(node) !== 'PathExpression') return undefined;
  const head = (node.Expression as KSyntax).ToString().trim();
  if (head !== '$left' && head !== '$right') return undefined;
  return { side: head === '$left' ? 'left' : 'right', name: t.declaredName(node.Selector as KSyntax) };
}

function keyPairs(t: Translator, node: KSyntax, left: Plan, right: Plan, out: KeyPair[]): void {
  const kind = t.kindName(node);
  if (kind === 'AndExpression') {
    keyPairs(t, node.Left as KSyntax, left, right, out);
    keyPairs(t, node.Right as KSyntax, left, right, out);
    return;
  }
  if (kind === 'NameReference') {
    const name = t.declaredName(node);
    out.push({ left: inputColumn(t, left, name, node), right: inputColumn(t, right, name, node) });
    return;
  }
  if (kind === 'EqualExpression') {
    const a = sideReference(t, node.Left as KSyntax);
    const b = sideReference(t, node.Right as KSyntax);
    if (a && b && a.side !== b.side) {
      const l = a.side === 'left' ? a : b;
      const r = a.side === 'left' ? b : a;
      out.push({ left: inputColumn(t, left, l.name, node), right: inputColumn(t, right, r.name, node) });
      return;
    }
  }
  t.unsupported('this join condition (only equality of $left and $right columns)', node);
}

/** The output column mapping: left columns, right columns, or both. */
function outputColumns(kind: JoinKind, left: Plan, right: Plan): JoinOutputColumn[] {
  const l = left.schema.map((_, index) => ({ side: 'left' as const, index }));
  const r = right.schema.map((_, index) => ({ side: 'right' as const, index }));
  if (kind === 'leftanti' || kind === 'leftsemi') return l;
  if (kind === 'rightanti' || kind === 'rightsemi') return r;
  return [...l, ...r];
}

/** The key pairs of an `on` clause. */
function onClause(t: Translator, clause: KSyntax | null, op: KSyntax, left: Plan, right: Plan): KeyPair[] {
  if (!clause || t.kindName(clause) !== 'JoinOnClause') {
    return t.unsupported(`${t.describe(op)} ... where (use ... on)`, clause ?? op);
  }
  const pairs: KeyPair[] = [];
  for (const item of t.items(clause.Expressions)) keyPairs(t, item, left, right, pairs);
  return pairs;
}

/** The join node, once its output columns are known to line up with the binder's schema. */
function joinPlan(
  t: Translator,
  op: KSyntax,
  joinKind: JoinKind,
  left: Plan,
  right: Plan,
  pairs: readonly KeyPair[],
  output: JoinOutputColumn[],
): Plan {
  const schema = t.schemaOf(op);
  if (output.length !== schema.length) {
    return t.unsupported(`${t.describe(op)} here`, op, 'its output does not line up with the binder schema');
  }
  return {
    kind: 'join',
    joinKind,
    left,
    right,
    leftKeys: pairs.map((p) => p.left),
    rightKeys: pairs.map((p) => p.right),
    output,
    schema,
  };
}

/**
 * `T | lookup [kind=leftouter|inner] (R) on keys`: a join whose output is every left column, then the right
 * columns that are not keys [lookup-operator-01: `Row, Personal, Family, Alias`].
 */
export function translateLookup(t: Translator, op: KSyntax, left: Plan): Plan {
  t.onlyParameters(op, ['kind']);
  const kindText = t.parameter(op, 'kind')?.text.toLowerCase() ?? 'leftouter';
  if (kindText !== 'leftouter' && kindText !== 'inner') return t.unsupported(`lookup kind=${kindText}`, op);
  const right = t.tabular(op.Expression as KSyntax);
  const pairs = onClause(t, op.LookupClause as KSyntax | null, op, left, right);
  const rightKeys = new Set(pairs.map((p) => (p.right.kind === 'column' ? p.right.index : -1)));
  const output: JoinOutputColumn[] = [
    ...left.schema.map((_, index) => ({ side: 'left' as const, index })),
    ...right.schema.flatMap((_, index) => (rightKeys.has(index) ? [] : [{ side: 'right' as const, index }])),
  ];
  return joinPlan(t, op, kindText, left, right, pairs, output);
}

export function translateJoin(t: Translator, op: KSyntax, left: Plan): Plan {
  t.onlyParameters(op, ['kind', 'hint.strategy', 'hint.remote', 'hint.shufflekey', 'hint.num_partitions']);
  const kindText = t.parameter(op, 'kind')?.text.toLowerCase() ?? 'innerunique';
  const joinKind = KINDS[kindText];
  if (!joinKind) return t.unsupported(`join kind=${kindText}`, op);
  const right = t.tabular(op.Expression as KSyntax);
  const pairs = onClause(t, op.ConditionClause as KSyntax | null, op, left, right);
  return joinPlan(t, op, joinKind, left, right, pairs, outputColumns(joinKind, left, right));
}
