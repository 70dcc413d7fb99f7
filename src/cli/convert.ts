/** `kqlhunt convert PATH... --to jsonl`: the logs as normalized AuditLogs rows (Log Analytics JSON lines). */
import type { Column, Row } from '../engine/values/types.js';
import { cellJson } from '../sinks/cells.js';
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import { openLogs, parseCommandArgs, reportInput } from './common.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';
import { plural } from './notices.js';
import { openOutput } from './output.js';

export const CONVERT_HELP = `Usage: kqlhunt convert PATH... --to jsonl [options]

Reads audit logs in any format kqlhunt knows (see 'kqlhunt inspect --help') and writes them as normalized
AuditLogs rows: Log Analytics JSON lines, one row per line, keyed by column name, empty columns left out,
datetimes in ISO 8601 with 7 fractional digits, dynamic columns as JSON. Duplicates (the same Id twice) are
written once. The output reads back with --logs.

Options:
      --to FORMAT      jsonl (the only target for now)
  -o, --output FILE    write to FILE instead of standard output
      --strict         fail on the first bad record instead of skipping and counting it
  -q, --quiet          no notices on standard error
  -h, --help           this help

Examples:
  kqlhunt convert ./graph-pages ./PT1H.json --to jsonl --output audit.jsonl
  kqlhunt convert export.csv --to jsonl | head -1
`;

const OPTIONS = {
  to: { type: 'string' },
  output: { type: 'string', short: 'o' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

/** One row as a Log Analytics JSON line (empty values left out, as Log Analytics exports do). */
export function rowJsonLine(schema: readonly Column[], keys: readonly string[], row: Row): string {
  let s = '{';
  for (let i = 0; i < schema.length; i++) {
    const v = row[i];
    if (v === null || v === undefined || v === '') continue;
    if (s.length > 1) s += ',';
    s += `${keys[i]}:${cellJson(v, (schema[i] as Column).type)}`;
  }
  return `${s}}\n`;
}

export async function convertCommand(args: string[], notices: Notices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    process.stdout.write(CONVERT_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('convert takes one or more PATHs (see kqlhunt convert --help)');
  if (values.to === undefined) throw new UsageError('give the target format with --to jsonl');
  if (values.to.toLowerCase() !== 'jsonl')
    throw new UsageError(`--to: '${values.to}' is not a target (jsonl)`);
  const source = await openLogs(positionals, values.strict === true, notices, values.output);
  const schema = AUDIT_LOGS.columns;
  const keys = schema.map((c) => JSON.stringify(c.name));
  const out = openOutput(values.output);
  let rows = 0;
  await source.scan(
    { table: AUDIT_LOGS.name, schema, columns: schema.map(() => true) },
    {
      push(row) {
        out.write(rowJsonLine(schema, keys, row));
        if (++rows % 10_000 === 0) notices.progress(`converted ${plural(rows, 'record')}...`);
      },
      end() {},
    },
  );
  await out.close();
  notices.done();
  reportInput(source, notices);
  notices.notice(`wrote ${plural(rows, 'row')}`);
  return 0;
}
