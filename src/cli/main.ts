/** The kqlhunt command line: one module per command; this file only dispatches and reports failures. */

import { RuleError } from '../hunts/load.js';
import { RuleQueryError } from '../hunts/runner.js';
import { KqlError } from '../kql/errors.js';
import { InputError } from '../sources/problems.js';
import { CONFORMANCE_HELP, conformanceCommand } from './conformance.js';
import { CONVERT_HELP, convertCommand } from './convert.js';
import { UsageError } from './errors.js';
import { guardHeap } from './heap-guard.js';
import { HUNT_HELP, huntCommand } from './hunt.js';
import { INSPECT_HELP, inspectCommand } from './inspect.js';
import type { Notices } from './notices.js';
import { stderrNotices } from './notices.js';
import { QUERY_HELP, queryCommand } from './query.js';
import { RULES_HELP, rulesCommand } from './rules.js';

type Command = (args: string[], notices: Notices) => Promise<number>;

const COMMANDS: Record<string, { run: Command; help: string; summary: string }> = {
  hunt: { run: huntCommand, help: HUNT_HELP, summary: 'run a Sentinel hunting rule over audit logs' },
  query: { run: queryCommand, help: QUERY_HELP, summary: 'run a KQL query over audit logs' },
  rules: { run: rulesCommand, help: RULES_HELP, summary: 'list the bundled rules' },
  inspect: {
    run: inspectCommand,
    help: INSPECT_HELP,
    summary: 'show what each log file holds, as kqlhunt reads it',
  },
  convert: {
    run: convertCommand,
    help: CONVERT_HELP,
    summary: 'write logs of any format as AuditLogs JSON lines',
  },
  conformance: {
    run: conformanceCommand,
    help: CONFORMANCE_HELP,
    summary: 'compare kqlhunt with the real engine over a conformance case file',
  },
};

const VERSION = '0.1.0';

/** The commands' names, padded to the longest and two spaces. */
const COMMAND_COLUMN = Math.max(...Object.keys(COMMANDS).map((n) => n.length)) + 2;

export const MAIN_HELP = `kqlhunt ${VERSION}: Microsoft Sentinel hunting queries (KQL) over Entra ID audit logs, anywhere.

Usage: kqlhunt COMMAND [options]

Commands:
${[...Object.entries(COMMANDS).map(([name, c]) => [name, c.summary]), ['help CMD', 'help on a command']]
  .map(([name, summary]) => `  ${(name as string).padEnd(COMMAND_COLUMN)}${summary}`)
  .join('\n')}

Run 'kqlhunt COMMAND --help' for a command's options.
`;

export async function main(argv: string[]): Promise<number> {
  const [command, ...rest] = argv;
  if (!command || command === '--help' || command === '-h') {
    process.stdout.write(MAIN_HELP);
    return command ? 0 : 2;
  }
  if (command === '--version' || command === '-V') {
    process.stdout.write(`${VERSION}\n`);
    return 0;
  }
  if (command === 'help') {
    const topic = rest[0] === undefined ? { help: MAIN_HELP } : commandNamed(rest[0]);
    if (!topic) return unknownCommand(rest[0] as string);
    process.stdout.write(topic.help);
    return 0;
  }
  const c = commandNamed(command);
  if (!c) return unknownCommand(command);
  // `query` takes its text with -q; everywhere else -q is --quiet.
  const quiet = rest.includes('--quiet') || (command !== 'query' && rest.includes('-q'));
  const notices = stderrNotices(quiet);
  const unguard = guardHeap((reason) => {
    notices.done();
    process.stderr.write(`kqlhunt: ${reason}\n`);
    process.exit(1); // the query cannot finish: stop before V8 dies mid-write
  });
  try {
    return await c.run(rest, notices);
  } catch (e) {
    notices.done();
    return reportFailure(e);
  } finally {
    unguard();
  }
}

function commandNamed(name: string): (typeof COMMANDS)[string] | undefined {
  return Object.hasOwn(COMMANDS, name) ? COMMANDS[name] : undefined;
}

function unknownCommand(name: string): number {
  process.stderr.write(`kqlhunt: unknown command '${name}' (see kqlhunt --help)\n`);
  return 2;
}

function reportFailure(e: unknown): number {
  if (e instanceof UsageError) {
    process.stderr.write(`kqlhunt: ${e.message}\n`);
    return 2;
  }
  if (e instanceof KqlError) {
    process.stderr.write(`kqlhunt: ${e.describe()}\n`);
    return 1;
  }
  if (e instanceof RuleQueryError || e instanceof RuleError || e instanceof InputError) {
    process.stderr.write(`kqlhunt: ${e.message}\n`);
    return 1;
  }
  const err = e as Error;
  if (process.env.KQLHUNT_DEBUG) process.stderr.write(`${err.stack}\n`);
  process.stderr.write(`kqlhunt: ${err.message ?? String(e)}\n`);
  return 1;
}
