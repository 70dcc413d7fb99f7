/** Traversals of the plan DAG (a let-bound table used twice is one shared node). */
import type { Expr, Plan } from '../../kql/ir.js';
import { planExprs, planInputs, planSubplans } from '../../kql/ir.js';

/** Every node once, each before its inputs (parents first). */
export function topologicalOrder(root: Plan): Plan[] {
  const order: Plan[] = [];
  const state = new Map<Plan, 'visiting' | 'done'>();
  const visit = (p: Plan) => {
    if (state.get(p) === 'done') return;
    state.set(p, 'visiting');
    for (const i of planInputs(p)) visit(i);
    state.set(p, 'done');
    order.push(p);
  };
  visit(root);
  return order.reverse();
}

/** Calls `f` on every sub-expression of `e`, `e` included. */
export function walkExpr(e: Expr, f: (e: Expr) => void): void {
  f(e);
  switch (e.kind) {
    case 'call':
    case 'row-context':
      for (const a of e.args) walkExpr(a, f);
      break;
    case 'member':
      walkExpr(e.object, f);
      break;
    case 'index':
      walkExpr(e.object, f);
      walkExpr(e.index, f);
      break;
    default:
      break;
  }
}

/** The input column positions an expression reads. */
export function columnsRead(e: Expr, into: Set<number> = new Set()): Set<number> {
  walkExpr(e, (x) => {
    if (x.kind === 'column') into.add(x.index);
  });
  return into;
}

/**
 * Every expression of the plan, in every node and nested subquery (mv-apply's), but not inside toscalar()
 * subquery plans.
 */
export function allExprs(root: Plan): Expr[] {
  const out: Expr[] = [];
  for (const p of topologicalOrder(root)) {
    for (const e of planExprs(p)) walkExpr(e, (x) => out.push(x));
    if (p.kind === 'values') for (const row of p.rows) for (const e of row) walkExpr(e, (x) => out.push(x));
    for (const sub of planSubplans(p)) out.push(...allExprs(sub));
  }
  return out;
}
