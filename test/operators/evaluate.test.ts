import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KqlError } from '../../src/kql/errors.js';
import { run } from './rows.js';

describe('evaluate bag_unpack', () => {
  it('unpacks the slots an output schema names, typed as it says (docs: bag-unpack-plugin.md)', async () => {
    const r =
      await run(`datatable(x:long, d:dynamic)[1, dynamic({"Name": "John", "Age": 20}), 2, dynamic({"Age": 40})]
      | evaluate bag_unpack(d) : (*, Name:string, Age:long)`);
    assert.deepEqual(r.names, ['x', 'Name', 'Age']);
    assert.deepEqual(r.rows, [
      [1, 'John', 20],
      [2, '', 40],
    ]);
  });

  it('resolves a name the input also has by columnsConflict [bag-unpack-plugin-02, -03]', async () => {
    const data = `datatable(Name:string, d:dynamic)['James', dynamic({"Name": "John", "Age": 20})]`;
    const replaced = await run(
      `${data} | evaluate bag_unpack(d, columnsConflict='replace_source') : (*, Name:string, Age:long)`,
    );
    assert.deepEqual(replaced.rows, [['John', 20]]);
    const kept = await run(
      `${data} | evaluate bag_unpack(d, columnsConflict='keep_source') : (*, Name:string, Age:long)`,
    );
    assert.deepEqual(kept.rows, [['James', 20]]);
  });

  it('refuses bag_unpack without an output schema, saying how to write one', async () => {
    await assert.rejects(run('datatable(d:dynamic)[dynamic({"a": 1})] | evaluate bag_unpack(d)'), (e) => {
      assert.ok(e instanceof KqlError);
      assert.equal(e.code, 'unsupported');
      assert.match(e.message, /bag_unpack\(d\) : \(\*, Name:string/);
      return true;
    });
  });

  it('refuses other plugins by name', async () => {
    await assert.rejects(
      run('range x from 1 to 3 step 1 | evaluate narrow()'),
      (e) => e instanceof KqlError && (e.code === 'unsupported' || e.code === 'semantic'),
    );
  });
});
