/**
 * The parts of a plan that worker threads can run on their share of the input: from a scan up through
 * row-by-row operators (where, extend/project, mv-expand), ending with a summarize when there is one — that
 * one runs as partial aggregation, merged later in the main thread. Everything above runs in the main thread.
 */
import type { Expr, Plan, ScanPlan } from '../../kql/ir.js';
import { planExprs, planInputs } from '../../kql/ir.js';
import { topologicalOrder, walkExpr } from '../plan/walk.js';

export interface Fragment {
  /** The scan the fragment reads. */
  readonly scan: ScanPlan;
  /** The highest node of the fragment: its output is what the workers send. */
  readonly root: Plan;
  /** True when the root is a summarize run as partial aggregation (workers send group states). */
  readonly partial: boolean;
  /** Every node of the fragment (scan to root). */
  readonly nodes: ReadonlySet<Plan>;
}

/** Expression kinds that depend only on the row (not on row order or on values computed beforehand). */
const ROW_LOCAL_KINDS = new Set<Expr['kind']>(['literal', 'column', 'call', 'member', 'index']);

/** Whether a node's expressions depend only on the row they are evaluated on. */
function rowLocal(p: Plan): boolean {
  let local = true;
  for (const e of planExprs(p)) {
    walkExpr(e, (x: Expr) => {
      if (!ROW_LOCAL_KINDS.has(x.kind)) local = false;
    });
  }
  return local;
}

export function findFragments(root: Plan): Fragment[] {
  const parents = new Map<Plan, Plan[]>();
  for (const p of topologicalOrder(root)) {
    for (const i of planInputs(p)) parents.set(i, [...(parents.get(i) ?? []), p]);
  }
  const fragments: Fragment[] = [];
  for (const node of topologicalOrder(root)) {
    if (node.kind !== 'scan') continue;
    const nodes = new Set<Plan>([node]);
    let top: Plan = node;
    let partial = false;
    for (;;) {
      if (top === root) break;
      const above = parents.get(top) ?? [];
      if (above.length !== 1) break;
      const p = above[0] as Plan;
      if ((p.kind === 'filter' || p.kind === 'project' || p.kind === 'mv-expand') && rowLocal(p)) {
        nodes.add(p);
        top = p;
        continue;
      }
      if (p.kind === 'summarize' && rowLocal(p)) {
        nodes.add(p);
        top = p;
        partial = true;
      }
      break;
    }
    fragments.push({ scan: node, root: top, partial, nodes });
  }
  return fragments;
}
