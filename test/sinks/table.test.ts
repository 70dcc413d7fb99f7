/** The text table: columns aligned in terminal columns (wide CJK characters take two), long cells cut. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { Column, Row } from '../../src/engine/values/types.js';
import { TableWriter } from '../../src/sinks/table.js';
import { clipToWidth, displayWidth } from '../../src/sinks/text-width.js';

function table(schema: Column[], rows: Row[], maxColumnWidth?: number): string {
  let text = '';
  const w = new TableWriter({ write: (t) => (text += t) }, maxColumnWidth ? { maxColumnWidth } : {});
  w.begin(schema);
  for (const r of rows) w.row(r);
  w.end();
  return text;
}

const cols = (...names: string[]): Column[] => names.map((name) => ({ name, type: 'string' }));

describe('display width', () => {
  it('counts wide characters as two columns, combining marks and zero-width characters as none', () => {
    assert.equal(displayWidth('admin'), 5);
    assert.equal(displayWidth('管理者'), 6);
    assert.equal(displayWidth('김철수'), 6);
    assert.equal(displayWidth('ＡＢ'), 4); // fullwidth Latin
    assert.equal(displayWidth('José'), 4); // precomposed é
    assert.equal(displayWidth('Jose\u0301'), 4); // e + combining acute
    assert.equal(displayWidth('a\u200bb'), 2);
    assert.equal(displayWidth('Müller'), 6);
    assert.equal(displayWidth('𠀋'), 2); // outside the BMP: one character, two columns
  });

  it('cuts at a width without splitting a wide character', () => {
    assert.equal(clipToWidth('管理者アカウント', 6), '管理…'); // 5 columns of room: two characters fit
    assert.equal(clipToWidth('abcdef', 4), 'abc…');
    assert.equal(clipToWidth('管理', 4), '管理');
  });
});

describe('table output', () => {
  it('aligns the columns after a cell of wide characters', () => {
    const text = table(cols('User', 'Op'), [
      ['管理者', 'Add user'],
      ['admin', 'Delete user'],
    ]);
    const lines = text.split('\n');
    assert.deepEqual(lines.slice(0, 4), [
      'User    Op',
      '------  -----------',
      '管理者  Add user',
      'admin   Delete user',
    ]);
    // Every row's second column starts at the same terminal column.
    const opAt = (l: string) => displayWidth(l.slice(0, l.search(/(Add|Delete) user/)));
    assert.equal(opAt(lines[2] as string), 8);
    assert.equal(opAt(lines[3] as string), 8);
  });

  it('sizes columns over any number of rows', () => {
    const rows: Row[] = Array.from({ length: 300_000 }, (_, i) => [`u${i}`]);
    const text = table(cols('U'), rows);
    assert.ok(text.startsWith('U\n-------\nu0\n'));
    assert.ok(text.endsWith('u299999\n(300000 rows)\n'));
  });
});
