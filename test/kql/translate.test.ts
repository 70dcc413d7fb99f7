import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileQuery } from '../../src/kql/analyze.js';
import { KqlError } from '../../src/kql/errors.js';
import { TABLES } from '../../src/tables/index.js';
import { run } from '../operators/rows.js';

describe('column_ifexists()', () => {
  it('is the column when the input has it, typed as the column (docs: column-ifexists-function.md)', async () => {
    const r = await run(`print d = dynamic({"a": 1})
      | extend x = columnifexists("d", "")
      | project v = x.a, w = column_ifexists("nope", 5)`);
    assert.deepEqual(r.types, ['dynamic', 'long']);
    assert.deepEqual(r.rows, [[1, 5]]);
  });

  it('names a column that needs brackets', async () => {
    const r = await run('print ["my col"] = 3 | project w = column_ifexists("my col", 5)');
    assert.deepEqual(r.rows, [[3]]);
  });

  it('keeps the positions of later errors', () => {
    const text = 'print d = 1\n| extend x = column_ifexists("d", 0)\n| extend y = nosuch';
    assert.throws(
      () => compileQuery(text, TABLES),
      (e) => e instanceof KqlError && e.position?.line === 3 && e.position.column === 14,
    );
  });
});

describe('arguments by name', () => {
  it('passes named aggregate arguments in parameter order (make_set(x, MaxSize=3))', async () => {
    const r = await run(
      'range x from 1 to 20 step 1 | summarize s = make_set(x, MaxSize=3), l = make_list(x, maxSize=2)',
    );
    assert.deepEqual(r.rows, [
      [
        [1, 2, 3],
        [1, 2],
      ],
    ]);
  });

  it('binds named arguments of a user function by parameter name', async () => {
    const r = await run(
      'let f = (len:long, s:string) { strlen(s) > len }; datatable(s:string)["123", "4567"] | where f(len=3, s)',
    );
    assert.deepEqual(r.rows, [['4567']]);
  });
});

describe('toscalar and dynamic literals', () => {
  it('toscalar of a scalar is the scalar [toscalar-function-07]', async () => {
    const r = await run(`let Start = toscalar(print x=1);
      let End = toscalar(range x from 1 to 9 step 1 | count);
      let Step = toscalar(2);
      range z from Start to End step Step | extend start=Start, end=End, step=Step`);
    assert.deepEqual(r.rows, [
      [1, 1, 9, 2],
      [3, 1, 9, 2],
      [5, 1, 9, 2],
      [7, 1, 9, 2],
      [9, 1, 9, 2],
    ]);
  });

  it('reads dynamic() nested inside a dynamic literal [dynamic-to-json-function-00]', async () => {
    const r = await run("print d = dynamic({'a': dynamic({'b': 1}), 'c': dynamic([])})");
    assert.deepEqual(r.rows, [[{ a: { b: 1 }, c: [] }]]);
  });
});
