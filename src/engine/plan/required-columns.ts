/**
 * Column pruning: which columns of each plan node's output are read by something downstream. Scans use it to
 * materialise only what the query needs.
 */
import type { Plan } from '../../kql/ir.js';
import { planExprs, planInputs } from '../../kql/ir.js';
import { columnsRead, topologicalOrder } from './walk.js';

export type RequiredColumns = Map<Plan, Set<number>>;

/** The input columns that the `wanted` output columns copy (`passthrough[c]`, -1 for computed ones). */
function copiedColumns(passthrough: readonly number[], wanted: Iterable<number>, into: Set<number>): void {
  for (const c of wanted) {
    const from = passthrough[c];
    if (from !== undefined && from >= 0) into.add(from);
  }
}

export function requiredColumns(root: Plan): RequiredColumns {
  const required: RequiredColumns = new Map();
  const need = (p: Plan) => {
    let s = required.get(p);
    if (!s) {
      s = new Set();
      required.set(p, s);
    }
    return s;
  };
  need(root);
  for (let i = 0; i < root.schema.length; i++) need(root).add(i);
  for (const p of topologicalOrder(root)) {
    const r = need(p);
    switch (p.kind) {
      case 'filter': {
        const s = need(p.input);
        for (const c of r) s.add(c);
        columnsRead(p.predicate, s);
        break;
      }
      case 'project':
      case 'serialize': {
        const s = need(p.input);
        for (const c of r) {
          const col = p.columns[c];
          if (col) columnsRead(col.expr, s);
        }
        break;
      }
      case 'mv-expand': {
        const s = need(p.input);
        copiedColumns(p.passthrough, r, s);
        for (const x of p.expanded) columnsRead(x.expr, s);
        break;
      }
      case 'mv-apply': {
        const s = need(p.input);
        for (const c of r) {
          const o = p.output[c];
          if (o?.from === 'outer') s.add(o.index);
        }
        for (const x of p.expansion.expanded) columnsRead(x.expr, s);
        // The subtable columns the subquery reads, traced back to the input columns they copy.
        const sub = requiredColumns(p.subquery);
        for (const [node, cols] of sub)
          if (node.kind === 'apply-input') copiedColumns(p.expansion.passthrough, cols, s);
        break;
      }
      case 'parse': {
        const s = need(p.input);
        copiedColumns(p.passthrough, r, s);
        columnsRead(p.source, s);
        break;
      }
      case 'summarize':
      case 'sort':
      case 'top': {
        const s = need(p.input);
        if (p.kind !== 'summarize') for (const c of r) s.add(c);
        for (const e of planExprs(p)) columnsRead(e, s);
        break;
      }
      case 'take':
      case 'sample': {
        const s = need(p.input);
        for (const c of r) s.add(c);
        break;
      }
      case 'join': {
        const l = need(p.left);
        const rr = need(p.right);
        for (const e of p.leftKeys) columnsRead(e, l);
        for (const e of p.rightKeys) columnsRead(e, rr);
        for (const c of r) {
          const o = p.output[c];
          if (o) (o.side === 'left' ? l : rr).add(o.index);
        }
        break;
      }
      case 'union':
        p.inputs.forEach((input, i) => {
          const s = need(input);
          const map = p.columnMaps[i] ?? [];
          for (const c of r) {
            const from = map[c];
            if (from !== undefined && from >= 0) s.add(from);
          }
        });
        break;
      default: {
        // A node this analysis does not know reads every column of its inputs.
        for (const input of planInputs(p)) {
          const s = need(input);
          for (let i = 0; i < input.schema.length; i++) s.add(i);
        }
        break;
      }
    }
  }
  return required;
}
