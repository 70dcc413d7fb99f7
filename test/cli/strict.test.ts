/**
 * --strict checks every field of every record, whatever the query reads: a CI gate must not pass or fail
 * depending on the query. Without --strict a bad field matters only to a query that reads it (the record is
 * then skipped and reported).
 */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

describe('--strict', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-strict-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const file = join(dir, 'audit.jsonl');
  writeFileSync(
    file,
    [
      '{"TimeGenerated":"2026-10-20T01:00:00Z","Id":"a1","OperationName":"Add user","Type":"AuditLogs"}',
      '{"TimeGenerated":"not a date","Id":"x1","OperationName":"Foo","Type":"AuditLogs"}',
    ].join('\n'),
  );

  for (const query of [
    'AuditLogs | count',
    'AuditLogs | where TimeGenerated > datetime(2000-01-01) | count',
  ]) {
    it(`fails on a bad field the query does not read as on one it does: ${query}`, () => {
      const r = runCli('query', '-q', query, '--logs', file, '--strict');
      assert.equal(r.status, 1, r.stderr);
      assert.match(r.stderr, /audit\.jsonl.*2.*TimeGenerated/);
    });
  }

  it('without --strict, reports the record only where the query reads the bad field', () => {
    const reads = runCli(
      'query',
      '-q',
      'AuditLogs | where TimeGenerated > datetime(2000-01-01) | count',
      '--logs',
      file,
    );
    assert.equal(reads.status, 0, reads.stderr);
    assert.match(reads.stdout, /\b1\b/);
    assert.match(reads.stderr, /skipped 1 bad record/);
    const ignores = runCli('query', '-q', 'AuditLogs | count', '--logs', file);
    assert.equal(ignores.status, 0, ignores.stderr);
    assert.match(ignores.stdout, /\b2\b/);
  });

  it('a file of unknown format fails the run, named, and the message does not say it was ignored', () => {
    const notes = mkdtempSync(join(tmpdir(), 'kqlhunt-strict-notes-'));
    try {
      writeFileSync(join(notes, 'notes.txt'), 'collected by the IR team\n');
      const strict = runCli('query', '-q', 'AuditLogs | count', '--logs', notes, '--strict');
      assert.equal(strict.status, 1);
      assert.equal(
        strict.stderr.trim(),
        `kqlhunt: ${join(notes, 'notes.txt')}: not a recognised audit-log format`,
      );
      const lenient = runCli('query', '-q', 'AuditLogs | count', '--logs', notes);
      assert.equal(lenient.status, 0, lenient.stderr);
      assert.match(lenient.stderr, /notes\.txt: not a recognised audit-log format; ignored/);
    } finally {
      rmSync(notes, { recursive: true, force: true });
    }
  });
});
