/**
 * Fuses chains of projects (`extend a | extend b | extend c`) into one: every extend of a chain otherwise
 * copies the whole row. A column a later project reads is replaced by the expression that computed it, when
 * that costs nothing extra: the expression is cheap to evaluate again (a column, a literal, a constant member
 * path) or the later project reads it once. The output of the fused chain is the same, column for column.
 */
import type { Expr, NamedExpr, Plan, ProjectPlan } from '../../kql/ir.js';
import { planInputs } from '../../kql/ir.js';
import { topologicalOrder, walkExpr } from './walk.js';

function cheap(e: Expr): boolean {
  switch (e.kind) {
    case 'column':
    case 'literal':
      return true;
    case 'member':
      return cheap(e.object);
    case 'index':
      return e.index.kind === 'literal' && cheap(e.object);
    default:
      return false;
  }
}

/** `e` with each column reference i replaced by `by[i]`. */
function substitute(e: Expr, by: readonly NamedExpr[]): Expr {
  switch (e.kind) {
    case 'column':
      return (by[e.index] as NamedExpr).expr;
    case 'call':
      return { ...e, args: e.args.map((a) => substitute(a, by)) };
    case 'row-context':
      return { ...e, args: e.args.map((a) => substitute(a, by)) };
    case 'member':
      return { ...e, object: substitute(e.object, by) };
    case 'index':
      return { ...e, object: substitute(e.object, by), index: substitute(e.index, by) };
    default:
      return e;
  }
}

/** Whether `upper` over `lower` can become one project without evaluating anything twice. */
function fusible(upper: ProjectPlan, lower: ProjectPlan): boolean {
  const uses = new Map<number, number>();
  let rowContext = false;
  for (const c of upper.columns) {
    walkExpr(c.expr, (x) => {
      if (x.kind === 'column') uses.set(x.index, (uses.get(x.index) ?? 0) + 1);
      if (x.kind === 'row-context' || x.kind === 'scalar-subquery') rowContext = true;
    });
  }
  if (rowContext) return false;
  for (const [i, n] of uses) {
    const source = lower.columns[i];
    if (!source) return false;
    if (n > 1 && !cheap(source.expr)) return false;
  }
  for (const c of lower.columns) {
    let ok = true;
    walkExpr(c.expr, (x) => {
      if (x.kind === 'row-context' || x.kind === 'scalar-subquery') ok = false;
    });
    if (!ok) return false;
  }
  return true;
}

/** The plan with fusible project chains fused (nodes shared by several consumers are kept as they are). */
export function fuseProjects(root: Plan): Plan {
  const consumers = new Map<Plan, number>();
  for (const p of topologicalOrder(root))
    for (const i of planInputs(p)) consumers.set(i, (consumers.get(i) ?? 0) + 1);
  const done = new Map<Plan, Plan>();
  const rewrite = (p: Plan): Plan => {
    const cached = done.get(p);
    if (cached) return cached;
    let out: Plan;
    if (p.kind === 'project') {
      const input = rewrite(p.input);
      if (input.kind === 'project' && (consumers.get(p.input) ?? 0) === 1 && fusible(p, input)) {
        out = {
          ...p,
          input: input.input,
          columns: p.columns.map((c) => ({ name: c.name, expr: substitute(c.expr, input.columns) })),
        };
      } else out = input === p.input ? p : { ...p, input };
    } else out = withInputs(p, rewrite);
    done.set(p, out);
    return out;
  };
  return rewrite(root);
}

/** A copy of `p` whose inputs are rewritten (the same object when none changes). */
function withInputs(p: Plan, rewrite: (p: Plan) => Plan): Plan {
  switch (p.kind) {
    case 'join': {
      const left = rewrite(p.left);
      const right = rewrite(p.right);
      return left === p.left && right === p.right ? p : { ...p, left, right };
    }
    case 'union': {
      const inputs = p.inputs.map(rewrite);
      return inputs.every((x, i) => x === p.inputs[i]) ? p : { ...p, inputs };
    }
    default: {
      if (!('input' in p)) return p;
      const input = rewrite(p.input);
      return input === p.input ? p : ({ ...p, input } as Plan);
    }
  }
}
