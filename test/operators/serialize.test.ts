import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from './rows.js';

describe('serialize and the row functions', () => {
  it('row_number() after sort, and from a start [row-number-function-00, -01]', async () => {
    const r = await run('range a from 1 to 4 step 1 | sort by a desc | extend rn = row_number()');
    assert.deepEqual(r.rows, [
      [4, 1],
      [3, 2],
      [2, 3],
      [1, 4],
    ]);
    const from7 = await run('range a from 1 to 3 step 1 | sort by a desc | extend rn = row_number(7)');
    assert.deepEqual(from7.rows, [
      [3, 7],
      [2, 8],
      [1, 9],
    ]);
  });

  it('serialize computes row_cumsum() [row-cumsum-function-00]', async () => {
    const r = await run(
      'datatable (a:long) [1, 2, 3, 4, 5, 6, 7, 8, 9, 10] | where a % 2 == 0 | serialize cs = row_cumsum(a)',
    );
    assert.deepEqual(r.names, ['a', 'cs']);
    assert.deepEqual(r.rows, [
      [2, 2],
      [4, 6],
      [6, 12],
      [8, 20],
      [10, 30],
    ]);
  });

  it('row_cumsum() restarts where prev() says the partition changed [row-cumsum-function-01]', async () => {
    const r = await run(`datatable (name:string, month:int, salary:long)
      ["Alice", 1, 1000, "Bob", 1, 1000, "Alice", 2, 2000, "Bob", 2, 1950, "Alice", 3, 1400, "Bob", 3, 1450]
      | order by name asc, month asc
      | extend total = row_cumsum(salary, name != prev(name))`);
    assert.deepEqual(r.rows, [
      ['Alice', 1, 1000, 1000],
      ['Alice', 2, 2000, 3000],
      ['Alice', 3, 1400, 4400],
      ['Bob', 1, 1000, 1000],
      ['Bob', 2, 1950, 2950],
      ['Bob', 3, 1450, 4400],
    ]);
  });

  it('row_rank_dense() and row_rank_min() [row-rank-dense-function-00, row-rank-min-function-00]', async () => {
    const data = `datatable (Airline:string, Departures:long) ["LH", 3, "LY", 100, "UA", 3, "BA", 2, "EL", 3]
      | sort by Departures asc`;
    const dense = await run(`${data} | extend Rank = row_rank_dense(Departures) | project Departures, Rank`);
    assert.deepEqual(dense.rows, [
      [2, 1],
      [3, 2],
      [3, 2],
      [3, 2],
      [100, 3],
    ]);
    const min = await run(`${data} | extend Rank = row_rank_min(Departures) | project Departures, Rank`);
    assert.deepEqual(min.rows, [
      [2, 1],
      [3, 2],
      [3, 2],
      [3, 2],
      [100, 5],
    ]);
  });

  it('row_rank_dense() restarts per partition [row-rank-dense-function-01]', async () => {
    const r =
      await run(`datatable (Airport:string, Departures:long) ["SEA", 3, "SEA", 100, "SEA", 2, "AMS", 1, "AMS", 1]
      | sort by Airport desc, Departures asc
      | extend Rank = row_rank_dense(Departures, prev(Airport) != Airport)`);
    assert.deepEqual(r.rows, [
      ['SEA', 2, 1],
      ['SEA', 3, 2],
      ['SEA', 100, 3],
      ['AMS', 1, 1],
      ['AMS', 1, 1],
    ]);
  });

  it('row_window_session() [row-window-session-function-00]', async () => {
    const r = await run(`datatable (ID:string, Timestamp:datetime) [
        "1", datetime(2024-04-11 10:00:00), "2", datetime(2024-04-11 10:18:00), "1", datetime(2024-04-11 11:00:00),
        "3", datetime(2024-04-11 11:30:00), "2", datetime(2024-04-11 13:30:00), "2", datetime(2024-04-11 10:16:00)]
      | sort by ID asc, Timestamp asc
      | extend SessionStarted = row_window_session(Timestamp, 1h, 5m, ID != prev(ID))
      | project ID, SessionStarted`);
    assert.deepEqual(r.rows, [
      ['1', '2024-04-11T10:00:00.0000000Z'],
      ['1', '2024-04-11T11:00:00.0000000Z'],
      ['2', '2024-04-11T10:16:00.0000000Z'],
      ['2', '2024-04-11T10:16:00.0000000Z'],
      ['2', '2024-04-11T13:30:00.0000000Z'],
      ['3', '2024-04-11T11:30:00.0000000Z'],
    ]);
  });

  it('prev() and next() with offsets and defaults (docs: prev-function.md, next-function.md)', async () => {
    const r = await run(`range a from 1 to 4 step 1 | serialize
      | extend p = prev(a), p2 = prev(a, 2, -1), n = next(a), n2 = next(a, 2, 0)`);
    assert.deepEqual(r.rows, [
      [1, null, -1, 2, 3],
      [2, 1, -1, 3, 4],
      [3, 2, 1, 4, 0],
      [4, 3, 2, null, 0],
    ]);
  });

  it('prev() of a string is "" on the first row', async () => {
    const r = await run('datatable(s:string)["a", "b"] | serialize | extend p = prev(s)');
    assert.deepEqual(r.rows, [
      ['a', ''],
      ['b', 'a'],
    ]);
  });
});
