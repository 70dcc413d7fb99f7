/**
 * `top-nested`: keeps every input row (each level regroups the rows of the groups above it), then at the
 * end groups level by level, keeping each level's top groups by their aggregate value (ties: first seen).
 */
import type { AggregateImpl } from '../aggregates/registry.js';
import type { Evaluator } from '../functions/registry.js';
import type { Comparator } from '../values/compare.js';
import type { KeyFn } from '../values/keys.js';
import type { Row } from '../values/types.js';
import type { RowSink } from './sink.js';

export interface CompiledTopNestedLevel {
  readonly count: number;
  readonly key: Evaluator;
  readonly keyFn: KeyFn;
  readonly aggregate: AggregateImpl;
  readonly compare: Comparator;
  readonly descending: boolean;
}

interface Group {
  readonly key: unknown;
  readonly rows: Row[];
  value: unknown;
}

export class TopNestedOperator implements RowSink {
  private rows: Row[] = [];
  constructor(
    private readonly levels: readonly CompiledTopNestedLevel[],
    private readonly out: RowSink,
  ) {}

  push(row: Row): void {
    this.rows.push(row);
  }

  private level(rows: readonly Row[], depth: number, prefix: unknown[]): void {
    const level = this.levels[depth] as CompiledTopNestedLevel;
    const groups = new Map<string, Group>();
    for (const row of rows) {
      const key = level.key(row);
      const k = level.keyFn(key);
      let g = groups.get(k);
      if (!g) {
        g = { key, rows: [], value: null };
        groups.set(k, g);
      }
      g.rows.push(row);
    }
    const ranked = [...groups.values()];
    for (const g of ranked) {
      const acc = level.aggregate.create();
      for (const r of g.rows) acc.add(r);
      g.value = acc.result();
    }
    // Best first; null values last whatever the direction.
    ranked.sort((a, b) => {
      if (a.value === null || b.value === null) return a.value === null ? (b.value === null ? 0 : 1) : -1;
      const c = level.compare(a.value, b.value);
      return level.descending ? -c : c;
    });
    for (const g of ranked.slice(0, level.count)) {
      const next = [...prefix, g.key, g.value];
      if (depth + 1 === this.levels.length) this.out.push(next);
      else this.level(g.rows, depth + 1, next);
    }
  }

  end(): void {
    const rows = this.rows;
    this.rows = [];
    if (rows.length > 0) this.level(rows, 0, []);
    this.out.end();
  }
}
