/** `kqlhunt inspect PATH...`: what each log file holds, as kqlhunt reads it. */
import { formatDateTime } from '../engine/values/datetime.js';
import { alignColumns } from '../sinks/text-width.js';
import { FORMATS } from '../sources/formats/index.js';
import type { FileReport } from '../sources/inspect.js';
import { inspectLogs } from '../sources/inspect.js';
import { describeProblem } from '../sources/problems.js';
import { parseCommandArgs } from './common.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';
import { plural } from './notices.js';
import { openOutput } from './output.js';

export const INSPECT_HELP = `Usage: kqlhunt inspect PATH... [options]

Shows, for each file under the PATHs (files or folders, searched recursively), the format kqlhunt detected,
the AuditLogs records it reads, the duplicates it drops (records whose Id an earlier record had), the time
range (TimeGenerated), the records of other tables (sign-in logs: read into the table their Type names) and
the problems (skipped records, damage, warnings). Files it cannot read are listed with the reason.

Formats (the FORMAT column), detected from each file's content; any of them may be gzip-compressed, UTF-8
or UTF-16:
${FORMATS.map((f) => `  ${f.name.padEnd(24)}${f.description}`).join('\n')}

Options:
  -F, --format FORMAT  table (default) or json
  -o, --output FILE    write the report to FILE instead of standard output
      --strict         fail on the first bad record
  -h, --help           this help

Examples:
  kqlhunt inspect ./evidence
  kqlhunt inspect graph-page.json export.csv --format json
`;

const OPTIONS = {
  format: { type: 'string', short: 'F' },
  output: { type: 'string', short: 'o' },
  strict: { type: 'boolean' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

const time = (t: bigint | null) => (t === null ? null : formatDateTime(t));

function reportJson(r: FileReport) {
  return {
    path: r.path,
    format: r.format,
    ...(r.unread !== null ? { unread: r.unread } : {}),
    records: r.records,
    otherTables: r.otherTables,
    duplicates: r.duplicates,
    skipped: r.skipped,
    damaged: r.damaged,
    firstTime: time(r.firstTime),
    lastTime: time(r.lastTime),
    problems: r.problems.map(describeProblem),
  };
}

/** RECORDS, DUPLICATES, SKIPPED: numbers, aligned right. */
const COUNT_COLUMNS: ReadonlySet<number> = new Set([2, 3, 4]);

function table(files: readonly FileReport[]): string {
  const head = ['FILE', 'FORMAT', 'RECORDS', 'DUPLICATES', 'SKIPPED', 'FIRST', 'LAST', 'OTHER TABLES'];
  const rows = files.map((r) => [
    r.path,
    r.format ?? `(${r.unread})`,
    String(r.records),
    String(r.duplicates),
    r.damaged ? `${r.skipped} +damage` : String(r.skipped),
    time(r.firstTime) ?? '',
    time(r.lastTime) ?? '',
    Object.entries(r.otherTables)
      .map(([t, n]) => `${t} ${n}`)
      .join(', '),
  ]);
  return `${[...alignColumns([head, ...rows], { right: COUNT_COLUMNS })].join('\n')}\n`;
}

export async function inspectCommand(args: string[], notices: Notices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    process.stdout.write(INSPECT_HELP);
    return 0;
  }
  if (positionals.length === 0)
    throw new UsageError('inspect takes one or more PATHs (see kqlhunt inspect --help)');
  const format = (values.format ?? 'table').toLowerCase();
  if (format !== 'table' && format !== 'json')
    throw new UsageError(`--format: '${values.format}' is not one of table, json`);
  const out = openOutput(values.output);
  notices.progress('inspecting...');
  const result = await inspectLogs(positionals, values.strict === true);
  notices.done();
  if (format === 'json') {
    const doc = {
      files: result.files.map(reportJson),
      records: result.records,
      duplicates: result.duplicates,
      skipped: result.skipped,
    };
    out.write(`${JSON.stringify(doc, null, 2)}\n`);
  } else {
    out.write(table(result.files));
    const problems = result.files.flatMap((f) => f.problems);
    if (problems.length > 0)
      out.write(`\nProblems:\n${problems.map((p) => `  ${describeProblem(p)}`).join('\n')}\n`);
  }
  await out.close();
  const read = result.files.filter((f) => f.format !== null).length;
  const others = result.files.reduce(
    (n, f) => n + Object.values(f.otherTables).reduce((a, b) => a + b, 0),
    0,
  );
  notices.notice(
    `${plural(result.records, 'record')} in ${plural(read, 'file')}; ${plural(result.duplicates, 'duplicate')} dropped; ${plural(result.skipped, 'record')} skipped${others > 0 ? `; ${plural(others, 'record')} of other tables` : ''}`,
  );
  return 0;
}
