/**
 * `npm run bench`: the flagship hunt at scale, timed as whole processes on the same files in the same run —
 * kqlhunt; the same hunt as DuckDB SQL (bench/flagship-duckdb.sql, checked to return as many rows); and a
 * bare JSON.parse of every line, the floor a JSON-reading engine in JavaScript starts from. Prints events/s,
 * MB/s, peak RSS and the ratios, and writes bench/RESULTS.md.
 *
 *   npm run bench                          the ~1 GB set (16 days, ~650 k events), then 15 days × 1.5 M events
 *   node dist/bench/run.js --sets small    only the ~1 GB set
 *   node dist/bench/run.js --runs 5        runs per measurement (the median is reported; default 3)
 *
 * Data sets are generated once by the tenant simulator (src/sim) into bench/data/ (git ignores it) and reused.
 * The large set needs about 40 GB of disk.
 */
import { spawn } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { cpus, freemem, platform, release, totalmem } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { parseArgs } from 'node:util';
import { formatDateTime, parseDateTime, TICKS_PER_DAY } from '../src/engine/values/datetime.js';
import { writeTenantJsonl } from '../src/sim/write.js';

const HERE = fileURLToPath(import.meta.url);
const FLAGSHIP = '5c799718-b361-4a91-9cb2-0c291e602707';

function repoRoot(): string {
  let dir = dirname(HERE);
  while (!existsSync(join(dir, 'package.json'))) dir = resolve(dir, '..');
  return dir;
}
const ROOT = repoRoot();
const DATA = join(ROOT, 'bench', 'data');

interface DataSet {
  readonly name: string;
  readonly description: string;
  readonly users: number;
  readonly days: number;
  /** The end of the last day: the hunt's window is its last 24 hours. */
  readonly end: string;
  readonly runs: number;
  /** Also time DuckDB and the JSON.parse floor. */
  readonly compare: boolean;
}

const SETS: Record<string, DataSet> = {
  small: {
    name: 'tenant-1gb',
    description: '2,708 users, 16 days, ~650 k events, ~1 GB',
    users: 2708,
    days: 16,
    end: '2026-10-21T00:00:00Z',
    runs: 3,
    compare: true,
  },
  large: {
    name: 'tenant-100k-15d',
    description: '100,000 users, 15 days × 1.5 M events, ~22 M events',
    users: 100_000,
    days: 15,
    end: '2026-10-21T00:00:00Z',
    runs: 1,
    compare: false,
  },
};

interface Measured {
  readonly seconds: number;
  readonly maxRssMB: number;
  readonly result: Record<string, unknown>;
}

/** Runs this script as a child in `mode`; the child prints one JSON line of results on fd 3. */
function child(mode: string, args: string[]): Promise<Measured> {
  return new Promise((resolvePromise, reject) => {
    const started = performance.now();
    const p = spawn(process.execPath, [HERE, '--child', mode, ...args], {
      stdio: ['ignore', 'ignore', 'inherit', 'pipe'],
    });
    let out = '';
    p.stdio[3]?.on('data', (d: Buffer) => {
      out += d.toString();
    });
    p.on('error', reject);
    p.on('close', (code) => {
      const seconds = (performance.now() - started) / 1000;
      if (code !== 0) {
        reject(new Error(`${mode} exited with status ${code}`));
        return;
      }
      const result = JSON.parse(out) as Record<string, unknown> & { maxRssMB: number };
      resolvePromise({ seconds, maxRssMB: result.maxRssMB, result });
    });
  });
}

function report(result: Record<string, unknown>): void {
  const maxRssMB = process.resourceUsage().maxRSS / 1024;
  writeFileSync(3, `${JSON.stringify({ ...result, maxRssMB })}\n`);
}

/** Child modes: each runs in its own process so that time and memory are whole-process figures. */
async function runChild(mode: string, args: string[]): Promise<void> {
  const [dir = '', start = '', end = ''] = args;
  switch (mode) {
    case 'kqlhunt': {
      const out = join(DATA, `.kqlhunt-${process.pid}.json`);
      const { main } = (await import(pathToFileURL(join(ROOT, 'dist', 'src', 'cli', 'main.js')).href)) as {
        main(argv: string[]): Promise<number>;
      };
      const status = await main([
        'hunt',
        FLAGSHIP,
        '--logs',
        dir,
        '--start',
        start,
        '--end',
        end,
        '--format',
        'json',
        '--output',
        out,
        '-q',
      ]);
      if (status !== 0) throw new Error(`kqlhunt exited with ${status}`);
      const rows = (JSON.parse(readFileSync(out, 'utf8')) as unknown[]).length;
      rmSync(out);
      report({ rows });
      return;
    }
    case 'duckdb': {
      const { DuckDBInstance } = await import('@duckdb/node-api');
      const db = await DuckDBInstance.create(':memory:');
      const connection = await db.connect();
      const sql = readFileSync(join(ROOT, 'bench', 'flagship-duckdb.sql'), 'utf8')
        .replaceAll('{{FILES}}', join(dir, '*.jsonl'))
        .replaceAll(
          '{{START}}',
          start
            .replace('T', ' ')
            .replace(/Z$/, '')
            .replace(/\.\d+$/, ''),
        );
      const reader = await connection.runAndReadAll(sql);
      report({ rows: reader.getRows().length });
      return;
    }
    case 'json-parse': {
      const { forEachLineBytes } = (await import(
        pathToFileURL(join(ROOT, 'dist', 'src', 'sources', 'fast', 'line-bytes.js')).href
      )) as typeof import('../src/sources/fast/line-bytes.js');
      let records = 0;
      for (const f of readdirSync(dir).sort()) {
        await forEachLineBytes(join(dir, f), (buf, s, e) => {
          JSON.parse(buf.toString('utf8', s, e));
          records++;
        });
      }
      report({ rows: records });
      return;
    }
    default:
      throw new Error(`unknown child mode ${mode}`);
  }
}

async function ensureData(set: DataSet): Promise<{ dir: string; events: number; bytes: number }> {
  const dir = join(DATA, set.name);
  // Beside the data, not in it: kqlhunt reads every file of the folder.
  const manifest = join(DATA, `${set.name}.manifest.json`);
  if (existsSync(manifest))
    return { dir, ...(JSON.parse(readFileSync(manifest, 'utf8')) as { events: number; bytes: number }) };
  rmSync(dir, { recursive: true, force: true });
  mkdirSync(dir, { recursive: true });
  process.stderr.write(`generating ${set.description} in ${dir} ...\n`);
  const started = performance.now();
  const written = await writeTenantJsonl(dir, {
    seed: 11,
    users: set.users,
    days: set.days,
    end: parseDateTime(set.end) as bigint,
    eventsPerUserPerDay: 15,
  });
  const bytes = readdirSync(dir).reduce((a, f) => a + statSync(join(dir, f)).size, 0);
  writeFileSync(manifest, JSON.stringify({ events: written.rows, bytes }));
  process.stderr.write(
    `  ${written.rows} events, ${(bytes / 1e9).toFixed(2)} GB in ${((performance.now() - started) / 1000).toFixed(0)} s\n`,
  );
  return { dir, events: written.rows, bytes };
}

function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  return s[Math.floor(s.length / 2)] as number;
}

interface Line {
  readonly engine: string;
  readonly seconds: number;
  readonly maxRssMB: number;
  readonly rows: number;
}

async function measure(mode: string, args: string[], runs: number): Promise<Line> {
  const results: Measured[] = [];
  for (let i = 0; i < runs; i++) results.push(await child(mode, args));
  const seconds = median(results.map((r) => r.seconds));
  return {
    engine: mode,
    seconds,
    maxRssMB: Math.max(...results.map((r) => r.maxRssMB)),
    rows: Number(results[0]?.result.rows ?? 0),
  };
}

function machine(): string {
  const c = cpus();
  return `${c[0]?.model ?? 'unknown CPU'}, ${c.length} cores, ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM (${(freemem() / 2 ** 30).toFixed(0)} GiB free), ${platform()} ${release()}, Node ${process.version}`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: { sets: { type: 'string' }, runs: { type: 'string' }, child: { type: 'string' } },
    allowPositionals: true,
    strict: false,
  });
  if (typeof values.child === 'string') {
    const i = process.argv.indexOf('--child');
    await runChild(values.child, process.argv.slice(i + 2));
    return;
  }
  const names = typeof values.sets === 'string' ? values.sets.split(',') : ['small', 'large'];
  const sections: string[] = [];
  for (const name of names) {
    const set = SETS[name];
    if (!set) throw new Error(`unknown set ${name} (small, large)`);
    const { dir, events, bytes } = await ensureData(set);
    const end = parseDateTime(set.end) as bigint;
    const start = end - TICKS_PER_DAY;
    const args = [dir, formatDateTime(start), formatDateTime(end)];
    const runs = typeof values.runs === 'string' ? Number(values.runs) : set.runs;
    process.stderr.write(`${set.description}: measuring (${runs} run${runs === 1 ? '' : 's'} each) ...\n`);
    const lines: Line[] = [await measure('kqlhunt', args, runs)];
    if (set.compare) {
      lines.push(await measure('duckdb', args, runs));
      lines.push(await measure('json-parse', args, runs));
    }
    const kql = lines[0] as Line;
    const rowsNote = set.compare
      ? `kqlhunt ${kql.rows} rows, DuckDB ${lines[1]?.rows} rows: ${kql.rows === lines[1]?.rows ? 'identical count' : 'COUNTS DIFFER'}`
      : `kqlhunt ${kql.rows} rows`;
    const table = [
      '| engine | median wall s | events/s | MB/s | peak RSS MB | rows |',
      '|---|---|---|---|---|---|',
      ...lines.map(
        (l) =>
          `| ${l.engine} | ${l.seconds.toFixed(2)} | ${Math.round(events / l.seconds).toLocaleString('en-US')} | ${(bytes / 1e6 / l.seconds).toFixed(0)} | ${l.maxRssMB.toFixed(0)} | ${l.rows} |`,
      ),
    ];
    const ratios = set.compare
      ? [
          `- DuckDB time / kqlhunt time: **${((lines[1]?.seconds ?? 0) / kql.seconds).toFixed(2)}** (target ≥ 2.0)`,
          `- JSON.parse floor time / kqlhunt time: ${((lines[2]?.seconds ?? 0) / kql.seconds).toFixed(2)}`,
        ]
      : [
          `- kqlhunt: ${kql.seconds.toFixed(1)} s (target ≤ 120 s), peak RSS ${kql.maxRssMB.toFixed(0)} MB (limit 1024)`,
        ];
    const section = [
      `### ${set.description}`,
      '',
      `${events.toLocaleString('en-US')} events, ${(bytes / 1e9).toFixed(2)} GB of JSON lines; hunt window ${formatDateTime(start)} .. ${formatDateTime(end)}; ${runs} run(s), median.`,
      '',
      ...table,
      '',
      ...ratios,
      `- ${rowsNote}`,
    ].join('\n');
    process.stdout.write(`\n${section}\n`);
    sections.push(section);
  }
  const results = [
    '# Benchmark results',
    '',
    'Written by `npm run bench` (bench/run.ts). Each engine runs as its own process on the same files; the wall',
    'time is from start to exit, peak RSS is the process maximum. kqlhunt runs the bundled flagship rule',
    'verbatim; DuckDB runs bench/flagship-duckdb.sql; "json-parse" is a bare JSON.parse of every line.',
    '',
    `Measured ${new Date().toISOString().slice(0, 16).replace('T', ' ')} UTC on ${machine()}.`,
    '',
    ...sections.flatMap((s) => [s, '']),
  ].join('\n');
  writeFileSync(join(ROOT, 'bench', 'RESULTS.md'), results);
  process.stderr.write('\nwritten to bench/RESULTS.md\n');
}

await main();
