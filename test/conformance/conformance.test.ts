/**
 * The real-engine conformance file (../shared/conformance) against a checked-in list of known failures:
 * any case that stops passing, or fails in a new way, fails this test; a listed case that now passes must
 * be removed from the list, so that the list stays honest.
 */
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, it } from 'node:test';
import { loadCases } from '../../src/conformance/cases.js';
import type { CaseOutcome, CaseStatus } from '../../src/conformance/run.js';
import { runCases } from '../../src/conformance/run.js';
import { needsShared, REPO_ROOT, SHARED_DIR } from '../support/paths.js';

interface KnownFailure {
  readonly status: Exclude<CaseStatus, 'passed'>;
  readonly reason: string;
}

const LIST = join(REPO_ROOT, 'test', 'conformance', 'known-failures.tsv');

/** known-failures.tsv: `id <TAB> failed|skipped <TAB> reason`, one case a line; # starts a comment. */
function readKnownFailures(): Map<string, KnownFailure> {
  const known = new Map<string, KnownFailure>();
  readFileSync(LIST, 'utf8')
    .split('\n')
    .forEach((line, i) => {
      if (line.trim() === '' || line.startsWith('#')) return;
      const [id, status, reason] = line.split('\t');
      const where = `known-failures.tsv:${i + 1}`;
      assert.ok(id && (status === 'failed' || status === 'skipped'), `${where}: expected id, status, reason`);
      assert.ok(reason && reason.trim() !== '', `${where}: ${id} has no reason`);
      assert.ok(!known.has(id), `${where}: ${id} is listed twice`);
      known.set(id, { status, reason });
    });
  return known;
}

const skip = needsShared('the conformance run');

describe('conformance with the real engine (../shared/conformance)', { skip }, () => {
  let outcomes: readonly CaseOutcome[] = [];
  const known = skip ? new Map<string, KnownFailure>() : readKnownFailures();

  it('runs every case', { timeout: 60_000 }, async () => {
    const cases = await loadCases(join(SHARED_DIR as string, 'conformance', 'kusto-emulator-cases.jsonl'));
    outcomes = (await runCases(cases)).outcomes;
    assert.equal(outcomes.length, cases.length);
    const ids = new Set(cases.map((c) => c.id));
    const stale = [...known.keys()].filter((id) => !ids.has(id));
    assert.deepEqual(stale, [], 'known-failures.tsv lists cases the file does not have');
  });

  it('has no regression: every case that does not pass is listed with the same status', () => {
    const regressions = outcomes
      .filter((o) => o.status !== 'passed' && known.get(o.case.id)?.status !== o.status)
      .map((o) => {
        const listed = known.get(o.case.id);
        return `${o.case.id}: ${o.status}${listed ? ` (listed as ${listed.status})` : ''}: ${o.reason}`;
      });
    assert.deepEqual(regressions, [], `cases that newly fail or are refused:\n${regressions.join('\n')}`);
  });

  it('lists no case that passes', () => {
    const fixed = outcomes.filter((o) => o.status === 'passed' && known.has(o.case.id)).map((o) => o.case.id);
    assert.deepEqual(fixed, [], `these cases now pass: remove them from test/conformance/known-failures.tsv`);
  });

  it('passes at least 90% of the core cases (the issue target)', () => {
    const core = outcomes.filter((o) => o.core);
    const passed = core.filter((o) => o.status === 'passed').length;
    assert.ok(passed >= 0.9 * core.length, `core: ${passed} of ${core.length} pass`);
  });
});
