/**
 * One pass over the logs for many queries. Reading and parsing the files is most of a hunt's cost, so when
 * several rules run together their scans of a table are gathered and served by a single underlying scan
 * that reads the union of the columns they need and hands every row to each of them.
 *
 * The merged request (parallel/merge-requests.ts) reads the union of the columns, skips a row only where every
 * query would drop it, and keeps a dynamic column's path selection only where every reader has one.
 *
 * Requests are gathered until the event loop has nothing else to do (setImmediate): rules started together
 * ask for their first scan within the same turn and share it; a request made later (a rule's second table,
 * or a subquery that had to finish first) is served by a later pass. Nothing waits for a request that may
 * never come, so sharing can never deadlock. A query whose operators throw is cut off alone: the others go
 * on reading, and its error reaches only its own execution.
 */
import type { ScanRequest, TableProvider } from '../engine/execute.js';
import type { RowSink } from '../engine/operators/sink.js';
import type { Row } from '../engine/values/types.js';
import { mergeScanRequests } from '../parallel/merge-requests.js';

interface Pending {
  readonly request: ScanRequest;
  readonly sink: RowSink;
  readonly resolve: () => void;
  readonly reject: (e: unknown) => void;
}

export interface SharedScanStats {
  /** Scans the queries asked for. */
  requested: number;
  /** Scans made of the underlying tables. */
  performed: number;
}

export class SharedScans implements TableProvider {
  readonly stats: SharedScanStats = { requested: 0, performed: 0 };
  private pending: Pending[] = [];
  private scheduled = false;

  constructor(private readonly tables: TableProvider) {}

  scan(request: ScanRequest, sink: RowSink): Promise<void> {
    this.stats.requested++;
    return new Promise<void>((resolve, reject) => {
      this.pending.push({ request, sink, resolve, reject });
      if (!this.scheduled) {
        this.scheduled = true;
        setImmediate(() => void this.serve());
      }
    });
  }

  private async serve(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    this.scheduled = false;
    // Scans of one table with one schema (the same declared table) share a pass.
    const groups = new Map<string, Pending[]>();
    for (const p of batch) {
      const key = `${p.request.table}\0${p.request.schema.map((c) => `${c.name}:${c.type}`).join(',')}`;
      const group = groups.get(key) ?? [];
      group.push(p);
      groups.set(key, group);
    }
    for (const group of groups.values()) await this.serveTogether(group);
  }

  private async serveTogether(group: readonly Pending[]): Promise<void> {
    this.stats.performed++;
    if (group.length === 1) {
      const only = group[0] as Pending;
      await this.tables.scan(only.request, only.sink).then(only.resolve, only.reject);
      return;
    }
    const request = mergeScanRequests(group.map((p) => p.request));
    const targets = group.map((p) => ({ p, failed: undefined as unknown, hasFailed: false }));
    const fanOut: RowSink = {
      push(row: Row) {
        for (const t of targets) {
          if (t.hasFailed) continue;
          try {
            t.p.sink.push(row);
          } catch (e) {
            t.hasFailed = true;
            t.failed = e;
          }
        }
      },
      end() {},
    };
    try {
      await this.tables.scan(request, fanOut);
    } catch (e) {
      for (const t of targets) t.p.reject(e);
      return;
    }
    for (const t of targets) {
      if (t.hasFailed) {
        t.p.reject(t.failed);
        continue;
      }
      try {
        t.p.sink.end();
        t.p.resolve();
      } catch (e) {
        t.p.reject(e);
      }
    }
  }
}
