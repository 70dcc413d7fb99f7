import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { IdSet, murmur3x128 } from '../../src/sources/id-set.js';

const idOf = (n: number) => `Directory_${(n * 2654435761) >>> 0}_${n.toString(36).toUpperCase()}_${n}`;

describe('IdSet (duplicate Ids)', () => {
  it('knows an Id it has seen, and only those', () => {
    const set = new IdSet();
    assert.equal(set.add('Directory_a'), true);
    assert.equal(set.add('Directory_b'), true);
    assert.equal(set.add('Directory_a'), false);
    assert.equal(set.add('directory_a'), true, 'Ids are compared exactly (case included)');
    assert.equal(set.add(''), true);
    assert.equal(set.add(''), false);
    assert.equal(set.size, 4);
  });

  it('holds 300,000 distinct Ids through many table growths, with no false duplicate', () => {
    const set = new IdSet();
    const n = 300_000;
    for (let i = 0; i < n; i++) assert.ok(set.add(idOf(i)), `false duplicate at ${i}`);
    for (let i = 0; i < n; i += 7) assert.equal(set.add(idOf(i)), false, `missed duplicate at ${i}`);
    assert.equal(set.size, n);
    // 8-byte slots at a load between 3/8 and 3/4, plus the partition counts.
    const perId = set.bytes / n;
    assert.ok(perId <= 24, `${perId.toFixed(1)} bytes per Id`);
  });

  it('hashes to well-spread 128-bit values', () => {
    const h = new Uint32Array(4);
    murmur3x128('', h);
    assert.deepEqual([...h], [0, 0, 0, 0], 'MurmurHash3 of no bytes with seed 0 is zero');
    // Ids differing in one character (in the tail or in a full block) differ in about half of the 128 bits.
    const bits = (a: Uint32Array, b: Uint32Array) => {
      let d = 0;
      for (let i = 0; i < 4; i++) {
        let x = ((a[i] as number) ^ (b[i] as number)) >>> 0;
        while (x) {
          d += x & 1;
          x >>>= 1;
        }
      }
      return d;
    };
    const g = new Uint32Array(4);
    let total = 0;
    const pairs = 200;
    for (let i = 0; i < pairs; i++) {
      const id = idOf(i);
      murmur3x128(id, h);
      const j = i % id.length;
      murmur3x128(id.slice(0, j) + String.fromCharCode(id.charCodeAt(j) ^ 1) + id.slice(j + 1), g);
      total += bits(h, g);
    }
    const mean = total / pairs;
    assert.ok(mean > 58 && mean < 70, `mean changed bits ${mean}`);
  });
});
