import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonRecordScanner } from '../../src/sources/json-scanner.js';

interface Scanned {
  records: { value: unknown; line: number; index: number }[];
  skips: { reason: string; line: number; index: number }[];
  damage: { reason: string; line: number }[];
}

/** Scans `text` fed in chunks of `chunk` bytes (1 splits everything, even multi-byte characters). */
function scan(text: string, chunk = Number.POSITIVE_INFINITY): Scanned {
  const out: Scanned = { records: [], skips: [], damage: [] };
  const s = new JsonRecordScanner({
    record: (t, line, index) => {
      let value: unknown;
      try {
        value = JSON.parse(t);
      } catch {
        value = { invalid: t };
      }
      out.records.push({ value, line, index });
    },
    skip: (reason, line, index) => out.skips.push({ reason, line, index }),
    damaged: (reason, line) => out.damage.push({ reason, line }),
  });
  const bytes = Buffer.from(text, 'utf8');
  const step = Math.min(chunk, bytes.length || 1);
  for (let i = 0; i < bytes.length; i += step) s.push(bytes.subarray(i, i + step));
  s.end();
  return out;
}

const values = (s: Scanned) => s.records.map((r) => r.value);

/** Every chunking of `text` gives the same records. */
function sameForAllChunkings(text: string): unknown[] {
  const whole = values(scan(text));
  for (const size of [1, 2, 3, 7, 64]) assert.deepEqual(values(scan(text, size)), whole, `chunks of ${size}`);
  return whole;
}

describe('JSON record scanner', () => {
  it('splits the containers audit logs come in', () => {
    const a = { id: 'a' };
    const b = { id: 'b' };
    const c = { id: 'c' };
    // JSON lines, a bare array, a Graph page, a diagnostic blob, back-to-back arrays, objects one after another
    assert.deepEqual(sameForAllChunkings('{"id":"a"}\n{"id":"b"}\n'), [a, b]);
    assert.deepEqual(sameForAllChunkings('[{"id":"a"},{"id":"b"}]'), [a, b]);
    assert.deepEqual(
      sameForAllChunkings('{"@odata.context":"x","value":[{"id":"a"},{"id":"b"}],"@odata.nextLink":"y"}'),
      [a, b],
    );
    assert.deepEqual(sameForAllChunkings('{ "records": [ {"id":"a"} ] }'), [a]);
    assert.deepEqual(sameForAllChunkings('[{"id":"a"}][{"id":"b"},{"id":"c"}]'), [a, b, c]);
    assert.deepEqual(sameForAllChunkings('{\n  "id": "a"\n}\n{\n  "id": "b"\n}'), [a, b]);
    // Windows PowerShell 5.1's array wrapper, a page per line, nested arrays, an array of pages
    assert.deepEqual(sameForAllChunkings('{"Value":[{"id":"a"}],"Count":1}'), [a]);
    assert.deepEqual(sameForAllChunkings('{"value":[{"id":"a"}]}\n{"value":[{"id":"b"}]}\n'), [a, b]);
    assert.deepEqual(sameForAllChunkings('[[{"id":"a"}],[{"id":"b"}]]'), [a, b]);
    assert.deepEqual(sameForAllChunkings('[{"value":[{"id":"a"}]},{"value":[{"id":"b"}]}]'), [a, b]);
  });

  it('keeps brackets, braces, quotes and escapes inside strings as text', () => {
    const tricky = [
      { id: 'x', s: 'a ] } [ { , : value records' },
      { id: 'y', s: 'quote " and backslash \\ and \\" and \\\\"' },
      { id: 'z', newValue: '["[KeyIdentifier=1,KeyType=Password]"]', u: 'é ✓ 𝄞' },
    ];
    const text = `[${tricky.map((t) => JSON.stringify(t)).join(',')}]`;
    assert.deepEqual(sameForAllChunkings(text), tricky);
  });

  it('treats a "value" key as a wrapper only at the top of an item and only for an array', () => {
    const rec = {
      id: 'r',
      value: 'text',
      nested: { value: [1, 2] },
      additionalDetails: [{ key: 'k', value: 'v' }],
    };
    assert.deepEqual(sameForAllChunkings(JSON.stringify(rec)), [rec]);
    // A longer key that merely contains "value" is an ordinary key.
    const rec2 = { id: 'r2', oldValue: [1] };
    assert.deepEqual(sameForAllChunkings(JSON.stringify(rec2)), [rec2]);
  });

  it('handles whitespace, CRLF and empty input', () => {
    assert.deepEqual(sameForAllChunkings(' \r\n\t{"id":"a"}\r\n\r\n{"id":"b"}\r\n'), [
      { id: 'a' },
      { id: 'b' },
    ]);
    assert.deepEqual(values(scan('')), []);
    assert.deepEqual(values(scan('[]')), []);
    assert.deepEqual(values(scan('{"value":[]}')), []);
  });

  it('gives each record its line and index', () => {
    const s = scan('{"id":"a"}\n\n{"id":"b"}\n');
    assert.deepEqual(
      s.records.map((r) => [r.line, r.index]),
      [
        [1, 0],
        [3, 1],
      ],
    );
    const page = scan('{"value":[\n  {"id":"a"},\n  {"id":"b"}\n]}');
    assert.deepEqual(
      page.records.map((r) => [r.line, r.index]),
      [
        [2, 0],
        [3, 1],
      ],
    );
  });

  it('reports items that are not objects', () => {
    const s = scan('[{"id":"a"}, 42, "text", null, {"id":"b"}]');
    assert.deepEqual(values(s), [{ id: 'a' }, { id: 'b' }]);
    assert.equal(s.skips.length, 3);
    assert.deepEqual(
      s.skips.map((k) => k.index),
      [1, 2, 3],
    );
    assert.match(s.skips[0]?.reason ?? '', /not a JSON object/);
  });

  it('reports a truncated line of JSON lines and resumes on the next line', () => {
    // The second line is cut inside a string, the fourth inside the structure.
    const text = '{"id":"a"}\n{"id":"b","s":"cut\n{"id":"c"}\n{"id":"d","x":{"y":1}\n{"id":"e"}\n';
    for (const size of [Number.POSITIVE_INFINITY, 1, 5]) {
      const s = scan(text, size);
      assert.deepEqual(values(s), [{ id: 'a' }, { id: 'c' }, { id: 'e' }], `chunks of ${size}`);
      assert.deepEqual(
        s.skips.map((k) => k.line),
        [2, 4],
      );
      assert.match(s.skips[0]?.reason ?? '', /truncated line/);
      assert.deepEqual(
        s.records.map((r) => r.line),
        [1, 3, 5],
      );
    }
  });

  it('reports input that ends inside a record or a container', () => {
    const cut = scan('[{"id":"a"},{"id":"b","x":[1,');
    assert.deepEqual(values(cut), [{ id: 'a' }]);
    assert.equal(cut.skips.length, 1);
    assert.match(cut.skips[0]?.reason ?? '', /ends inside this record/);
    assert.equal(cut.damage.length, 1);
    const open = scan('{"value":[{"id":"a"}');
    assert.deepEqual(values(open), [{ id: 'a' }]);
    assert.equal(open.skips.length, 0);
    assert.equal(open.damage.length, 1);
  });

  it('hands malformed records to the caller as they are', () => {
    const s = scan('[{"id":"a"},{"id": tru},{"id":"c"}]');
    assert.deepEqual(values(s), [{ id: 'a' }, { invalid: '{"id": tru}' }, { id: 'c' }]);
  });
});
