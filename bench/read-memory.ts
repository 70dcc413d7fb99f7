/**
 * Reading stays flat in memory as input grows, in every format. Generates inputs (under bench/data/, which
 * git ignores) from a pool of simulated records whose Ids are made unique per repetition, reads each through
 * LogSource in a fresh process (every column materialised, duplicates checked), and prints size, rows/s,
 * MB/s and the process's peak RSS.
 *
 *   node dist/bench/read-memory.js                      per-format speed (256 MB each), then the scaling
 *                                                        runs: a single-line Graph page and Log Analytics
 *                                                        JSON lines of 0.5, 1, 2 and 4 GB
 *   node dist/bench/read-memory.js --formats-mb 64 --scale-gb 0.25,0.5
 *
 * The Id set grows with the number of distinct records (about 8-21 bytes each, see src/sources/id-set.ts):
 * that is the only growth expected.
 */
import { spawnSync } from 'node:child_process';
import { closeSync, existsSync, mkdirSync, openSync, rmSync, statSync, writeSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseArgs } from 'node:util';
import { parseDateTime } from '../src/engine/values/datetime.js';
import { generateTenant } from '../src/sim/tenant.js';
import { LogSource } from '../src/sources/log-source.js';
import { AUDIT_LOGS } from '../src/tables/auditlogs.js';
import type { LaRow } from '../test/support/format-writers.js';
import {
  graphPage,
  toDiagnostic,
  toGraph,
  toLaApiRow,
  toLaPortalCsv,
  toPowerShell,
} from '../test/support/format-writers.js';

const HERE = fileURLToPath(import.meta.url);

function repoRoot(): string {
  let dir = dirname(HERE);
  while (!existsSync(join(dir, 'package.json'))) {
    const up = resolve(dir, '..');
    if (up === dir) throw new Error('package.json not found');
    dir = up;
  }
  return dir;
}

interface ReadResult {
  format: string;
  rows: number;
  skipped: number;
  duplicates: number;
  seconds: number;
  maxRssMB: number;
}

/** The child: reads one file through LogSource, every column, and reports. */
async function readOne(path: string): Promise<void> {
  const source = await LogSource.open([path]);
  const started = performance.now();
  let rows = 0;
  await source.scan(
    { table: AUDIT_LOGS.name, schema: AUDIT_LOGS.columns, columns: AUDIT_LOGS.columns.map(() => true) },
    {
      push() {
        rows++;
      },
      end() {},
    },
  );
  const result: ReadResult = {
    format: source.files[0]?.format.name ?? '(none)',
    rows,
    skipped: source.problems.skippedRecords,
    duplicates: source.stats.duplicates,
    seconds: (performance.now() - started) / 1000,
    maxRssMB: process.resourceUsage().maxRSS / 1024,
  };
  process.stdout.write(`${JSON.stringify(result)}\n`);
}

/** How a format lays records out: text before, between and after them, and one record's text. */
interface Layout {
  readonly name: string;
  readonly file: string;
  readonly head: (pool: readonly LaRow[]) => string;
  readonly separator: string;
  readonly tail: string;
  readonly record: (r: LaRow) => string;
}

const LAYOUTS: readonly Layout[] = [
  {
    name: 'Log Analytics JSON lines',
    file: 'la.jsonl',
    head: () => '',
    separator: '',
    tail: '',
    record: (r) => `${JSON.stringify(r)}\n`,
  },
  {
    name: 'Log Analytics API array (strings)',
    file: 'la-api.json',
    head: () => '[',
    separator: ',\n',
    tail: ']',
    record: (r) => JSON.stringify(toLaApiRow(r)),
  },
  {
    name: 'Log Analytics portal CSV',
    file: 'la.csv',
    head: (pool) => `${toLaPortalCsv(pool.slice(0, 1)).split('\n')[0]}\n`,
    separator: '',
    tail: '',
    record: (r) => `${toLaPortalCsv([r]).split('\n')[1]}\n`,
  },
  {
    name: 'Graph page, one line',
    file: 'graph-page.json',
    head: () => graphPage([], false).replace('"value":[]}', '"value":['),
    separator: ',',
    tail: '],"@odata.nextLink":"https://graph.microsoft.com/v1.0/auditLogs/directoryAudits?$skiptoken=x"}',
    record: (r) => JSON.stringify(toGraph(r)),
  },
  {
    name: 'Graph JSON lines',
    file: 'graph.jsonl',
    head: () => '',
    separator: '',
    tail: '',
    record: (r) => `${JSON.stringify(toGraph(r))}\n`,
  },
  {
    name: 'PowerShell SDK, pretty-printed array',
    file: 'powershell.json',
    head: () => '[\n',
    separator: ',\n',
    tail: '\n]\n',
    record: (r) => JSON.stringify(toPowerShell(r), null, 4),
  },
  {
    name: 'Diagnostic settings {"records"} blob',
    file: 'PT1H.json',
    head: () => '{"records":[',
    separator: ',',
    tail: ']}',
    record: (r) => JSON.stringify(toDiagnostic(r, false)),
  },
];

/** Writes about `bytes` of `layout`, repeating the pool with Ids made unique per pass. */
function generate(layout: Layout, pool: readonly LaRow[], path: string, bytes: number): number {
  const rendered = pool.map((r) => {
    const id = r.Id as string;
    return { id, parts: layout.record(r).split(id) };
  });
  const fd = openSync(path, 'w');
  let written = 0;
  let batch: string[] = [];
  let batchLength = 0;
  const put = (s: string) => {
    batch.push(s);
    batchLength += s.length;
    if (batchLength >= 8 << 20) flush();
  };
  const flush = () => {
    const buf = Buffer.from(batch.join(''), 'utf8');
    writeSync(fd, buf);
    written += buf.length;
    batch = [];
    batchLength = 0;
  };
  put(layout.head(pool));
  let first = true;
  for (let pass = 0; written + batchLength < bytes; pass++) {
    for (const { id, parts } of rendered) {
      if (!first) put(layout.separator);
      first = false;
      put(parts.join(`${id}-${pass}`));
    }
  }
  put(layout.tail);
  flush();
  closeSync(fd);
  return statSync(path).size;
}

function measure(path: string): ReadResult {
  const r = spawnSync(process.execPath, [HERE, '--read', path], { encoding: 'utf8', maxBuffer: 1 << 20 });
  if (r.status !== 0) throw new Error(`reading ${path} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split('\n').pop() as string) as ReadResult;
}

function row(cells: string[]): string {
  const widths = [38, 20, 10, 11, 10, 8, 13];
  return cells
    .map((c, i) => (i === 0 || i === 1 ? c.padEnd(widths[i] as number) : c.padStart(widths[i] as number)))
    .join(' ');
}

async function main(): Promise<void> {
  const { values } = parseArgs({
    options: {
      read: { type: 'string' },
      'formats-mb': { type: 'string' },
      'scale-gb': { type: 'string' },
    },
  });
  if (values.read) {
    await readOne(values.read);
    return;
  }
  const formatsMb = Number(values['formats-mb'] ?? 256);
  const scaleGb = (values['scale-gb'] ?? '0.5,1,2,4').split(',').map(Number);
  const dir = join(repoRoot(), 'bench', 'data', 'read-memory');
  mkdirSync(dir, { recursive: true });
  const end = parseDateTime('2026-10-21T00:00:00Z') as bigint;
  const pool = [...generateTenant({ seed: 5, users: 400, days: 1, eventsPerUserPerDay: 15, end })];
  process.stdout.write(
    `kqlhunt read benchmark: Node ${process.version}, pool of ${pool.length} simulated records\n\n`,
  );
  process.stdout.write(
    `${row(['input', 'detected', 'MB', 'rows', 'seconds', 'MB/s', 'rows/s'])}  peak RSS MB\n`,
  );
  const report = (name: string, size: number, r: ReadResult) =>
    process.stdout.write(
      `${row([
        name,
        r.format,
        (size / 1e6).toFixed(0),
        String(r.rows),
        r.seconds.toFixed(1),
        (size / 1e6 / r.seconds).toFixed(0),
        Math.round(r.rows / r.seconds).toLocaleString('en-US'),
      ])}  ${r.maxRssMB.toFixed(0)}${r.skipped || r.duplicates ? `  (skipped ${r.skipped}, duplicates ${r.duplicates})` : ''}\n`,
    );
  for (const layout of LAYOUTS) {
    const path = join(dir, layout.file);
    const size = generate(layout, pool, path, formatsMb * 1e6);
    report(layout.name, size, measure(path));
    rmSync(path);
  }
  process.stdout.write('\nScaling (memory must stay flat):\n');
  for (const name of ['Graph page, one line', 'Log Analytics JSON lines']) {
    const layout = LAYOUTS.find((l) => l.name === name) as Layout;
    for (const gb of scaleGb) {
      const path = join(dir, `scale-${layout.file}`);
      const size = generate(layout, pool, path, gb * 1e9);
      report(`${layout.name} ${gb} GB`, size, measure(path));
      rmSync(path);
    }
  }
}

await main();
