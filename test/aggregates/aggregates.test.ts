/** Aggregates: expected values from the real-engine conformance cases (ids) and the docs (pages). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runQuery } from '../support/query.js';

async function rows(q: string): Promise<unknown[][]> {
  return (await runQuery(q)).rows;
}

const FRUIT = `datatable(Fruit: string, Color: string, Version: int) [
  "Apple", "Red", 1, "Apple", "Green", int(null),
  "Banana", "Yellow", int(null), "Banana", "Green", int(null),
  "Pear", "Brown", 1, "Pear", "Green", 2 ]`;

describe('aggregates', () => {
  it('variance and stdev, sample and population [variance/stdev/stdevp-aggregation-function-00]', async () => {
    const [r] = await rows(
      'range x from 1 to 5 step 1 | summarize variance(x), stdev(x), stdevp(x), variancep(x)',
    );
    assert.equal(r?.[0], 2.5);
    assert.ok(Math.abs((r?.[1] as number) - 1.5811388300841898) < 1e-12);
    assert.ok(Math.abs((r?.[2] as number) - Math.SQRT2) < 1e-12);
    assert.equal(r?.[3], 2);
  });

  it('the _if forms [stdevif-aggregation-function-00, variancepif-aggregation-function-00]', async () => {
    const [r] = await rows(
      'range x from 1 to 100 step 1 | summarize stdevif(x, x % 2 == 0), variancepif(x, x % 2 == 0)',
    );
    assert.ok(Math.abs((r?.[0] as number) - 29.154759474226502) < 1e-9);
    assert.ok(Math.abs((r?.[1] as number) - 833) < 1e-9);
  });

  it('covariance [covariance-aggregation-function-00, covarianceif-aggregation-function-00]', async () => {
    const [r] = await rows(
      'datatable(x:real, y:real) [1.0, 14.0, 2.0, 10.0, 3.0, 17.0, 4.0, 20.0, 5.0, 50.0] | summarize c = covariance(x, y)',
    );
    assert.ok(Math.abs((r?.[0] as number) - 20.5) < 1e-12);
    const [s] = await rows(
      'range x from 1 to 100 step 1 | extend y = iff(x % 2 == 0, x * 2, x * 3) | summarize c = covarianceif(x, y, x % 3 == 0)',
    );
    assert.ok(Math.abs((s?.[0] as number) - 2142) < 1e-9);
  });

  it('percentiles by nearest rank, weighted too [percentilesw-aggregation-function-01/02, invoke-operator-00]', async () => {
    const t = 'datatable(ReqCount:long, LatencyBucket:long) [8, 10, 6, 20, 3, 30, 1, 40]';
    const q = await runQuery(`${t} | summarize percentilesw(LatencyBucket, ReqCount, 50, 75, 99.9)`);
    assert.deepEqual(q.names, [
      'percentile_LatencyBucket_50',
      'percentile_LatencyBucket_75',
      'percentile_LatencyBucket_99_9',
    ]);
    assert.deepEqual(q.rows, [[20n, 20n, 40n]]);
    assert.deepEqual(
      await rows(`${t} | summarize percentilesw_array(LatencyBucket, ReqCount, dynamic([50, 75, 99.9]))`),
      [[[20, 20, 40]]],
    );
    assert.deepEqual(
      await rows('range x from 1 to 100 step 1 | summarize percentile(x, 5), percentile(x, 99)'),
      [[5n, 99n]],
    );
  });

  it('arg_max / arg_min (x, *) pick one row; null x only when all are null [arg-max/arg-min-aggregation-function-02]', async () => {
    const max = await runQuery(`${FRUIT} | summarize arg_max(Version, *) by Fruit | order by Fruit asc`);
    assert.deepEqual(max.names, ['Fruit', 'Version', 'Color']);
    assert.deepEqual(max.rows, [
      ['Apple', 1, 'Red'],
      ['Banana', null, 'Yellow'],
      ['Pear', 2, 'Green'],
    ]);
    const min = await rows(`${FRUIT} | summarize arg_min(Version, Color) by Fruit | order by Fruit asc`);
    assert.deepEqual(min, [
      ['Apple', 1, 'Red'],
      ['Banana', null, 'Yellow'],
      ['Pear', 1, 'Brown'],
    ]);
  });

  it('take_any returns a non-empty value when the group has one (take-any-aggregation-function.md)', async () => {
    assert.deepEqual(await rows('datatable(s:string)["", "a", "b"] | summarize take_any(s)'), [['a']]);
    assert.deepEqual(
      await rows('datatable(s:string, b:bool)["x", false, "y", true] | summarize take_anyif(s, b)'),
      [['y']],
    );
  });

  it('make_set adds the elements of arrays, make_list keeps them whole [make-set-aggregation-function-01]', async () => {
    const t = "datatable(Arr: dynamic) [dynamic(['A1', 'A2']), dynamic(['A2', 'C1'])]";
    assert.deepEqual(await rows(`${t} | summarize make_set(Arr)`), [[['A1', 'A2', 'C1']]]);
    assert.deepEqual(await rows(`${t} | summarize make_list(Arr)`), [
      [
        [
          ['A1', 'A2'],
          ['A2', 'C1'],
        ],
      ],
    ]);
  });

  it('make_list_with_nulls keeps nulls [make-list-with-nulls-aggregation-function-00]', async () => {
    assert.deepEqual(await rows('datatable(n:int)[int(null), 4, 5] | summarize make_list_with_nulls(n)'), [
      [[null, 4, 5]],
    ]);
  });

  it('binary_all_and / or / xor [binary-all-*-aggregation-function-00]', async () => {
    const and = await rows(
      'datatable(n:long)[0xFFFFFFFF, 0xFFFFF00F, 0xCFFFFFFD, 0xFAFEFFFF] | summarize binary_all_and(n)',
    );
    assert.equal(and[0]?.[0], 0xcafef00dn);
    const xor = await rows(
      'datatable(n:long)[0x44404440, 0x1E1E1E1E, 0x90ABBA09, 0x000B105A] | summarize binary_all_xor(n)',
    );
    assert.equal(xor[0]?.[0], 0xcafef00dn);
  });
});

describe('sketches and schemas', () => {
  it('tdigest, percentile_tdigest, rank_tdigest [tdigest-aggregation-function-01, rank-tdigest-function-00]', async () => {
    assert.deepEqual(
      await rows(
        'datatable(V:real, W:long) [1.0, 1, 2.0, 2] | summarize TD=tdigest(V, W) | project P50=percentile_tdigest(TD, 50)',
      ),
      [[2]],
    );
    const [r] = await rows(
      'range x from 1 to 1000 step 1 | summarize t=tdigest(x) | project rank_tdigest(t, 685)',
    );
    assert.equal(Number(r?.[0]), 685);
  });

  it('hll, hll_merge, dcount_hll [hll-merge-function-00]', async () => {
    const q =
      'range x from 1 to 10 step 1 | extend y = x + 10 | summarize hll_x = hll(x), hll_y = hll(y) | project merged = hll_merge(hll_x, hll_y) | project dcount_hll(merged)';
    assert.deepEqual(await rows(q), [[20n]]);
  });

  it('buildschema [buildschema-aggregation-function-00]', async () => {
    const q = `datatable(value: dynamic) [
      dynamic({"x":1, "y":3.5}),
      dynamic({"x":"somevalue", "z":[1, 2, 3]}),
      dynamic({"y":{"w":"zzz"}, "t":["aa", "bb"], "z":["foo"]}) ] | summarize buildschema(value)`;
    assert.deepEqual(await rows(q), [
      [
        {
          x: ['long', 'string'],
          y: [{ w: 'string' }, 'double'],
          z: { '`indexer`': ['long', 'string'] },
          t: { '`indexer`': 'string' },
        },
      ],
    ]);
  });
});
