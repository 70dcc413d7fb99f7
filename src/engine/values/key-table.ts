/**
 * A hash table keyed by tuples of typed values, for group-by: nested Maps, one level per key column, keyed by
 * the values themselves (Map's SameValueZero is KQL's grouping equality for every type but dynamic, whose
 * values are keyed by their canonical text). No key string is built per row. Entries keep first-seen order.
 */
import type { Dynamic } from './dynamic.js';
import { dynamicKey } from './keys.js';
import type { ScalarType } from './types.js';

type Level = Map<unknown, unknown>;

export class KeyTable<V> {
  private readonly root: Level = new Map();
  private readonly normalize: ((v: unknown) => unknown)[];
  /** Entries in first-seen order. */
  readonly entries: V[] = [];

  constructor(types: readonly ScalarType[]) {
    this.normalize = types.map((t) =>
      t === 'dynamic' ? (v: unknown) => dynamicKey(v as Dynamic) : (v: unknown) => v,
    );
  }

  /** The entry for the key `values`, made by `create` the first time. */
  getOrCreate(values: readonly unknown[], create: () => V): V {
    const n = this.normalize.length;
    if (n === 0) {
      if (this.entries.length === 0) this.entries.push(create());
      return this.entries[0] as V;
    }
    let level = this.root;
    for (let i = 0; i < n - 1; i++) {
      const k = (this.normalize[i] as (v: unknown) => unknown)(values[i]);
      let next = level.get(k) as Level | undefined;
      if (!next) {
        next = new Map();
        level.set(k, next);
      }
      level = next;
    }
    const k = (this.normalize[n - 1] as (v: unknown) => unknown)(values[n - 1]);
    let entry = level.get(k) as V | undefined;
    if (entry === undefined) {
      entry = create();
      level.set(k, entry);
      this.entries.push(entry);
    }
    return entry;
  }

  get size(): number {
    return this.entries.length;
  }

  clear(): void {
    this.root.clear();
    this.entries.length = 0;
  }
}
