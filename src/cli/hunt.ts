/**
 * `kqlhunt hunt RULE...`: runs hunting rules — bundled ids or names, Sentinel YAML or .kql files, folders of
 * them — over logs. One rule streams its rows; several (or a folder) run as a pack and report per rule.
 */
import { formatDateTime, TICKS_PER_HOUR } from '../engine/values/datetime.js';
import type { PackEntry, RuleOutcome } from '../hunts/pack.js';
import { packSummary, runPack } from '../hunts/pack.js';
import { writePackResults } from '../hunts/pack-output.js';
import type { HuntWindow } from '../hunts/params.js';
import { placeholdersIn, unusedParameters } from '../hunts/params.js';
import { usesQueryTime } from '../hunts/query-time.js';
import { RuleArgumentError, resolveRules } from '../hunts/resolve.js';
import type { Rule } from '../hunts/rule.js';
import { compileRule, executeRule, lastDayOf, usesWindow } from '../hunts/runner.js';
import { parallelOptionsFor } from '../parallel/log-source-options.js';
import { createWriter } from '../sinks/index.js';
import type { LogSource } from '../sources/log-source.js';
import {
  LOG_OPTIONS,
  LOG_OPTIONS_HELP,
  noticeCurrentQueryTime,
  openLogs,
  parseCommandArgs,
  parseFormat,
  parseParams,
  parseThreads,
  parseTime,
  queryTime,
  reportInput,
} from './common.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';
import { plural } from './notices.js';
import { openOutput } from './output.js';

export const HUNT_HELP = `Usage: kqlhunt hunt RULE... [options]

Runs Microsoft Sentinel hunting and detection rules over Entra ID logs and prints their findings.
Each RULE is a bundled rule's id or name (see 'kqlhunt rules'), a Sentinel rule file (.yaml), a .kql file,
or a folder searched recursively for both (the layout of the Azure-Sentinel repository works as is).

One rule prints its rows. Several rules, or a folder, run as a pack: each rule ran, failed (with the error
and its file:line:column) or is unsupported (with the construct kqlhunt refuses), and standard error closes
with 'rules: R ran, F failed, U unsupported of N'. The pack reads the logs once for all its rules (on one
thread; --threads applies to a single rule).
  --format json    an array of {id, name, tactics, techniques, status, error, rows}
  --format jsonl   the same objects, one per line
  --format table   a section per rule: its status, then its rows or its error
  --format csv     every finding in one table: RuleId, RuleName, then the union of the rules' columns

Options:
${LOG_OPTIONS_HELP}
      --start TIME     fills {{StartTimeISO}} (default: 24 hours before the end)
      --end TIME       fills {{EndTimeISO}} (default: --now when given, else the latest TimeGenerated
                       in the logs)
      --param N=VALUE  fills any other template parameter {{N}} (repeatable)
  -h, --help           this help

Exit status: 0 on success; 1 when the input is bad, when the one rule given cannot run, or when a rule of a
pack failed (a pack's unsupported rules do not count: they are refused with a reason); 2 for a usage mistake.

Examples:
  kqlhunt hunt 5c799718-b361-4a91-9cb2-0c291e602707 --logs ./evidence
  kqlhunt hunt "Rare Audit activity initiated by App" --logs audit.jsonl --start 2026-10-20T00:00:00Z --format json
  kqlhunt hunt ./Azure-Sentinel/Solutions/"Microsoft Entra ID"/"Analytic Rules" --logs ./evidence \\
    --now 2026-10-21T00:00:00Z --format json --output findings.json
`;

const OPTIONS = {
  ...LOG_OPTIONS,
  start: { type: 'string' },
  end: { type: 'string' },
  param: { type: 'string', multiple: true },
} as const;

/**
 * The hunt window, when a rule needs one: --start/--end; a missing end is the query time when --now is given
 * (as Sentinel's time picker ends at now), else the latest TimeGenerated of the logs; a missing start is 24
 * hours before the end.
 */
async function huntWindow(
  start: bigint | undefined,
  end: bigint | undefined,
  time: { now: bigint; given: boolean },
  source: LogSource,
  notices: Notices,
): Promise<HuntWindow> {
  if (start !== undefined && end !== undefined) return { start, end };
  let until = end;
  let what = 'the 24 hours before the end';
  let endIs = '--end';
  if (until === undefined && time.given) {
    until = time.now;
    what = 'the 24 hours before --now';
    endIs = '--now';
  } else if (until === undefined) {
    notices.progress('finding the time range of the logs...');
    const range = await source.timeRange();
    // With no data the window finds nothing either way; a whole hour lets the compiled plan be reused.
    until = range ? range.max : time.now - (time.now % TICKS_PER_HOUR);
    what = range
      ? 'the last 24 hours of the data'
      : 'the 24 hours up to this hour (the logs hold no AuditLogs rows)';
    endIs = range ? 'the latest TimeGenerated in the logs' : 'the current hour';
  }
  const from = start ?? lastDayOf({ max: until }).start;
  if (from > until)
    throw new UsageError(
      `--start ${formatDateTime(from)} is after the end of the hunt window, ${formatDateTime(until)} (${endIs}): give --end too`,
    );
  if (start === undefined && end === undefined)
    notices.notice(`no --start/--end: hunting ${what}, ${formatDateTime(from)} .. ${formatDateTime(until)}`);
  else notices.notice(`hunting ${formatDateTime(from)} .. ${formatDateTime(until)}`);
  return { start: from, end: until };
}

export async function huntCommand(args: string[], notices: Notices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    process.stdout.write(HUNT_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('hunt needs at least one RULE (see kqlhunt hunt --help)');
  const format = parseFormat(values.format);
  const time = queryTime(values.now);
  const params = parseParams(values.param);
  const start = parseTime('start', values.start);
  const end = parseTime('end', values.end);
  if (start !== undefined && end !== undefined && start > end) throw new UsageError('--start is after --end');

  const { entries, folders, notRules } = await resolveRules(positionals, (w) => notices.notice(w)).catch(
    (e) => {
      throw e instanceof RuleArgumentError ? new UsageError(e.message) : e;
    },
  );
  const isPack = positionals.length > 1 || folders > 0;
  if (notRules > 0) notices.notice(`skipped ${plural(notRules, 'YAML file')} with no query (not rules)`);
  const source = await openLogs(values.logs, values.strict === true, notices, values.output);
  const rules = entries.flatMap((e) => ('rule' in e ? [e.rule] : []));
  // Only where every rule could be read: one that could not may be the rule the parameter is for.
  const unused =
    rules.length === entries.length
      ? unusedParameters(
          rules.map((r) => r.query),
          params,
        )
      : [];
  if (unused.length > 0)
    throw new UsageError(
      `--param ${unused[0]}: ${rules.length === 1 ? 'the rule does not use' : 'no rule given uses'} {{${unused[0]}}} (its template parameters: ${templateParameterList(rules)})`,
    );
  const window = rules.some(usesWindow) ? await huntWindow(start, end, time, source, notices) : undefined;
  const options = { tables: source, now: time.now, ...(window ? { window } : {}), params };

  if (!isPack) {
    const entry = entries[0] as PackEntry;
    if (!('rule' in entry)) throw entry.error;
    const parallel = parallelOptionsFor(source, parseThreads(values.threads), (reason) =>
      notices.notice(`read again on one thread: ${reason}`),
    );
    return huntOne(entry.rule, { ...options, parallel }, format, values.output, source, time.given, notices);
  }

  const out = openOutput(values.output);
  const { outcomes, scans, queryTimeRules } = await runPack(entries, options, (m) => notices.progress(m));
  if (!time.given && queryTimeRules > 0)
    noticeCurrentQueryTime(
      time.now,
      notices,
      queryTimeRules === 1 ? '1 rule uses' : `${plural(queryTimeRules, 'rule')} use`,
    );
  writePackResults(outcomes, format, out);
  await out.close();
  notices.done();
  reportInput(
    source,
    notices,
    outcomes.some((o) => o.status === 'ran') ? 'the rules that ran read no AuditLogs' : 'no rule ran',
  );
  for (const o of outcomes) notices.notice(outcomeLine(o));
  if (scans.requested > scans.performed)
    notices.notice(
      `${plural(scans.requested, 'table scan')} served by ${plural(scans.performed, 'pass', 'passes')}`,
    );
  notices.notice(packSummary(outcomes));
  return outcomes.some((o) => o.status === 'failed') ? 1 : 0;
}

function templateParameterList(rules: readonly Rule[]): string {
  const names = [...new Set(rules.flatMap((r) => placeholdersIn(r.query)))];
  return names.length === 0 ? 'none' : names.map((n) => `{{${n}}}`).join(', ');
}

function outcomeLine(o: RuleOutcome): string {
  if (o.status === 'ran') return `ran: ${o.rule.name}: ${plural(o.rows?.length ?? 0, 'row')}`;
  // A file that could not be read as a rule is named by its path, which its error already starts with.
  const unread = o.rule.name === o.rule.source;
  return unread ? `${o.status}: ${o.error ?? ''}` : `${o.status}: ${o.rule.name}: ${o.error ?? ''}`;
}

async function huntOne(
  rule: Rule,
  options: Parameters<typeof executeRule>[2],
  format: ReturnType<typeof parseFormat>,
  output: string | undefined,
  source: LogSource,
  nowGiven: boolean,
  notices: Notices,
): Promise<number> {
  const compiled = compileRule(rule, options.window, options.params);
  if (!nowGiven && usesQueryTime(compiled)) noticeCurrentQueryTime(options.now, notices);
  const out = openOutput(output);
  notices.progress(`hunting: ${rule.name}...`);
  const rows = await executeRule(rule, compiled, options, createWriter(format, out));
  await out.close();
  notices.done();
  reportInput(source, notices);
  notices.notice(`${rule.name}: ${plural(rows, 'finding')}`);
  return 0;
}
