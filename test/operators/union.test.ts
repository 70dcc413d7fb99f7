import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KqlError } from '../../src/kql/errors.js';
import { run, unordered } from './rows.js';

describe('union and as', () => {
  it('names each leg in withsource= by its `as` name [as-operator-00, as-operator-01]', async () => {
    const piped = await run(`range x from 1 to 2 step 1 | as T1
      | union withsource=TableName (range x from 1 to 2 step 1 | as T2)`);
    assert.deepEqual(piped.names, ['TableName', 'x']);
    assert.deepEqual(
      unordered(piped.rows),
      unordered([
        ['T1', 1],
        ['T1', 2],
        ['T2', 1],
        ['T2', 2],
      ]),
    );
    const standalone = await run(
      'union withsource=TableName (range x from 1 to 2 step 1 | as T1), (range x from 1 to 2 step 1 | as T2)',
    );
    assert.deepEqual(unordered(standalone.rows), unordered(piped.rows));
  });

  it('splits a name with several types into name_type columns, by view name [union-operator-05]', async () => {
    const r = await run(`let View_1 = view () { print x=1 };
      let View_2 = view () { print x=toint(2) };
      union withsource=TableName View_1, View_2`);
    assert.deepEqual(r.names, ['TableName', 'x_long', 'x_int']);
    assert.deepEqual(r.types, ['string', 'long', 'int']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        ['View_2', null, 2],
        ['View_1', 1, null],
      ]),
    );
  });

  it('fills the columns a leg lacks with null (kind=outer), keeps shared ones with kind=inner', async () => {
    const outer = await run('union (print a = 1, b = "x"), (print a = 2, c = 1.5)');
    assert.deepEqual(outer.names, ['a', 'b', 'c']);
    assert.deepEqual(
      unordered(outer.rows),
      unordered([
        [1, 'x', null],
        [2, '', 1.5],
      ]),
    );
    const inner = await run('union kind=inner (print a = 1, b = "x"), (print a = 2, c = 1.5)');
    assert.deepEqual(inner.names, ['a']);
    assert.deepEqual(unordered(inner.rows), unordered([[1], [2]]));
  });

  it('accepts isfuzzy=true over legs that exist', async () => {
    const r = await run('let A = print a = 1; let B = print a = 2; union isfuzzy=true A, B | count');
    assert.deepEqual(r.rows, [[2]]);
  });

  it('refuses withsource= over a leg it cannot name', async () => {
    await assert.rejects(
      run('union withsource=S (print a = 1), (print a = 2)'),
      (e) => e instanceof KqlError && e.code === 'unsupported',
    );
  });
});
