/** Text and JSON reports of a conformance run. */
import type { Column, Row } from '../engine/values/types.js';
import { cellJson } from '../sinks/cells.js';
import type { ExpectedResult } from './cases.js';
import type { CaseOutcome, RunSummary } from './run.js';

/** How many rows of a result a failure report shows. */
const SHOWN_ROWS = 20;

/** The closing line: `conformance: P passed, F failed, S skipped of N`. */
export function summaryLine(s: RunSummary, label = 'conformance'): string {
  return `${label}: ${s.passed} passed, ${s.failed} failed, ${s.skipped} skipped of ${s.outcomes.length}`;
}

function indent(text: string, by = '    '): string {
  return text
    .split('\n')
    .map((l) => by + l)
    .join('\n');
}

function rowsText(lines: string[], total: number): string {
  const shown = lines.slice(0, SHOWN_ROWS);
  if (total > SHOWN_ROWS) shown.push(`... ${total - SHOWN_ROWS} more rows`);
  return shown.length > 0 ? shown.map((l) => `    ${l}`).join('\n') : '    (no rows)';
}

function expectedText(e: ExpectedResult): string {
  const header = e.columns.map((c, i) => `${c}:${e.column_types[i]}`).join(', ');
  const rows = e.rows.map((r) => JSON.stringify(r, (_k, v) => (typeof v === 'bigint' ? Number(v) : v)));
  return `  expected: ${header}\n${rowsText(rows, e.rows.length)}`;
}

function actualText(schema: readonly Column[], rows: readonly Row[]): string {
  const header = schema.map((c) => `${c.name}:${c.type}`).join(', ');
  const lines = rows
    .slice(0, SHOWN_ROWS)
    .map((r) => `[${schema.map((c, i) => cellJson(r[i], c.type)).join(',')}]`);
  return `  actual: ${header}\n${rowsText(lines, rows.length)}`;
}

/** A failure in full: the query, the expected and the actual result, and the first difference. */
export function failureText(o: CaseOutcome): string {
  const parts = [
    `FAILED ${o.case.id}${o.core ? ' (core)' : ''}: ${o.reason ?? ''}`,
    `  query:\n${indent(o.case.kql.trimEnd())}`,
    expectedText(o.case.expected),
  ];
  if (o.actual) parts.push(actualText(o.actual.schema, o.actual.rows));
  if (o.rowComparison) parts.push(`  rows compared: ${o.rowComparison}`);
  return parts.join('\n');
}

export function skippedText(o: CaseOutcome): string {
  return `SKIPPED ${o.case.id}${o.core ? ' (core)' : ''}: ${o.reason ?? ''}`;
}

export interface JsonReport {
  readonly passed: number;
  readonly failed: number;
  readonly skipped: number;
  readonly total: number;
  readonly core: { passed: number; failed: number; skipped: number; total: number };
  readonly cases: readonly { id: string; core: boolean; status: string; reason?: string }[];
}

export function jsonReport(all: RunSummary, core: RunSummary): JsonReport {
  return {
    passed: all.passed,
    failed: all.failed,
    skipped: all.skipped,
    total: all.outcomes.length,
    core: { passed: core.passed, failed: core.failed, skipped: core.skipped, total: core.outcomes.length },
    cases: all.outcomes.map((o) => ({
      id: o.case.id,
      core: o.core,
      status: o.status,
      ...(o.reason === undefined ? {} : { reason: o.reason }),
    })),
  };
}
