/**
 * A scan worker: runs plan fragments (scan → row-by-row operators → partial summarize) over its share of the
 * input and sends what comes out to the main thread: rows in batches, or, for a partial summarize, its groups'
 * accumulator states. One pass over the data feeds every fragment that reads the same table.
 */
import { parentPort, workerData } from 'node:worker_threads';
import { createAggregateRegistry } from '../engine/aggregates/index.js';
import type { CompileContext } from '../engine/compile.js';
import type { ScanRequest, TableProvider } from '../engine/execute.js';
import { buildOperators } from '../engine/execute.js';
import { createFunctionRegistry } from '../engine/functions/index.js';
import type { RowSink } from '../engine/operators/sink.js';
import { decodeBoxes, encodeBoxes } from '../engine/parallel/codec.js';
import type { Row } from '../engine/values/types.js';
import { KqlError } from '../kql/errors.js';
import type { Plan } from '../kql/ir.js';
import { readLogAnalyticsLines } from '../sources/fast/la-lines.js';
import type { RecordSink } from '../sources/format.js';
import { FORMATS } from '../sources/formats/index.js';
import { DuplicateFilter, readLogFile, strictRequest, withIdColumn } from '../sources/log-source.js';
import type { InputProblem } from '../sources/problems.js';
import { asDamage } from '../sources/text-stream.js';
import { AUDIT_LOGS } from '../tables/auditlogs.js';
import { mergeScanRequests } from './merge-requests.js';
import { LINE_FORMAT } from './partition.js';
import type { ProblemSeverity, ScanPartition, WorkerMessage, WorkerTask } from './protocol.js';

const port = parentPort;
if (!port) throw new Error('the scan worker must run in a worker thread');

function post(m: WorkerMessage): void {
  port?.postMessage(m);
}

const BATCH = 2048;

/** Sends a fragment's output rows in batches. */
class BatchingSink implements RowSink {
  private batch: unknown[][] = [];
  constructor(private readonly fragment: number) {}
  push(row: Row): void {
    this.batch.push(encodeBoxes(row) as unknown[]);
    if (this.batch.length >= BATCH) this.flush();
  }
  flush(): void {
    if (this.batch.length === 0) return;
    post({ kind: 'rows', fragment: this.fragment, rows: this.batch });
    this.batch = [];
  }
  end(): void {
    this.flush();
  }
}

interface PendingScan {
  readonly request: ScanRequest;
  readonly sink: RowSink;
}

class StrictStop extends Error {}

/** Rows of a table read by one worker, duplicates (by Id) within its share dropped and counted. */
class ShareReader {
  records = 0;
  constructor(
    private readonly sinks: readonly RowSink[],
    readonly unique: DuplicateFilter | undefined,
  ) {}
  readonly row = (row: Row) => {
    if (this.unique && !this.unique.admit(row)) return;
    this.records++;
    for (const s of this.sinks) s.push(row);
  };
  readonly filtered = (id: string | undefined) => {
    if (!this.unique || this.unique.admitId(id)) this.records++;
  };
}

async function readPartition(
  p: ScanPartition,
  request: ScanRequest,
  reader: ShareReader,
  strict: boolean,
): Promise<void> {
  const report = (severity: ProblemSeverity, problem: InputProblem, offset?: number) => {
    post({ kind: 'problem', severity, problem, ...(offset !== undefined && p.from > 0 ? { offset } : {}) });
    if (strict && severity !== 'warn') throw new StrictStop(problem.reason);
  };
  const sink: RecordSink = {
    row: reader.row,
    skip: (problem) => report('skip', problem),
    damaged: (problem) => report('damaged', problem),
    warn: (problem) => report('warn', problem),
    filtered: reader.filtered,
    strict,
  };
  if (p.format !== LINE_FORMAT) {
    const format = FORMATS.find((f) => f.name === p.format);
    if (!format) throw new Error(`internal: unknown format ${p.format}`);
    await readLogFile({ path: p.path, format }, request, sink);
    return;
  }
  try {
    await readLogAnalyticsLines(
      p.path,
      request,
      {
        onRow: reader.row,
        onProblem: (problem, offset) => report('skip', problem, offset),
        onFiltered: reader.filtered,
      },
      { range: { from: p.from, to: p.to }, parseEveryLine: strict },
    );
  } catch (e) {
    const damage = asDamage(e, p.path);
    if (!damage) throw e;
    report('damaged', { file: p.path, reason: damage.message });
  }
}

async function run(task: WorkerTask): Promise<void> {
  const ctx: CompileContext = {
    functions: createFunctionRegistry(),
    aggregates: createAggregateRegistry(),
    now: task.now,
    scalarSubqueries: new Map(),
  };
  // Each fragment's scans are collected here, then served by one pass per table.
  const pending = new Map<string, PendingScan[]>();
  let release: () => void = () => {};
  const served = new Promise<void>((resolve) => {
    release = resolve;
  });
  const collector: TableProvider = {
    scan(request, sink) {
      const list = pending.get(request.table) ?? [];
      list.push({ request, sink });
      pending.set(request.table, list);
      return served;
    },
  };
  const sinks = task.fragments.map((_, i) => new BatchingSink(i));
  const running: Promise<void>[] = [];
  task.fragments.forEach((f, i) => {
    const { drivers } = buildOperators(f.root as Plan, ctx, collector, sinks[i] as RowSink, {
      partialSummarize: f.partial ? new Set([f.root as Plan]) : undefined,
      partialFlushAt: task.partialFlushAt,
    });
    running.push(
      (async () => {
        for (const d of drivers) await d();
      })(),
    );
  });
  let records = 0;
  let duplicates = 0;
  let ids: Uint32Array[] | undefined;
  for (const [table, scans] of pending) {
    let request = mergeScanRequests(scans.map((s) => s.request));
    const targets: RowSink[] = scans.map((s) => s.sink);
    // An event delivered twice counts once, by Id (as LogSource does); across shares, the main thread checks.
    const audit = table === AUDIT_LOGS.name;
    if (audit) request = task.strict ? strictRequest(request) : withIdColumn(request);
    const reader = new ShareReader(targets, audit ? new DuplicateFilter() : undefined);
    for (const p of task.partitions[table] ?? []) await readPartition(p, request, reader, task.strict);
    for (const t of targets) t.end();
    records += reader.records;
    if (reader.unique) {
      duplicates += reader.unique.duplicates;
      ids = reader.unique.ids.detachTables();
    }
  }
  release();
  await Promise.all(running);
  const message: WorkerMessage = { kind: 'done', records, duplicates, ...(ids ? { ids } : {}) };
  port?.postMessage(message, ids ? ids.map((t) => t.buffer as ArrayBuffer) : []);
}

run(decodeBoxes(workerData) as WorkerTask).catch((e: unknown) => {
  if (e instanceof StrictStop) {
    post({ kind: 'done', records: 0, duplicates: 0 });
    return;
  }
  const err = e as Error;
  post({
    kind: 'error',
    message: err instanceof KqlError ? err.message : (err.stack ?? err.message),
    ...(err instanceof KqlError ? { code: err.code } : {}),
  });
});
