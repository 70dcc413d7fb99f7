/**
 * The compatibility corpus (../shared/corpus/sentinel-auditlogs: 120 Sentinel rules and hunts over AuditLogs)
 * run as one rule pack over a simulated tenant with a fixed query time, as `kqlhunt hunt <folder> --now`
 * would. Each rule's status and reason is compared with expected-status.tsv beside this file: a rule doing
 * worse than listed fails the test; a rule doing better, or refused for another reason, is reported so the
 * list can be updated (KQLHUNT_UPDATE_CORPUS=1 rewrites it from this run).
 */
import assert from 'node:assert/strict';
import { readFileSync, writeFileSync } from 'node:fs';
import { basename, join } from 'node:path';
import { before, describe, it } from 'node:test';
import { parseDateTime, TICKS_PER_DAY } from '../../src/engine/values/datetime.js';
import type { RuleOutcome, RuleStatus } from '../../src/hunts/pack.js';
import { packSummary, runPack } from '../../src/hunts/pack.js';
import { resolveRules } from '../../src/hunts/resolve.js';
import { ruleFile } from '../../src/hunts/rule.js';
import { generateTenant } from '../../src/sim/tenant.js';
import { needsShared, REPO_ROOT, SHARED_DIR } from '../support/paths.js';
import { memoryTables } from '../support/query.js';

const NOW = parseDateTime('2026-10-21T00:00:00Z') as bigint;
const EXPECTED_FILE = join(REPO_ROOT, 'test', 'corpus', 'expected-status.tsv');
const CORPUS = SHARED_DIR ? join(SHARED_DIR, 'corpus', 'sentinel-auditlogs') : '';
const skip = needsShared('the Sentinel corpus');

/** Better is higher: a rule that ran beats one refused with a reason, which beats one that failed. */
const RANK: Record<RuleStatus, number> = { failed: 0, unsupported: 1, ran: 2 };

interface Status {
  readonly status: RuleStatus;
  readonly reason: string;
}

/** The outcome's reason without its file path (`line:column: message`), '-' for a rule that ran. */
function statusOf(o: RuleOutcome): Status {
  if (o.status === 'ran') return { status: 'ran', reason: '-' };
  const file = ruleFile(o.rule);
  const error = o.error ?? '';
  const reason = error.startsWith(`${file}:`) ? error.slice(file.length + 1).trim() : error;
  return { status: o.status, reason: reason.replace(/[\t\r\n]+/g, ' ') };
}

function readExpected(): Map<string, Status> {
  const expected = new Map<string, Status>();
  for (const line of readFileSync(EXPECTED_FILE, 'utf8').split('\n')) {
    if (line.trim() === '' || line.startsWith('#')) continue;
    const [file, status, reason] = line.split('\t');
    expected.set(file as string, { status: status as RuleStatus, reason: reason ?? '-' });
  }
  return expected;
}

function writeExpected(actual: ReadonlyMap<string, Status>, summary: string): void {
  const lines = [
    '# Expected status of each corpus rule (test/corpus/corpus.test.ts). Regenerate: KQLHUNT_UPDATE_CORPUS=1.',
    `# ${summary}`,
    '# file\tstatus\treason (line:column in the file, and the message)',
    ...[...actual].map(([file, s]) => `${file}\t${s.status}\t${s.reason}`),
  ];
  writeFileSync(EXPECTED_FILE, `${lines.join('\n')}\n`);
}

/** The rules published broken upstream (corpus README), and a text on the line their error must name. */
const BROKEN_UPSTREAM: Record<string, string> = {
  'Detections__AuditLogs__RemovalofPIMAlerts.yaml': ') on $left.AccountCustomEntity == $right.InitiatedBy',
  'Hunting_Queries__AuditLogs__NonredeemedGuesUserInvites.yaml': '| project TimeGenerated,',
  'Solutions__Microsoft_Entra_ID__Analytic_Rules__AzureRBAC.yaml':
    '| project TimeGenerated Actor OperationName',
};

describe('corpus: 120 Sentinel AuditLogs rules as one pack', { skip }, () => {
  const actual = new Map<string, Status>();
  const outcomes = new Map<string, RuleOutcome>();
  let summary = '';

  before(async () => {
    const { entries } = await resolveRules([CORPUS], () => {});
    const rows = [...generateTenant({ end: NOW, users: 12, days: 16, seed: 1 })];
    const run = await runPack(entries, {
      tables: memoryTables(rows),
      now: NOW,
      window: { start: NOW - TICKS_PER_DAY, end: NOW },
    });
    for (const o of run.outcomes) {
      const file = basename(ruleFile(o.rule));
      outcomes.set(file, o);
      actual.set(file, statusOf(o));
    }
    summary = packSummary(run.outcomes);
    if (process.env.KQLHUNT_UPDATE_CORPUS === '1') writeExpected(actual, summary);
  });

  it('reads all 120 rules', () => {
    assert.equal(outcomes.size, 120);
  });

  it('does no worse than expected-status.tsv for any rule', (t) => {
    const expected = readExpected();
    const worse: string[] = [];
    const changed: string[] = [];
    for (const [file, got] of actual) {
      const want = expected.get(file);
      if (!want) {
        worse.push(`${file}: not in expected-status.tsv (got ${got.status}: ${got.reason})`);
        continue;
      }
      if (RANK[got.status] < RANK[want.status])
        worse.push(`${file}: expected ${want.status} (${want.reason}), got ${got.status}: ${got.reason}`);
      else if (got.status !== want.status || got.reason !== want.reason)
        changed.push(`${file}: ${want.status} (${want.reason}) -> ${got.status} (${got.reason})`);
    }
    for (const file of expected.keys())
      if (!actual.has(file)) worse.push(`${file}: listed but not in the corpus`);
    if (changed.length > 0) {
      const note = `${changed.length} corpus rule(s) changed for the better or for another reason: update the list (KQLHUNT_UPDATE_CORPUS=1)`;
      t.diagnostic(note);
      for (const c of changed) t.diagnostic(c);
      process.stderr.write(`NOTICE: ${note}\n${changed.map((c) => `  ${c}\n`).join('')}`);
    }
    t.diagnostic(summary);
    assert.deepEqual(worse, [], `corpus regressions:\n${worse.join('\n')}`);
  });

  it("reads each rule's id, name, tactics and techniques as the corpus manifest lists them", () => {
    const manifest = readFileSync(join(CORPUS, '..', 'manifest.tsv'), 'utf8')
      .trim()
      .split('\n');
    const header = (manifest[0] as string).split('\t');
    const col = (name: string) => header.indexOf(name);
    const list = (v: string | undefined) => (v === undefined || v === '-' ? [] : v.split(','));
    assert.equal(manifest.length - 1, outcomes.size);
    for (const line of manifest.slice(1)) {
      const c = line.split('\t');
      const file = c[col('flat_file')] as string;
      const rule = outcomes.get(file)?.rule;
      assert.ok(rule, file);
      assert.deepEqual(
        { id: rule.id, name: rule.name, tactics: rule.tactics, techniques: rule.techniques },
        {
          id: c[col('id')],
          name: c[col('name')],
          tactics: list(c[col('tactics')]),
          techniques: list(c[col('techniques')]),
        },
        file,
      );
    }
  });

  it('fails the three rules broken upstream with a parse error naming the broken line', () => {
    for (const [file, needle] of Object.entries(BROKEN_UPSTREAM)) {
      const o = outcomes.get(file);
      assert.ok(o, file);
      assert.equal(o.status, 'failed', file);
      const lines = readFileSync(join(CORPUS, file), 'utf8').split('\n');
      const brokenLine = lines.findIndex((l) => l.includes(needle)) + 1;
      assert.ok(brokenLine > 0, `${file}: the broken text is in the file`);
      const at = /^(\d+):(\d+): /.exec(statusOf(o).reason);
      assert.ok(at, `${file}: the error is located (${o.error})`);
      assert.equal(Number(at[1]), brokenLine, `${file}: ${o.error}`);
    }
  });

  it('says why for every rule it does not run, with the position of the construct', () => {
    for (const [file, o] of outcomes) {
      if (o.status === 'ran') continue;
      assert.match(statusOf(o).reason, /\S/, file);
      if (o.status === 'unsupported') assert.ok(o.construct, `${file}: names the construct refused`);
    }
  });

  it('runs at least 95 of the 120 to completion (the issue target)', (t) => {
    const ran = [...outcomes.values()].filter((o) => o.status === 'ran').length;
    if (ran < 95) t.todo(`${ran} of 120 run today`);
    assert.ok(ran >= 95, summary);
  });
});
