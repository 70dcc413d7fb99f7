/** The comparison rules of ../shared/conformance/README.md, one by one. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isCore, parseCases } from '../../src/conformance/cases.js';
import { compareResult, ESTIMATE_TOLERANCE, REAL_TOLERANCE } from '../../src/conformance/compare.js';
import { rowComparisonOf } from '../../src/conformance/run.js';
import { compileQuery } from '../../src/kql/analyze.js';
import { TABLES } from '../../src/tables/index.js';

const ordered = { rows: 'ordered', tolerance: REAL_TOLERANCE } as const;
const multiset = { rows: 'multiset', tolerance: REAL_TOLERANCE } as const;

describe('compareResult', () => {
  it('requires the exact column names in order', () => {
    const expected = { columns: ['a', 'b'], column_types: ['Int64', 'Int64'], rows: [] };
    const actual = {
      schema: [
        { name: 'b', type: 'long' as const },
        { name: 'a', type: 'long' as const },
      ],
      rows: [],
    };
    assert.match(compareResult(expected, actual, ordered) ?? '', /columns differ/);
  });

  it('compares types by family: int and long, real and decimal', () => {
    const expected = { columns: ['a', 'b'], column_types: ['Int32', 'SqlDecimal'], rows: [[1, '2']] };
    const actual = {
      schema: [
        { name: 'a', type: 'long' as const },
        { name: 'b', type: 'real' as const },
      ],
      rows: [[1n, 2]],
    };
    assert.equal(compareResult(expected, actual, ordered), undefined);
    const wrong = { ...actual, schema: [actual.schema[0], { name: 'b', type: 'string' as const }] };
    assert.match(compareResult(expected, wrong as typeof actual, ordered) ?? '', /expected type SqlDecimal/);
  });

  it('compares rows in order only when asked', () => {
    const expected = { columns: ['x'], column_types: ['Int64'], rows: [[1], [2]] };
    const actual = { schema: [{ name: 'x', type: 'long' as const }], rows: [[2n], [1n]] };
    assert.match(compareResult(expected, actual, ordered) ?? '', /row 0/);
    assert.equal(compareResult(expected, actual, multiset), undefined);
    assert.equal(
      compareResult(expected, { ...actual, rows: [[2n], [3n]] }, { ...multiset, rows: 'count' }),
      undefined,
    );
    assert.match(
      compareResult(expected, { ...actual, rows: [[2n]] }, { ...multiset, rows: 'count' }) ?? '',
      /row count/,
    );
  });

  it('compares a multiset with its repetitions', () => {
    const expected = { columns: ['x'], column_types: ['Int64'], rows: [[1], [1], [2]] };
    const actual = { schema: [{ name: 'x', type: 'long' as const }], rows: [[1n], [2n], [2n]] };
    assert.notEqual(compareResult(expected, actual, multiset), undefined);
  });

  it('accepts reals within 1e-9 relative, estimates within 2%', () => {
    const expected = { columns: ['r'], column_types: ['Double'], rows: [[100], ['NaN']] };
    const close = {
      schema: [{ name: 'r', type: 'real' as const }],
      rows: [[100 * (1 + 1e-10)], [Number.NaN]],
    };
    const far = { ...close, rows: [[101], [Number.NaN]] };
    assert.equal(compareResult(expected, close, ordered), undefined);
    assert.notEqual(compareResult(expected, far, ordered), undefined);
    assert.equal(compareResult(expected, far, { ...ordered, tolerance: ESTIMATE_TOLERANCE }), undefined);
  });

  it('compares datetimes and timespans by their ticks', () => {
    const expected = {
      columns: ['d', 't'],
      column_types: ['DateTime', 'TimeSpan'],
      rows: [['2018-07-01T00:00:00Z', '1.12:30:55.1230000']],
    };
    const actual = {
      schema: [
        { name: 'd', type: 'datetime' as const },
        { name: 't', type: 'timespan' as const },
      ],
      // 2018-07-01 is 17713 days after 1970-01-01.
      rows: [[17713n * 864_000_000_000n, 864_000_000_000n + 450_551_230_000n]],
    };
    assert.equal(compareResult(expected, actual, ordered), undefined);
  });

  it('compares dynamic values as JSON, ignoring bag key order but not array order', () => {
    const expected = { columns: ['d'], column_types: ['Object'], rows: [[{ a: 1, b: [1, 2] }]] };
    const actual = { schema: [{ name: 'd', type: 'dynamic' as const }], rows: [[{ b: [1, 2], a: 1 }]] };
    assert.equal(compareResult(expected, actual, ordered), undefined);
    assert.notEqual(
      compareResult(expected, { ...actual, rows: [[{ a: 1, b: [2, 1] }]] }, ordered),
      undefined,
    );
  });
});

describe('rowComparisonOf', () => {
  const plan = (q: string) => compileQuery(q, TABLES).plan;
  it('orders after a final sort, not after a summarize that follows it', () => {
    assert.equal(rowComparisonOf(plan('range x from 1 to 3 step 1 | sort by x | extend y = x')), 'ordered');
    assert.equal(
      rowComparisonOf(plan('range x from 1 to 3 step 1 | sort by x | summarize count() by x')),
      'multiset',
    );
    assert.equal(rowComparisonOf(plan('range x from 1 to 3 step 1')), 'multiset');
  });
  it('compares a take of unordered rows by count, a top fully', () => {
    assert.equal(rowComparisonOf(plan('range x from 1 to 3 step 1 | take 2')), 'count');
    assert.equal(rowComparisonOf(plan('range x from 1 to 3 step 1 | top 2 by x')), 'ordered');
  });
});

describe('parseCases and isCore', () => {
  it('classifies as the README defines core', () => {
    const line = (id: string, functions: string[], operators: string[]) =>
      JSON.stringify({
        id,
        kql: 'print 1',
        expected: { columns: [], column_types: [], rows: [] },
        functions,
        operators,
      });
    const cases = parseCases(
      [
        line('a', ['abs'], []),
        line('b', ['geo_distance_2points'], []),
        line('c', [], ['evaluate']),
        line('d', ['rand'], []),
        line('e', ['series_fir'], []),
      ].join('\n'),
      'cases.jsonl',
    );
    assert.deepEqual(
      cases.map((c) => isCore(c)),
      [true, false, false, false, false],
    );
  });
  it('names the line of a bad case', () => {
    assert.throws(() => parseCases('{"id":"x"}\n', 'f.jsonl'), /f\.jsonl:1: case x: field 'kql'/);
  });
});
