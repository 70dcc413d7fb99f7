import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KqlError } from '../../src/kql/errors.js';
import { run, unordered } from './rows.js';

describe('top-nested', () => {
  it('the latest records per identity [top-nested-operator-03]', async () => {
    const r = await run(`datatable(id: string, timestamp: datetime, otherInformation: string) [
        "Barak", datetime(2015-01-01), "1", "Barak", datetime(2016-01-01), "2", "Barak", datetime(2017-01-20), "3",
        "Donald", datetime(2017-01-20), "4", "Donald", datetime(2017-01-18), "5", "Donald", datetime(2017-01-19), "6"]
      | top-nested of id by Ignore0=max(1),
        top-nested 2 of timestamp by Ignore1=max(timestamp),
        top-nested of otherInformation by Ignore2=max(1)
      | project-away Ignore0, Ignore1, Ignore2`);
    assert.deepEqual(r.names, ['id', 'timestamp', 'otherInformation']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        ['Donald', '2017-01-20T00:00:00.0000000Z', '4'],
        ['Donald', '2017-01-19T00:00:00.0000000Z', '6'],
        ['Barak', '2017-01-20T00:00:00.0000000Z', '3'],
        ['Barak', '2016-01-01T00:00:00.0000000Z', '2'],
      ]),
    );
  });

  it('keeps the top N of each level by its aggregate, within each group above (docs: top-nested-operator.md)', async () => {
    const r = await run(`datatable(State:string, Type:string, Damage:long)
        ["A", "x", 10, "A", "y", 5, "A", "z", 1, "B", "x", 2, "B", "y", 30, "C", "x", 1]
      | top-nested 2 of State by sum(Damage), top-nested 1 of Type by sum(Damage)`);
    assert.deepEqual(r.names, ['State', 'aggregated_State', 'Type', 'aggregated_Type']);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        ['B', 32, 'y', 30],
        ['A', 16, 'x', 10],
      ]),
    );
    const asc = await run(
      'datatable(k:string, v:long)["a", 3, "b", 1, "c", 2] | top-nested 1 of k by min(v) asc',
    );
    assert.deepEqual(asc.rows, [['b', 1]]);
  });

  it('refuses with others', async () => {
    await assert.rejects(
      run('datatable(k:string, v:long)["a", 1] | top-nested 1 of k with others = "rest" by sum(v)'),
      (e) => e instanceof KqlError && e.code === 'unsupported',
    );
  });
});
