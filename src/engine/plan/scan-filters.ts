/**
 * Filters a data source may apply while reading: when every consumer of a scan starts with `where`, a row
 * that fails all of those conditions is dropped by every consumer, so the reader may skip it — before parsing
 * the columns only later operators read. The filters stay in the plan; this is an optimisation the source is
 * free to ignore.
 */
import type { Expr, FilterPlan, Plan } from '../../kql/ir.js';
import { planInputs } from '../../kql/ir.js';
import { columnsRead, topologicalOrder } from './walk.js';

/** A condition tree: a row passes when the tree is true (`where` semantics: null fails). */
export type ScanCondition =
  | { readonly kind: 'predicate'; readonly expr: Expr }
  | { readonly kind: 'all'; readonly of: readonly ScanCondition[] }
  | { readonly kind: 'any'; readonly of: readonly ScanCondition[] };

function parentsOf(root: Plan): Map<Plan, Plan[]> {
  const parents = new Map<Plan, Plan[]>();
  for (const p of topologicalOrder(root)) {
    for (const i of planInputs(p)) parents.set(i, [...(parents.get(i) ?? []), p]);
  }
  return parents;
}

function anyOf(conditions: ScanCondition[]): ScanCondition {
  return conditions.length === 1 ? (conditions[0] as ScanCondition) : { kind: 'any', of: conditions };
}

/** What the rows reaching `filter` must satisfy to be kept by anything above it. */
function needAt(filter: FilterPlan, parents: ReadonlyMap<Plan, Plan[]>, root: Plan): ScanCondition {
  const own: ScanCondition = { kind: 'predicate', expr: filter.predicate };
  const above = parents.get(filter) ?? [];
  if (filter === root || above.length === 0 || !above.every((p) => p.kind === 'filter')) return own;
  return { kind: 'all', of: [own, anyOf(above.map((p) => needAt(p as FilterPlan, parents, root)))] };
}

/** For each table: the condition its rows must meet to matter to the query, or undefined (all rows matter). */
export function scanConditionsByTable(root: Plan): Map<string, ScanCondition | undefined> {
  const parents = parentsOf(root);
  const result = new Map<string, ScanCondition | undefined>();
  const seen = new Set<string>();
  for (const node of topologicalOrder(root)) {
    if (node.kind !== 'scan') continue;
    const consumers = parents.get(node) ?? [];
    let condition: ScanCondition | undefined;
    if (node !== root && consumers.length > 0 && consumers.every((p) => p.kind === 'filter')) {
      condition = anyOf(consumers.map((p) => needAt(p as FilterPlan, parents, root)));
    }
    if (!seen.has(node.table)) {
      seen.add(node.table);
      result.set(node.table, condition);
    } else {
      const previous = result.get(node.table);
      result.set(node.table, previous && condition ? { kind: 'any', of: [previous, condition] } : undefined);
    }
  }
  return result;
}

/** The scan columns a condition reads. */
export function conditionColumns(c: ScanCondition, into: Set<number> = new Set()): Set<number> {
  if (c.kind === 'predicate') return columnsRead(c.expr, into);
  for (const x of c.of) conditionColumns(x, into);
  return into;
}
