/**
 * Writing a rule pack's results. One result shape per format, each rule in the order given:
 * - json: an array of `{id, name, tactics, techniques, status, error, rows}` (rows null when the rule did
 *   not run); jsonl: the same objects, one per line;
 * - table: a section per rule — a heading with its status, then its rows or its error;
 * - csv: every finding of every rule in one table: RuleId, RuleName, then the union of the rules' columns
 *   (a rule leaves the columns it does not have empty). Statuses and errors are on standard error.
 */
import type { Column, Row } from '../engine/values/types.js';
import { cellText } from '../sinks/cells.js';
import { csvField } from '../sinks/csv.js';
import { createWriter } from '../sinks/index.js';
import { groupThousands } from '../sinks/numbers.js';
import type { OutputFormat, TextOut } from '../sinks/sink.js';
import type { RuleOutcome } from './pack.js';

/** Collects a writer's text. */
class StringOut implements TextOut {
  private readonly parts: string[] = [];
  write(text: string): void {
    this.parts.push(text);
  }
  toString(): string {
    return this.parts.join('');
  }
}

/** The rows of one outcome written in `format` by the ordinary result writers. */
function rowsText(format: OutputFormat, schema: readonly Column[], rows: readonly Row[]): string {
  const out = new StringOut();
  const w = createWriter(format, out);
  w.begin(schema);
  for (const r of rows) w.row(r);
  w.end();
  return out.toString();
}

function outcomeJson(o: RuleOutcome): string {
  const head = {
    id: o.rule.id,
    name: o.rule.name,
    tactics: o.rule.tactics,
    techniques: o.rule.techniques,
    status: o.status,
    error: o.error ?? null,
  };
  const rows = o.status === 'ran' && o.schema && o.rows ? rowsText('json', o.schema, o.rows).trim() : 'null';
  return `${JSON.stringify(head).slice(0, -1)},"rows":${rows}}`;
}

function statusLine(o: RuleOutcome): string {
  if (o.status !== 'ran') return o.status;
  const n = o.rows?.length ?? 0;
  return `ran, ${n === 0 ? 'no rows' : n === 1 ? '1 row' : `${groupThousands(n)} rows`}`;
}

function writeTableSections(outcomes: readonly RuleOutcome[], out: TextOut): void {
  outcomes.forEach((o, i) => {
    if (i > 0) out.write('\n');
    const id = o.rule.id !== o.rule.name ? `  (${o.rule.id})` : '';
    out.write(`== ${o.rule.name}${id}: ${statusLine(o)}\n`);
    if (o.status !== 'ran') out.write(`   ${o.error ?? ''}\n`);
    else if (o.schema && o.rows && o.rows.length > 0) out.write(rowsText('table', o.schema, o.rows));
  });
}

const CSV_RULE_COLUMNS = ['RuleId', 'RuleName'];

function writeCsvUnion(outcomes: readonly RuleOutcome[], out: TextOut): void {
  const columns: string[] = [];
  const seen = new Set(CSV_RULE_COLUMNS);
  for (const o of outcomes)
    for (const c of o.schema ?? [])
      if (!seen.has(c.name)) {
        seen.add(c.name);
        columns.push(c.name);
      }
  out.write(`${[...CSV_RULE_COLUMNS, ...columns].map(csvField).join(',')}\r\n`);
  const position = new Map(columns.map((name, i) => [name, i]));
  for (const o of outcomes) {
    if (o.status !== 'ran' || !o.schema || !o.rows) continue;
    const at = o.schema.map((c) => position.get(c.name));
    for (const row of o.rows) {
      const cells = columns.map(() => '');
      o.schema.forEach((c, i) => {
        const p = at[i];
        if (p !== undefined) cells[p] = csvField(cellText(row[i], c.type));
      });
      out.write(`${[csvField(o.rule.id), csvField(o.rule.name), ...cells].join(',')}\r\n`);
    }
  }
}

export function writePackResults(outcomes: readonly RuleOutcome[], format: OutputFormat, out: TextOut): void {
  switch (format) {
    case 'json':
      out.write(outcomes.length === 0 ? '[]\n' : `[\n${outcomes.map(outcomeJson).join(',\n')}\n]\n`);
      return;
    case 'jsonl':
      for (const o of outcomes) out.write(`${outcomeJson(o).replace(/\n/g, '')}\n`);
      return;
    case 'table':
      writeTableSections(outcomes, out);
      return;
    case 'csv':
      writeCsvUnion(outcomes, out);
      return;
  }
}
