import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, unordered } from './rows.js';

describe('mv-apply', () => {
  it('runs the subquery over each row subtable and keeps the other columns [mv-apply-operator-01]', async () => {
    const r =
      await run(`let data = datatable (index: int, Arr: dynamic) [0, dynamic([7]), 1, dynamic([6, 11, 7])];
      data | mv-apply Arr2 = Arr to typeof(long) on (take 100)`);
    assert.deepEqual(r.names, ['index', 'Arr', 'Arr2']);
    assert.deepEqual(r.types, ['int', 'dynamic', 'long']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [0, [7], 7],
        [1, [6, 11, 7], 6],
        [1, [6, 11, 7], 11],
        [1, [6, 11, 7], 7],
      ]),
    );
  });

  it('top per row [mv-apply-operator-02]', async () => {
    const r =
      await run(`let data = datatable (index: int, Arr: dynamic) [0, dynamic([1, 5, 3]), 1, dynamic([10, 2, 5, 7])];
      data | mv-apply topElem = Arr to typeof(long) on (top 1 by topElem)`);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [0, [1, 5, 3], 5],
        [1, [10, 2, 5, 7], 10],
      ]),
    );
  });

  it('summarizes each subtable on its own [mv-apply-operator-03]', async () => {
    const r =
      await run(`let data = datatable (index: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])];
      data | mv-apply Arr2 = Arr to typeof(long) on (top 2 by Arr2 | summarize Top2 = make_list(Arr2))`);
    assert.deepEqual(r.names, ['index', 'Arr', 'Top2']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [0, [5, 1, 3], [5, 3]],
        [1, [4, 10, 8, 7], [10, 8]],
      ]),
    );
  });

  it('expands several columns in parallel [mv-apply-operator-04, -06]', async () => {
    const r = await run(`datatable (Val: int, Arr1: dynamic, Arr2: dynamic)
      [1, dynamic(['A1', 'A2']), dynamic(['B1', 'B2', 'B3']), 5, dynamic(['C1', 'C2']), dynamic(['D1'])]
      | mv-apply T1 = Arr1, T2 = Arr2 on (extend Out = strcat(T1, "_", T2) | summarize Out = make_list(Out))`);
    assert.deepEqual(r.names, ['Val', 'Arr1', 'Arr2', 'Out']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [1, ['A1', 'A2'], ['B1', 'B2', 'B3'], ['A1_B1', 'A2_B2', '_B3']],
        [5, ['C1', 'C2'], ['D1'], ['C1_D1', 'C2_']],
      ]),
    );
    const four = await run(`datatable (Val:int, Arr1:dynamic, Arr2:dynamic)
      [1, dynamic(['A1', 'A2', 'A3']), dynamic([10, 30, 7]),
       7, dynamic(['B1', 'B2', 'B5']), dynamic([15, 11, 50]),
       3, dynamic(['C1', 'C2', 'C3', 'C4']), dynamic([6, 40, 20, 8])]
      | mv-apply NewArr1 = Arr1, NewArr2 = Arr2 to typeof(long) on (
          top 2 by NewArr2 | summarize NewArr1 = make_list(NewArr1), NewArr2 = make_list(NewArr2))`);
    assert.deepEqual(four.names, ['Val', 'Arr1', 'Arr2', 'NewArr1', 'NewArr2']);
    assert.deepEqual(
      unordered(four.rows),
      unordered([
        [1, ['A1', 'A2', 'A3'], [10, 30, 7], ['A2', 'A1'], [30, 10]],
        [7, ['B1', 'B2', 'B5'], [15, 11, 50], ['B5', 'B1'], [50, 15]],
        [3, ['C1', 'C2', 'C3', 'C4'], [6, 40, 20, 8], ['C2', 'C3'], [40, 20]],
      ]),
    );
  });

  it('sees the item index in the subquery (docs: "Using with_itemindex")', async () => {
    const r =
      await run(`let data = datatable (row: int, Arr: dynamic) [0, dynamic([5, 1, 3]), 1, dynamic([4, 10, 8, 7])];
      data | mv-apply with_itemindex=index value = Arr to typeof(long) on (where index >= 2)`);
    assert.deepEqual(r.names, ['row', 'Arr', 'value', 'index']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [0, [5, 1, 3], 3, 2],
        [1, [4, 10, 8, 7], 8, 2],
        [1, [4, 10, 8, 7], 7, 3],
      ]),
    );
  });

  it('drops rows whose subquery returns nothing and replaces an expanded column in place', async () => {
    const r = await run(`datatable (id: int, Details: dynamic)
      [1, dynamic([{"key": "User-Agent", "value": "curl"}, {"key": "x", "value": "y"}]),
       2, dynamic([{"key": "x", "value": "z"}])]
      | mv-apply Details on (where Details.key == "User-Agent" | extend UserAgent = tostring(Details.value))`);
    assert.deepEqual(r.names, ['id', 'Details', 'UserAgent']);
    assert.deepEqual(r.rows, [[1, { key: 'User-Agent', value: 'curl' }, 'curl']]);
  });

  it('summarize without by over an empty subtable still gives a row per input row', async () => {
    const r = await run(`datatable (id: int, a: dynamic) [1, dynamic([1, 2]), 2, dynamic([])]
      | mv-apply x = a on (where x > 1 | summarize n = count(), l = make_list(x))`);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [1, [1, 2], 1, [2]],
        [2, [], 0, []],
      ]),
    );
  });

  it('restarts its subquery for every row (take, top and sort do not carry over)', async () => {
    const r = await run(`range i from 1 to 3 step 1
      | extend a = pack_array(i * 10, i * 10 + 1, i * 10 + 2)
      | mv-apply x = a to typeof(long) on (sort by x asc | take 1)
      | project i, x`);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [1, 10],
        [2, 20],
        [3, 30],
      ]),
    );
  });
});
