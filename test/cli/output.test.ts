/** Where results go: an output that cannot be written is one clear line and a failing status, never a crash. */
import assert from 'node:assert/strict';
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

describe('--output', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-output-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const logs = join(dir, 'audit.jsonl');
  writeFileSync(
    logs,
    `${JSON.stringify({ TimeGenerated: '2026-10-20T01:00:00Z', OperationName: 'Add user' })}\n`,
  );
  const query = ['query', '-q', 'AuditLogs | project OperationName', '--logs', logs, '--format', 'csv'];

  it('writes the results to the file', () => {
    const out = join(dir, 'out.csv');
    const r = runCli(...query, '--output', out);
    assert.equal(r.status, 0, r.stderr);
    assert.equal(readFileSync(out, 'utf8'), 'OperationName\r\nAdd user\r\n');
  });

  it('a path that cannot be opened is a usage mistake named in one line (exit 2), for every command', () => {
    const missing = join(dir, 'no-such-folder', 'out.csv');
    for (const args of [
      [...query, '--output', missing],
      ['inspect', logs, '--output', missing],
      ['convert', logs, '--to', 'jsonl', '--output', missing],
      ['hunt', '5c799718-b361-4a91-9cb2-0c291e602707', '--logs', logs, '--output', dir],
    ]) {
      const r = runCli(...args);
      assert.equal(r.status, 2, `${args[0]}: ${r.stderr}`);
      const last = r.stderr.trimEnd().split('\n').at(-1);
      assert.match(last ?? '', /^kqlhunt: --output: .*: cannot be written \((ENOENT|EISDIR)\)$/);
      assert.doesNotMatch(r.stderr, /\n\s+at /, 'no stack trace');
    }
  });

  it('a write that fails (a full disk) fails the run (exit 1)', {
    skip: existsSync('/dev/full') ? false : 'no /dev/full here',
  }, () => {
    const toFile = runCli(...query, '--output', '/dev/full');
    assert.equal(toFile.status, 1);
    assert.match(toFile.stderr, /kqlhunt: \/dev\/full: cannot be written \(ENOSPC\)/);
  });

  it('an output that is one of the logs read is refused before it is emptied (exit 2)', () => {
    const converted = join(dir, 'converted.jsonl');
    assert.equal(runCli('convert', logs, '--to', 'jsonl', '--output', converted).status, 0);
    const before = readFileSync(converted, 'utf8');
    for (const args of [
      ['convert', dir, '--to', 'jsonl', '--output', converted],
      [
        'query',
        '-q',
        'AuditLogs',
        '--logs',
        dir,
        '--format',
        'jsonl',
        '--output',
        join(dir, '.', 'converted.jsonl'),
      ],
    ]) {
      const r = runCli(...args);
      assert.equal(r.status, 2, r.stderr);
      assert.match(
        r.stderr,
        /--output: .*converted\.jsonl is one of the logs read: writing it would erase it first\n$/,
      );
    }
    assert.equal(readFileSync(converted, 'utf8'), before, 'left as it was');
  });
});
