/** The hunt window from --start/--end/--now: a window that ends before it starts is refused, never run empty. */
import assert from 'node:assert/strict';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

describe('kqlhunt hunt: the window', () => {
  const dir = mkdtempSync(join(tmpdir(), 'kqlhunt-window-'));
  after(() => rmSync(dir, { recursive: true, force: true }));
  const logs = join(dir, 'audit.jsonl');
  writeFileSync(
    logs,
    `${JSON.stringify({ TimeGenerated: '2026-10-20T01:00:00Z', OperationName: 'Add user' })}\n`,
  );
  const rule = join(dir, 'window.kql');
  writeFileSync(
    rule,
    "AuditLogs | where TimeGenerated between (todatetime('{{StartTimeISO}}') .. todatetime('{{EndTimeISO}}'))\n",
  );
  const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

  it('--start alone after the latest record of the logs is a usage mistake naming both ends', () => {
    const r = runCli('hunt', rule, '--logs', logs, '--start', '2026-10-22T00:00:00Z');
    assert.equal(r.status, 2, r.stderr);
    assert.equal(
      lastLine(r.stderr),
      'kqlhunt: --start 2026-10-22T00:00:00.0000000Z is after the end of the hunt window, 2026-10-20T01:00:00.0000000Z (the latest TimeGenerated in the logs): give --end too',
    );
  });

  it('--start alone after --now is refused too; before it, the window runs to --now', () => {
    const late = runCli('hunt', rule, '--logs', logs, '--start', '2026-10-22', '--now', '2026-10-21');
    assert.equal(late.status, 2);
    assert.match(
      lastLine(late.stderr),
      /is after the end of the hunt window, 2026-10-21T00:00:00\.0000000Z \(--now\)/,
    );
    const ok = runCli(
      'hunt',
      rule,
      '--logs',
      logs,
      '--start',
      '2026-10-20',
      '--now',
      '2026-10-21',
      '--format',
      'csv',
    );
    assert.equal(ok.status, 0, ok.stderr);
    assert.equal(ok.stdout.trimEnd().split('\r\n').length, 2, 'the header and the one record');
  });

  it('--param cannot set the window parameters (the window would replace them): it says to use --start/--end', () => {
    const r = runCli('hunt', rule, '--logs', logs, '--param', 'StartTimeISO=2026-10-01T00:00:00Z');
    assert.equal(r.status, 2);
    assert.equal(
      lastLine(r.stderr),
      'kqlhunt: --param StartTimeISO: the hunt window is given with --start and --end',
    );
  });
});
