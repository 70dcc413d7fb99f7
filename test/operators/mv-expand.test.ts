import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KqlError } from '../../src/kql/errors.js';
import { run, unordered } from './rows.js';

describe('mv-expand', () => {
  it('expands arrays into one row per element, duplicating the other columns [mv-expand-operator-00]', async () => {
    const r = await run(`datatable (a: int, b: dynamic)
      [1, dynamic([10, 20]), 2, dynamic(['a', 'b'])]
      | mv-expand b`);
    assert.deepEqual(r.names, ['a', 'b']);
    assert.deepEqual(r.types, ['int', 'dynamic']);
    assert.deepEqual(r.rows, [
      [1, 10],
      [1, 20],
      [2, 'a'],
      [2, 'b'],
    ]);
  });

  it('expands a property bag into single-entry bags by default [mv-expand-operator-01]', async () => {
    const r = await run(`datatable (a: int, b: dynamic)
      [1, dynamic({"prop1": "a1", "prop2": "b1"}), 2, dynamic({"prop1": "a2", "prop2": "b2"})]
      | mv-expand b`);
    assert.deepEqual(r.rows, [
      [1, { prop1: 'a1' }],
      [1, { prop2: 'b1' }],
      [2, { prop1: 'a2' }],
      [2, { prop2: 'b2' }],
    ]);
  });

  it('expands a bag into [key, value] pairs with kind=array [mv-expand-operator-02]', async () => {
    const r = await run(`datatable (a: int, b: dynamic)
      [1, dynamic({"prop1": "a1", "prop2": "b1"})]
      | mv-expand kind=array b | extend key = b[0], val = b[1]`);
    assert.deepEqual(r.names, ['a', 'b', 'key', 'val']);
    assert.deepEqual(r.rows, [
      [1, ['prop1', 'a1'], 'prop1', 'a1'],
      [1, ['prop2', 'b1'], 'prop2', 'b1'],
    ]);
  });

  it('two mv-expands give the cartesian product [mv-expand-operator-04]', async () => {
    const r = await run(`datatable (a: int, b: dynamic, c: dynamic)
      [1, dynamic({"prop1": "a", "prop2": "b"}), dynamic([5, 6])]
      | mv-expand b | mv-expand c`);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [1, { prop1: 'a' }, 5],
        [1, { prop1: 'a' }, 6],
        [1, { prop2: 'b' }, 5],
        [1, { prop2: 'b' }, 6],
      ]),
    );
  });

  it('types only the column given to typeof() [mv-expand-operator-05]', async () => {
    const r = await run(`datatable (a: string, b: dynamic, c: dynamic)
      ["Constant", dynamic([1, 2, 3, 4]), dynamic([6, 7, 8, 9])]
      | mv-expand b, c to typeof(int)`);
    assert.deepEqual(r.types, ['string', 'dynamic', 'int']);
    // Several columns expand in parallel (docs: "Zipped two columns").
    assert.deepEqual(r.rows, [
      ['Constant', 1, 6],
      ['Constant', 2, 7],
      ['Constant', 3, 8],
      ['Constant', 4, 9],
    ]);
  });

  it('adds a 0-based long item index with with_itemindex [mv-expand-operator-06]', async () => {
    const r = await run(`range x from 1 to 4 step 1
      | summarize x = make_list(x)
      | mv-expand with_itemindex=Index x`);
    assert.deepEqual(r.names, ['x', 'Index']);
    assert.deepEqual(r.types, ['dynamic', 'long']);
    assert.deepEqual(r.rows, [
      [1, 0],
      [2, 1],
      [3, 2],
      [4, 3],
    ]);
  });

  it('pads the shorter of several arrays with null (docs: "Zipped two columns")', async () => {
    const r = await run(`datatable (a: int, b: dynamic, c: dynamic)
      [1, dynamic({"prop1":"a", "prop2":"b"}), dynamic([5, 4, 3])]
      | mv-expand b, c`);
    assert.deepEqual(r.rows, [
      [1, { prop1: 'a' }, 5],
      [1, { prop2: 'b' }, 4],
      [1, null, 3],
    ]);
  });

  it('gives one null row for null, none for an empty array (docs: mv-expand "Returns")', async () => {
    const r = await run(`datatable (a: int, b: dynamic)
      [1, dynamic(null), 2, dynamic([]), 3, dynamic({})]
      | mv-expand b`);
    assert.deepEqual(r.rows, [[1, null]]);
  });

  it('names an unnamed expression as the binder does and appends it', async () => {
    const r = await run(`print d = dynamic({"a": [{"x": 1}, {"x": 2}]})
      | mv-expand d.a | project d_a`);
    assert.deepEqual(r.names, ['d_a']);
    assert.deepEqual(r.rows, [[{ x: 1 }], [{ x: 2 }]]);
  });

  it('replaces a same-named column in place, and appends a new name', async () => {
    const r = await run(`print a = 1, d = dynamic(["x", "y"]), e = dynamic([7])
      | mv-expand a2 = e, d to typeof(string)`);
    assert.deepEqual(r.names, ['a', 'd', 'e', 'a2']);
    assert.deepEqual(r.types, ['long', 'string', 'dynamic', 'dynamic']);
    assert.deepEqual(r.rows, [
      [1, 'x', [7], 7],
      [1, 'y', [7], null],
    ]);
  });

  it('limits the rows per input row; legacy mvexpand defaults to 128 (docs: RowLimit)', async () => {
    const limited = await run('print r = dynamic([1, 2, 3, 4]) | mv-expand r limit 2');
    assert.deepEqual(limited.rows, [[1], [2]]);
    const legacy = await run(
      'range x from 1 to 300 step 1 | summarize r = make_list(x) | mvexpand r | count',
    );
    assert.deepEqual(legacy.rows, [[128]]);
    const modern = await run(
      'range x from 1 to 300 step 1 | summarize r = make_list(x) | mv-expand r | count',
    );
    assert.deepEqual(modern.rows, [[300]]);
  });

  it('casts to typeof(T) without converting: elements that are not a T become null (docs: Typename)', async () => {
    const r = await run(`print r = dynamic([1, "2", 2.5, true])
      | mv-expand l = r to typeof(long), s = r to typeof(string), b = r to typeof(bool)
      | project l, s, b`);
    assert.deepEqual(r.rows, [
      [1, '', null],
      [null, '2', null],
      [null, '', null],
      [null, '', true],
    ]);
  });

  it('refuses expanding a value that is not dynamic', async () => {
    await assert.rejects(
      run('print s = "abc" | mv-expand x = s'),
      (e) => e instanceof KqlError && (e.code === 'unsupported' || e.code === 'semantic'),
    );
  });
});
