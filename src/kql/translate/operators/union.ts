/**
 * `union [kind=outer|inner] [withsource=C] [isfuzzy=B] T1, T2, ...` (piped: the input is the first leg) and
 * `as Name`. Output columns are the binder's: with kind=outer every (name, type) of any leg, a name that
 * comes with several types split into `name_type` columns; with kind=inner the columns all legs share. A
 * leg's row fills the columns it has; the others are null. withsource=C adds the leg's name: its table, let
 * or view name, or the name given by `as`.
 */
import type { Column, ScalarType } from '../../../engine/values/types.js';
import type { NamedExpr, Plan } from '../../ir.js';
import type { KSyntax } from '../../kusto-language.js';
import type { Translator } from '../translator.js';
import { literal } from '../translator.js';

/** The name a leg contributes to withsource=: `T`, `(T)`, `expr | as T`; undefined for other legs. */
function legName(t: Translator, node: KSyntax): string | undefined {
  const kind = t.kindName(node);
  if (kind === 'ParenthesizedExpression') return legName(t, node.Expression as KSyntax);
  if (kind === 'NameReference') return t.declaredName(node);
  if (kind === 'PipeExpression') {
    const op = node.Operator as KSyntax;
    if (t.kindName(op) === 'AsOperator') return t.declaredName(op.Name as KSyntax);
  }
  return undefined;
}

/** The leg column that fills output column `c`: same name and type, or `name_type` for a split name. */
function legColumn(leg: readonly Column[], c: Column): number {
  return leg.findIndex(
    (l) => l.type === c.type && (l.name === c.name || `${l.name}_${typeName(l.type)}` === c.name),
  );
}

function typeName(t: ScalarType): string {
  return t;
}

function union(t: Translator, op: KSyntax, legNodes: readonly KSyntax[], legs: Plan[]): Plan {
  t.onlyParameters(op, ['kind', 'withsource', 'isfuzzy', 'hint.concurrency', 'hint.spread']);
  const kind = t.parameter(op, 'kind')?.text.toLowerCase() ?? 'outer';
  if (kind !== 'outer' && kind !== 'inner') return t.unsupported(`union kind=${kind}`, op);
  const source = t.parameter(op, 'withsource');
  const inputs = legs.map((leg, i) => {
    if (!source) return leg;
    const node = legNodes[i] as KSyntax;
    const name = legName(t, node);
    if (name === undefined)
      return t.unsupported('union withsource= over a leg that has no name', node, 'name it with `| as Name`');
    // The leg's name as one more column, found by the mapping below like any other.
    const columns = [
      ...leg.schema.map(
        (c, index): NamedExpr => ({
          name: c.name,
          expr: { kind: 'column', type: c.type, name: c.name, index },
        }),
      ),
      { name: source.text, expr: literal('string', name) },
    ];
    const withName: Plan = {
      kind: 'project',
      input: leg,
      schema: [...leg.schema, { name: source.text, type: 'string' }],
      columns,
    };
    return withName;
  });
  // The binder types kind=inner like outer: keep the columns every leg has (the docs' "common" columns).
  const outer = t.schemaOf(op);
  const schema =
    kind === 'inner' ? outer.filter((c) => inputs.every((leg) => legColumn(leg.schema, c) >= 0)) : outer;
  const columnMaps = inputs.map((leg) => schema.map((c) => legColumn(leg.schema, c)));
  schema.forEach((c, j) => {
    if (columnMaps.every((m) => (m[j] as number) < 0))
      t.unsupported(`${t.describe(op)} here`, op, `no leg provides its column ${c.name}`);
  });
  return { kind: 'union', inputs, schema, columnMaps };
}

/** `T | union ...`: T is the first leg. */
export function translateUnion(t: Translator, op: KSyntax, input: Plan): Plan {
  const items = t.items(op.Expressions);
  const inputNode = (op.Parent as KSyntax).Expression as KSyntax;
  return union(t, op, [inputNode, ...items], [input, ...items.map((x) => t.tabular(x))]);
}

/** `union T1, T2` starting a query. */
export function translateStandaloneUnion(t: Translator, op: KSyntax): Plan {
  const items = t.items(op.Expressions);
  return union(
    t,
    op,
    items,
    items.map((x) => t.tabular(x)),
  );
}

/** `T | as Name`: names T for what follows (union withsource=, later references). */
export function translateAs(t: Translator, op: KSyntax, input: Plan): Plan {
  t.onlyParameters(op, ['hint.materialized']);
  const nameNode = op.Name as KSyntax;
  t.bind(nameNode.ReferencedSymbol, t.declaredName(nameNode), { kind: 'tabular', plan: input });
  return input;
}
