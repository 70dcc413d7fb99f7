import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, unordered } from './rows.js';

describe('sources and simple operators', () => {
  it('print names unnamed columns print_N [print-operator-00]', async () => {
    const r = await run('print 0 + 1 + 2 + 3 + 4 + 5, x = "Wow!"');
    assert.deepEqual(r.names, ['print_0', 'x']);
    assert.deepEqual(r.rows, [[15, 'Wow!']]);
  });

  it('datatable then where and a dynamic member [datatable-operator-00]', async () => {
    const r = await run(`datatable(Date:datetime, Event:string, MoreData:dynamic) [
        datetime(1910-06-11), "Born", dynamic({"key1":"value1", "key2":"value2"}),
        datetime(1930-01-01), "Enters Ecole Navale", dynamic({"key1":"value3", "key2":"value4"})]
      | where strlen(Event) > 4 | extend key2 = MoreData.key2`);
    assert.deepEqual(r.names, ['Date', 'Event', 'MoreData', 'key2']);
    assert.deepEqual(r.rows, [
      ['1930-01-01T00:00:00.0000000Z', 'Enters Ecole Navale', { key1: 'value3', key2: 'value4' }, 'value4'],
    ]);
  });

  it('range over a let-bound bracketed name [let-statement-01]', async () => {
    const r = await run("let ['some number'] = 20; range y from 0 to ['some number'] step 5");
    assert.deepEqual(r.rows, [[0], [5], [10], [15], [20]]);
  });

  it('count, distinct, take', async () => {
    assert.deepEqual((await run('range x from 1 to 10 step 3 | count')).rows, [[4]]);
    const d = await run('datatable(a:long, b:string)[1, "x", 1, "x", 2, "y"] | distinct a, b');
    assert.deepEqual(
      unordered(d.rows),
      unordered([
        [1, 'x'],
        [2, 'y'],
      ]),
    );
    assert.equal((await run('range x from 1 to 10 step 1 | take 3')).rows.length, 3);
    assert.equal((await run('range x from 1 to 10 step 1 | limit 0')).rows.length, 0);
  });

  it('the project family, wildcards included (docs: project-away, project-keep, project-reorder)', async () => {
    const q = 'print a1=1, b=2, a2=3, c=4';
    assert.deepEqual((await run(`${q} | project-away a*`)).names, ['b', 'c']);
    assert.deepEqual((await run(`${q} | project-keep a*, c`)).names, ['a1', 'a2', 'c']);
    assert.deepEqual((await run(`${q} | project-reorder c, a* desc`)).names, ['c', 'a2', 'a1', 'b']);
    const renamed = await run(`${q} | project-rename x = a1, y = b`);
    assert.deepEqual(renamed.names, ['x', 'y', 'a2', 'c']);
    assert.deepEqual(renamed.rows, [[1, 2, 3, 4]]);
    const reordered = await run("print a='a', b='b', c='c' | project-reorder b");
    assert.deepEqual(reordered.names, ['b', 'a', 'c']);
    assert.deepEqual(reordered.rows, [['b', 'a', 'c']]);
  });

  it('sort: descending by default, nulls last when descending and first when ascending (docs: sort-operator.md)', async () => {
    const data = 'datatable(x:long)[3, long(null), 1]';
    assert.deepEqual((await run(`${data} | sort by x`)).rows, [[3], [1], [null]]);
    assert.deepEqual((await run(`${data} | order by x asc`)).rows, [[null], [1], [3]]);
    assert.deepEqual((await run(`${data} | sort by x asc nulls last`)).rows, [[1], [3], [null]]);
  });

  it('toscalar() is computed once for the query, a let of a scalar per row [toscalar-function-08]', async () => {
    const r = await run(
      'let g1 = toscalar(new_guid()); let g2 = new_guid(); range x from 1 to 2 step 1 | extend x = g1, y = g2',
    );
    const [first, second] = r.rows as [unknown[], unknown[]];
    assert.equal(first[0], second[0]);
    assert.notEqual(first[1], second[1]);
  });

  it('a materialized table used twice reads its rows once and gives both consumers the same rows', async () => {
    const r = await run(
      'let T = materialize(range x from 1 to 3 step 1 | extend r = rand()); T | join kind=inner (T) on x | where r != r1 | count',
    );
    assert.deepEqual(r.rows, [[0]]);
  });
});
