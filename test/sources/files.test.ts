import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, relative } from 'node:path';
import { after, describe, it } from 'node:test';
import { expandPaths } from '../../src/sources/files.js';

describe('expandPaths', () => {
  const root = mkdtempSync(join(tmpdir(), 'kqlhunt-files-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('follows symbolic links to files and folders, each file once, and keeps broken ones to report', async () => {
    const elsewhere = join(root, 'elsewhere');
    mkdirSync(join(elsewhere, 'deeper'), { recursive: true });
    writeFileSync(join(elsewhere, 'day1.jsonl'), '{}\n');
    writeFileSync(join(elsewhere, 'deeper', 'day2.jsonl'), '{}\n');
    const evidence = join(root, 'evidence');
    mkdirSync(evidence);
    writeFileSync(join(evidence, 'local.jsonl'), '{}\n');
    writeFileSync(join(evidence, '.hidden.jsonl'), '{}\n');
    symlinkSync(join(elsewhere, 'day1.jsonl'), join(evidence, 'linked-file.jsonl'));
    symlinkSync(elsewhere, join(evidence, 'linked-folder'));
    symlinkSync(evidence, join(evidence, 'loop')); // a cycle: walked once
    symlinkSync(join(root, 'missing.jsonl'), join(evidence, 'broken.jsonl'));
    const found = (await expandPaths([evidence])).map((p) => relative(evidence, p));
    assert.deepEqual(found, [
      'broken.jsonl',
      'linked-file.jsonl', // linked-folder/day1.jsonl is this same file: read once, by its first name
      join('linked-folder', 'deeper', 'day2.jsonl'),
      'local.jsonl',
    ]);
  });

  it('reads a file named twice once: the same path given twice, or a folder and a file inside it', async () => {
    const dir = join(root, 'twice');
    mkdirSync(dir);
    writeFileSync(join(dir, 'a.jsonl'), '{}\n');
    writeFileSync(join(dir, 'b.jsonl'), '{}\n');
    const a = join(dir, 'a.jsonl');
    assert.deepEqual(await expandPaths([a, a]), [a]);
    assert.deepEqual(await expandPaths([a, dir, `${dir}/`]), [a, join(dir, 'b.jsonl')]);
  });
});
