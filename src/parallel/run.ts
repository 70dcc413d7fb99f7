/**
 * Parallel execution: worker threads run the plan's scan fragments (see engine/parallel/fragments.ts) over
 * contiguous shares of the input, and the main thread runs the rest. Partial aggregates are merged as they
 * arrive and combined in worker order (summarize-merge.ts); other fragments' rows are concatenated in worker
 * order. Because shares are contiguous and combined in order, results equal a single thread's, whatever the
 * number of threads. Nothing reaches the rest of the plan before every share is read and no event was read
 * twice across shares (else the caller reruns on one thread, which drops it).
 */
import { getHeapStatistics } from 'node:v8';
import { Worker } from 'node:worker_threads';
import { compileExpr } from '../engine/compile.js';
import type { Driver, ExecuteOptions } from '../engine/execute.js';
import {
  bindAggregates,
  buildOperators,
  optimizePlan,
  prepareContext,
  runOperators,
} from '../engine/execute.js';
import type { RowSink } from '../engine/operators/sink.js';
import { decodeBoxes, encodeBoxes } from '../engine/parallel/codec.js';
import type { Fragment } from '../engine/parallel/fragments.js';
import { findFragments } from '../engine/parallel/fragments.js';
import type { Row } from '../engine/values/types.js';
import { KqlError } from '../kql/errors.js';
import type { Plan, SummarizePlan } from '../kql/ir.js';
import { lineNumberAt } from '../sources/fast/line-bytes.js';
import { IdSet } from '../sources/id-set.js';
import type { InputProblem } from '../sources/problems.js';
import { InputError } from '../sources/problems.js';
import type { PartitionableFile } from './partition.js';
import { partitionFiles } from './partition.js';
import type { ProblemSeverity, WorkerMessage, WorkerTask } from './protocol.js';
import { MAX_MERGE_WORKERS, SummarizeMerge } from './summarize-merge.js';

export interface ParallelOptions {
  readonly threads: number;
  /** The table's files, or undefined when the table is not read from files. */
  readonly files: (table: string) => readonly PartitionableFile[] | undefined;
  readonly strict: boolean;
  /** Below this many input bytes, threads are not worth their start-up. */
  readonly minBytes?: number;
  /** Problems found by the workers (line numbers made absolute), in input order. */
  readonly onProblem: (severity: ProblemSeverity, problem: InputProblem) => void;
  /** Records the workers read (duplicates within a share already dropped), and the duplicates. */
  readonly onRecords: (records: number, duplicates: number) => void;
  /** Groups a worker's partial aggregate holds before sending them on (default PARTIAL_FLUSH_AT). */
  readonly partialFlushAt?: number;
  /** Rows of non-aggregated fragments held before giving up on threads (default MAX_BUFFERED_ROWS). */
  readonly maxBufferedRows?: number;
  /** Heap growth allowed while such rows are held (default MAX_BUFFERED_HEAP). */
  readonly maxBufferedHeap?: number;
  /** Called when duplicates across shares, or too many rows to hold, force a run on one thread instead. */
  readonly onFallback?: (reason: string) => void;
}

/** Duplicates across shares: the parallel result would count them twice; the caller reruns on one thread. */
class DuplicatesAcrossShares extends Error {}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/**
 * Rows of fragments without a partial aggregate wait in the main thread until every share is read (events
 * read twice across shares are found only then); past this many, the run goes to one thread instead, which
 * streams.
 */
const MAX_BUFFERED_ROWS = 1_000_000;

/**
 * ... or past this much heap growth while rows wait: wide rows (an mv-expanded AuditLogs row holds parsed
 * dynamic columns) cost far more than a row count tells, and a run on one thread streams them instead.
 */
const MAX_BUFFERED_HEAP = 256 * 1024 * 1024;

/**
 * A worker's partial aggregate sends its states on at this many groups: the main thread merges them as they
 * come, so a worker holds a bounded table rather than a copy of what the main thread builds.
 */
const PARTIAL_FLUSH_AT = 50_000;

/** Too many rows to hold: the caller reruns on one thread. */
class TooManyRows extends Error {}

/**
 * Runs the plan with worker threads when it has fragments over file-backed tables and enough input; returns
 * false (having done nothing) otherwise, and the caller runs it on one thread.
 */
export async function executeParallel(
  query: Plan,
  options: ExecuteOptions,
  parallel: ParallelOptions,
  sink: RowSink,
): Promise<boolean> {
  if (parallel.threads < 2) return false;
  const plan = optimizePlan(query);
  const fragments = findFragments(plan).filter((f) => parallel.files(f.scan.table) !== undefined);
  if (fragments.length === 0) return false;
  const tables = [...new Set(fragments.map((f) => f.scan.table))];
  const bytes = tables.reduce((a, t) => a + (parallel.files(t) ?? []).reduce((b, f) => b + f.size, 0), 0);
  if (bytes < (parallel.minBytes ?? 32 * 1024 * 1024)) return false;

  const ctx = await prepareContext(plan, options);
  const threads = Math.min(Math.max(2, parallel.threads), MAX_MERGE_WORKERS);
  const shares = new Map(tables.map((t) => [t, partitionFiles(parallel.files(t) ?? [], threads)]));
  // A partial aggregate is merged as its states arrive, per worker; other fragments' rows wait, up to a bound.
  const merges = fragments.map((f) => {
    if (!f.partial) return undefined;
    const node = f.root as SummarizePlan;
    const aggregates = bindAggregates(node, ctx, (e) => compileExpr(e, ctx));
    const types = node.keys.map((k) => k.expr.type);
    return new SummarizeMerge(node.keys.length, types, aggregates, threads);
  });
  const buffered = fragments.map(() => Array.from({ length: threads }, (): unknown[][][] => []));
  let bufferedRows = 0;
  const heapAtStart = getHeapStatistics().used_heap_size;
  const maxHeapGrowth = parallel.maxBufferedHeap ?? MAX_BUFFERED_HEAP;
  // Reported only when the parallel run stands (a fallback to one thread reads everything again).
  const problemWork: Promise<{ worker: number; severity: ProblemSeverity; problem: InputProblem }>[] = [];
  let records = 0;
  let duplicates = 0;
  const idTables: (Uint32Array[] | undefined)[] = Array.from({ length: threads }, () => undefined);
  let remaining = threads;
  let allDone: () => void = () => {};
  const allDoneSignal = new Promise<void>((resolve) => {
    allDone = resolve;
  });
  let failure: Error | undefined;
  let failed: () => void = () => {};
  const failedSignal = new Promise<void>((resolve) => {
    failed = resolve;
  });

  const workers = Array.from({ length: threads }, (_, w) => {
    const task: WorkerTask = {
      fragments: fragments.map((f) => ({ root: f.root, partial: f.partial })),
      partitions: Object.fromEntries(tables.map((t) => [t, shares.get(t)?.[w] ?? []])),
      now: options.now,
      strict: parallel.strict,
      partialFlushAt: parallel.partialFlushAt ?? PARTIAL_FLUSH_AT,
    };
    const worker = new Worker(WORKER_URL, { workerData: encodeBoxes(task) });
    worker.on('message', (m: WorkerMessage) => {
      switch (m.kind) {
        case 'rows': {
          if (failure) break; // the run is being abandoned
          const merge = merges[m.fragment];
          if (merge) {
            for (const state of m.rows) merge.add(w, decodeBoxes(state) as unknown[]);
            break;
          }
          buffered[m.fragment]?.[w]?.push(m.rows);
          bufferedRows += m.rows.length;
          const tooMany =
            bufferedRows > (parallel.maxBufferedRows ?? MAX_BUFFERED_ROWS) ||
            getHeapStatistics().used_heap_size - heapAtStart > maxHeapGrowth;
          if (tooMany && !failure) {
            failure = new TooManyRows();
            failed();
          }
          break;
        }
        case 'problem':
          problemWork.push(
            absoluteLine(m.problem, m.offset).then((problem) => ({
              worker: w,
              severity: m.severity,
              problem,
            })),
          );
          if (parallel.strict && !failure) {
            failure = new InputError(m.problem);
            failed();
          }
          break;
        case 'done':
          records += m.records;
          duplicates += m.duplicates;
          idTables[w] = m.ids;
          if (--remaining === 0) allDone();
          break;
        case 'error':
          failure ??= m.code ? new KqlError(m.code as KqlError['code'], m.message) : new Error(m.message);
          failed();
          break;
      }
    });
    worker.on('error', (e) => {
      failure ??= e;
      failed();
    });
    return worker;
  });

  // Runs once every share is read: the fragments' output is complete.
  const replace = new Map<Plan, (out: RowSink) => Driver>();
  fragments.forEach((f: Fragment, i) => {
    replace.set(f.root, (out) => async () => {
      const merge = merges[i];
      if (merge) merge.emit(out);
      else {
        for (const batches of buffered[i] ?? []) {
          for (const batch of batches.splice(0)) for (const row of batch) out.push(decodeBoxes(row) as Row);
        }
      }
      out.end();
    });
  });

  try {
    // Nothing reaches the sink before every share is read and found free of duplicates across shares: an
    // event delivered twice into two shares would otherwise count twice.
    await Promise.race([allDoneSignal, failedSignal]);
    if (failure) throw failure;
    for (let w = 1; w < threads; w++) {
      const later = idTables[w];
      if (!later) continue;
      for (let v = 0; v < w; v++) {
        const earlier = idTables[v];
        if (earlier && IdSet.sharedCount(earlier, later) > 0) throw new DuplicatesAcrossShares();
      }
    }
    idTables.fill(undefined);
    // Counted first: a join that gives up its right side reads it again on this thread (runOperators), and
    // the source reports bad records only on its first read; the workers' reports below are those.
    parallel.onRecords(records, duplicates);
    await runOperators(buildOperators(plan, ctx, options.tables, sink, { replace }), ctx, options.tables);
    if (failure) throw failure;
  } catch (e) {
    if (e instanceof DuplicatesAcrossShares) {
      parallel.onFallback?.('the same event Id appears in different parts of the input');
      return false;
    }
    if (e instanceof TooManyRows) {
      parallel.onFallback?.('more rows than threads can hold while checking for events read twice');
      return false;
    }
    throw e;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const problems = await Promise.all(problemWork);
  problems.sort((a, b) => a.worker - b.worker); // stable: each worker's problems stay in their order
  for (const p of problems) parallel.onProblem(p.severity, p.problem);
  return true;
}

/** Problems from a byte range carry line numbers within the range: count the lines before it. */
async function absoluteLine(problem: InputProblem, offset: number | undefined): Promise<InputProblem> {
  if (offset === undefined || problem.line === undefined) return problem;
  return { ...problem, line: await lineNumberAt(problem.file, offset) };
}
