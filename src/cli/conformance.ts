/** `kqlhunt conformance FILE`: runs a conformance case file and compares each result with the real engine's. */
import { CaseFileError, loadCases } from '../conformance/cases.js';
import { failureText, jsonReport, skippedText, summaryLine } from '../conformance/report.js';
import type { CaseOutcome } from '../conformance/run.js';
import { runCase, summarize } from '../conformance/run.js';
import { parseCommandArgs } from './common.js';
import { UsageError } from './errors.js';
import type { Notices } from './notices.js';

export const CONFORMANCE_HELP = `Usage: kqlhunt conformance FILE [options]

Runs every case of a conformance file (JSON lines: a self-contained KQL query and the result Microsoft's
real engine gave, the format of ../shared/conformance) and compares kqlhunt's result with it. A case
passes, fails (a different answer, or an error), or is skipped (refused as unsupported at plan time).
The last line is 'conformance: P passed, F failed, S skipped of N'.

Options:
  -v, --verbose        print each failure in full (query, expected, actual) and each skipped case
      --only ID        run only this case (repeatable, or comma-separated ids)
      --core           run only the core cases (no geo_*, graph, series, plugins or nondeterminism)
  -F, --format FORMAT  text (default) or json (the per-case report on stdout, the summary on stderr)
  -h, --help           this help

Exit status: 0 when no case failed, 1 otherwise.

Examples:
  kqlhunt conformance ../shared/conformance/kusto-emulator-cases.jsonl
  kqlhunt conformance ../shared/conformance/kusto-emulator-cases.jsonl --core -v
  kqlhunt conformance ../shared/conformance/kusto-emulator-cases.jsonl --only split-function-00 -v
`;

const OPTIONS = {
  verbose: { type: 'boolean', short: 'v' },
  only: { type: 'string', multiple: true },
  core: { type: 'boolean' },
  format: { type: 'string', short: 'F' },
  quiet: { type: 'boolean', short: 'q' },
  help: { type: 'boolean', short: 'h' },
} as const;

export async function conformanceCommand(args: string[], notices: Notices): Promise<number> {
  const { values, positionals } = parseCommandArgs(args, OPTIONS);
  if (values.help) {
    process.stdout.write(CONFORMANCE_HELP);
    return 0;
  }
  if (positionals.length !== 1)
    throw new UsageError('give exactly one case file (see kqlhunt conformance --help)');
  const format = (values.format ?? 'text').toLowerCase();
  if (format !== 'text' && format !== 'json')
    throw new UsageError(`--format: '${values.format}' is not text or json`);
  const file = positionals[0] as string;
  let cases: Awaited<ReturnType<typeof loadCases>>;
  try {
    cases = await loadCases(file);
  } catch (e) {
    if (e instanceof CaseFileError) throw e;
    throw new UsageError(
      `${file}: cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  const only = new Set(
    (values.only ?? [])
      .flatMap((o) => o.split(','))
      .map((o) => o.trim())
      .filter(Boolean),
  );
  if (only.size > 0) {
    const known = new Set(cases.map((c) => c.id));
    const unknown = [...only].filter((id) => !known.has(id));
    if (unknown.length > 0) throw new UsageError(`--only: no case ${unknown.join(', ')} in ${file}`);
    cases = cases.filter((c) => only.has(c.id));
  }
  const outcomes: CaseOutcome[] = [];
  for (const [i, c] of cases.entries()) {
    notices.progress(`case ${i + 1} of ${cases.length}: ${c.id}`);
    const o = await runCase(c);
    if (values.core && !o.core) continue;
    outcomes.push(o);
    if (values.verbose && format === 'text') {
      if (o.status === 'failed') process.stdout.write(`${failureText(o)}\n\n`);
      else if (o.status === 'skipped') process.stdout.write(`${skippedText(o)}\n`);
    }
  }
  notices.done();
  const all = summarize(outcomes);
  const core = summarize(outcomes.filter((o) => o.core));
  if (format === 'json') {
    process.stdout.write(`${JSON.stringify(jsonReport(all, core), null, 2)}\n`);
    process.stderr.write(`${summaryLine(all)}\n`);
  } else {
    if (!values.core) process.stdout.write(`${summaryLine(core, 'core')}\n`);
    process.stdout.write(`${summaryLine(all)}\n`);
  }
  return all.failed > 0 ? 1 : 0;
}
