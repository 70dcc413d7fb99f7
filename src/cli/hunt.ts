/** `kqlhunt hunt RULE`: runs a hunting rule (bundled id or name, or a Sentinel YAML / .kql file) over logs. */
import { stat } from 'node:fs/promises';
import { formatDateTime } from '../engine/values/datetime.js';
import { findBundledRule } from '../hunts/bundled.js';
import { loadRuleFile } from '../hunts/load.js';
import type { HuntWindow } from '../hunts/params.js';
import type { Rule } from '../hunts/rule.js';
import { lastDayOf, runRule, usesWindow } from '../hunts/runner.js';
import { createWriter } from '../sinks/index.js';
import {
  currentTicks,
  LOG_OPTIONS,
  LOG_OPTIONS_HELP,
  openLogs,
  parseCommandArgs,
  parseFormat,
  parseTime,
  reportInput,
} from './common.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';
import { plural } from './notices.js';
import { openOutput } from './output.js';

export const HUNT_HELP = `Usage: kqlhunt hunt RULE [options]

Runs a Microsoft Sentinel hunting rule over Entra ID audit logs and prints its findings.
RULE is a bundled rule's id or name (see 'kqlhunt rules'), or a Sentinel rule file (.yaml) or a .kql file.

Options:
${LOG_OPTIONS_HELP}
      --start TIME     fills {{StartTimeISO}} (default: 24 hours before --end)
      --end TIME       fills {{EndTimeISO}} (default: the latest TimeGenerated in the logs)
  -h, --help           this help

Examples:
  kqlhunt hunt 5c799718-b361-4a91-9cb2-0c291e602707 --logs ./evidence
  kqlhunt hunt "Rare Audit activity initiated by App" --logs audit.jsonl --start 2026-10-20T00:00:00Z --format json
`;

const OPTIONS = {
  ...LOG_OPTIONS,
  start: { type: 'string' },
  end: { type: 'string' },
} as const;

async function resolveRule(arg: string): Promise<Rule> {
  const bundled = await findBundledRule(arg);
  if (bundled) return bundled;
  const isFile = await stat(arg).then(
    (s) => s.isFile(),
    () => false,
  );
  if (isFile) return loadRuleFile(arg);
  throw new UsageError(`'${arg}' is neither a bundled rule (see 'kqlhunt rules') nor a rule file`);
}

export async function huntCommand(args: string[], notices: Notices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    process.stdout.write(HUNT_HELP);
    return 0;
  }
  if (positionals.length !== 1) throw new UsageError('hunt takes exactly one RULE (see kqlhunt hunt --help)');
  const format = parseFormat(values.format);
  const now = parseTime('now', values.now) ?? currentTicks();
  let start = parseTime('start', values.start);
  let end = parseTime('end', values.end);
  if (start !== undefined && end !== undefined && start > end) throw new UsageError('--start is after --end');

  const rule = await resolveRule(positionals[0] as string);
  const source = await openLogs(values.logs, values.strict === true, notices);
  let window: HuntWindow | undefined;
  if (usesWindow(rule)) {
    if (start === undefined || end === undefined) {
      notices.progress('finding the time range of the logs...');
      const range = await source.timeRange();
      if (end === undefined) end = range ? range.max : now;
      if (start === undefined) start = lastDayOf({ max: end }).start;
      notices.notice(
        `no --start/--end: hunting the last 24 hours of the data, ${formatDateTime(start)} .. ${formatDateTime(end)}`,
      );
    }
    window = { start, end };
  }
  const out = openOutput(values.output);
  notices.progress(`hunting: ${rule.name}...`);
  const rows = await runRule(
    rule,
    { tables: source, now, ...(window ? { window } : {}) },
    createWriter(format, out),
  );
  await out.close();
  notices.done();
  reportInput(source, notices);
  notices.notice(`${rule.name}: ${plural(rows, 'finding')}`);
  return 0;
}
