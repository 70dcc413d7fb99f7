/** Files under --logs that hold nothing to read: reported and counted, never a crash. */
import assert from 'node:assert/strict';
import { mkdirSync, mkdtempSync, rmSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { InputError } from '../../src/sources/problems.js';
import { readRecords } from './read-records.js';

const RECORD = { TimeGenerated: '2026-10-20T01:00:00Z', OperationName: 'Add user', Id: 'a1' };

describe('unreadable files under --logs', () => {
  const root = mkdtempSync(join(tmpdir(), 'kqlhunt-unreadable-'));
  after(() => rmSync(root, { recursive: true, force: true }));

  it('a broken symbolic link in a folder is named as unreadable and the other files are read', async () => {
    const evidence = join(root, 'evidence');
    mkdirSync(evidence);
    writeFileSync(join(evidence, 'audit.jsonl'), `${JSON.stringify(RECORD)}\n`);
    symlinkSync(join(root, 'gone.jsonl'), join(evidence, 'broken.jsonl'));
    const { rows, source } = await readRecords([evidence]);
    assert.equal(rows.length, 1);
    assert.equal(source.unread.length, 1);
    assert.match(source.unread[0]?.reason ?? '', /^cannot be read \(ENOENT/);
    assert.equal(source.problems.ignoredFiles, 1);
    await assert.rejects(readRecords([evidence], true), InputError);
  });

  it('an empty Graph page, diagnostic blob or JSON array is an empty file, not one of unknown format', async () => {
    const dir = join(root, 'quiet-day');
    mkdirSync(dir);
    const empty = {
      'page.json':
        '{"@odata.context":"https://graph.microsoft.com/v1.0/$metadata#auditLogs/directoryAudits","value":[]}',
      'page-ps.json': '\ufeff{\r\n  "value": [\r\n\r\n  ]\r\n}\r\n',
      'PT1H.json': '{"records": []}',
      'array.json': '[]\n',
    };
    for (const [name, text] of Object.entries(empty)) writeFileSync(join(dir, name), text);
    writeFileSync(join(dir, 'other.json'), '{"value": [], "owner": "me"}');
    const { rows, source } = await readRecords([dir], false);
    assert.equal(rows.length, 0);
    assert.deepEqual(
      source.unread.map((u) => [u.path.slice(dir.length + 1), u.reason]),
      [
        ['PT1H.json', 'empty'],
        ['array.json', 'empty'],
        ['other.json', 'not a recognised audit-log format; ignored'],
        ['page-ps.json', 'empty'],
        ['page.json', 'empty'],
      ],
    );
    await assert.doesNotReject(
      readRecords(
        Object.keys(empty).map((name) => join(dir, name)),
        true,
      ),
    );
  });
});
