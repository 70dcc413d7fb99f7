/**
 * A hash table keyed by tuples of typed values, for group-by. Entries keep first-seen order.
 *
 * - One key column: the value itself is the Map key (Map's SameValueZero is KQL's grouping equality for every
 *   type but dynamic, keyed by its canonical text).
 * - Several, none dynamic: no key text at all. The tuple's 32-bit hash (value-hash.ts) picks a slot of an
 *   open-addressing table of entry numbers (typed arrays: 12 to 24 bytes a group); a hit is confirmed by comparing
 *   the values with the entry's keys. Those keys are read back from the entry by `keysOf` when the caller
 *   keeps them anyway (summarize's groups do), else the table keeps its own copy.
 * - Several with a dynamic one: one composite key text per key (each part typed and length-prefixed, so keys
 *   never collide).
 */
import type { Dynamic } from './dynamic.js';
import type { KeyFn } from './keys.js';
import { dynamicKey, keyFnFor } from './keys.js';
import type { ScalarType } from './types.js';
import { hashTuple, sameTuple } from './value-hash.js';

export interface KeyTableOptions<V> {
  /**
   * The key values of an entry: values equal (by grouping equality) to those it was created for, in the same
   * positions, unchanged while the entry is in the table. With it, the table keeps no copy of the keys.
   */
  readonly keysOf?: (entry: V) => readonly unknown[];
}

const FIRST_SLOTS = 16;

export class KeyTable<V> {
  /** Entries in first-seen order. */
  readonly entries: V[] = [];
  /** The Map key of a tuple, for one key column or a dynamic one; undefined: the hashed table. */
  private readonly textKey: ((values: readonly unknown[]) => unknown) | undefined;
  private readonly map = new Map<unknown, V>();

  // The hashed table: `slots` holds entry number + 1 (0: empty), at most half full; `hashes` each entry's hash.
  private readonly width: number;
  private readonly keysOf: ((entry: V) => readonly unknown[]) | undefined;
  private slots = new Int32Array(FIRST_SLOTS);
  private hashes = new Int32Array(FIRST_SLOTS / 2);
  /** Each entry's keys, when there is no `keysOf`. */
  private ownKeys: unknown[][] = [];

  constructor(types: readonly ScalarType[], options: KeyTableOptions<V> = {}) {
    this.width = types.length;
    this.keysOf = options.keysOf;
    if (types.length === 1) {
      this.textKey =
        types[0] === 'dynamic' ? (values) => dynamicKey(values[0] as Dynamic) : (values) => values[0];
    } else if (types.includes('dynamic')) {
      const parts: KeyFn[] = types.map(keyFnFor);
      const texts: string[] = new Array(parts.length);
      // join() builds one flat string; `+=` would build a rope that the Map keeps alive beside its flat copy.
      this.textKey = (values) => {
        for (let i = 0; i < parts.length; i++) texts[i] = (parts[i] as KeyFn)(values[i]);
        return texts.join('\u0001');
      };
    } else {
      this.textKey = undefined;
    }
  }

  /** The entry for the key `values` (its first `types.length` values), made by `create` the first time. */
  getOrCreate(values: readonly unknown[], create: () => V): V {
    if (this.textKey !== undefined) {
      const k = this.textKey(values);
      let entry = this.map.get(k);
      if (entry === undefined) {
        entry = create();
        this.map.set(k, entry);
        this.entries.push(entry);
      }
      return entry;
    }
    const width = this.width;
    const h = hashTuple(values, width);
    const slots = this.slots;
    const mask = slots.length - 1;
    let i = h & mask;
    for (let e = slots[i] as number; e !== 0; e = slots[i] as number) {
      if (this.hashes[e - 1] === h && sameTuple(this.keysAt(e - 1), values, width)) {
        return this.entries[e - 1] as V;
      }
      i = (i + 1) & mask;
    }
    const entry = create();
    const n = this.entries.push(entry);
    if (this.keysOf === undefined) this.ownKeys.push(values.slice(0, width));
    if (n > this.hashes.length) {
      const hashes = new Int32Array(this.hashes.length * 2);
      hashes.set(this.hashes);
      this.hashes = hashes;
    }
    this.hashes[n - 1] = h;
    slots[i] = n;
    if (n * 2 > slots.length) this.rehash(slots.length * 2);
    return entry;
  }

  get size(): number {
    return this.entries.length;
  }

  /** The entries in first-seen order, the table emptied: its keys can be freed while the caller walks them. */
  drain(): V[] {
    const entries = this.entries.splice(0);
    this.empty();
    return entries;
  }

  clear(): void {
    this.entries.length = 0;
    this.empty();
  }

  private keysAt(index: number): readonly unknown[] {
    const keysOf = this.keysOf;
    return keysOf === undefined ? (this.ownKeys[index] as unknown[]) : keysOf(this.entries[index] as V);
  }

  private rehash(size: number): void {
    const slots = new Int32Array(size);
    const mask = size - 1;
    const hashes = this.hashes;
    for (let e = 1; e <= this.entries.length; e++) {
      let i = (hashes[e - 1] as number) & mask;
      while (slots[i] !== 0) i = (i + 1) & mask;
      slots[i] = e;
    }
    this.slots = slots;
  }

  private empty(): void {
    this.map.clear();
    this.slots = new Int32Array(FIRST_SLOTS);
    this.hashes = new Int32Array(FIRST_SLOTS / 2);
    this.ownKeys = [];
  }
}
