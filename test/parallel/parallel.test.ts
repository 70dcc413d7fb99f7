/**
 * Parallel scans give exactly the single-thread answer — same rows, same order — for any number of threads,
 * and still count an event delivered twice once and report bad records with their real line numbers.
 */
import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { execute } from '../../src/engine/execute.js';
import { CollectSink } from '../../src/engine/operators/sink.js';
import { decodeBoxes, encodeBoxes } from '../../src/engine/parallel/codec.js';
import { parseDateTime, TICKS_PER_DAY } from '../../src/engine/values/datetime.js';
import { DynDateTime } from '../../src/engine/values/dynamic.js';
import type { Row } from '../../src/engine/values/types.js';
import { findBundledRule } from '../../src/hunts/bundled.js';
import { compileRule } from '../../src/hunts/runner.js';
import { compileQuery } from '../../src/kql/analyze.js';
import type { Plan } from '../../src/kql/ir.js';
import { parallelOptionsFor } from '../../src/parallel/log-source-options.js';
import { partitionFiles } from '../../src/parallel/partition.js';
import { executeParallel } from '../../src/parallel/run.js';
import { writeTenantJsonl } from '../../src/sim/write.js';
import { forEachLineBytes } from '../../src/sources/fast/line-bytes.js';
import { LogSource } from '../../src/sources/log-source.js';
import type { InputProblem } from '../../src/sources/problems.js';
import { TABLES } from '../../src/tables/index.js';

const END = parseDateTime('2026-10-21T00:00:00Z') as bigint;

async function sequential(plan: Plan, paths: string[]): Promise<{ rows: Row[]; source: LogSource }> {
  const source = await LogSource.open(paths);
  const sink = new CollectSink();
  await execute(plan, { tables: source, now: END }, sink);
  return { rows: sink.rows, source };
}

async function parallel(
  plan: Plan,
  paths: string[],
  threads: number,
  limits: {
    maxBufferedRows?: number;
    maxBufferedHeap?: number;
    partialFlushAt?: number;
    strict?: boolean;
  } = {},
): Promise<{ rows: Row[]; ran: boolean; problems: InputProblem[]; records: number; fallback?: string }> {
  const source = await LogSource.open(paths);
  const sink = new CollectSink();
  const problems: InputProblem[] = [];
  let records = 0;
  let fallback: string | undefined;
  const ran = await executeParallel(
    plan,
    { tables: source, now: END },
    {
      threads,
      strict: false,
      minBytes: 0,
      ...limits,
      files: (t) =>
        t === 'AuditLogs'
          ? source.files.map((f) => ({
              path: f.path,
              format: f.format.name,
              size: statSync(f.path).size,
              splittable: true,
            }))
          : undefined,
      onProblem: (_severity, p) => problems.push(p),
      onRecords: (n) => {
        records = n;
      },
      onFallback: (reason) => {
        fallback = reason;
      },
    },
    sink,
  );
  return { rows: sink.rows, ran, problems, records, ...(fallback ? { fallback } : {}) };
}

describe('parallel execution', () => {
  let dir: string;
  let files: string[];

  before(async () => {
    dir = mkdtempSync(join(tmpdir(), 'kqlhunt-parallel-'));
    const written = await writeTenantJsonl(dir, {
      seed: 3,
      users: 30,
      days: 16,
      end: END,
      eventsPerUserPerDay: 4,
    });
    files = written.files;
  });
  after(() => rmSync(dir, { recursive: true, force: true }));

  const queries: [string, string][] = [
    [
      'order-sensitive aggregates',
      'AuditLogs | summarize n = count(), ops = make_list(OperationName), cats = make_set(Category), some = take_any(Id) by bin(TimeGenerated, 6h)',
    ],
    [
      'rows in input order',
      'AuditLogs | where Category == "Device" | project TimeGenerated, Id, OperationName',
    ],
    [
      'mv-expand then a distinct count',
      'AuditLogs | mv-expand t = TargetResources | summarize dcount(tostring(t.id)), min(TimeGenerated), max(TimeGenerated)',
    ],
    [
      'distinct keys, no aggregates',
      'AuditLogs | summarize by OperationName, Category, tostring(InitiatedBy.user.userPrincipalName)',
    ],
    [
      'a join over two partial aggregates',
      'let a = AuditLogs | summarize c = count() by OperationName; AuditLogs | where Result == "success" | summarize d = count() by OperationName | join kind=inner a on OperationName',
    ],
  ];

  for (const [name, kql] of queries) {
    it(`${name}: the same rows as one thread, for 2 and 3 threads`, async () => {
      const { plan } = compileQuery(kql, TABLES);
      const one = await sequential(plan, [dir]);
      assert.ok(one.rows.length > 0, 'the query has results');
      for (const threads of [2, 3]) {
        const many = await parallel(plan, [dir], threads);
        assert.equal(many.ran, true, 'it ran in parallel');
        assert.deepEqual(many.rows, one.rows, `${threads} threads`);
        assert.equal(many.records, one.source.stats.rows, 'records read');
        // Partial aggregates sent on in pieces of a few groups: merged in order, the same rows.
        const pieces = await parallel(plan, [dir], threads, { partialFlushAt: 3 });
        assert.deepEqual(pieces.rows, one.rows, `${threads} threads, states in pieces`);
      }
    });
  }

  it('the flagship hunt: the same findings as one thread', async () => {
    const rule = await findBundledRule('5c799718-b361-4a91-9cb2-0c291e602707');
    assert.ok(rule);
    const { plan } = compileRule(rule, { start: END - TICKS_PER_DAY, end: END });
    const one = await sequential(plan, [dir]);
    assert.ok(one.rows.length > 0);
    const many = await parallel(plan, [dir], 2);
    assert.deepEqual(many.rows, one.rows);
    const pieces = await parallel(plan, [dir], 2, { partialFlushAt: 5 });
    assert.deepEqual(pieces.rows, one.rows, 'states in pieces');
  });

  it('an event delivered twice, into two shares, is counted once (by a run on one thread)', async () => {
    const copy = join(dir, 'zz-copy-of-first-day.jsonl');
    writeFileSync(copy, readFileSync(files[0] as string));
    try {
      const { plan } = compileQuery('AuditLogs | summarize count(), dcount(Id)', TABLES);
      const one = await sequential(plan, [dir]);
      assert.equal(one.rows[0]?.[0], one.rows[0]?.[1], 'one thread drops the copies');
      const many = await parallel(plan, [dir], 2);
      assert.equal(many.ran, false, 'the parallel run stood down');
      assert.match(many.fallback ?? '', /same event Id/);
    } finally {
      rmSync(copy);
    }
  });

  it('rows that are not aggregated are held only up to a bound; past it, the run goes to one thread', async () => {
    const { plan } = compileQuery('AuditLogs | project Id', TABLES);
    const one = await sequential(plan, [dir]);
    const held = await parallel(plan, [dir], 2, { maxBufferedRows: one.rows.length });
    assert.equal(held.ran, true, 'within the bound');
    assert.deepEqual(held.rows, one.rows);
    const tooMany = await parallel(plan, [dir], 2, { maxBufferedRows: Math.floor(one.rows.length / 4) });
    assert.equal(tooMany.ran, false, 'the parallel run stood down');
    assert.match(tooMany.fallback ?? '', /more rows than threads can hold/);
    assert.equal(tooMany.rows.length, 0, 'nothing reached the sink');
    // Few rows but too much memory: the heap may grow only so far while they wait.
    const tooLarge = await parallel(plan, [dir], 2, { maxBufferedRows: one.rows.length, maxBufferedHeap: 1 });
    assert.equal(tooLarge.ran, false, 'the parallel run stood down');
    assert.match(tooLarge.fallback ?? '', /more rows than threads can hold/);
    assert.equal(tooLarge.rows.length, 0, 'nothing reached the sink');
  });

  it('under --strict, a bad field in a column the query does not read still fails the run', async () => {
    const bad = join(dir, 'bad-unread.jsonl');
    const lines = readFileSync(files[1] as string, 'utf8')
      .trimEnd()
      .split('\n');
    const record = JSON.parse(lines[lines.length - 3] as string) as Record<string, unknown>;
    lines[lines.length - 3] = JSON.stringify({ ...record, ActivityDateTime: 'not a time' });
    writeFileSync(bad, `${lines.join('\n')}\n`);
    try {
      const { plan } = compileQuery('AuditLogs | summarize count() by OperationName', TABLES);
      const lenient = await parallel(plan, [bad], 2);
      assert.equal(lenient.problems.length, 0, 'the column is not read');
      await assert.rejects(parallel(plan, [bad], 2, { strict: true }), /not a valid datetime/);
    } finally {
      rmSync(bad);
    }
  });

  it('reports a bad record in the second share with its line number in the file', async () => {
    const bad = join(dir, 'bad.jsonl');
    const lines = readFileSync(files[1] as string, 'utf8')
      .trimEnd()
      .split('\n');
    lines[lines.length - 3] = '{"TimeGenerated": "not a time", "OperationName": "x"}';
    writeFileSync(bad, `${lines.join('\n')}\n`);
    try {
      const { plan } = compileQuery('AuditLogs | summarize count(), max(TimeGenerated)', TABLES);
      const many = await parallel(plan, [bad], 2);
      assert.equal(many.ran, true);
      assert.equal(many.problems.length, 1);
      assert.equal(many.problems[0]?.file, bad);
      assert.equal(many.problems[0]?.line, lines.length - 2);
      assert.equal(many.problems[0]?.field, 'TimeGenerated');
      assert.equal(many.rows[0]?.[0], BigInt(lines.length - 1));
    } finally {
      rmSync(bad);
    }
  });

  it("a join's right side read again on the main thread does not report the workers' bad records twice", async () => {
    const bad = join(dir, 'bad-joined.jsonl');
    const lines = readFileSync(files[1] as string, 'utf8')
      .trimEnd()
      .split('\n');
    lines[3] = '{"TimeGenerated": "not a time", "OperationName": "x"}';
    writeFileSync(bad, `${lines.join('\n')}\n`);
    try {
      const { plan } = compileQuery(
        'datatable(OperationName:string)["x"] | join (AuditLogs | project OperationName, TimeGenerated) on OperationName',
        TABLES,
      );
      const source = await LogSource.open([bad]);
      const ran = await executeParallel(
        plan,
        { tables: source, now: END, joinRightCells: 1 },
        { ...parallelOptionsFor(source, 2), minBytes: 0 },
        new CollectSink(),
      );
      assert.equal(ran, true);
      assert.equal(source.stats.scans, 2, 'the right side was read again');
      assert.equal(source.problems.skippedRecords, 1);
    } finally {
      rmSync(bad);
    }
  });
});

describe('byte ranges of a file', () => {
  it('give every line exactly once, whatever the cut points', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-ranges-'));
    try {
      const path = join(dir, 'lines.txt');
      const lines = Array.from(
        { length: 200 },
        (_, i) => `line ${i} ${'x'.repeat(i % 17)}${i % 5 === 0 ? '\r' : ''}`,
      );
      const text = `\uFEFF${lines.join('\n')}`; // a BOM, CR before some LFs, no final newline
      writeFileSync(path, text);
      const size = statSync(path).size;
      const expected = lines.map((l) => l.replace(/\r$/, ''));
      for (const cuts of [
        [0],
        [0, 1, 2, 3],
        [0, 10, 11, 500, 1000, 1001],
        [0, 3],
        [0, Math.floor(size / 2)],
      ]) {
        const got: string[] = [];
        for (let i = 0; i < cuts.length; i++) {
          const from = cuts[i] as number;
          const to = i + 1 < cuts.length ? (cuts[i + 1] as number) : Number.POSITIVE_INFINITY;
          await forEachLineBytes(path, (buf, s, e) => got.push(buf.toString('utf8', s, e)), {
            range: { from, to },
          });
        }
        assert.deepEqual(got, expected, `cuts ${cuts.join(',')}`);
      }
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });
});

describe('partitionFiles', () => {
  it('cuts the input into contiguous shares of about equal size, in order', () => {
    const files = [
      { path: 'a', format: 'f', size: 100, splittable: true },
      { path: 'b.gz', format: 'f', size: 30, splittable: false },
      { path: 'c', format: 'f', size: 70, splittable: true },
    ];
    const shares = partitionFiles(files, 2);
    assert.deepEqual(shares[0], [{ path: 'a', format: 'f', from: 0, to: Number.POSITIVE_INFINITY }]);
    assert.deepEqual(shares[1], [
      { path: 'b.gz', format: 'f', from: 0, to: Number.POSITIVE_INFINITY },
      { path: 'c', format: 'f', from: 0, to: Number.POSITIVE_INFINITY },
    ]);
    const three = partitionFiles([{ path: 'a', format: 'f', size: 300, splittable: true }], 3);
    assert.deepEqual(
      three.map((s) => s.map((p) => [p.from, p.to])),
      [[[0, 100]], [[100, 200]], [[200, Number.POSITIVE_INFINITY]]],
    );
  });
});

describe('values crossing threads', () => {
  it('keep their dynamic boxes', () => {
    const v = { a: [1n, new DynDateTime(5n), { b: 'x' }], c: null };
    const copy = decodeBoxes(structuredClone(encodeBoxes(v)));
    assert.deepEqual(copy, v);
    assert.ok((copy as { a: unknown[] }).a[1] instanceof DynDateTime);
  });
});
