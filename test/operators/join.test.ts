import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, unordered } from './rows.js';

describe('join and lookup', () => {
  it('lookup appends the right side non-key columns [lookup-operator-01]', async () => {
    const r = await run(`let FactTable = datatable(Row:string, Personal:string, Family:string)
        ["1", "Rowan", "Murphy", "2", "Ellis", "Turner", "3", "Ellis", "Turner", "4", "Maya", "Robinson"];
      let DimTable = datatable(Personal:string, Family:string, Alias:string)
        ["Rowan", "Murphy", "rowanm", "Ellis", "Turner", "ellist"];
      FactTable | lookup kind=leftouter DimTable on Personal, Family`);
    assert.deepEqual(r.names, ['Row', 'Personal', 'Family', 'Alias']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        ['1', 'Rowan', 'Murphy', 'rowanm'],
        ['2', 'Ellis', 'Turner', 'ellist'],
        ['3', 'Ellis', 'Turner', 'ellist'],
        ['4', 'Maya', 'Robinson', ''],
      ]),
    );
    const inner = await run(`datatable(a:string, b:long)["x", 1, "y", 2]
      | lookup kind=inner (datatable(k:string, c:long, b:long)["x", 10, 100]) on $left.a == $right.k`);
    assert.deepEqual(inner.names, ['a', 'b', 'c', 'b1']);
    assert.deepEqual(inner.rows, [['x', 1, 10, 100]]);
  });

  it('a where on left columns after innerunique selects the left row before the dedup [join-innerunique-03]', async () => {
    const r = await run(`let t1 = datatable(key: long, value: string) [1, "val1.1", 1, "val1.2"];
      let t2 = datatable(key: long, value: string) [1, "val1.3", 1, "val1.4"];
      t1 | join kind = innerunique t2 on key | where value == "val1.2"`);
    assert.deepEqual(r.names, ['key', 'value', 'key1', 'value1']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [1, 'val1.2', 1, 'val1.3'],
        [1, 'val1.2', 1, 'val1.4'],
      ]),
    );
  });

  it('innerunique keeps one left row per key but every matching right row [join-innerunique-00]', async () => {
    const r = await run(`let t1 = datatable(key:string, value:int) ['a', 1, 'b', 2, 'b', 3, 'c', 4];
      let t2 = datatable(key:string, value:int) ['b', 10, 'c', 20, 'c', 30, 'd', 40];
      t1 | join t2 on key | project key, value, value1`);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        ['b', 2, 10],
        ['c', 4, 20],
        ['c', 4, 30],
      ]),
    );
  });
});
