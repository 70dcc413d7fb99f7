/**
 * The RE2 engine and the regex functions: RE2 syntax, linear time on an attacker's input, and the real
 * engine's results [extract-*, extract-all-*, replace-regex-*, trim-*, indexof-regex-*, regex-quote-*].
 */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { compileRegex, KustoRegex, RegexSyntaxError } from '../../src/engine/functions/regex-engine.js';
import { KqlError } from '../../src/kql/errors.js';
import { runQuery } from '../support/query.js';
import { json, value } from './scalar.js';

describe('regex engine (RE2 via re2js)', () => {
  it('matches (a+)+$ against 100,000 a’s in linear time (no catastrophic backtracking)', () => {
    const re = KustoRegex.compile('(a+)+$');
    const text = `${'a'.repeat(100_000)}b`;
    const started = performance.now();
    assert.equal(re.test(text), false);
    assert.equal(re.exec(text), null);
    assert.ok(performance.now() - started < 1000, 'took more than a second');
  });

  it('speaks RE2: named groups (?P<n>), inline flags, Unicode classes', () => {
    const re = KustoRegex.compile('(?P<user>\\w+)@(?i)CONTOSO\\.com');
    const m = re.exec('mail alice@contoso.COM now');
    assert.equal(m?.group(0), 'alice@contoso.COM');
    assert.equal(re.groupNames.get('user'), 1);
    assert.equal(KustoRegex.compile('^\\p{L}+$').test('émile'), true);
  });

  it('refuses what RE2 does not have: backreferences and lookahead', () => {
    assert.throws(() => KustoRegex.compile('(a)\\1'), RegexSyntaxError);
    assert.throws(() => KustoRegex.compile('a(?=b)'), RegexSyntaxError);
  });

  it('finds successive matches, skipping an empty match right after one (RE2 FindAll)', () => {
    const spans = [...KustoRegex.compile('a*').matchAll('baaac')].map((m) => [m.start(0), m.end(0)]);
    assert.deepEqual(spans, [
      [0, 0],
      [1, 4],
      [5, 5],
    ]);
  });

  it('rewrites with \\0 and \\N, and caches compiled patterns', () => {
    assert.equal(
      KustoRegex.compile('is (\\d+)').replaceAll('Number is 1', 'was: \\1 (\\0)'),
      'Number was: 1 (is 1)',
    );
    assert.equal(compileRegex('x+', 'i'), compileRegex('x+', 'i'));
  });
});

describe('regex functions', () => {
  it('extract: a group of the first match, "" when none [extract-function-00]', async () => {
    assert.equal(
      await value('extract("User: ([^,]+)", 1, "User: James, Email: James@example.com, Age: 29")'),
      'James',
    );
    assert.equal(await value('extract(@"Email: (\\S+),", 1, "User: David, Age: 35")'), '');
    assert.equal(await value('extract(@"\\d+", 0, "User: David, Age: 35")'), '35');
    assert.equal(await value('extract(@"(\\d+)", 1, "Age: 35", typeof(long))'), 35n);
  });

  it('extract_all: groups of every match, by number or name [extract-all-function-00..04]', async () => {
    assert.deepEqual(await json('extract_all(@"(\\d+)", "a set of numbers: 123, 567 and 789")'), [
      '123',
      '567',
      '789',
    ]);
    const id = '"82b8be2d-dfa7-4bd1-8f63-24ad26d31449"';
    assert.deepEqual(((await json(`extract_all(@"(\\w)(\\w+)(\\w)", ${id})`)) as unknown[])[0], [
      '8',
      '2b8be2',
      'd',
    ]);
    assert.deepEqual(
      ((await json(`extract_all(@"(\\w)(\\w+)(\\w)", dynamic([1,3]), ${id})`)) as unknown[])[0],
      ['8', 'd'],
    );
    assert.deepEqual(
      (
        (await json(
          `extract_all(@"(?P<first>\\w)(?P<middle>\\w+)(?P<last>\\w)", dynamic(['first',2,'last']), ${id})`,
        )) as unknown[]
      )[1],
      ['d', 'fa', '7'],
    );
  });

  it('replace_regex and the obsolete replace [replace-regex-function-00]', async () => {
    assert.equal(await value("replace_regex('Number is 3', @'is (\\d+)', @'was: \\1')"), 'Number was: 3');
    assert.equal(await value(`replace('"', '', '"quoted"')`), 'quoted');
  });

  it('trim, trim_start, trim_end take a regex [trim-function-00..02, trim-start/end-function-00]', async () => {
    assert.equal(await value('trim("--", "--https://bing.com--")'), 'https://bing.com');
    assert.equal(await value('trim(@"[^\\w]+", "-  Te st1// $")'), 'Te st1');
    assert.equal(await value('trim_start("https://", "https://bing.com")'), 'bing.com');
    assert.equal(await value('trim_end(".com", "bing.com")'), 'bing');
    assert.equal(await value('trim_end(@"\\s+", "    Hello, world!    ")'), '    Hello, world!');
  });

  it('matches regex', async () => {
    const r = await runQuery('datatable(s:string)["a1", "bb"] | where s matches regex @"\\d$"');
    assert.deepEqual(r.rows, [['a1']]);
  });

  it('countof: normal overlaps, regex does not (countof-function.md)', async () => {
    assert.equal(await value('countof("aaaa", "aa")'), 3n);
    assert.equal(await value('countof("ababa", "aba", "regex")'), 1n);
    assert.equal(await value('countof("abcabc", "a.c", "regex")'), 2n);
  });

  it('indexof_regex [indexof-regex-function-00]', async () => {
    assert.equal(await value('indexof_regex("abcabc", @"a.c")'), 0n);
    assert.equal(await value('indexof_regex("abcabcdefg", @"a.c", 0, 9, 2)'), 3n);
    assert.equal(await value('indexof_regex("ababaa", @"a.a", 0, -1, 2)'), -1n);
    assert.equal(await value('indexof_regex("abcabc", @"a|ab", -1)'), null);
  });

  it('regex_quote [regex-quote-function-00]', async () => {
    assert.equal(await value("regex_quote('(so$me.Te^xt)')"), '\\(so\\$me\\.Te\\^xt\\)');
  });

  it('an invalid constant pattern is the query’s error', async () => {
    await assert.rejects(
      value('extract("(a", 1, "a")'),
      (e: unknown) => e instanceof KqlError && e.code === 'semantic',
    );
  });
});
