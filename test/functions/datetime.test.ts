/** Datetime and timespan functions: values from the real-engine cases (ids). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { formatDateTime } from '../../src/engine/values/datetime.js';
import { formatTimespan } from '../../src/engine/values/timespan.js';
import { value } from './scalar.js';

const dt = async (e: string) => formatDateTime((await value(e)) as bigint);
const ts = async (e: string) => formatTimespan((await value(e)) as bigint);

describe('datetime functions', () => {
  it('datetime_part [datetime-part-function-00]', async () => {
    const d = 'datetime(2017-10-30 01:02:03.7654321)';
    const parts = [
      'year',
      'quarter',
      'month',
      'week_of_year',
      'day',
      'dayOfYear',
      'hour',
      'minute',
      'second',
      'millisecond',
      'microsecond',
      'nanosecond',
    ];
    const got = [];
    for (const p of parts) got.push(Number(await value(`datetime_part("${p}", ${d})`)));
    assert.deepEqual(got, [2017, 4, 10, 44, 30, 303, 1, 2, 3, 765, 765432, 765432100]);
  });

  it('datetime_diff counts boundaries [datetime-diff-function-00]', async () => {
    assert.equal(await value("datetime_diff('year', datetime(2017-01-01), datetime(2000-12-31))"), 17n);
    assert.equal(await value("datetime_diff('quarter', datetime(2017-07-01), datetime(2017-03-30))"), 2n);
    assert.equal(await value("datetime_diff('month', datetime(2017-01-01), datetime(2015-12-30))"), 13n);
    assert.equal(
      await value("datetime_diff('day', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59))"),
      29n,
    );
    assert.equal(
      await value("datetime_diff('hour', datetime(2017-10-31 01:00), datetime(2017-10-30 23:59))"),
      2n,
    );
    assert.equal(
      await value(
        "datetime_diff('second', datetime(2017-10-30 23:00:10.100), datetime(2017-10-30 23:00:00.900))",
      ),
      10n,
    );
    assert.equal(
      await value(
        "datetime_diff('nanosecond', datetime(2017-10-30 23:00:00.0000000), datetime(2017-10-30 23:00:00.0000007))",
      ),
      -700n,
    );
    assert.equal(
      Number(await value("datetime_diff('week', datetime(2017-10-29 00:00), datetime(2017-09-30 23:59))")),
      5,
    );
  });

  it('getters [monthofyear-function-00, getyear-function-00, hour-of-day-function-00]', async () => {
    assert.equal(Number(await value('monthofyear(datetime("2015-12-14"))')), 12);
    assert.equal(Number(await value('getyear(datetime(2015-10-12))')), 2015);
    assert.equal(Number(await value('hourofday(datetime(2015-12-14 18:54))')), 18);
    assert.equal(Number(await value('dayofyear(datetime(2015-12-14))')), 348);
  });

  it('bin_at [bin-at-function-01, bin-at-function-03]', async () => {
    assert.equal(await ts('bin_at(time(1h), 1d, 12h)'), '-12:00:00');
    assert.equal(
      await dt('bin_at(datetime(2017-05-17 10:20:00.0), 7d, datetime(2017-06-04 00:00:00.0))'),
      '2017-05-14T00:00:00.0000000Z',
    );
  });

  it('format_datetime and format_timespan [format-datetime-function-00..02, format-timespan-function-00]', async () => {
    const d = 'datetime(2017-01-29 09:00:05)';
    assert.equal(await value(`format_datetime(${d}, 'yy-MM-dd [HH:mm:ss]')`), '17-01-29 [09:00:05]');
    assert.equal(await value(`format_datetime(${d}, 'yyyy-M-dd [H:mm:ss]')`), '2017-1-29 [9:00:05]');
    assert.equal(await value(`format_datetime(${d}, 'yy-MM-dd [hh:mm:ss tt]')`), '17-01-29 [09:00:05 AM]');
    const t = 'time(29.09:00:05.12345)';
    assert.equal(await value(`format_timespan(${t}, 'dd.hh:mm:ss:FF')`), '29.09:00:05:12');
    assert.equal(await value(`format_timespan(${t}, 'ddd.h:mm:ss [fffffff]')`), '029.9:00:05 [1234500]');
  });

  it('time zones [datetime-local-to-utc-function-00]', async () => {
    assert.equal(
      await dt("datetime_local_to_utc(datetime(2020-02-02 20:02:20), 'US/Pacific')"),
      '2020-02-03T04:02:20.0000000Z',
    );
    assert.equal(
      await dt("datetime_local_to_utc(datetime(2020-02-02 20:02:20), 'Europe/Paris')"),
      '2020-02-02T19:02:20.0000000Z',
    );
    assert.equal(
      await dt("datetime_utc_to_local(datetime(2020-02-03 04:02:20), 'America/Chicago')"),
      '2020-02-02T22:02:20.0000000Z',
    );
    assert.equal(await value("datetime_utc_to_local(datetime(2020-02-03), 'Not/AZone')"), null);
  });

  it('unixtime_*_todatetime and make_timespan (unixtime-seconds-todatetime-function.md)', async () => {
    assert.equal(await dt('unixtime_seconds_todatetime(1546300800)'), '2019-01-01T00:00:00.0000000Z');
    assert.equal(await dt('unixtime_milliseconds_todatetime(1546300800123)'), '2019-01-01T00:00:00.1230000Z');
    assert.equal(await ts('make_timespan(1, 12, 30, 55)'), '1.12:30:55');
  });

  it('month-first dates with dashes [todatetime-function-01, array-iff-function-02]', async () => {
    assert.equal(await dt("todatetime('12-02-2022')"), '2022-12-02T00:00:00.0000000Z');
    assert.equal(await value("todatetime('13-01-2022')"), null);
  });
});

describe('query time', () => {
  it('now() and ago() read the run’s fixed time (--now), with offsets [now-function-01, ago-function.md]', async () => {
    const { TEST_NOW } = await import('../support/query.js');
    assert.equal(await value('now()'), TEST_NOW);
    assert.equal(await value('now(-2d)'), TEST_NOW - 2n * 864_000_000_000n);
    assert.equal(await value('ago(1h)'), TEST_NOW - 36_000_000_000n);
    assert.equal(await value('ago(1h) + 1h == now()'), true);
  });
});
