/**
 * Rule packs: many rules over the same logs. Every rule is compiled first (so what kqlhunt refuses or cannot
 * parse is known before any data is read), then the compiled rules run together over one shared pass per
 * table (shared-scan.ts). Each rule ends as ran (with its rows), failed (with the located error) or
 * unsupported (with the construct kqlhunt refuses and why).
 */

import type { Column, Row } from '../engine/values/types.js';
import type { CompiledQuery } from '../kql/analyze.js';
import { KqlError } from '../kql/errors.js';
import { InputError } from '../sources/problems.js';
import { RuleError } from './load.js';
import { TemplateError } from './params.js';
import { usesQueryTime } from './query-time.js';
import type { Rule } from './rule.js';
import { ruleFile } from './rule.js';
import type { RunOptions } from './runner.js';
import { compileRule, executeRule, RuleQueryError } from './runner.js';
import type { SharedScanStats } from './shared-scan.js';
import { SharedScans } from './shared-scan.js';

export type RuleStatus = 'ran' | 'failed' | 'unsupported';
export const RULE_STATUSES: readonly RuleStatus[] = ['ran', 'failed', 'unsupported'];

/** A rule to run, or a file that could not be read as one. */
export type PackEntry = { readonly rule: Rule } | { readonly file: string; readonly error: RuleError };

/** What a rule is, as reports name it (a file that failed to load has only its path). */
export type RuleIdentity = Pick<Rule, 'id' | 'name' | 'tactics' | 'techniques' | 'source'>;

export interface RuleOutcome {
  readonly rule: RuleIdentity;
  readonly status: RuleStatus;
  /** Why it failed or was refused, located in the rule's file where possible. */
  readonly error?: string;
  /** For an unsupported rule: the construct refused (`mv-apply`, `externaldata`, `{{Name}}`, ...). */
  readonly construct?: string;
  readonly schema?: readonly Column[];
  readonly rows?: readonly Row[];
}

export interface PackRun {
  readonly outcomes: RuleOutcome[];
  readonly scans: SharedScanStats;
  /** How many of the rules that compiled depend on the query time (now(), ago()). */
  readonly queryTimeRules: number;
}

function identityOf(entry: PackEntry): RuleIdentity {
  if ('rule' in entry) return entry.rule;
  return { id: entry.file, name: entry.file, tactics: [], techniques: [], source: entry.file };
}

/** A rule's error as an outcome: refusals are 'unsupported', everything else 'failed'. */
export function outcomeOfError(rule: RuleIdentity, e: unknown): RuleOutcome {
  if (e instanceof TemplateError)
    return {
      rule,
      status: 'unsupported',
      error: `${ruleFile(rule)}: ${e.message}`,
      construct: `{{${e.parameter}}}`,
    };
  const kql = e instanceof RuleQueryError ? e.cause : e instanceof KqlError ? e : undefined;
  if (kql) {
    const message = e instanceof RuleQueryError ? e.message : `${ruleFile(rule)}: ${kql.describe()}`;
    const refused = kql.code === 'unsupported' || kql.code === 'offline';
    return {
      rule,
      status: refused ? 'unsupported' : 'failed',
      error: message,
      ...(refused && kql.construct ? { construct: kql.construct } : {}),
    };
  }
  if (e instanceof RuleError) return { rule, status: 'failed', error: e.message };
  const err = e as Error;
  return { rule, status: 'failed', error: `${ruleFile(rule)}: ${err?.message ?? String(e)}` };
}

/**
 * Compiles every rule, then runs the compiled ones together. Input errors (a bad record under --strict, an
 * unreadable file) stop the whole pack: they are not any one rule's fault.
 */
export async function runPack(
  entries: readonly PackEntry[],
  options: RunOptions,
  progress: (message: string) => void = () => {},
): Promise<PackRun> {
  const outcomes: (RuleOutcome | undefined)[] = entries.map(() => undefined);
  const compiled: { at: number; rule: Rule; query: CompiledQuery }[] = [];
  entries.forEach((entry, at) => {
    progress(`compiling rule ${at + 1} of ${entries.length}...`);
    if (!('rule' in entry)) {
      outcomes[at] = outcomeOfError(identityOf(entry), entry.error);
      return;
    }
    try {
      compiled.push({ at, rule: entry.rule, query: compileRule(entry.rule, options.window, options.params) });
    } catch (e) {
      outcomes[at] = outcomeOfError(entry.rule, e);
    }
  });
  const shared = new SharedScans(options.tables);
  // The rules share one pass per table on this thread (worker threads read for one query at a time).
  const { parallel: _oneQueryAtATime, ...rest } = options;
  const runOptions: RunOptions = { ...rest, tables: shared };
  let done = 0;
  progress(`running ${compiled.length} rules...`);
  await Promise.all(
    compiled.map(async ({ at, rule, query }) => {
      const rows: Row[] = [];
      try {
        await executeRule(rule, query, runOptions, {
          begin() {},
          row: (r) => rows.push(r),
          end() {},
        });
        outcomes[at] = { rule, status: 'ran', schema: query.plan.schema, rows };
      } catch (e) {
        if (e instanceof InputError) throw e;
        outcomes[at] = outcomeOfError(rule, e);
      }
      progress(`running rules: ${++done} of ${compiled.length} done...`);
    }),
  );
  const queryTimeRules = compiled.filter((c) => usesQueryTime(c.query)).length;
  return { outcomes: outcomes as RuleOutcome[], scans: shared.stats, queryTimeRules };
}

/** `rules: R ran, F failed, U unsupported of N` */
export function packSummary(outcomes: readonly RuleOutcome[]): string {
  const count = (s: RuleStatus) => outcomes.filter((o) => o.status === s).length;
  return `rules: ${count('ran')} ran, ${count('failed')} failed, ${count('unsupported')} unsupported of ${outcomes.length}`;
}
