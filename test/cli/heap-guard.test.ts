/**
 * A query whose live data outgrows the heap stops with a message that says why and what to do, instead of
 * V8's fatal error (a native stack dump, exit by signal): while files are read, and inside one long
 * synchronous step (a summarize pouring its groups into a sort).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).href;
const SCRIPT = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(2));`;

describe('the heap guard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-heap-'));
  const file = join(dir, 'many.jsonl');
  after(() => rmSync(dir, { recursive: true, force: true }));
  before(async () => {
    const out = createWriteStream(file);
    for (let i = 0; i < 600_000; i++)
      out.write(
        `{"TimeGenerated":"2026-10-20T01:00:00Z","Id":"id-${i}","CorrelationId":"corr-${i}-xxxxxxxxxxxxxxxx","OperationName":"Op ${i}"}\n`,
      );
    await new Promise((done) => out.end(done));
  });

  /** kqlhunt query with a 160 MB heap. */
  const run = (...args: string[]) =>
    spawnSync(
      process.execPath,
      ['--max-old-space-size=160', '--input-type=module', '-e', SCRIPT, 'kqlhunt', 'query', ...args],
      { encoding: 'utf8' },
    );

  for (const [what, query] of [
    [
      'growing while the files are read',
      'AuditLogs | summarize count() by Id, CorrelationId, OperationName | count',
    ],
    [
      'growing inside a sort fed at once',
      'AuditLogs | summarize n = count() by Id, CorrelationId | order by Id asc | count',
    ],
  ]) {
    it(`stops a query that keeps more than fits, ${what}, naming the limit and how to raise it`, () => {
      const r = run('-q', query as string, '--logs', file, '-j', '1');
      assert.equal(r.signal, null, 'not killed by V8');
      assert.equal(r.status, 1, r.stderr.slice(-500));
      assert.match(
        r.stderr,
        /^kqlhunt: out of memory: the query holds \d+ MB of live data, near this process's 160 MB limit .*NODE_OPTIONS=--max-old-space-size=320\n$/m,
      );
      assert.doesNotMatch(r.stderr, /FATAL ERROR/);
    });
  }

  it('lets a query that fits run to its end, whatever garbage it makes', () => {
    const r = run(
      '-q',
      'range i from 1 to 3000000 step 1 | extend s = strcat("x", i) | summarize count() by bin(i, 1000000)',
    );
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stdout, /\(4 rows\)/);
  });
});
