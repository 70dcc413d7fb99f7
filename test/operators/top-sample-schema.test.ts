import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from './rows.js';

describe('top, sample, getschema, render', () => {
  it('top N by a key keeps the N first rows in key order (docs: top-operator.md)', async () => {
    const r = await run('range x from 1 to 1000 step 1 | extend k = x % 7 | top 3 by k desc');
    assert.equal(r.rows.length, 3);
    for (const row of r.rows) assert.equal(row[1], 6);
    const asc = await run('datatable(x:long)[5, 1, 4, 2, 3] | top 2 by x asc');
    assert.deepEqual(asc.rows, [[1], [2]]);
    const nulls = await run('datatable(x:long)[5, long(null), 4] | top 2 by x desc');
    assert.deepEqual(nulls.rows, [[5], [4]]);
  });

  it('sample N returns N of the rows, and all of fewer (docs: sample-operator.md)', async () => {
    const r = await run('range x from 1 to 100 step 1 | sample 5');
    assert.equal(r.rows.length, 5);
    assert.equal(new Set(r.rows.map((x) => x[0])).size, 5);
    const few = await run('range x from 1 to 3 step 1 | sample 5');
    assert.deepEqual(few.rows, [[1], [2], [3]]);
  });

  it('getschema lists the columns [mv-expand-operator-05]', async () => {
    const r =
      await run(`datatable (a: string, b: dynamic, c: dynamic)["Constant", dynamic([1, 2]), dynamic([6, 7])]
      | mv-expand b, c to typeof(int) | getschema`);
    assert.deepEqual(r.names, ['ColumnName', 'ColumnOrdinal', 'DataType', 'ColumnType']);
    assert.deepEqual(r.rows, [
      ['a', 0, 'System.String', 'string'],
      ['b', 1, 'System.Object', 'dynamic'],
      ['c', 2, 'System.Int32', 'int'],
    ]);
  });

  it('render leaves the rows as they are', async () => {
    const r = await run('range x from 1 to 3 step 1 | render timechart');
    assert.deepEqual(r.rows, [[1], [2], [3]]);
  });
});
