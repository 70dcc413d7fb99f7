/** Runs conformance cases through kqlhunt's compiler and engine and classifies each outcome. */
import type { TableProvider } from '../engine/execute.js';
import { executeToRows } from '../engine/execute.js';
import { createFunctionRegistry } from '../engine/functions/index.js';
import { allExprs, topologicalOrder } from '../engine/plan/walk.js';
import { compileQuery } from '../kql/analyze.js';
import { KqlError } from '../kql/errors.js';
import type { Plan } from '../kql/ir.js';
import { planInputs } from '../kql/ir.js';
import { TABLES } from '../tables/index.js';
import type { ConformanceCase } from './cases.js';
import { isCore, isEstimating, isNondeterministic, usesEstimates } from './cases.js';
import type { ActualResult, RowComparison } from './compare.js';
import { compareResult, ESTIMATE_TOLERANCE, REAL_TOLERANCE } from './compare.js';

export type CaseStatus = 'passed' | 'failed' | 'skipped';

export interface CaseOutcome {
  readonly case: ConformanceCase;
  readonly core: boolean;
  readonly status: CaseStatus;
  /** Why it failed (the first difference, or the error) or was skipped (the unsupported construct). */
  readonly reason?: string;
  readonly actual?: ActualResult;
  readonly rowComparison?: RowComparison;
  readonly milliseconds: number;
}

/** Conformance queries build their own input: every table is empty. */
const NO_TABLES: TableProvider = {
  async scan(_request, sink) {
    sink.end();
  },
};

/** Plan node kinds after which rows come in no particular order (README: summarize, join, union, ...). */
const REORDERING: ReadonlySet<string> = new Set(['summarize', 'join', 'union', 'lookup', 'make-series']);

/**
 * How the rows of a plan's result compare: ordered when the last ordering node (sort, or take over sorted
 * rows, i.e. top) is not followed by a reordering one; a trailing take over unordered rows is an arbitrary
 * subset (count only); anything else is a multiset.
 */
export function rowComparisonOf(plan: Plan): RowComparison {
  let p: Plan | undefined = plan;
  while (p) {
    // A string, so that plan kinds added later (top) can be named here.
    const kind: string = p.kind;
    if (kind === 'sort' || kind === 'top') return 'ordered';
    if (p.kind === 'take') return rowComparisonOf(p.input) === 'ordered' ? 'ordered' : 'count';
    if (REORDERING.has(kind)) return 'multiset';
    const inputs = planInputs(p);
    p = inputs.length === 1 ? inputs[0] : undefined;
  }
  return 'multiset';
}

const functions = createFunctionRegistry();

/** True when the plan calls a function that is not deterministic (now(), rand(), ...). */
function callsNondeterministic(plan: Plan): boolean {
  return allExprs(plan).some((e) => e.kind === 'call' && functions.get(e.fn)?.deterministic === false);
}

function aggregatesOf(plan: Plan): string[] {
  return topologicalOrder(plan).flatMap((p) => (p.kind === 'summarize' ? p.aggregates.map((a) => a.fn) : []));
}

export async function runCase(c: ConformanceCase): Promise<CaseOutcome> {
  const started = performance.now();
  const core = isCore(c);
  const done = (o: Omit<CaseOutcome, 'case' | 'core' | 'milliseconds'>): CaseOutcome => ({
    case: c,
    core,
    ...o,
    milliseconds: performance.now() - started,
  });
  try {
    const { plan } = compileQuery(c.kql, TABLES);
    const rows = await executeToRows(plan, { tables: NO_TABLES, now: BigInt(Date.now()) * 10_000n });
    const actual: ActualResult = { schema: plan.schema, rows };
    const rowComparison: RowComparison =
      isNondeterministic(c) || callsNondeterministic(plan) ? 'count' : rowComparisonOf(plan);
    const estimates = usesEstimates(c) || aggregatesOf(plan).some(isEstimating);
    const tolerance = estimates ? ESTIMATE_TOLERANCE : REAL_TOLERANCE;
    const difference = compareResult(c.expected, actual, { rows: rowComparison, tolerance });
    return difference === undefined
      ? done({ status: 'passed', actual, rowComparison })
      : done({ status: 'failed', reason: difference, actual, rowComparison });
  } catch (e) {
    if (e instanceof KqlError) {
      const located = e.locate(c.kql);
      const status = e.code === 'unsupported' || e.code === 'offline' ? 'skipped' : 'failed';
      return done({ status, reason: `${e.code}: ${located.describe()}` });
    }
    const err = e as Error;
    return done({ status: 'failed', reason: `crashed: ${err?.message ?? String(e)}` });
  }
}

export interface RunSummary {
  readonly outcomes: readonly CaseOutcome[];
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
}

export function summarize(outcomes: readonly CaseOutcome[]): RunSummary {
  const count = (s: CaseStatus) => outcomes.filter((o) => o.status === s).length;
  return { outcomes, passed: count('passed'), failed: count('failed'), skipped: count('skipped') };
}

export async function runCases(cases: readonly ConformanceCase[]): Promise<RunSummary> {
  const outcomes: CaseOutcome[] = [];
  for (const c of cases) outcomes.push(await runCase(c));
  return summarize(outcomes);
}
