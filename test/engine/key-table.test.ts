import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { KeyTableOptions } from '../../src/engine/values/key-table.js';
import { KeyTable } from '../../src/engine/values/key-table.js';
import type { ScalarType } from '../../src/engine/values/types.js';
import { hashTuple, sameTuple } from '../../src/engine/values/value-hash.js';
import { Random } from '../../src/sim/random.js';

/** A group as summarize keeps one: its own copy of the key values, and a number to tell groups apart. */
interface Group {
  readonly keys: unknown[];
  readonly id: number;
}

const WITH_KEYS_OF: KeyTableOptions<Group> = { keysOf: (g) => g.keys };

/** Groups `rows` (each row a key tuple); the group id each row landed in. */
function groupIds(table: KeyTable<Group>, rows: readonly (readonly unknown[])[]): number[] {
  return rows.map((row) => table.getOrCreate(row, () => ({ keys: row.slice(), id: table.size })).id);
}

/** Both ways of keeping keys: read back from the entry, or the table's own copy. */
const tables = (types: ScalarType[]): [string, () => KeyTable<Group>][] => [
  ['keysOf', () => new KeyTable<Group>(types, WITH_KEYS_OF)],
  ['own keys', () => new KeyTable<Group>(types)],
];

/** A NaN with another bit pattern than the NaN literal. */
function otherNaN(): number {
  const words = new Uint32Array([1, 0x7ff00000]);
  const x = new Float64Array(words.buffer)[0] as number;
  assert.ok(Number.isNaN(x));
  return x;
}

/** A reference grouping: a Map keyed by the JSON of typed, canonical parts (-0 as 0, every NaN as one). */
function referenceIds(rows: readonly (readonly unknown[])[], width: number): number[] {
  const ids = new Map<string, number>();
  const part = (v: unknown): string => {
    switch (typeof v) {
      case 'number':
        return Number.isNaN(v) ? 'n:NaN' : `n:${Object.is(v, -0) ? 0 : v}`;
      case 'bigint':
        return `b:${v}`;
      case 'string':
        return `s:${v}`;
      case 'boolean':
        return `t:${v}`;
      default:
        assert.equal(v, null);
        return 'null';
    }
  };
  return rows.map((row) => {
    const k = JSON.stringify(row.slice(0, width).map(part));
    let id = ids.get(k);
    if (id === undefined) {
      id = ids.size;
      ids.set(k, id);
    }
    return id;
  });
}

describe('KeyTable over several non-dynamic columns', () => {
  for (const [how, make] of tables(['string', 'string'])) {
    it(`keeps first-seen order and makes each group once (${how})`, () => {
      const table = make();
      const rows = [
        ['b', 'x'],
        ['a', 'x'],
        ['b', 'x'],
        ['a', 'y'],
        ['a', 'x'],
        ['ax', ''],
        ['a', 'x'],
      ];
      assert.deepEqual(groupIds(table, rows), [0, 1, 0, 2, 1, 3, 1]);
      assert.equal(table.size, 4);
      assert.deepEqual(
        table.entries.map((g) => g.keys),
        [
          ['b', 'x'],
          ['a', 'x'],
          ['a', 'y'],
          ['ax', ''],
        ],
      );
    });
  }

  it('groups -0 with 0 and every NaN together, for real and decimal', () => {
    for (const [how, make] of tables(['real', 'decimal'])) {
      const table = make();
      const ids = groupIds(table, [
        [0, 1],
        [-0, 1],
        [Number.NaN, Number.NaN],
        [otherNaN(), 0 / 0],
        [1e-300, 1],
        [0, -0],
        [Number.POSITIVE_INFINITY, Number.NaN],
        [Number.NEGATIVE_INFINITY, Number.NaN],
        [-0, 0],
      ]);
      assert.deepEqual(ids, [0, 0, 1, 1, 2, 3, 4, 5, 3], how);
    }
  });

  it('keeps null apart from "", 0, 0n and false', () => {
    for (const [how, make] of tables(['guid', 'int', 'long', 'bool', 'string'])) {
      const table = make();
      const ids = groupIds(table, [
        [null, null, null, null, ''],
        ['', null, null, null, ''],
        [null, 0, null, null, ''],
        [null, null, 0n, null, ''],
        [null, null, null, false, ''],
        [null, null, null, null, ''],
        [null, -0, null, null, ''],
        [null, null, null, true, ''],
      ]);
      assert.deepEqual(ids, [0, 1, 2, 3, 4, 0, 2, 5], how);
    }
  });

  it('tells bigints apart by value, past 2^53 and 2^63', () => {
    for (const [how, make] of tables(['datetime', 'long', 'timespan'])) {
      const table = make();
      const ticks = 179_000_000_000_000_001n; // ~2026 in 100 ns ticks: doubles there are 32 apart
      const ids = groupIds(table, [
        [ticks, 1n, -1n],
        [ticks + 1n, 1n, -1n],
        [ticks - 1n + 1n, 1n, -1n],
        [ticks, 2n ** 63n - 1n, -1n],
        [ticks, -(2n ** 63n), -1n],
        [ticks, 2n ** 64n + 1n, -1n],
        [ticks, 1n, -(2n ** 53n) - 1n],
        [ticks, 1n, -(2n ** 53n) - 3n],
        [ticks + 1n, BigInt('1'), BigInt(-1)],
      ]);
      assert.deepEqual(ids, [0, 1, 0, 2, 3, 4, 5, 6, 1], how);
    }
  });

  it('uses only the first types.length values of a longer tuple', () => {
    for (const [how, make] of tables(['string', 'long'])) {
      const table = make();
      const ids = groupIds(table, [
        ['a', 1n, 'state 1'],
        ['a', 1n, 'state 2'],
        ['a', 2n, 'state 1'],
      ]);
      assert.deepEqual(ids, [0, 0, 1], how);
    }
  });

  it('tells apart tuples whose hashes collide', () => {
    // Search for full 32-bit hash collisions among ['u<i>', 'x'] (a birthday search finds some in ~2^16 tries).
    const seen = new Map<number, string>();
    const pairs: [string, string][] = [];
    for (let i = 0; pairs.length < 3 && i < 1_000_000; i++) {
      const s = `u${i}`;
      const h = hashTuple([s, 'x'], 2);
      const other = seen.get(h);
      if (other === undefined) seen.set(h, s);
      else pairs.push([other, s]);
    }
    assert.equal(pairs.length, 3);
    for (const [how, make] of tables(['string', 'string'])) {
      const table = make();
      const rows: string[][] = [];
      for (const [a, b] of pairs) rows.push([a, 'x'], [b, 'x'], [b, 'x'], [a, 'x']);
      assert.deepEqual(groupIds(table, rows), [0, 1, 1, 0, 2, 3, 3, 2, 4, 5, 5, 4], how);
    }
  });

  it('empties on drain() and clear(), and fills again', () => {
    for (const [how, make] of tables(['string', 'int'])) {
      const table = make();
      const rows = Array.from({ length: 300 }, (_, i) => [`k${i % 50}`, i % 2]); // 50 distinct tuples
      groupIds(table, rows);
      const drained = table.drain();
      assert.deepEqual(
        drained.map((g) => g.id),
        Array.from({ length: 50 }, (_, i) => i),
        how,
      );
      assert.equal(table.size, 0);
      assert.equal(table.entries.length, 0);
      const again = table.getOrCreate(['k7', 1], () => ({ keys: ['k7', 1], id: -1 }));
      assert.equal(again.id, -1, `${how}: a drained key is new again`);
      groupIds(table, rows);
      assert.equal(table.size, 50);
      assert.equal(table.entries[0], again);
      table.clear();
      assert.equal(table.size, 0);
      assert.equal(table.getOrCreate(['k7', 1], () => ({ keys: ['k7', 1], id: -2 })).id, -2, how);
    }
  });

  it('groups with no key columns into one entry', () => {
    const table = new KeyTable<Group>([]);
    assert.deepEqual(groupIds(table, [[], ['ignored'], []]), [0, 0, 0]);
  });

  it('agrees with a reference grouping over random tuples with many duplicates', () => {
    const rnd = new Random(20261006);
    const pools: Record<Exclude<ScalarType, 'dynamic'>, unknown[]> = {
      string: [
        '',
        'a',
        'A',
        'ab',
        'a\u0001b',
        'b',
        'é',
        '\u{1F600}',
        '\ud800',
        'x'.repeat(40),
        'x'.repeat(41),
      ],
      guid: [null, '', '00000000-0000-0000-0000-000000000000', '9dadf518-5e44-4804-be1e-b71a3a8b9c09'],
      int: [null, 0, -0, 1, -1, 2147483647, -2147483648],
      real: [
        null,
        0,
        -0,
        0.1,
        0.1 + 0.2,
        0.3,
        Number.NaN,
        otherNaN(),
        2 ** 53,
        2 ** 53 + 2,
        1e308,
        -Infinity,
      ],
      decimal: [null, 0, -0, 1.5, 1e-7, Number.NaN],
      long: [null, 0n, 1n, -1n, 2n ** 32n, 2n ** 32n + 1n, 2n ** 53n + 1n, 2n ** 63n - 1n, -(2n ** 63n)],
      datetime: [null, 179_000_000_000_000_000n, 179_000_000_000_000_001n, 179_000_000_000_000_032n, 0n],
      timespan: [null, 0n, 10_000_000n, -10_000_000n, 864_000_000_000n],
      bool: [null, true, false],
    };
    const kinds = Object.keys(pools) as (keyof typeof pools)[];
    for (let round = 0; round < 40; round++) {
      const width = 2 + rnd.int(5);
      const types = Array.from({ length: width }, () => kinds[rnd.int(kinds.length)] as keyof typeof pools);
      // Few distinct values a column, so that rows repeat; fresh strings, as parsed rows bring.
      const values = types.map((t) => {
        const pool = pools[t];
        return pool.slice(0, 1 + rnd.int(pool.length));
      });
      const rows = Array.from({ length: 500 }, () =>
        values.map((pool) => {
          const v = pool[rnd.int(pool.length)];
          return typeof v === 'string' ? [...v].join('') : v;
        }),
      );
      const expected = referenceIds(rows, width);
      for (const [how, make] of tables(types)) {
        assert.deepEqual(groupIds(make(), rows), expected, `${how} ${types.join(',')}`);
      }
    }
  });

  it('hashes equal keys alike', () => {
    assert.equal(hashTuple([0, 'a'], 2), hashTuple([-0, 'a'], 2));
    assert.equal(hashTuple([Number.NaN, 'a'], 2), hashTuple([otherNaN(), 'a'], 2));
    assert.equal(hashTuple([2n ** 60n + 1n], 1), hashTuple([2n ** 60n + 1n], 1));
    assert.notEqual(hashTuple(['ab', ''], 2), hashTuple(['a', 'b'], 2));
    assert.equal(sameTuple([Number.NaN, -0, null], [Number.NaN, 0, null], 3), true);
    assert.equal(sameTuple([null], [''], 1), false);
  });
});

describe('KeyTable over one column or a dynamic one', () => {
  it('groups one real column by value (-0 with 0, NaN with NaN)', () => {
    const table = new KeyTable<Group>(['real']);
    assert.deepEqual(
      groupIds(table, [[0], [-0], [Number.NaN], [otherNaN()], [null], [1]]),
      [0, 0, 1, 1, 2, 3],
    );
  });

  it('groups by a dynamic column through its canonical text', () => {
    for (const types of [['dynamic'], ['string', 'dynamic']] as ScalarType[][]) {
      const table = new KeyTable<Group>(types);
      const row = (d: unknown): unknown[] => (types.length === 1 ? [d] : ['k', d]);
      const ids = groupIds(table, [
        row({ a: 1 }),
        row({ a: 1 }),
        row('1'),
        row(1),
        row(1n),
        row(null),
        row([1]),
      ]);
      // A long 1 is 1 whether it is a number or a bigint; the string "1" is not.
      assert.deepEqual(ids, [0, 0, 1, 2, 2, 3, 4], types.join(','));
    }
  });
});
