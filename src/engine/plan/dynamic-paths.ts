/**
 * Which parts of a dynamic column a query reads. When every use of a scanned dynamic column is a chain of
 * constant member/element accesses (`TargetResources[0].modifiedProperties`, `InitiatedBy.app`), a reader
 * may materialise only those parts (never less; more is always correct). Any other use — passing the whole
 * value on, a computed or negative index, array_length() — needs the whole value.
 */
import type { Expr, Plan } from '../../kql/ir.js';
import { topologicalOrder } from './walk.js';

/** `all`: the whole value below this point. Otherwise the members and elements that are read. */
export type PathTree =
  | { readonly kind: 'all' }
  | {
      readonly kind: 'select';
      readonly members: Readonly<Record<string, PathTree>>;
      readonly elements: Readonly<Record<number, PathTree>>;
    };

export const ALL: PathTree = { kind: 'all' };

type Step = { member: string } | { element: number };

export function mergePathTrees(a: PathTree | undefined, b: PathTree): PathTree {
  if (!a) return b;
  if (a.kind === 'all' || b.kind === 'all') return ALL;
  const members: Record<string, PathTree> = { ...a.members };
  for (const [k, v] of Object.entries(b.members)) members[k] = mergePathTrees(members[k], v);
  const elements: Record<number, PathTree> = { ...a.elements };
  for (const [k, v] of Object.entries(b.elements))
    elements[Number(k)] = mergePathTrees(elements[Number(k)], v);
  return { kind: 'select', members, elements };
}

function treeOf(steps: readonly Step[]): PathTree {
  let t: PathTree = ALL;
  for (let i = steps.length - 1; i >= 0; i--) {
    const s = steps[i] as Step;
    t =
      'member' in s
        ? { kind: 'select', members: { [s.member]: t }, elements: {} }
        : { kind: 'select', members: {}, elements: { [s.element]: t } };
  }
  return t;
}

/**
 * Records, for each tracked column, the paths by which expressions read it. `tracked` maps a column position
 * of the expression's input row to the scan column it carries.
 */
class UseCollector {
  readonly trees = new Map<number, PathTree>();

  use(scanColumn: number, tree: PathTree): void {
    this.trees.set(scanColumn, mergePathTrees(this.trees.get(scanColumn), tree));
  }

  /** Walks an expression; a tracked column under a constant access chain counts as a path use. */
  expr(e: Expr, tracked: ReadonlyMap<number, number>): void {
    const chain = accessChain(e);
    if (chain) {
      const scanColumn = tracked.get(chain.root.index);
      if (scanColumn !== undefined) {
        this.use(scanColumn, treeOf(chain.steps));
        return;
      }
    }
    switch (e.kind) {
      case 'column': {
        const scanColumn = tracked.get(e.index);
        if (scanColumn !== undefined) this.use(scanColumn, ALL);
        return;
      }
      case 'call':
      case 'row-context':
        for (const a of e.args) this.expr(a, tracked);
        return;
      case 'member':
        this.expr(e.object, tracked);
        return;
      case 'index':
        this.expr(e.object, tracked);
        this.expr(e.index, tracked);
        return;
      default:
        return;
    }
  }
}

/** `col.a[0].b` → the column and its steps, when every step is a constant member or a non-negative index. */
function accessChain(e: Expr): { root: Extract<Expr, { kind: 'column' }>; steps: Step[] } | undefined {
  const steps: Step[] = [];
  let x: Expr = e;
  for (;;) {
    if (x.kind === 'member') {
      steps.push({ member: x.key });
      x = x.object;
    } else if (x.kind === 'index') {
      const i = x.index;
      if (i.kind !== 'literal') return undefined;
      if (typeof i.value === 'string') steps.push({ member: i.value });
      else if ((typeof i.value === 'bigint' || typeof i.value === 'number') && Number(i.value) >= 0) {
        steps.push({ element: Number(i.value) });
      } else return undefined;
      x = x.object;
    } else break;
  }
  if (x.kind !== 'column' || steps.length === 0) return undefined;
  return { root: x, steps: steps.reverse() };
}

/**
 * For each scanned table: the parts of its dynamic columns the plan reads (a column absent from the map is
 * not read at all, or not dynamic). Columns are followed through where/extend/project/mv-expand as long as
 * they pass unchanged; anything else that receives one reads it whole.
 */
export function dynamicPathsByTable(root: Plan): Map<string, Map<number, PathTree>> {
  const result = new Map<string, Map<number, PathTree>>();
  const parents = new Map<Plan, Plan[]>();
  const order = topologicalOrder(root);
  for (const p of order) {
    const inputs =
      p.kind === 'join' ? [p.left, p.right] : p.kind === 'union' ? p.inputs : 'input' in p ? [p.input] : [];
    for (const i of inputs) parents.set(i, [...(parents.get(i) ?? []), p]);
  }
  for (const scan of order) {
    if (scan.kind !== 'scan') continue;
    const collector = new UseCollector();
    const initial = new Map<number, number>();
    scan.schema.forEach((c, i) => {
      if (c.type === 'dynamic') initial.set(i, i);
    });
    follow(scan, initial, scan === root, parents, collector);
    const merged = result.get(scan.table) ?? new Map<number, PathTree>();
    for (const [col, tree] of collector.trees) merged.set(col, mergePathTrees(merged.get(col), tree));
    // A dynamic column that some scan of this table reads whole stays whole.
    result.set(scan.table, merged);
  }
  return result;
}

/** Follows tracked columns from `node` into each consumer. */
function follow(
  node: Plan,
  tracked: ReadonlyMap<number, number>,
  isRoot: boolean,
  parents: ReadonlyMap<Plan, Plan[]>,
  c: UseCollector,
): void {
  if (tracked.size === 0) return;
  // The query's result shows every column it has: tracked ones are read whole.
  if (isRoot) for (const scanColumn of tracked.values()) c.use(scanColumn, ALL);
  for (const p of parents.get(node) ?? []) {
    switch (p.kind) {
      case 'filter':
        c.expr(p.predicate, tracked);
        follow(p, tracked, false, parents, c);
        break;
      case 'project': {
        const next = new Map<number, number>();
        p.columns.forEach((col, j) => {
          if (col.expr.kind === 'column' && tracked.has(col.expr.index)) {
            next.set(j, tracked.get(col.expr.index) as number);
          } else c.expr(col.expr, tracked);
        });
        follow(p, next, false, parents, c);
        break;
      }
      case 'mv-expand': {
        for (const x of p.expanded) c.expr(x.expr, tracked);
        const next = new Map<number, number>();
        p.passthrough.forEach((from, j) => {
          if (from >= 0 && tracked.has(from)) next.set(j, tracked.get(from) as number);
        });
        follow(p, next, false, parents, c);
        break;
      }
      case 'summarize':
        for (const k of p.keys) c.expr(k.expr, tracked);
        for (const a of p.aggregates) for (const x of a.args) c.expr(x, tracked);
        break;
      default:
        // join, sort, union, take, serialize...: whatever they receive, they may pass on or compare whole.
        for (const scanColumn of tracked.values()) c.use(scanColumn, ALL);
        break;
    }
  }
}
