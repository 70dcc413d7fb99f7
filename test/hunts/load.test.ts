/**
 * Loading rules: Sentinel YAML (metadata, where the query sits in the file), .kql files, folders in the
 * Azure-Sentinel layout, and YAML as published — invalid outside the query, or indented with tabs.
 */
import assert from 'node:assert/strict';
import { mkdir, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, before, describe, it } from 'node:test';
import { BUNDLED_RULES_DIR } from '../../src/hunts/bundled.js';
import { findRuleFiles, loadRuleFile, parseRuleYaml, RuleError } from '../../src/hunts/load.js';
import { editDistance, resolveRules } from '../../src/hunts/resolve.js';
import { filePosition } from '../../src/hunts/rule.js';
import { compileRule, RuleQueryError } from '../../src/hunts/runner.js';

const RULE = `id: 11111111-2222-3333-4444-555555555555
name: Test rule
description: |
  'Finds things.'
tactics:
  - Persistence
  - PrivilegeEscalation
relevantTechniques:
  - T1078.004
query: |
  AuditLogs
  | where OperationName == "Add member to role"
  | extend Actor = tostring(InitiatedBy.user.userPrincipalName)
entityMappings:
  - entityType: Account
    fieldMappings:
      - identifier: FullName
        columnName: Actor
version: 1.0.0
kind: Scheduled
`;

describe('Sentinel YAML rules', () => {
  it('reads the metadata Sentinel rules carry', () => {
    const r = parseRuleYaml(RULE, 'rule.yaml');
    assert.equal(r.id, '11111111-2222-3333-4444-555555555555');
    assert.equal(r.name, 'Test rule');
    assert.equal(r.description, 'Finds things.');
    assert.deepEqual(r.tactics, ['Persistence', 'PrivilegeEscalation']);
    assert.deepEqual(r.techniques, ['T1078.004']);
    assert.equal(r.entityMappings[0]?.entityType, 'Account');
    assert.ok(r.query.startsWith('AuditLogs\n| where'));
  });

  it('maps a position in the query to the file: block scalar line and indentation', () => {
    const r = parseRuleYaml(RULE, 'rule.yaml');
    // `AuditLogs` is on line 11 of the file, indented by two spaces.
    assert.equal(r.queryLine, 11);
    assert.equal(r.queryIndent, 2);
    assert.deepEqual(filePosition(r, 3, 10), { line: 13, column: 12 });
  });

  it('locates a query error at its line and column in the file', () => {
    const broken = RULE.replace('tostring(InitiatedBy.', 'tostring(NoSuchColumn.');
    const r = parseRuleYaml(broken, 'rule.yaml');
    assert.throws(
      () => compileRule(r, undefined),
      (e: unknown) => {
        assert.ok(e instanceof RuleQueryError);
        // Line 13 of the file is `  | extend Actor = tostring(NoSuchColumn...)`: the name is at column 29.
        assert.match(e.message, /^rule\.yaml:13:29: .*NoSuchColumn/);
        return true;
      },
    );
  });

  it('reads a one-line query and locates its columns after the key', () => {
    const r = parseRuleYaml('name: one\nquery: "AuditLogs | take 1"\n', 'one.yaml');
    assert.equal(r.queryLine, 2);
    assert.deepEqual(filePosition(r, 1, 1), { line: 2, column: 9 });
  });

  it('reads the query when the YAML is invalid elsewhere, and says so', () => {
    const bad = RULE.replace('      - identifier: FullName', '       - identifier: FullName\n   - oops');
    const warnings: string[] = [];
    const r = parseRuleYaml(bad, 'bad.yaml', (w) => warnings.push(w));
    assert.ok(r.query.includes('Add member to role'));
    assert.equal(warnings.length, 1);
    assert.match(warnings[0] as string, /^bad\.yaml:\d+:\d+: YAML error outside the query/);
  });

  it('reads a query indented with tabs (not YAML, but published so), and says so', () => {
    const tabbed = 'name: tabs\nquery: |\n\n\tAuditLogs\n\t\t| take 1\nversion: 1.0.0\n';
    const warnings: string[] = [];
    const r = parseRuleYaml(tabbed, 'tabs.yaml', (w) => warnings.push(w));
    assert.equal(r.query, '\nAuditLogs\n        | take 1\n');
    assert.equal(r.queryLine, 3);
    assert.match(warnings[0] as string, /^tabs\.yaml:4: tabs indent/);
  });

  it('refuses YAML broken inside the query, naming the line', () => {
    assert.throws(
      () => parseRuleYaml('name: x\nquery: "AuditLogs\n  | take 1\nversion: 1\n', 'q.yaml'),
      (e: unknown) =>
        e instanceof RuleError &&
        e.reason === 'invalid' &&
        /^q\.yaml:\d+:\d+: not valid YAML/.test(e.message),
    );
  });

  it('tells a YAML file with no query (not a rule) from a broken rule', () => {
    assert.throws(
      () => parseRuleYaml('id: connector\ndataTypes: [AuditLogs]\n', 'c.yaml'),
      (e: unknown) => e instanceof RuleError && e.reason === 'not-a-rule',
    );
    assert.throws(
      () => parseRuleYaml('id: x\nquery: ""\n', 'e.yaml'),
      (e: unknown) => e instanceof RuleError && e.reason === 'invalid',
    );
  });
});

describe('rule files and folders', () => {
  let dir: string;
  before(async () => {
    dir = await mkdtemp(join(tmpdir(), 'kqlhunt-rules-'));
    await mkdir(join(dir, 'Solutions', 'X', 'Analytic Rules'), { recursive: true });
    await mkdir(join(dir, 'Hunting Queries'), { recursive: true });
    await mkdir(join(dir, '.github'), { recursive: true });
    await writeFile(join(dir, 'Solutions', 'X', 'Analytic Rules', 'b.yaml'), RULE);
    await writeFile(join(dir, 'Solutions', 'X', 'Data Connectors.yaml'), 'id: c\ndataTypes: [AuditLogs]\n');
    await writeFile(join(dir, 'Hunting Queries', 'a.kql'), '\uFEFFAuditLogs | take 3\n');
    await writeFile(join(dir, 'Hunting Queries', 'notes.md'), '# not a rule\n');
    await writeFile(join(dir, 'Hunting Queries', 'broken.yml'), 'name: x\nquery: [unclosed\n');
    await writeFile(join(dir, '.github', 'ci.yaml'), 'query: AuditLogs\n');
  });
  after(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('finds YAML and KQL files recursively, in path order, skipping hidden folders', async () => {
    const files = (await findRuleFiles(dir)).map((f) => f.slice(dir.length + 1));
    assert.deepEqual(files, [
      join('Hunting Queries', 'a.kql'),
      join('Hunting Queries', 'broken.yml'),
      join('Solutions', 'X', 'Analytic Rules', 'b.yaml'),
      join('Solutions', 'X', 'Data Connectors.yaml'),
    ]);
  });

  it('reads a .kql file as the query itself, named after the file (byte order mark dropped)', async () => {
    const r = await loadRuleFile(join(dir, 'Hunting Queries', 'a.kql'));
    assert.equal(r.id, 'a');
    assert.equal(r.query, 'AuditLogs | take 3\n');
    assert.deepEqual(filePosition(r, 1, 5), { line: 1, column: 5 });
  });

  it('resolves a folder to its rules and broken rule files, passing over YAML that is not a rule', async () => {
    const { entries, folders, notRules } = await resolveRules([dir], () => {});
    assert.equal(folders, 1);
    assert.equal(notRules, 1);
    assert.deepEqual(
      entries.map((e) => ('rule' in e ? e.rule.id : `error: ${e.error.reason}`)),
      ['a', 'error: invalid', '11111111-2222-3333-4444-555555555555'],
    );
  });

  it('resolves a bundled rule by id and by name, case-insensitively', async () => {
    const byId = await resolveRules(['5C799718-B361-4A91-9CB2-0C291E602707'], () => {});
    const byName = await resolveRules(['rare audit activity initiated by app'], () => {});
    for (const { entries, folders } of [byId, byName]) {
      assert.equal(folders, 0);
      assert.equal(entries.length, 1);
      const e = entries[0];
      assert.ok(e && 'rule' in e);
      assert.equal(e.rule.id, '5c799718-b361-4a91-9cb2-0c291e602707');
    }
  });

  it('runs a rule named twice once, and says so: by id and name, by path, and as a folder and a file in it', async () => {
    const warnings: string[] = [];
    const bundled = await resolveRules(
      ['5c799718-b361-4a91-9cb2-0c291e602707', 'Rare Audit activity initiated by App'],
      (w) => warnings.push(w),
    );
    assert.equal(bundled.entries.length, 1);
    // The bundled rule by id and by its file's path.
    const itsFile = await resolveRules(
      ['5c799718-b361-4a91-9cb2-0c291e602707', join(BUNDLED_RULES_DIR, 'RareAuditActivityByApp.yaml')],
      () => {},
    );
    assert.equal(itsFile.entries.length, 1);
    const kql = join(dir, 'Hunting Queries', 'a.kql');
    const files = await resolveRules([kql, dir, kql], (w) => warnings.push(w));
    assert.deepEqual(
      files.entries.map((e) => ('rule' in e ? e.rule.id : `error: ${e.error.reason}`)),
      ['a', 'error: invalid', '11111111-2222-3333-4444-555555555555'],
    );
    assert.equal(warnings.length, 3);
    for (const w of warnings) assert.match(w, /named more than once; run once$/);
    assert.match(warnings[1] ?? '', /a\.kql: named more than once/);
  });

  it('says what a rule file is when given a file that is neither YAML nor KQL', async () => {
    const readme = join(dir, 'README.md');
    await writeFile(readme, '# My rules\n\nSee `rules/`: they hunt *things*.\n- a: b\n  c\n');
    await assert.rejects(loadRuleFile(readme), (e: unknown) => {
      assert.ok(e instanceof RuleError);
      assert.equal(
        e.message,
        `${readme}: not a rule file: give a Sentinel rule (.yaml, .yml) or a KQL query (.kql, .csl, .kusto)`,
      );
      return true;
    });
    // A rule kept under another name still reads.
    const renamed = join(dir, 'rule.txt');
    await writeFile(renamed, RULE);
    assert.equal((await loadRuleFile(renamed)).name, 'Test rule');
  });

  it('suggests the bundled rule a mistyped name or id meant, and nothing for a name far from any', async () => {
    const attempt = (arg: string) =>
      resolveRules([arg], () => {}).then(
        () => assert.fail(`'${arg}' resolved`),
        (e: Error) => e.message,
      );
    assert.match(
      await attempt('rare audit activty initiated by app'),
      /; did you mean 'Rare Audit activity initiated by App'\?$/,
    );
    assert.match(
      await attempt('5c799718-b361-4a91-9cb2-0c291e60270'),
      /; did you mean '5c799718-b361-4a91-9cb2-0c291e602707'\?$/,
    );
    assert.equal(
      await attempt('rare'),
      "'rare' is neither a bundled rule (see 'kqlhunt rules') nor a rule file or folder",
    );
    assert.equal(editDistance('kitten', 'sitting'), 3);
    assert.equal(editDistance('', 'abc'), 3);
    assert.equal(editDistance('abc', 'abc'), 0);
  });
});
