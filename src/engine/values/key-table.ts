/**
 * A hash table keyed by tuples of typed values, for group-by. One key column: the value itself is the Map key
 * (Map's SameValueZero is KQL's grouping equality for every type but dynamic, keyed by its canonical text).
 * Several: one composite string per key (each part typed and length-prefixed, so keys never collide) — a
 * string per row, but one Map entry per group: memory grows with the groups, not with the key columns, which
 * matters for millions of groups. Entries keep first-seen order.
 */
import type { Dynamic } from './dynamic.js';
import type { KeyFn } from './keys.js';
import { dynamicKey, keyFnFor } from './keys.js';
import type { ScalarType } from './types.js';

export class KeyTable<V> {
  private readonly map = new Map<unknown, V>();
  private readonly key: (values: readonly unknown[]) => unknown;
  /** Entries in first-seen order. */
  readonly entries: V[] = [];

  constructor(types: readonly ScalarType[]) {
    if (types.length === 1) {
      this.key =
        types[0] === 'dynamic' ? (values) => dynamicKey(values[0] as Dynamic) : (values) => values[0];
    } else {
      const parts: KeyFn[] = types.map(keyFnFor);
      const texts: string[] = new Array(parts.length);
      // join() builds one flat string; `+=` would build a rope that the Map keeps alive beside its flat copy.
      this.key = (values) => {
        for (let i = 0; i < parts.length; i++) texts[i] = (parts[i] as KeyFn)(values[i]);
        return texts.join('\u0001');
      };
    }
  }

  /** The entry for the key `values`, made by `create` the first time. */
  getOrCreate(values: readonly unknown[], create: () => V): V {
    const k = this.key(values);
    let entry = this.map.get(k);
    if (entry === undefined) {
      entry = create();
      this.map.set(k, entry);
      this.entries.push(entry);
    }
    return entry;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entries in first-seen order, the table emptied: its keys can be freed while the caller walks them. */
  drain(): V[] {
    const entries = this.entries.splice(0);
    this.map.clear();
    return entries;
  }

  clear(): void {
    this.map.clear();
    this.entries.length = 0;
  }
}
