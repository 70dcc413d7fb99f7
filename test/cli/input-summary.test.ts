/** The closing summary of what was read: files that could not be read are counted as what they are. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

describe('the input summary', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-summary-'));
  after(() => rmSync(dir, { recursive: true, force: true }));

  it('names a broken link as unreadable and counts it with the files of unknown format', () => {
    writeFileSync(
      join(dir, 'audit.jsonl'),
      `${JSON.stringify({ TimeGenerated: '2026-10-20T01:00:00Z', OperationName: 'Add user' })}\n`,
    );
    writeFileSync(join(dir, 'notes.txt'), 'case notes\n');
    symlinkSync(join(dir, 'gone.jsonl'), join(dir, 'broken.jsonl'));
    const r = runCli('query', '-q', 'AuditLogs | count', '--logs', dir);
    assert.equal(r.status, 0, r.stderr);
    assert.match(r.stderr, /broken\.jsonl: cannot be read \(ENOENT/);
    assert.match(r.stderr, /notes\.txt: not a recognised audit-log format; ignored/);
    assert.match(
      r.stderr,
      /read 1 record from 1 file; ignored 2 files \(unreadable or of unknown format\)\n/,
    );
  });

  it('says the logs were not read when the query reads no AuditLogs, and that the same file named twice is read once', () => {
    const file = join(dir, 'audit.jsonl');
    const print = runCli('query', '-q', 'print 1', '--logs', dir);
    assert.equal(print.status, 0, print.stderr);
    assert.match(print.stderr, /kqlhunt: 1 log file not read: the query reads no AuditLogs;/);
    const twice = runCli('query', '-q', 'AuditLogs | count', '--logs', file, '--logs', file, '--logs', dir);
    assert.equal(twice.status, 0, twice.stderr);
    assert.match(twice.stderr, /read 1 record from 1 file;/);
    assert.doesNotMatch(twice.stderr, /duplicate/);
  });

  it('a pack whose rules did not run does not say the logs were not read because no query reads them', () => {
    const rules = mkdtempSync(join(tmpdir(), 'kqlhunt-summary-rules-'));
    try {
      writeFileSync(join(rules, 'a.kql'), 'AuditLogs | where OperationName == "{{Op}}"\n');
      writeFileSync(join(rules, 'b.kql'), 'AuditLogs | evaluate python(typeof(x:int), "x")\n');
      const logs = join(rules, 'audit.jsonl');
      writeFileSync(
        logs,
        `${JSON.stringify({ TimeGenerated: '2026-10-20T01:00:00Z', OperationName: 'x' })}\n`,
      );
      const r = runCli('hunt', join(rules, 'a.kql'), join(rules, 'b.kql'), '--logs', logs);
      assert.equal(r.status, 0, r.stderr);
      assert.match(r.stderr, /kqlhunt: 1 log file not read: no rule ran\n/);
    } finally {
      rmSync(rules, { recursive: true, force: true });
    }
  });
});
