/** Dispatching commands: help per command, and an unknown command (even one named like an Object method). */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { runCli } from '../support/cli.js';

describe('kqlhunt COMMAND', () => {
  it('help CMD prints the command help; an unknown name is a usage mistake, never the main help', () => {
    const query = runCli('help', 'query');
    assert.equal(query.status, 0);
    assert.match(query.stdout, /^Usage: kqlhunt query/);
    for (const args of [['help', 'nosuch'], ['nosuch'], ['constructor'], ['help', 'toString']]) {
      const r = runCli(...args);
      assert.equal(r.status, 2, args.join(' '));
      assert.equal(r.stdout, '');
      assert.equal(r.stderr, `kqlhunt: unknown command '${args.at(-1)}' (see kqlhunt --help)\n`);
    }
  });
});
