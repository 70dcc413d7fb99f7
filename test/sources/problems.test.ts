/** The problem log counts each problem once, however many scans meet it, and however many there are. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { InputError, ProblemLog } from '../../src/sources/problems.js';

describe('ProblemLog', () => {
  it('counts a problem met again (by another scan) once, past the point where it stops keeping text', () => {
    const log = new ProblemLog(false);
    const problem = (line: number, reason = 'invalid JSON') => ({ file: 'a.jsonl', line, reason });
    for (let scan = 0; scan < 2; scan++) for (let line = 1; line <= 10_000; line++) log.skip(problem(line));
    assert.equal(log.skippedRecords, 10_000);
    log.skip(problem(1, 'another reason'));
    log.damaged({ file: 'a.jsonl', line: 9, reason: 'truncated' });
    log.damaged({ file: 'a.jsonl', line: 9, reason: 'truncated' });
    log.warn({ file: 'b.jsonl', reason: 'no TimeGenerated column' });
    log.warn({ file: 'b.jsonl', reason: 'no TimeGenerated column' });
    assert.deepEqual([log.skippedRecords, log.damagedFiles, log.warnings], [10_001, 1, 1]);
    assert.equal(log.kept.length, 50);
  });

  it('under --strict, the first problem is fatal', () => {
    const log = new ProblemLog(true);
    assert.throws(
      () => log.skip({ file: 'a.jsonl', line: 3, field: 'TimeGenerated', reason: 'bad' }),
      InputError,
    );
  });
});
