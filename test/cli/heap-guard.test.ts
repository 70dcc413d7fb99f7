/**
 * A query whose live data outgrows the heap stops with a message that says why and what to do, instead of
 * V8's fatal error (a native stack dump, exit by signal).
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { createWriteStream, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).href;

describe('the heap guard', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-heap-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('stops a query that keeps more than fits, naming the limit and how to raise it', async () => {
    const file = join(dir, 'many.jsonl');
    const out = createWriteStream(file);
    for (let i = 0; i < 600_000; i++)
      out.write(
        `{"TimeGenerated":"2026-10-20T01:00:00Z","Id":"id-${i}","CorrelationId":"corr-${i}-xxxxxxxxxxxxxxxx","OperationName":"Op ${i}"}\n`,
      );
    await new Promise((done) => out.end(done));
    const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(2));`;
    const query = 'AuditLogs | summarize count() by Id, CorrelationId, OperationName | count';
    const r = spawnSync(
      process.execPath,
      [
        '--max-old-space-size=160',
        '--input-type=module',
        '-e',
        script,
        'kqlhunt',
        'query',
        '-q',
        query,
        '--logs',
        file,
        '-j',
        '1',
      ],
      { encoding: 'utf8' },
    );
    assert.equal(r.signal, null, 'not killed by V8');
    assert.equal(r.status, 1, r.stderr.slice(-500));
    assert.match(
      r.stderr,
      /^kqlhunt: out of memory: the query holds \d+ MB of live data, near this process's 160 MB limit .*NODE_OPTIONS=--max-old-space-size=320\n$/m,
    );
    assert.doesNotMatch(r.stderr, /FATAL ERROR/);
  });
});
