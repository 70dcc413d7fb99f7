/**
 * Runs a rule over the logs: fills its template parameters, compiles the query against the tables, and
 * streams the result rows to a writer. Errors are located in the rule's file (`file:line:column`).
 */

import { cachedCompile } from '../cache/plan-cache.js';
import type { TableProvider } from '../engine/execute.js';
import { execute } from '../engine/execute.js';
import { TICKS_PER_DAY } from '../engine/values/datetime.js';
import type { Row } from '../engine/values/types.js';
import type { CompiledQuery } from '../kql/analyze.js';
import { compileQuery } from '../kql/analyze.js';
import { KqlError } from '../kql/errors.js';
import type { ParallelOptions } from '../parallel/run.js';
import { executeParallel } from '../parallel/run.js';
import type { ResultWriter } from '../sinks/sink.js';
import { TABLES } from '../tables/index.js';
import type { HuntWindow } from './params.js';
import { fillTemplate, templateColumn, usesWindowParameters, windowValues } from './params.js';
import type { Rule } from './rule.js';
import { filePosition, ruleFile } from './rule.js';

export interface RunOptions {
  readonly tables: TableProvider;
  /** The query time for now()/ago(). */
  readonly now: bigint;
  /** Fills {{StartTimeISO}}/{{EndTimeISO}}; required when the query uses them. */
  readonly window?: HuntWindow;
  /** Values for other template parameters (`--param Name=VALUE`). */
  readonly params?: Readonly<Record<string, string>>;
  /** Read large inputs with worker threads (see src/parallel/run.ts); absent: one thread. */
  readonly parallel?: ParallelOptions;
}

/** A KqlError located in the rule's file (`file:line:column`). */
export class RuleQueryError extends Error {
  constructor(
    readonly rule: Rule,
    override readonly cause: KqlError,
    /** From a column of the query as compiled (its template parameters filled) to the rule's text. */
    ruleColumn: (line: number, column: number) => number = (_line, column) => column,
  ) {
    const pos = cause.position;
    const at = pos ? filePosition(rule, pos.line, ruleColumn(pos.line, pos.column)) : undefined;
    super(`${ruleFile(rule)}${at ? `:${at.line}:${at.column}` : ''}: ${cause.message}`);
    this.name = 'RuleQueryError';
  }
}

export function usesWindow(rule: Rule): boolean {
  return usesWindowParameters(rule.query);
}

/** The default window: the last 24 hours of the data, ending at its latest TimeGenerated. */
export function lastDayOf(range: { max: bigint }): HuntWindow {
  return { start: range.max - TICKS_PER_DAY, end: range.max };
}

/**
 * Fills the rule's template parameters and compiles its query; throws a TemplateError for a parameter with no
 * value, a RuleQueryError for a query kqlhunt refuses or that does not parse or bind.
 */
export function compileRule(
  rule: Rule,
  window: HuntWindow | undefined,
  params: Readonly<Record<string, string>> = {},
): CompiledQuery {
  const values = { ...params, ...(window ? windowValues(window) : {}) };
  return compileRuleText(rule, fillTemplate(rule.query, values), (line, column) =>
    templateColumn(rule.query, values, line, column),
  );
}

/** Compiles `text` (the rule's query, its parameters filled) with errors located in the rule's file. */
export function compileRuleText(
  rule: Rule,
  text: string,
  ruleColumn?: (line: number, column: number) => number,
): CompiledQuery {
  try {
    return cachedCompile(text, TABLES, () => compileQuery(text, TABLES));
  } catch (e) {
    if (e instanceof KqlError) throw new RuleQueryError(rule, e, ruleColumn);
    throw e;
  }
}

/** Executes a compiled rule into `writer`; returns the number of rows written. */
export async function executeRule(
  rule: Rule,
  compiled: CompiledQuery,
  options: RunOptions,
  writer: ResultWriter,
): Promise<number> {
  let rows = 0;
  writer.begin(compiled.plan.schema);
  const executeOptions = { tables: options.tables, now: options.now };
  const sink = {
    push(row: Row) {
      rows++;
      writer.row(row);
    },
    end() {},
  };
  try {
    const parallel =
      options.parallel && (await executeParallel(compiled.plan, executeOptions, options.parallel, sink));
    if (!parallel) await execute(compiled.plan, executeOptions, sink);
  } catch (e) {
    if (e instanceof KqlError) throw new RuleQueryError(rule, e.locate(compiled.text));
    throw e;
  }
  writer.end();
  return rows;
}

/** Runs the rule; returns the number of rows written. */
export async function runRule(rule: Rule, options: RunOptions, writer: ResultWriter): Promise<number> {
  return executeRule(rule, compileRule(rule, options.window, options.params), options, writer);
}
