/**
 * Runs a rule over the logs: fills its template parameters, compiles the query against the tables, and
 * streams the result rows to a writer.
 */

import type { TableProvider } from '../engine/execute.js';
import { execute } from '../engine/execute.js';
import { TICKS_PER_DAY } from '../engine/values/datetime.js';
import { compileQuery } from '../kql/analyze.js';
import { KqlError } from '../kql/errors.js';
import type { ResultWriter } from '../sinks/sink.js';
import { TABLES } from '../tables/index.js';
import type { HuntWindow } from './params.js';
import { fillTemplate, placeholdersIn } from './params.js';
import type { Rule } from './rule.js';

export interface RunOptions {
  readonly tables: TableProvider;
  /** The query time for now()/ago(). */
  readonly now: bigint;
  /** Fills {{StartTimeISO}}/{{EndTimeISO}}; required when the query uses them. */
  readonly window?: HuntWindow;
}

/** A KqlError located in the rule's file (`file:line:column`). */
export class RuleQueryError extends Error {
  constructor(
    readonly rule: Rule,
    override readonly cause: KqlError,
  ) {
    const pos = cause.position;
    const line = pos ? (rule.queryLine > 0 ? rule.queryLine + pos.line - 1 : pos.line) : undefined;
    const where = pos ? `${rule.source.replace(/^bundled:/, '')}:${line}:${pos.column}` : rule.source;
    super(`${where}: ${cause.message}`);
    this.name = 'RuleQueryError';
  }
}

export function usesWindow(rule: Rule): boolean {
  const p = placeholdersIn(rule.query);
  return p.includes('StartTimeISO') || p.includes('EndTimeISO');
}

/** The default window: the last 24 hours of the data, ending at its latest TimeGenerated. */
export function lastDayOf(range: { max: bigint }): HuntWindow {
  return { start: range.max - TICKS_PER_DAY, end: range.max };
}

export function compileRule(rule: Rule, window: HuntWindow | undefined) {
  let text = rule.query;
  if (usesWindow(rule)) {
    if (!window)
      throw new Error(
        `${rule.source}: the query needs --start/--end (it uses {{StartTimeISO}}/{{EndTimeISO}})`,
      );
    text = fillTemplate(text, window);
  }
  try {
    return compileQuery(text, TABLES);
  } catch (e) {
    if (e instanceof KqlError) throw new RuleQueryError(rule, e);
    throw e;
  }
}

/** Runs the rule; returns the number of rows written. */
export async function runRule(rule: Rule, options: RunOptions, writer: ResultWriter): Promise<number> {
  const { plan, text } = compileRule(rule, options.window);
  let rows = 0;
  writer.begin(plan.schema);
  try {
    await execute(
      plan,
      { tables: options.tables, now: options.now },
      {
        push(row) {
          rows++;
          writer.row(row);
        },
        end() {},
      },
    );
  } catch (e) {
    if (e instanceof KqlError) throw new RuleQueryError(rule, e.locate(text));
    throw e;
  }
  writer.end();
  return rows;
}
