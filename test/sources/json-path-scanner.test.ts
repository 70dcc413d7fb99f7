/** The streaming path scanner under the Log Analytics API reader: values at paths, whatever the chunking. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { JsonPathScanner } from '../../src/sources/json-path-scanner.js';

type Seen = { path: number; value: unknown; line: number; index: number } | { damaged: string; line: number };

function scan(text: string, paths: string[][], chunkSize = Number.POSITIVE_INFINITY): Seen[] {
  const seen: Seen[] = [];
  const s = new JsonPathScanner(paths, {
    value: (path, t, line, index) => seen.push({ path, value: JSON.parse(t), line, index }),
    damaged: (reason, line) => seen.push({ damaged: reason, line }),
  });
  const bytes = Buffer.from(text, 'utf8');
  for (let i = 0; i < bytes.length; i += chunkSize)
    s.push(bytes.subarray(i, Math.min(bytes.length, i + chunkSize)));
  s.end();
  return seen;
}

const RESPONSE = `{
  "statistics": {"query": {"executionTime": 0.1, "rows": [9, 9]}},
  "tables": [
    {
      "name": "PrimaryResult",
      "columns": [{"name": "a", "type": "string"}, {"name": "b", "type": "dynamic"}],
      "rows": [
        ["x \\" ] } \\\\", "{\\"k\\": [1, 2]}"],
        ["ü 管理者", null],
        [true, 12.5e3]
      ]
    },
    {"name": "Other", "rows": [], "columns": []}
  ],
  "render": {"tables": [[1]]}
}`;
const PATHS = [
  ['tables', '*', 'columns'],
  ['tables', '*', 'rows', '*'],
];
const EXPECTED: Seen[] = [
  {
    path: 0,
    value: [
      { name: 'a', type: 'string' },
      { name: 'b', type: 'dynamic' },
    ],
    line: 6,
    index: 0,
  },
  { path: 1, value: ['x " ] } \\', '{"k": [1, 2]}'], line: 8, index: 0 },
  { path: 1, value: ['ü 管理者', null], line: 9, index: 1 },
  { path: 1, value: [true, 12500], line: 10, index: 2 },
  { path: 0, value: [], line: 13, index: 0 },
];

describe('JsonPathScanner', () => {
  it('hands over the values at the paths, with their lines and indexes, and passes over the rest', () => {
    assert.deepEqual(scan(RESPONSE, PATHS), EXPECTED);
  });

  it('gives the same values whatever the chunks split (keys, strings, escapes, multi-byte characters)', () => {
    for (const size of [1, 2, 3, 5, 7, 64])
      assert.deepEqual(scan(RESPONSE, PATHS, size), EXPECTED, `chunks of ${size}`);
  });

  it('takes scalars at a path, and values at no path are never collected', () => {
    assert.deepEqual(scan('{"a": [1, "two", null, {"b": 3}], "c": 4}', [['a', '*']]), [
      { path: 0, value: 1, line: 1, index: 0 },
      { path: 0, value: 'two', line: 1, index: 1 },
      { path: 0, value: null, line: 1, index: 2 },
      { path: 0, value: { b: 3 }, line: 1, index: 3 },
    ]);
  });

  it('reports a file that ends early, after the values it could read', () => {
    const cut = RESPONSE.slice(0, RESPONSE.indexOf('["ü'));
    const seen = scan(cut, PATHS);
    assert.deepEqual(seen.slice(0, 2), EXPECTED.slice(0, 2));
    assert.deepEqual(seen[2], { damaged: 'the file ends before its closing brackets (truncated?)', line: 9 });
    assert.equal(seen.length, 3);
  });

  it('reports an empty file and a second document', () => {
    assert.deepEqual(scan('  \n', PATHS), [{ damaged: 'the file holds no JSON value', line: 2 }]);
    assert.deepEqual(scan('{"tables": []}\n{"tables": []}', PATHS), [
      { damaged: 'more than one JSON value in the file', line: 2 },
    ]);
  });

  it('reports values run together (a missing comma or colon) instead of taking one for another', () => {
    // Without the comma, "rows" would be read as a second value of "columns" and its rows lost.
    const noComma = '{"tables": [{"columns": [{"name": "a"}]\n "rows": [["x"]]}]}';
    assert.deepEqual(scan(noComma, PATHS), [
      { path: 0, value: [{ name: 'a' }], line: 1, index: 0 },
      { damaged: `expected ',' or '}', found '"'`, line: 2 },
    ]);
    assert.deepEqual(scan('{"tables": [{"rows" [["x"]]}]}', PATHS), [{ damaged: "unexpected '['", line: 1 }]);
    assert.deepEqual(scan('{"tables": [{"rows": [["x"] ["y"]]}]}', PATHS), [
      { path: 1, value: ['x'], line: 1, index: 0 },
      { damaged: `expected ',' or ']', found '['`, line: 1 },
    ]);
  });
});
