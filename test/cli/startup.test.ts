/**
 * Start-up: a hunt whose plan was translated before reuses it (the parser is the slow part of a short run).
 * Over logs with no data the hunt window is the whole hour's 24 hours, so that runs within the hour agree.
 */
import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { mkdirSync, mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).href;
const FLAGSHIP = '5c799718-b361-4a91-9cb2-0c291e602707';

describe('start-up', () => {
  const root = mkdtempSync(join(tmpdir(), 'kqlhunt-startup-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  const hunt = (logs: string) => {
    const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(1));`;
    const r = spawnSync(
      process.execPath,
      ['--input-type=module', '-e', script, 'hunt', FLAGSHIP, '--logs', logs],
      {
        encoding: 'utf8',
        env: { ...process.env, KQLHUNT_CACHE_DIR: join(root, 'cache'), KQLHUNT_NO_CACHE: '' },
      },
    );
    assert.equal(r.status, 0, r.stderr);
    return r;
  };

  it('a hunt over an empty folder translates its plan once; the next run reuses it', () => {
    const empty = join(root, 'empty');
    mkdirSync(empty);
    const hour = () => Math.floor(Date.now() / 3_600_000);
    const before = hour();
    const first = hunt(empty);
    assert.match(first.stderr, /the 24 hours up to this hour/);
    const plans = () => readdirSync(join(root, 'cache', 'kqlhunt', 'plans'));
    assert.equal(plans().length, 1, 'the plan was cached');
    hunt(empty);
    // Across an hour boundary the window (so the query text) changes: then a second plan is right.
    if (hour() === before) assert.equal(plans().length, 1, 'the second run found the same plan');
  });
});
