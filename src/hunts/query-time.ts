/** Whether a compiled query depends on the query time (now(), ago()), so its result depends on --now. */
import { allExprs } from '../engine/plan/walk.js';
import type { CompiledQuery } from '../kql/analyze.js';
import type { Plan } from '../kql/ir.js';

const QUERY_TIME_FUNCTIONS: ReadonlySet<string> = new Set(['now', 'ago']);

function planUsesQueryTime(plan: Plan): boolean {
  return allExprs(plan).some(
    (e) =>
      (e.kind === 'call' && QUERY_TIME_FUNCTIONS.has(e.fn)) ||
      (e.kind === 'scalar-subquery' && planUsesQueryTime(e.plan)),
  );
}

export function usesQueryTime(compiled: CompiledQuery): boolean {
  return planUsesQueryTime(compiled.plan);
}
