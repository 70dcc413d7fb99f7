/**
 * Parallel execution: worker threads run the plan's scan fragments (see engine/parallel/fragments.ts) over
 * contiguous shares of the input, and the main thread runs the rest, taking the fragments' output from the
 * workers in worker order — partial aggregates merged, rows concatenated. Because shares are contiguous and
 * merged in order, results equal a single thread's, whatever the number of threads.
 */
import { Worker } from 'node:worker_threads';
import type { Accumulator, AggregateImpl } from '../engine/aggregates/registry.js';
import type { CompileContext } from '../engine/compile.js';
import { compileExpr } from '../engine/compile.js';
import type { Driver, ExecuteOptions } from '../engine/execute.js';
import { bindAggregates, buildOperators, optimizePlan, prepareContext } from '../engine/execute.js';
import type { RowSink } from '../engine/operators/sink.js';
import { decodeBoxes, encodeBoxes } from '../engine/parallel/codec.js';
import type { Fragment } from '../engine/parallel/fragments.js';
import { findFragments } from '../engine/parallel/fragments.js';
import { KeyTable } from '../engine/values/key-table.js';
import type { Row, ScalarType } from '../engine/values/types.js';
import { KqlError } from '../kql/errors.js';
import type { Plan, SummarizePlan } from '../kql/ir.js';
import { lineNumberAt } from '../sources/fast/line-bytes.js';
import { IdSet } from '../sources/id-set.js';
import type { InputProblem } from '../sources/problems.js';
import { InputError } from '../sources/problems.js';
import type { PartitionableFile } from './partition.js';
import { partitionFiles } from './partition.js';
import type { ProblemSeverity, WorkerMessage, WorkerTask } from './protocol.js';

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
  /** Called when duplicates across shares force a run on one thread instead. */
  readonly onFallback?: (reason: string) => void;
}

/** Duplicates across shares: the parallel result would count them twice; the caller reruns on one thread. */
class DuplicatesAcrossShares extends Error {}

const WORKER_URL = new URL('./worker.js', import.meta.url);

/** What one worker sent for one fragment. */
interface WorkerOutput {
  readonly batches: unknown[][][];
  done: boolean;
  /** Wakes a driver waiting for more of this output. */
  notify?: () => void;
}

/** Merges partial aggregates: group states from each worker, in worker order. */
class SummarizeMerge {
  private readonly groups: KeyTable<{ keys: unknown[]; accs: Accumulator[] }>;
  constructor(
    private readonly width: number,
    keyTypes: readonly ScalarType[],
    private readonly aggregates: readonly AggregateImpl[],
  ) {
    this.groups = new KeyTable(keyTypes);
  }
  add(state: unknown[]): void {
    const n = this.width;
    let created = false;
    const g = this.groups.getOrCreate(state, () => {
      created = true;
      return { keys: state.slice(0, n), accs: this.aggregates.map((a, i) => a.restore(state[n + i])) };
    });
    if (created) return;
    g.accs.forEach((acc, i) => {
      acc.merge((this.aggregates[i] as AggregateImpl).restore(state[n + i]));
    });
  }
  emit(out: RowSink): void {
    for (const g of this.groups.entries) out.push([...g.keys, ...g.accs.map((a) => a.result())]);
    this.groups.clear();
  }
}

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
  const threads = Math.max(2, parallel.threads);
  const shares = new Map(tables.map((t) => [t, partitionFiles(parallel.files(t) ?? [], threads)]));
  const outputs = fragments.map(() =>
    Array.from({ length: threads }, (): WorkerOutput => ({ batches: [], done: false })),
  );
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
    };
    const worker = new Worker(WORKER_URL, { workerData: encodeBoxes(task) });
    worker.on('message', (m: WorkerMessage) => {
      switch (m.kind) {
        case 'rows': {
          const o = outputs[m.fragment]?.[w] as WorkerOutput;
          o.batches.push(m.rows);
          o.notify?.();
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
          for (const f of outputs) {
            const o = f[w] as WorkerOutput;
            o.done = true;
            o.notify?.();
          }
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

  /** Waits for more output of one worker for one fragment (or for a failure). */
  const next = (o: WorkerOutput) =>
    Promise.race([
      new Promise<void>((resolve) => {
        o.notify = resolve;
      }),
      failedSignal,
    ]).then(() => {
      o.notify = undefined;
      if (failure) throw failure;
    });

  const replace = new Map<Plan, (out: RowSink) => Driver>();
  fragments.forEach((f: Fragment, i) => {
    replace.set(f.root, (out) => async () => {
      const perWorker = outputs[i] as WorkerOutput[];
      if (f.partial) {
        const node = f.root as SummarizePlan;
        const merge = new SummarizeMerge(
          node.keys.length,
          node.keys.map((k) => k.expr.type),
          bindAggregates(node, ctx, (e) => compileExpr(e, ctx)),
        );
        for (const o of perWorker) {
          while (!o.done) await next(o);
          for (const batch of o.batches)
            for (const state of batch) merge.add(decodeBoxes(state) as unknown[]);
          o.batches.length = 0;
        }
        merge.emit(out);
      } else {
        // Rows stream from the first worker as they come; later workers' rows wait their turn.
        for (const o of perWorker) {
          for (;;) {
            const batch = o.batches.shift();
            if (batch) {
              for (const row of batch) out.push(decodeBoxes(row) as Row);
              continue;
            }
            if (o.done) break;
            await next(o);
          }
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
    const { drivers } = buildOperators(plan, ctx, options.tables, sink, { replace });
    for (const d of drivers) await d();
    if (failure) throw failure;
  } catch (e) {
    if (!(e instanceof DuplicatesAcrossShares)) throw e;
    parallel.onFallback?.('the same event Id appears in different parts of the input');
    return false;
  } finally {
    await Promise.all(workers.map((w) => w.terminate()));
  }
  const problems = await Promise.all(problemWork);
  problems.sort((a, b) => a.worker - b.worker); // stable: each worker's problems stay in their order
  for (const p of problems) parallel.onProblem(p.severity, p.problem);
  parallel.onRecords(records, duplicates);
  return true;
}

/** Problems from a byte range carry line numbers within the range: count the lines before it. */
async function absoluteLine(problem: InputProblem, offset: number | undefined): Promise<InputProblem> {
  if (offset === undefined || problem.line === undefined) return problem;
  return { ...problem, line: await lineNumberAt(problem.file, offset) };
}

export type { CompileContext };
