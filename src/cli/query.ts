/** `kqlhunt query -q TEXT | -f FILE`: runs any KQL query over the logs. */
import { readFile } from 'node:fs/promises';
import { ruleFromKql } from '../hunts/load.js';
import { usesQueryTime } from '../hunts/query-time.js';
import { compileRuleText, executeRule } from '../hunts/runner.js';
import { parallelOptionsFor } from '../parallel/log-source-options.js';
import { createWriter } from '../sinks/index.js';
import { TABLES } from '../tables/index.js';
import {
  LOG_OPTIONS,
  LOG_OPTIONS_HELP,
  noticeCurrentQueryTime,
  openLogs,
  parseCommandArgs,
  parseFormat,
  parseThreads,
  queryTime,
  reportInput,
  wrapText,
} from './common.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';
import { plural } from './notices.js';
import { openOutput } from './output.js';

export const QUERY_HELP = `Usage: kqlhunt query (-q QUERY | -f FILE) [options]

Runs a KQL query over Entra ID logs and prints its result, as written (no template parameters).
${wrapText(
  `The logs hold AuditLogs rows; the other tables a query may read (${TABLES.filter(
    (t) => t.name !== 'AuditLogs',
  )
    .map((t) => t.name)
    .join(', ')}) hold the Log Analytics rows whose Type names them, and are empty without such rows.`,
)}

Options:
  -q, --query TEXT     the query text
  -f, --file FILE      a file holding the query
${LOG_OPTIONS_HELP.replace('  -q, --quiet', '      --quiet')}
  -h, --help           this help

Examples:
  kqlhunt query -q "AuditLogs | summarize count() by OperationName | top 10 by count_" --logs ./evidence
  kqlhunt query -f hunt.kql --logs audit.jsonl.gz --format csv --output result.csv
`;

const OPTIONS = {
  ...LOG_OPTIONS,
  // -q is the query here (elsewhere it is --quiet).
  quiet: { type: 'boolean' },
  query: { type: 'string', short: 'q' },
  file: { type: 'string', short: 'f' },
} as const;

export async function queryCommand(args: string[], notices: Notices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    process.stdout.write(QUERY_HELP);
    return 0;
  }
  if (positionals.length > 0)
    throw new UsageError(`unexpected argument '${positionals[0]}' (the query goes in -q or -f)`);
  if ((values.query === undefined) === (values.file === undefined))
    throw new UsageError('give the query with exactly one of -q or -f');
  const format = parseFormat(values.format);
  const time = queryTime(values.now);
  let text = values.query;
  let source = '<query>';
  if (values.file !== undefined) {
    source = values.file;
    try {
      text = await readFile(values.file, 'utf8');
    } catch (e) {
      throw new UsageError(
        `${values.file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      );
    }
  }
  const rule = ruleFromKql(text ?? '', source);
  const compiled = compileRuleText(rule, rule.query);
  if (!time.given && usesQueryTime(compiled)) noticeCurrentQueryTime(time.now, notices);
  const logs = await openLogs(values.logs, values.strict === true, notices, values.output);
  const out = openOutput(values.output);
  const parallel = parallelOptionsFor(logs, parseThreads(values.threads), (reason) =>
    notices.notice(`read again on one thread: ${reason}`),
  );
  const rows = await executeRule(
    rule,
    compiled,
    { tables: logs, now: time.now, parallel },
    createWriter(format, out),
  );
  await out.close();
  notices.done();
  reportInput(logs, notices);
  notices.notice(`${plural(rows, 'row')}`);
  return 0;
}
