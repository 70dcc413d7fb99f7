/**
 * The command line end to end: kqlhunt's main() run in a child process (as bin/kqlhunt.js runs it, from this
 * build's output folder) over log files on disk — rule packs, one rule, --now, the exit status.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { parseDateTime } from '../../src/engine/values/datetime.js';
import { writeTenantJsonl } from '../../src/sim/write.js';
import { needsShared, SHARED_DIR } from '../support/paths.js';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).href;

interface Run {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

function kqlhunt(...args: string[]): Run {
  const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}

const lastLine = (text: string) => text.trimEnd().split('\n').at(-1) ?? '';

const RECORDS = [
  { TimeGenerated: '2026-10-20T01:00:00Z', OperationName: 'Add user', Result: 'success', Type: 'AuditLogs' },
  {
    TimeGenerated: '2026-10-20T02:00:00Z',
    OperationName: 'Delete user',
    Result: 'success',
    Type: 'AuditLogs',
  },
  { TimeGenerated: '2026-10-20T03:00:00Z', OperationName: 'Add user', Result: 'failure', Type: 'AuditLogs' },
];

const RULE_YAML = `id: 0d6f8e7a-1111-4c2b-9d7e-222222222222
name: User additions
tactics:
  - Persistence
relevantTechniques:
  - T1136
query: |
  AuditLogs
  | where OperationName == "Add user"
  | project TimeGenerated, Result
`;

describe('kqlhunt hunt', () => {
  let dir: string;
  let logs: string;
  let rules: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kqlhunt-cli-'));
    logs = join(dir, 'audit.jsonl');
    rules = join(dir, 'rules');
    await writeFile(logs, RECORDS.map((r) => `${JSON.stringify(r)}\n`).join(''));
    await mkdir(join(rules, 'nested'), { recursive: true });
    await writeFile(join(rules, 'additions.yaml'), RULE_YAML);
    await writeFile(
      join(rules, 'nested', 'recent.kql'),
      'AuditLogs\n| where TimeGenerated > ago(2h)\n| count\n',
    );
    await writeFile(join(rules, 'nested', 'broken.kql'), 'AuditLogs\n| where OperationName ==\n');
    await writeFile(
      join(rules, 'nested', 'param.kql'),
      'AuditLogs | where OperationName == "{{Operation}}"\n',
    );
    await writeFile(join(rules, 'connector.yaml'), 'id: connector\ndataTypes:\n  - AuditLogs\n');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs one rule file: the array of its rows', () => {
    const r = kqlhunt('hunt', join(rules, 'additions.yaml'), '--logs', logs, '--format', 'json');
    assert.equal(r.status, 0, r.stderr);
    assert.deepEqual(JSON.parse(r.stdout), [
      { TimeGenerated: '2026-10-20T01:00:00.0000000Z', Result: 'success' },
      { TimeGenerated: '2026-10-20T03:00:00.0000000Z', Result: 'failure' },
    ]);
    assert.equal(lastLine(r.stderr), 'kqlhunt: User additions: 2 findings');
  });

  it('runs a folder as a pack: per-rule status on stderr, then the closing summary', () => {
    const r = kqlhunt('hunt', rules, '--logs', logs, '--now', '2026-10-20T04:00:00Z', '--format', 'json');
    assert.equal(r.status, 1, 'a rule failed');
    const results = JSON.parse(r.stdout) as {
      id: string;
      status: string;
      error: string | null;
      rows: unknown;
    }[];
    assert.deepEqual(
      results.map((x) => [x.id, x.status]),
      [
        ['0d6f8e7a-1111-4c2b-9d7e-222222222222', 'ran'],
        ['broken', 'failed'],
        ['param', 'unsupported'],
        ['recent', 'ran'],
      ],
    );
    assert.deepEqual(results[3]?.rows, [{ Count: 1 }]);
    assert.match(results[1]?.error ?? '', /broken\.kql:2:\d+: /);
    assert.match(r.stderr, /skipped 1 YAML file with no query/);
    assert.match(r.stderr, /\nkqlhunt: failed: broken: .*broken\.kql:2:\d+: /);
    assert.match(r.stderr, /\nkqlhunt: unsupported: param: .*\{\{Operation\}\}/);
    assert.equal(lastLine(r.stderr), 'kqlhunt: rules: 2 ran, 1 failed, 1 unsupported of 4');
  });

  it('names a file that is not a readable rule once, by the path its error starts with', async () => {
    const unreadable = join(dir, 'unreadable.yaml');
    await writeFile(unreadable, 'id: y\nname: Y\nquery: "AuditLogs | take 1\n');
    const r = kqlhunt('hunt', join(rules, 'additions.yaml'), unreadable, '--logs', logs, '--format', 'json');
    assert.equal(r.status, 1);
    assert.match(r.stderr, /\nkqlhunt: failed: [^\n]*unreadable\.yaml:4:1: not valid YAML: [^\n]*\n/);
    assert.doesNotMatch(r.stderr, /unreadable\.yaml: [^\n]*unreadable\.yaml/);
  });

  it('fills other template parameters from --param, and exits 0 when no rule failed', () => {
    const r = kqlhunt(
      'hunt',
      join(rules, 'additions.yaml'),
      join(rules, 'nested', 'param.kql'),
      '--logs',
      logs,
      '--param',
      'Operation=Delete user',
      '--format',
      'jsonl',
    );
    assert.equal(r.status, 0, r.stderr);
    const lines = r.stdout
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    assert.equal(lines.length, 2);
    assert.equal(lines[1].status, 'ran');
    assert.equal((lines[1].rows as { OperationName: string }[])[0]?.OperationName, 'Delete user');
    assert.equal(lastLine(r.stderr), 'kqlhunt: rules: 2 ran, 0 failed, 0 unsupported of 2');
  });

  it('refuses a --param that no rule given uses (a misspelt name would otherwise do nothing)', () => {
    const param = join(rules, 'nested', 'param.kql');
    const r = kqlhunt('hunt', param, '--logs', logs, '--param', 'Operaton=Delete user');
    assert.equal(r.status, 2);
    assert.equal(r.stdout, '');
    assert.equal(
      r.stderr.trim(),
      'kqlhunt: --param Operaton: the rule does not use {{Operaton}} (its template parameters: {{Operation}})',
    );
    const pack = kqlhunt('hunt', join(rules, 'additions.yaml'), param, '--logs', logs, '--param', 'X=1');
    assert.equal(pack.status, 2);
    assert.match(pack.stderr, /--param X: no rule given uses \{\{X\}\}/);
  });

  it('--now fixes now() and ago(): the same answer on every run, relative to the evidence', () => {
    const recent = join(rules, 'nested', 'recent.kql');
    const at = (now: string) => kqlhunt('hunt', recent, '--logs', logs, '--now', now, '--format', 'json');
    const first = at('2026-10-20T03:30:00Z');
    const second = at('2026-10-20T03:30:00Z');
    assert.equal(first.status, 0, first.stderr);
    // 03:30 looks back to 01:30: the records of 02:00 and 03:00.
    assert.deepEqual(JSON.parse(first.stdout), [{ Count: 2 }]);
    assert.equal(second.stdout, first.stdout);
    assert.deepEqual(JSON.parse(at('2026-10-20T05:30:00Z').stdout), [{ Count: 0 }]);
    assert.doesNotMatch(first.stderr, /no --now/);
    // Without --now, the query time is today: the old evidence is out of range, and stderr says why.
    const today = kqlhunt('hunt', recent, '--logs', logs, '--format', 'json');
    assert.deepEqual(JSON.parse(today.stdout), [{ Count: 0 }]);
    assert.match(today.stderr, /uses now\(\)\/ago\(\) and no --now was given/);
  });

  it('kqlhunt query takes --now too', () => {
    const q = 'AuditLogs | where TimeGenerated between (ago(1h) .. now()) | project OperationName';
    const r = kqlhunt('query', '-q', q, '--logs', logs, '--now', '2026-10-20T02:30:00Z', '--format', 'csv');
    assert.equal(r.status, 0, r.stderr);
    assert.equal(r.stdout, 'OperationName\r\nDelete user\r\n');
  });

  it('says which file, line and column a broken rule fails at (exit 1), and a unknown rule is a usage error', () => {
    const broken = kqlhunt('hunt', join(rules, 'nested', 'broken.kql'), '--logs', logs);
    assert.equal(broken.status, 1);
    assert.match(lastLine(broken.stderr), /^kqlhunt: .*broken\.kql:2:\d+: /);
    const unknown = kqlhunt('hunt', join(dir, 'no-such-rule'), '--logs', logs);
    assert.equal(unknown.status, 2);
    assert.match(unknown.stderr, /neither a bundled rule .* nor a rule file or folder/);
  });

  it('kqlhunt rules lists the bundled rules, or the rules in a folder with their files', () => {
    const bundled = kqlhunt('rules', '--json');
    assert.equal(bundled.status, 0);
    const list = JSON.parse(bundled.stdout) as { id: string }[];
    assert.ok(list.some((x) => x.id === '5c799718-b361-4a91-9cb2-0c291e602707'));
    const folder = kqlhunt('rules', rules, '--json');
    assert.equal(folder.status, 0, folder.stderr);
    const files = (JSON.parse(folder.stdout) as { file: string }[]).map((x) =>
      x.file.slice(rules.length + 1),
    );
    assert.deepEqual(files, [
      'additions.yaml',
      join('nested', 'broken.kql'),
      join('nested', 'param.kql'),
      join('nested', 'recent.kql'),
    ]);
  });
});

describe('kqlhunt hunt over the Sentinel corpus', { skip: needsShared('the Sentinel corpus') }, () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kqlhunt-corpus-'));
    const end = parseDateTime('2026-10-21T00:00:00Z') as bigint;
    await writeTenantJsonl(join(dir, 'logs'), { end, users: 12, days: 16, seed: 1 });
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('runs the 120 rules as one pack end to end, and reports each', async () => {
    const corpus = join(SHARED_DIR as string, 'corpus', 'sentinel-auditlogs');
    const output = join(dir, 'findings.json');
    const r = kqlhunt('hunt', corpus, '--logs', join(dir, 'logs'), '--now', '2026-10-21T00:00:00Z');
    assert.ok(r.status === 0 || r.status === 1, r.stderr);
    const json = kqlhunt(
      'hunt',
      corpus,
      '--logs',
      join(dir, 'logs'),
      '--now',
      '2026-10-21T00:00:00Z',
      '--format',
      'json',
      '--output',
      output,
    );
    const results = JSON.parse(await readFile(output, 'utf8')) as {
      status: string;
      error: string | null;
      rows: unknown[] | null;
    }[];
    assert.equal(results.length, 120);
    const count = (s: string) => results.filter((x) => x.status === s).length;
    const summary = `kqlhunt: rules: ${count('ran')} ran, ${count('failed')} failed, ${count('unsupported')} unsupported of 120`;
    assert.equal(lastLine(json.stderr), summary);
    assert.equal(lastLine(r.stderr), summary);
    assert.equal(json.status, count('failed') > 0 ? 1 : 0);
    for (const x of results) {
      if (x.status === 'ran') assert.ok(Array.isArray(x.rows) && x.error === null);
      else
        assert.ok(
          x.rows === null && /sentinel-auditlogs\/[^:]+\.yaml(:\d+:\d+)?: /.test(x.error ?? ''),
          x.error ?? '',
        );
    }
    // Read once for all the rules: the logs are scanned in a few passes, not once per rule.
    const passes = /(\d+) table scans served by (\d+) passes/.exec(json.stderr);
    assert.ok(passes && Number(passes[2]) < Number(passes[1]), json.stderr);
    // The table format has a section per rule.
    assert.equal(r.stdout.match(/^== /gm)?.length, 120);
  });
});
