/**
 * Conformance case files: one JSON object per line, each a self-contained KQL query with the result the real
 * Kusto engine gave (the format of ../shared/conformance, described in its README).
 */
import { readFile } from 'node:fs/promises';
import type { Dynamic } from '../engine/values/dynamic.js';
import { parseJsonText } from '../engine/values/dynamic.js';

export interface ExpectedResult {
  readonly columns: readonly string[];
  /** .NET type names: String, Int64, Int32, Double, SByte, DateTime, TimeSpan, Guid, SqlDecimal, Object. */
  readonly column_types: readonly string[];
  readonly rows: readonly (readonly Dynamic[])[];
}

export interface ConformanceCase {
  readonly id: string;
  readonly kql: string;
  readonly expected: ExpectedResult;
  readonly functions: readonly string[];
  readonly operators: readonly string[];
  readonly source?: string;
}

export class CaseFileError extends Error {}

/** Parses a case file; every line is checked for the fields the runner needs. */
export function parseCases(text: string, file: string): ConformanceCase[] {
  const cases: ConformanceCase[] = [];
  const lines = text.split('\n');
  lines.forEach((line, i) => {
    if (line.trim() === '') return;
    let v: Dynamic;
    try {
      // Exact longs: the expected values may hold integers beyond 2^53.
      v = parseJsonText(line);
    } catch (e) {
      throw new CaseFileError(`${file}:${i + 1}: not JSON (${(e as Error).message})`);
    }
    const c = v as unknown as ConformanceCase;
    const problem = caseProblem(c);
    if (problem) throw new CaseFileError(`${file}:${i + 1}: ${problem}`);
    cases.push({ ...c, functions: c.functions ?? [], operators: c.operators ?? [] });
  });
  return cases;
}

function caseProblem(c: ConformanceCase): string | undefined {
  if (typeof c !== 'object' || c === null || Array.isArray(c)) return 'a case must be a JSON object';
  if (typeof c.id !== 'string') return "field 'id': a string is required";
  if (typeof c.kql !== 'string') return `case ${c.id}: field 'kql': a string is required`;
  const e = c.expected;
  if (typeof e !== 'object' || e === null) return `case ${c.id}: field 'expected': an object is required`;
  if (!Array.isArray(e.columns) || !Array.isArray(e.column_types) || !Array.isArray(e.rows))
    return `case ${c.id}: field 'expected': columns, column_types and rows are required`;
  if (e.columns.length !== e.column_types.length)
    return `case ${c.id}: field 'expected': columns and column_types differ in length`;
  return undefined;
}

export async function loadCases(file: string): Promise<ConformanceCase[]> {
  return parseCases(await readFile(file, 'utf8'), file);
}

/** Functions whose value cannot be reproduced: only the shape of the result is compared. */
export const NONDETERMINISTIC_FUNCTIONS: ReadonlySet<string> = new Set(['now', 'ago', 'rand', 'new_guid']);
const NONDETERMINISTIC_OPERATORS: ReadonlySet<string> = new Set(['sample', 'sample-distinct']);
const GRAPH_OPERATORS: ReadonlySet<string> = new Set([
  'make-graph',
  'graph-match',
  'graph-shortest-paths',
  'graph-to-table',
  'graph-mark-components',
]);

export function isNondeterministic(c: ConformanceCase): boolean {
  return (
    c.functions.some((f) => NONDETERMINISTIC_FUNCTIONS.has(f)) ||
    c.operators.some((o) => NONDETERMINISTIC_OPERATORS.has(o))
  );
}

/**
 * The README's "core": no geo_* function, no graph operator, no series_* function or make-series, no
 * evaluate plugin, nothing nondeterministic.
 */
export function isCore(c: ConformanceCase): boolean {
  if (c.functions.some((f) => f.startsWith('geo_') || f.startsWith('series_'))) return false;
  if (c.operators.some((o) => o === 'make-series' || o === 'evaluate' || GRAPH_OPERATORS.has(o)))
    return false;
  return !isNondeterministic(c);
}

/** Functions whose results are estimates in Kusto: numbers compare with a 2% tolerance. */
const ESTIMATING_FUNCTIONS: ReadonlySet<string> = new Set([
  'dcount',
  'dcountif',
  'percentile',
  'percentiles',
  'percentilew',
  'percentilesw',
  'percentiles_array',
  'percentilesw_array',
  'tdigest',
  'tdigest_merge',
  'hll',
  'hll_merge',
  'dcount_hll',
]);

export function isEstimating(fn: string): boolean {
  return ESTIMATING_FUNCTIONS.has(fn);
}

export function usesEstimates(c: ConformanceCase): boolean {
  return c.functions.some(isEstimating);
}
