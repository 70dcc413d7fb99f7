/** Options and steps shared by the commands that read logs (hunt, query). */
import { realpath } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { parseArgs } from 'node:util';
import { formatDateTime, parseDateTime } from '../engine/values/datetime.js';
import { WINDOW_PARAMETERS } from '../hunts/params.js';
import type { OutputFormat } from '../sinks/sink.js';
import { OUTPUT_FORMATS } from '../sinks/sink.js';
import { LogSource } from '../sources/log-source.js';
import { describeProblem } from '../sources/problems.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';
import { plural } from './notices.js';

export const LOG_OPTIONS = {
  logs: { type: 'string', short: 'l', multiple: true },
  format: { type: 'string', short: 'F' },
  output: { type: 'string', short: 'o' },
  now: { type: 'string' },
  strict: { type: 'boolean' },
  threads: { type: 'string', short: 'j' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export const LOG_OPTIONS_HELP = `  -l, --logs PATH      audit logs: a file or a folder (searched recursively); repeatable
  -F, --format FORMAT  table (default), json, jsonl or csv
  -o, --output FILE    write the results to FILE instead of standard output
      --now TIME       the query time: what now() returns and ago() counts back from
                       (default: the current time; give it to hunt old evidence reproducibly)
      --strict         fail on the first bad record instead of skipping and counting it
  -j, --threads N      threads reading large inputs (default: one per CPU core, at most 30; 1: one thread)
  -q, --quiet          no notices on standard error`;

type OptionsConfig = NonNullable<NonNullable<Parameters<typeof parseArgs>[0]>['options']>;
type ParsedArgs<T extends OptionsConfig> = ReturnType<
  typeof parseArgs<{ options: T; allowPositionals: true; strict: true }>
>;

export function parseCommandArgs<T extends OptionsConfig>(args: string[], options: T): ParsedArgs<T> {
  try {
    return parseArgs({ args, options, allowPositionals: true, strict: true }) as ParsedArgs<T>;
  } catch (e) {
    throw new UsageError((e as Error).message.replace(/\. To specify a positional argument.*$/, ''));
  }
}

export function parseTime(flag: string, text: string | undefined): bigint | undefined {
  if (text === undefined) return undefined;
  const t = parseDateTime(text);
  if (t === null)
    throw new UsageError(
      `--${flag}: '${text}' is not a date and time (use ISO 8601, e.g. 2026-10-20T00:00:00Z)`,
    );
  return t;
}

export function parseFormat(text: string | undefined): OutputFormat {
  const f = (text ?? 'table').toLowerCase();
  if (!(OUTPUT_FORMATS as readonly string[]).includes(f)) {
    throw new UsageError(`--format: '${text}' is not one of ${OUTPUT_FORMATS.join(', ')}`);
  }
  return f as OutputFormat;
}

/** --threads: a positive whole number; by default one per CPU core. */
export function parseThreads(text: string | undefined): number {
  if (text === undefined) return availableParallelism();
  if (!/^\d+$/.test(text) || Number(text) < 1)
    throw new UsageError(`--threads: '${text}' is not a whole number of at least 1`);
  return Number(text);
}

export function currentTicks(): bigint {
  return BigInt(Date.now()) * 10_000n;
}

/** The query time (Kusto's query_now) from --now, or the current time; `given` says which. */
export function queryTime(text: string | undefined): { now: bigint; given: boolean } {
  const given = parseTime('now', text);
  return given === undefined ? { now: currentTicks(), given: false } : { now: given, given: true };
}

/** Said when a query depends on the query time and --now was not given. */
export function noticeCurrentQueryTime(now: bigint, notices: Notices, who = 'the query uses'): void {
  notices.notice(
    `${who} now()/ago() and no --now was given: the query time is the current time, ${formatDateTime(now)}; on older logs give --now`,
  );
}

/** `--param Name=VALUE` options as a map (template parameters `{{Name}}`). */
export function parseParams(texts: readonly string[] | undefined): Record<string, string> {
  const params: Record<string, string> = {};
  for (const t of texts ?? []) {
    const m = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/s.exec(t);
    if (!m) throw new UsageError(`--param: '${t}' is not NAME=VALUE`);
    // The window fills these; a value given here would be silently replaced by it.
    if (WINDOW_PARAMETERS.includes(m[1] as string))
      throw new UsageError(`--param ${m[1]}: the hunt window is given with --start and --end`);
    params[m[1] as string] = m[2] as string;
  }
  return params;
}

/**
 * The logs under `paths`. `output` (--output) must not be one of their files: it is emptied when opened,
 * before it would be read (`convert ./evidence --output ./evidence/all.jsonl` run twice).
 */
export async function openLogs(
  paths: readonly string[] | undefined,
  strict: boolean,
  notices: Notices,
  output?: string,
): Promise<LogSource> {
  const emptyWarned = new Set<string>();
  const source = await LogSource.open(paths ?? [], {
    strict,
    onEmptyTable: (table) => {
      if (emptyWarned.has(table)) return;
      emptyWarned.add(table);
      notices.notice(`no data for table ${table}: it is read as empty`);
    },
  });
  if (!paths || paths.length === 0) notices.notice('no --logs given: every table is empty');
  const target = output && output !== '-' ? await realpath(output).catch(() => undefined) : undefined;
  if (target !== undefined)
    for (const path of [...source.files.map((f) => f.path), ...source.unread.map((u) => u.path)])
      if ((await realpath(path).catch(() => undefined)) === target)
        throw new UsageError(`--output: ${output} is one of the logs read: writing it would erase it first`);
  return source;
}

/** Reports what was read and what was skipped; `notRead`: why the logs were not read, when they were not. */
export function reportInput(
  source: LogSource,
  notices: Notices,
  notRead = 'the query reads no AuditLogs',
): void {
  for (const p of source.problems.kept) notices.notice(describeProblem(p));
  const { skippedRecords, ignoredFiles } = source.problems;
  const parts = [
    source.stats.scans === 0 && source.files.length > 0
      ? `${plural(source.files.length, 'log file')} not read: ${notRead}`
      : `read ${plural(source.stats.rows, 'record')} from ${plural(source.files.length, 'file')}`,
  ];
  if (source.stats.duplicates > 0)
    parts.push(`dropped ${plural(source.stats.duplicates, 'duplicate record')} (same Id)`);
  if (skippedRecords > 0) parts.push(`skipped ${plural(skippedRecords, 'bad record')}`);
  if (source.problems.damagedFiles > 0)
    parts.push(`${plural(source.problems.damagedFiles, 'damaged file')} read up to the damage`);
  if (ignoredFiles > 0)
    parts.push(`ignored ${plural(ignoredFiles, 'file')} (unreadable or of unknown format)`);
  const hidden = source.problems.total - source.problems.kept.length;
  if (hidden > 0) parts.push(`(${plural(hidden, 'more problem')} not shown)`);
  notices.notice(parts.join('; '));
}

/** Help text wrapped at `width` columns, on word boundaries. */
export function wrapText(text: string, width = 100): string {
  const lines: string[] = [];
  let line = '';
  for (const word of text.split(/\s+/)) {
    if (line !== '' && line.length + 1 + word.length > width) {
      lines.push(line);
      line = word;
    } else line = line === '' ? word : `${line} ${word}`;
  }
  if (line !== '') lines.push(line);
  return lines.join('\n');
}
