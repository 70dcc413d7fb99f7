/** The plan cache returns exactly the plan the translator made, and is keyed by the query text. */
import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { cachedCompile } from '../../src/cache/plan-cache.js';
import { DynDateTime } from '../../src/engine/values/dynamic.js';
import { compileQuery } from '../../src/kql/analyze.js';
import { TABLES } from '../../src/tables/index.js';

describe('plan cache', () => {
  let dir: string;
  const saved = process.env.KQLHUNT_CACHE_DIR;
  before(() => {
    dir = mkdtempSync(join(tmpdir(), 'kqlhunt-cache-'));
    process.env.KQLHUNT_CACHE_DIR = dir;
  });
  after(() => {
    if (saved === undefined) delete process.env.KQLHUNT_CACHE_DIR;
    else process.env.KQLHUNT_CACHE_DIR = saved;
    rmSync(dir, { recursive: true, force: true });
  });

  it('gives back the same plan, values of every kind intact, without translating again', () => {
    const text = `print a = 9223372036854775807, b = real(nan), c = -0.0, d = dynamic({"t": datetime(2026-10-20 00:00:00.0000001)}), e = 14d
      | extend f = tostring(d.t)`;
    let translations = 0;
    const compile = () => {
      translations++;
      return compileQuery(text, TABLES);
    };
    const first = cachedCompile(text, TABLES, compile);
    const second = cachedCompile(text, TABLES, compile);
    assert.equal(translations, 1);
    assert.deepEqual(second, first);
    // The print's columns are literals: check each survived with its exact kind.
    type Node = {
      kind: string;
      input?: Node;
      columns?: { name: string; expr: { kind: string; value?: unknown } }[];
    };
    let print = second.plan as unknown as Node; // the project right above print's single empty row
    while (print.input && print.input.kind !== 'values') print = print.input;
    const literals = new Map<string, unknown>();
    for (const c of print.columns ?? []) if (c.expr.kind === 'literal') literals.set(c.name, c.expr.value);
    assert.equal(literals.get('a'), 9223372036854775807n);
    assert.ok(Number.isNaN(literals.get('b')));
    assert.ok(Object.is(literals.get('c'), -0));
    const d = literals.get('d') as { t: unknown };
    assert.ok(d.t instanceof DynDateTime);
    assert.equal((d.t as DynDateTime).ticks, BigInt(Date.UTC(2026, 9, 20)) * 10_000n + 1n);
    assert.equal(literals.get('e'), 12_096_000_000_000n);
    assert.equal(readdirSync(join(dir, 'kqlhunt', 'plans')).length, 1);
  });

  it('translates a different query text again', () => {
    let translations = 0;
    const compile = (t: string) => () => {
      translations++;
      return compileQuery(t, TABLES);
    };
    cachedCompile('print x = 1', TABLES, compile('print x = 1'));
    cachedCompile('print x = 2', TABLES, compile('print x = 2'));
    assert.equal(translations, 2);
  });
});
