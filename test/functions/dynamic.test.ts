/** Arrays, bags and JSON: values from the real-engine cases (ids). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runQuery } from '../support/query.js';
import { json, value } from './scalar.js';

describe('array functions', () => {
  it('slice, split, shift, rotate, reverse, concat [array-*-function-*]', async () => {
    const a = 'dynamic([1,2,3,4,5])';
    assert.deepEqual(await json(`array_slice(${a}, -3, -2)`), [3, 4]);
    assert.deepEqual(await json(`array_slice(${a}, 2, -1)`), [3, 4, 5]);
    assert.deepEqual(await json(`array_split(${a}, dynamic([1,3]))`), [[1], [2, 3], [4, 5]]);
    assert.deepEqual(await json(`array_shift_left(${a}, 2)`), [3, 4, 5, null, null]);
    assert.deepEqual(await json(`array_shift_right(${a}, -2, -1)`), [3, 4, 5, -1, -1]);
    assert.deepEqual(await json(`array_rotate_right(${a}, 2)`), [4, 5, 1, 2, 3]);
    assert.deepEqual(await json(`array_rotate_left(${a}, 2)`), [3, 4, 5, 1, 2]);
    assert.deepEqual(await json('array_reverse(dynamic(["this", "is", "an", "example"]))'), [
      'example',
      'an',
      'is',
      'this',
    ]);
    assert.deepEqual(await json('array_concat(dynamic([1]), dynamic([2, 3]))'), [1, 2, 3]);
  });

  it('concatenates arrays of any length', async () => {
    const r = await runQuery(
      'range i from 1 to 300000 step 1 | summarize a = make_list(i) | project n = array_length(array_concat(a, a))',
    );
    assert.deepEqual(r.rows, [[600000n]]);
  });

  it('sorts with nulls last unless told otherwise [array-sort-asc-function-04, array-sort-desc-function-03]', async () => {
    const a = 'dynamic([null,"blue","yellow","green",null])';
    assert.deepEqual(await json(`array_sort_asc(${a}, false)`), [null, null, 'blue', 'green', 'yellow']);
    assert.deepEqual(await json(`array_sort_desc(${a})`), ['yellow', 'green', 'blue', null, null]);
  });

  it('array_iff element-wise [array-iff-function-00..03]', async () => {
    assert.deepEqual(
      await json('array_iff(dynamic([true,false,true]), dynamic([1,2,3]), dynamic([4,5,6]))'),
      [1, 5, 3],
    );
    assert.deepEqual(await json('array_iff(dynamic([1,0,50]), "yes", "no")'), ['yes', 'no', 'yes']);
    assert.deepEqual(await json('array_iff(dynamic([true,true,true]), dynamic([1,2]), dynamic([3,4]))'), [
      1,
      2,
      null,
    ]);
  });

  it('range, sum, index, zip, sets, jaccard [range-function-*, zip-function-00, set-intersect-function-*]', async () => {
    assert.deepEqual(await json('range(1, 8, 3)'), [1, 4, 7]);
    assert.deepEqual(await json('range(1h, 3h)'), ['01:00:00', '02:00:00', '03:00:00']);
    assert.equal(await value('array_sum(dynamic([1,2,3,4]))'), 10);
    assert.equal(await value('array_index_of(dynamic(["a","b","c"]), "b")'), 1n);
    assert.deepEqual(await json('zip(dynamic([1,3,5]), dynamic([2,4,6]))'), [
      [1, 2],
      [3, 4],
      [5, 6],
    ]);
    assert.deepEqual(await json('set_intersect(dynamic([1, 2, 3]), dynamic([4,5]))'), []);
    assert.deepEqual(await json('set_difference(dynamic([1, 2, 3]), dynamic([2]))'), [1, 3]);
    assert.deepEqual(await json('set_union(dynamic([1, 2]), dynamic([2, 3]))'), [1, 2, 3]);
    assert.equal(await value('set_has_element(dynamic(["a", "b"]), "b")'), true);
    assert.equal(await value('jaccard_index(dynamic([1,2,3]), dynamic([1,2,3,4]))'), 0.75);
  });
});

describe('bag functions', () => {
  it('bag_has_key, bag_set_key and bag_remove_keys take JSONPaths [bag-has-key-*, bag-set-key-*, bag-remove-keys-*]', async () => {
    const b = "dynamic({'key1': 123, 'key2': {'prop1': 'abc', 'prop2': 'xyz'}})";
    assert.equal(await value(`bag_has_key(${b}, '$.key2.prop1')`), true);
    assert.equal(await value(`bag_has_key(${b}, 'prop1')`), false);
    assert.deepEqual(await json(`bag_set_key(dynamic({'key1': 123}), '$.key2.prop1', 'abc')`), {
      key1: 123,
      key2: { prop1: 'abc' },
    });
    assert.deepEqual(await json(`bag_remove_keys(${b}, dynamic(['key2', 'key4']))`), { key1: 123 });
  });

  it('bag_merge keeps the first value of a key [bag-merge-function-00]', async () => {
    assert.deepEqual(await json("bag_merge(dynamic({'A1':12, 'B1':2}), dynamic({'A2':81, 'A1':1}))"), {
      A1: 12,
      B1: 2,
      A2: 81,
    });
  });

  it('bag_zip skips keys that are not strings and pads values with null [bag-zip-01, bag-zip-03, bag-zip-05]', async () => {
    assert.deepEqual(await json("bag_zip(dynamic(['a', 'b', 'c']), dynamic([1, '2']))"), {
      a: 1,
      b: '2',
      c: null,
    });
    assert.deepEqual(await json("bag_zip(dynamic(['a', 8, 'b']), dynamic([1, '2', 2.5]))"), { a: 1, b: 2.5 });
    const r = await runQuery(
      "datatable(k: dynamic, v: dynamic) [dynamic('a'), dynamic([1])] | project z = bag_zip(k, v)",
    );
    assert.deepEqual(r.rows, [[null]]);
  });
});

describe('JSON functions', () => {
  it('extract_json / extractjson by JSONPath [extract-json-function-00]', async () => {
    const j = `'{"name": "John", "age": 30, "tags": ["a", "b"]}'`;
    assert.equal(await value(`extract_json("$.name", ${j}, typeof(string))`), 'John');
    assert.equal(await value(`extractjson("$.age", ${j}, typeof(long))`), 30n);
    assert.equal(await value(`extractjson("$.tags", ${j})`), '["a","b"]');
    assert.equal(await value(`extractjson("$.tags[1]", ${j})`), 'b');
    assert.equal(await value(`extractjson("$.missing", ${j})`), '');
  });

  it('dynamic_to_json sorts keys (dynamic-to-json-function.md)', async () => {
    assert.equal(
      await value("dynamic_to_json(dynamic({'b': 1, 'a': {'d': 2, 'c': [3]}}))"),
      '{"a":{"c":[3],"d":2},"b":1}',
    );
  });
});
