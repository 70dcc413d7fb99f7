import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run, unordered } from './rows.js';

const EVENTS = (rows: string) => `datatable (Ts: timespan, Event: string) [${rows}] | sort by Ts asc`;

describe('scan', () => {
  it('a cumulative sum, from the declared default [scan-operator-00]', async () => {
    const r = await run(`range x from 1 to 5 step 1
      | scan declare (cumulative_x:long=0) with (step s1: true => cumulative_x = x + s1.cumulative_x;)`);
    assert.deepEqual(r.names, ['x', 'cumulative_x']);
    assert.deepEqual(r.rows, [
      [1, 1],
      [2, 3],
      [3, 6],
      [4, 10],
      [5, 15],
    ]);
  });

  it('resets on a condition [scan-operator-01]', async () => {
    const r = await run(`range x from 1 to 5 step 1 | extend y = 2 * x
      | scan declare (cumulative_x:long=0, cumulative_y:long=0) with (
          step s1: true => cumulative_x = iff(s1.cumulative_x >= 10, x, x + s1.cumulative_x),
                           cumulative_y = iff(s1.cumulative_y >= 10, y, y + s1.cumulative_y);)`);
    assert.deepEqual(r.rows, [
      [1, 2, 1, 2],
      [2, 4, 3, 6],
      [3, 6, 6, 12],
      [4, 8, 10, 8],
      [5, 10, 5, 18],
    ]);
  });

  it('fills forward [scan-operator-02]', async () => {
    const r = await run(`${EVENTS('0m, "A", 1m, "", 2m, "B", 3m, ""')}
      | scan declare (Event_filled: string="") with (step s1: true => Event_filled = iff(isempty(Event), s1.Event_filled, Event);)
      | project Event_filled`);
    assert.deepEqual(r.rows, [['A'], ['A'], ['B'], ['B']]);
  });

  it('matches sequences across steps, with match ids [scan-operator-07]', async () => {
    const r =
      await run(`${EVENTS('0m, "A", 1m, "Start", 2m, "B", 3m, "D", 4m, "Stop", 6m, "C", 8m, "Start", 11m, "E", 12m, "Stop"')}
      | scan with_match_id=m_id with (
          step s1: Event == "Start";
          step s2: Event != "Start" and Event != "Stop" and Ts - s1.Ts <= 5m;
          step s3: Event == "Stop" and Ts - s1.Ts <= 5m;)`);
    assert.deepEqual(r.names, ['Ts', 'Event', 'm_id']);
    assert.deepEqual(r.rows, [
      ['00:01:00', 'Start', 0],
      ['00:02:00', 'B', 0],
      ['00:03:00', 'D', 0],
      ['00:04:00', 'Stop', 0],
      ['00:08:00', 'Start', 1],
      ['00:11:00', 'E', 1],
      ['00:12:00', 'Stop', 1],
    ]);
  });

  it('tags sessions; an output=none step only moves the sequence on (docs: "Sessions tagging")', async () => {
    const r =
      await run(`${EVENTS('0m, "A", 1m, "A", 2m, "B", 3m, "D", 32m, "B", 36m, "C", 38m, "D", 41m, "E", 75m, "A"')}
      | scan with_match_id=session_id declare (sessionStart: timespan) with (
          step inSession: true => sessionStart = iff(isnull(inSession.sessionStart), Ts, inSession.sessionStart);
          step endSession output=none: Ts - inSession.sessionStart > 30m;)
      | project Ts, sessionStart, session_id`);
    assert.deepEqual(r.rows, [
      ['00:00:00', '00:00:00', 0],
      ['00:01:00', '00:00:00', 0],
      ['00:02:00', '00:00:00', 0],
      ['00:03:00', '00:00:00', 0],
      ['00:32:00', '00:32:00', 1],
      ['00:36:00', '00:32:00', 1],
      ['00:38:00', '00:32:00', 1],
      ['00:41:00', '00:32:00', 1],
      ['01:15:00', '01:15:00', 2],
    ]);
  });
});

describe('partition', () => {
  it('runs the subquery per partition [scan-operator-04]', async () => {
    const r = await run(`datatable(Timestamp:datetime, userID:int, EventType:string) [
        datetime(2024-05-28 08:15:23), 1, "login", datetime(2024-05-28 08:30:15), 2, "login",
        datetime(2024-05-28 09:10:27), 3, "login", datetime(2024-05-28 12:30:45), 1, "logout",
        datetime(2024-05-28 11:45:32), 2, "logout", datetime(2024-05-28 13:25:19), 3, "logout"]
      | sort by userID, Timestamp
      | partition hint.strategy=native by userID (
          sort by Timestamp asc
          | scan declare (start: datetime, end: datetime, sessionDuration: timespan) with (
              step s1 output=none: EventType == "login" => start = Timestamp;
              step s2 output=all: EventType == "logout" => start = s1.start, end = Timestamp, sessionDuration = Timestamp - s1.start;))
      | project start, end, userID, sessionDuration`);
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        ['2024-05-28T08:15:23.0000000Z', '2024-05-28T12:30:45.0000000Z', 1, '04:15:22'],
        ['2024-05-28T09:10:27.0000000Z', '2024-05-28T13:25:19.0000000Z', 3, '04:14:52'],
        ['2024-05-28T08:30:15.0000000Z', '2024-05-28T11:45:32.0000000Z', 2, '03:15:17'],
      ]),
    );
  });

  it('top per partition restarts for every partition', async () => {
    const r = await run(
      'range x from 1 to 10 step 1 | extend k = x % 3 | partition by k (top 1 by x) | project k, x',
    );
    assert.deepEqual(
      unordered(r.rows),
      unordered([
        [1, 10],
        [2, 8],
        [0, 9],
      ]),
    );
  });
});
