/**
 * The flagship hunt, "Rare Audit activity initiated by App", run verbatim from the bundled rule over records
 * built to exercise each of its semantics. Every expected row below is derived by hand from the query text
 * (../shared/rules/README.md spells out the subtle parts); none is copied from kqlhunt's output.
 */
import assert from 'node:assert/strict';
import { before, describe, it } from 'node:test';
import { executeToRows } from '../../src/engine/execute.js';
import {
  formatDateTime,
  parseDateTime,
  TICKS_PER_DAY,
  TICKS_PER_MINUTE,
} from '../../src/engine/values/datetime.js';
import type { Dynamic } from '../../src/engine/values/dynamic.js';
import type { Row } from '../../src/engine/values/types.js';
import { findBundledRule } from '../../src/hunts/bundled.js';
import type { Rule } from '../../src/hunts/rule.js';
import { compileRule } from '../../src/hunts/runner.js';
import { memoryTables, TEST_NOW } from '../support/query.js';

const S = parseDateTime('2026-10-20T00:00:00Z') as bigint;
const HOUR = 60n * TICKS_PER_MINUTE;
const TICK = 1n;

let nextId = 0;
interface Prop {
  readonly name: string;
  readonly newValue: string | null;
}
interface Target {
  readonly upn?: string;
  readonly displayName?: string;
  readonly props: readonly Prop[];
}

function event(
  time: bigint,
  operation: string,
  app: { name: string | null; ip?: string } | null,
  targets: readonly Target[],
): Record<string, unknown> {
  const n = nextId++;
  return {
    TimeGenerated: formatDateTime(time),
    OperationName: operation,
    Category: operation.includes('device') ? 'Device' : 'UserManagement',
    Id: `Directory_TEST_${n}`,
    CorrelationId: `00000000-0000-4000-8000-${String(n).padStart(12, '0')}`,
    Type: 'AuditLogs',
    InitiatedBy: app
      ? {
          app: { displayName: app.name, appId: 'a1', ...(app.ip !== undefined ? { ipAddress: app.ip } : {}) },
        }
      : { user: { userPrincipalName: 'admin@x.com', ipAddress: '192.0.2.1' } },
    TargetResources: targets.map((t) => ({
      id: `t${n}`,
      displayName: t.displayName ?? null,
      type: t.upn ? 'User' : 'Device',
      userPrincipalName: t.upn ?? null,
      modifiedProperties: t.props.map((p) => ({ displayName: p.name, oldValue: '[]', newValue: p.newValue })),
    })),
  };
}

const p = (name: string, newValue: string | null): Prop => ({ name, newValue });
const user = (upn: string, ...props: Prop[]): Target => ({ upn, props });
const device = (displayName: string, ...props: Prop[]): Target => ({ displayName, props });

// A: window boundaries. The baseline is `between (S - 14d .. S)` (both ends inclusive); the current window is
// `>= S`, so an event exactly at S is in both, and its own key suppresses it.
const boundary = { name: 'BoundaryApp', ip: '10.0.0.1' };
const A = [
  event(S, 'Update user', boundary, [user('a1@x.com', p('Email', '["e1"]'))]),
  event(S + TICK, 'Update user', boundary, [user('a2@x.com', p('Email', '["e2"]'))]),
  event(S - TICK, 'Update user', boundary, [user('a3@x.com', p('Email', '["e3"]'))]),
  event(S + 5n * TICKS_PER_MINUTE, 'Update user', boundary, [user('a3@x.com', p('Email', '["e3b"]'))]),
  event(S - 14n * TICKS_PER_DAY, 'Update user', boundary, [user('a4@x.com', p('Email', '["e4"]'))]),
  event(S + 6n * TICKS_PER_MINUTE, 'Update user', boundary, [user('a4@x.com', p('Email', '["e4b"]'))]),
  event(S - 14n * TICKS_PER_DAY - TICK, 'Update user', boundary, [user('a5@x.com', p('Email', '["e5"]'))]),
  event(S + 7n * TICKS_PER_MINUTE, 'Update user', boundary, [user('a5@x.com', p('Email', '["e5b"]'))]),
];

// C: UPNs are lowercased on both sides (equal); app names are compared case-sensitively by the join.
const C = [
  event(S - 2n * TICKS_PER_DAY, 'Update user', { name: 'CaseApp', ip: '10.0.0.2' }, [
    user('Bob@X.com', p('Title', '["t0"]')),
  ]),
  event(S + 1n * HOUR, 'Update user', { name: 'CaseApp', ip: '10.0.0.2' }, [
    user('bob@x.com', p('Title', '["t1"]')),
  ]),
  event(S + 2n * HOUR, 'Update user', { name: 'caseapp', ip: '10.0.0.2' }, [
    user('bob@x.com', p('Title', '["t2"]')),
  ]),
];

// D: every newValue shape. Kept: the first element of a JSON array that is not empty/null/"" —
// ["x"] → x, [123] → 123, [{"a":1}] → {"a":1}. Dropped: "x" (not an array), [], [null], [""], plain text
// (parse_json keeps it a string, and [0] of a string is null), the empty string, null.
const D = [
  event(S + 3n * HOUR, 'Update user', { name: 'ShapeApp' }, [
    user(
      'd@x.com',
      p('P1', '["x"]'),
      p('P2', '"x"'),
      p('P3', '[]'),
      p('P4', '[null]'),
      p('P5', '[""]'),
      p('P6', '[123]'),
      p('P7', '[{"a":1}]'),
      p('P8', 'plain text'),
      p('P9', ''),
      p('P10', null),
    ),
  ]),
];

// E: the ignore lists match in any case (!in~, !~).
const E = [
  event(S + 3n * HOUR + 30n * TICKS_PER_MINUTE, 'Update user', { name: 'IgnoreApp', ip: '10.0.0.5' }, [
    user(
      'e@x.com',
      p('targetid.usertype', '["Guest"]'),
      p('DEVICEOSVERSION', '["10.0"]'),
      p('Department', '["Sales"]'),
    ),
  ]),
  event(S + 3n * HOUR, 'Update user', { name: 'microsoft azure ad group-based licensing', ip: '10.0.0.5' }, [
    user('e2@x.com', p('Department', '["Sales"]')),
  ]),
  event(S + 3n * HOUR, 'CHANGE USER LICENSE', { name: 'IgnoreApp', ip: '10.0.0.5' }, [
    user('e3@x.com', p('AssignedLicense', '["E5"]')),
  ]),
];

// F: `(PropertyName !~ "Action Client Name" and newValue !~ "DirectorySync")` drops a row when either side
// matches; likewise for "Included Updated Properties" / "LastDirSyncTime".
const F = [
  event(S + 3n * HOUR + 45n * TICKS_PER_MINUTE, 'Update user', { name: 'PrecedenceApp', ip: '10.0.0.6' }, [
    user(
      'f@x.com',
      p('Action Client Name', '["Other"]'),
      p('Something', '["directorysync"]'),
      p('Included Updated Properties', '["Foo"]'),
      p('Other', '["LastDirSyncTime"]'),
      p('Kept', '["DirSync"]'),
    ),
  ]),
];

// G: has_any matches whole terms of set_PropertyName's text: "ExtDeviceOSTypeHint" is not "DeviceOSType".
// These apps have no ipAddress at all, and the targets are devices (no UPN).
const deviceApp = { name: 'DeviceApp' };
const G = [
  event(S + 8n * HOUR, 'Update device', deviceApp, [
    device('LAPTOP-1', p('ExtDeviceOSTypeHint', '["Windows"]')),
  ]),
  event(S + 9n * HOUR, 'Update device', deviceApp, [device('LAPTOP-2', p('DeviceOSType', '["Windows"]'))]),
  event(S + 10n * HOUR, 'Update device', deviceApp, [
    device('LAPTOP-3', p('CloudDeviceOSType', '["Windows"]')),
  ]),
];

// H: an IP in the baseline but none now is a different key.
const H = [
  event(S - TICKS_PER_DAY, 'Update user', { name: 'IpApp', ip: '10.0.0.7' }, [
    user('h@x.com', p('Title', '["h0"]')),
  ]),
  event(S + 4n * HOUR, 'Update user', { name: 'IpApp' }, [user('h@x.com', p('Title', '["h1"]'))]),
];

// I: only TargetResources[0] counts, for the properties and for the UPN.
const I = [
  event(S + 4n * HOUR + 15n * TICKS_PER_MINUTE, 'Update user', { name: 'IdxApp', ip: '10.0.0.8' }, [
    user('i1@x.com'),
    user('other@x.com', p('Secret', '["s"]')),
  ]),
  event(S + 4n * HOUR + 30n * TICKS_PER_MINUTE, 'Update user', { name: 'IdxApp', ip: '10.0.0.8' }, [
    user('i2@x.com', p('Title', '["T"]')),
    user('other@x.com', p('Secret', '["s"]')),
  ]),
];

// J: two events of one group: min/max times; make_bag keeps one value per key.
const J = [
  event(S + 5n * HOUR, 'Update user', { name: 'TwiceApp', ip: '10.0.0.9' }, [
    user('j@x.com', p('Title', '["A"]')),
  ]),
  event(S + 6n * HOUR, 'Update user', { name: 'TwiceApp', ip: '10.0.0.9' }, [
    user('j@x.com', p('Title', '["B"]')),
  ]),
];

// Never findings: activity initiated by a user, and an app without a display name.
const NOISE = [
  event(S + 1n * HOUR, 'Update user', null, [user('n1@x.com', p('Title', '["x"]'))]),
  event(S + 1n * HOUR, 'Update user', { name: '' }, [user('n2@x.com', p('Title', '["x"]'))]),
  event(S + 1n * HOUR, 'Update user', { name: null }, [user('n3@x.com', p('Title', '["x"]'))]),
];

const RECORDS = [...A, ...C, ...D, ...E, ...F, ...G, ...H, ...I, ...J, ...NOISE];

const COLUMNS = [
  'InitiatedByApp',
  'OperationName',
  'TargetUserPrincipalName',
  'InitiatedByIpAddress',
  'TargetResourceName',
  'StartTime',
  'EndTime',
  'set_Activity',
  'set_PropertyName',
  'timestamp',
  'AccountCustomEntity',
  'HostCustomEntity',
  'IPCustomEntity',
];

interface Expected {
  app: string;
  op: string;
  upn: string;
  ip: string;
  resource: string;
  start: bigint;
  end: bigint;
  properties: Record<string, string>;
  host: string;
}

const row = (
  app: string,
  op: string,
  upn: string,
  ip: string,
  resource: string,
  start: bigint,
  properties: Record<string, string>,
  host = '',
  end = start,
): Expected => ({ app, op, upn, ip, resource, start, end, properties, host });

/** In the query's order: TargetUserPrincipalName, then StartTime. */
const EXPECTED: Expected[] = [
  row('DeviceApp', 'Update device', '', '', 'laptop-1', S + 8n * HOUR, { ExtDeviceOSTypeHint: 'Windows' }),
  row(
    'DeviceApp',
    'Update device',
    '',
    '',
    'laptop-2',
    S + 9n * HOUR,
    { DeviceOSType: 'Windows' },
    'laptop-2',
  ),
  row(
    'DeviceApp',
    'Update device',
    '',
    '',
    'laptop-3',
    S + 10n * HOUR,
    { CloudDeviceOSType: 'Windows' },
    'laptop-3',
  ),
  row('BoundaryApp', 'Update user', 'a2@x.com', '10.0.0.1', '', S + TICK, { Email: 'e2' }),
  row('BoundaryApp', 'Update user', 'a5@x.com', '10.0.0.1', '', S + 7n * TICKS_PER_MINUTE, { Email: 'e5b' }),
  row('caseapp', 'Update user', 'bob@x.com', '10.0.0.2', '', S + 2n * HOUR, { Title: 't2' }),
  row('ShapeApp', 'Update user', 'd@x.com', '', '', S + 3n * HOUR, { P1: 'x', P6: '123', P7: '{"a":1}' }),
  row('IgnoreApp', 'Update user', 'e@x.com', '10.0.0.5', '', S + 3n * HOUR + 30n * TICKS_PER_MINUTE, {
    Department: 'Sales',
  }),
  row('PrecedenceApp', 'Update user', 'f@x.com', '10.0.0.6', '', S + 3n * HOUR + 45n * TICKS_PER_MINUTE, {
    Kept: 'DirSync',
  }),
  row('IpApp', 'Update user', 'h@x.com', '', '', S + 4n * HOUR, { Title: 'h1' }),
  row('IdxApp', 'Update user', 'i2@x.com', '10.0.0.8', '', S + 4n * HOUR + 30n * TICKS_PER_MINUTE, {
    Title: 'T',
  }),
  row(
    'TwiceApp',
    'Update user',
    'j@x.com',
    '10.0.0.9',
    '',
    S + 5n * HOUR,
    { Title: 'A|B' },
    '',
    S + 6n * HOUR,
  ),
];

describe('flagship: Rare Audit activity initiated by App', () => {
  let rule: Rule;
  let names: string[];
  let rows: Row[];

  before(async () => {
    const found = await findBundledRule('5c799718-b361-4a91-9cb2-0c291e602707');
    assert.ok(found, 'the flagship rule is bundled');
    rule = found;
    const { plan } = compileRule(rule, { start: S, end: S + TICKS_PER_DAY });
    names = plan.schema.map((c) => c.name);
    rows = await executeToRows(plan, { tables: memoryTables(RECORDS), now: TEST_NOW });
  });

  it('is found by id and by name, with its MITRE metadata', async () => {
    assert.equal(rule.name, 'Rare Audit activity initiated by App');
    assert.deepEqual(rule.tactics, ['Persistence', 'LateralMovement']);
    assert.deepEqual(rule.techniques, ['T1136']);
    assert.equal((await findBundledRule('rare audit activity initiated by app'))?.id, rule.id);
  });

  it('has exactly the columns the query defines, in order', () => {
    assert.deepEqual(names, COLUMNS);
  });

  it('finds exactly the rare (operation, app, IP, target) combinations, sorted by UPN then StartTime', () => {
    const got = rows.map((r) => `${r[2]} | ${r[0]} | ${r[4]} | ${formatDateTime(r[5] as bigint)}`);
    const want = EXPECTED.map((e) => `${e.upn} | ${e.app} | ${e.resource} | ${formatDateTime(e.start)}`);
    assert.deepEqual(got, want);
  });

  it('computes every column of every finding', () => {
    rows.forEach((r, i) => {
      const e = EXPECTED[i] as Expected;
      const label = `${e.app}/${e.upn || e.resource}`;
      assert.equal(r[0], e.app, label);
      assert.equal(r[1], e.op, label);
      assert.equal(r[2], e.upn, label);
      assert.equal(r[3], e.ip, label);
      assert.equal(r[4], e.resource, label);
      assert.equal(r[5], e.start, `${label} StartTime`);
      assert.equal(r[6], e.end, `${label} EndTime`);
      // set_PropertyName: the distinct property names (order unspecified).
      assert.deepEqual(
        [...(r[8] as string[])].sort(),
        Object.keys(e.properties).sort(),
        `${label} set_PropertyName`,
      );
      // set_Activity: one bag per AccountMods group, pack("PropertyName", .., "newValue", .., "Id", .., "CorrelationId", ..).
      const bags = r[7] as Record<string, Dynamic>[];
      assert.equal(bags.length, Object.keys(e.properties).length, `${label} set_Activity size`);
      for (const bag of bags) {
        assert.deepEqual(Object.keys(bag), ['PropertyName', 'newValue', 'Id', 'CorrelationId']);
        const allowed = (e.properties[bag.PropertyName as string] ?? '').split('|');
        assert.ok(allowed.includes(bag.newValue as string), `${label}: ${bag.PropertyName}=${bag.newValue}`);
        const source = RECORDS.find((x) => x.Id === bag.Id);
        assert.ok(source, `${label}: Id ${bag.Id} is a real record's`);
        assert.equal(
          bag.CorrelationId,
          source.CorrelationId,
          `${label}: Id and CorrelationId come from one record`,
        );
      }
      assert.equal(r[9], e.start, `${label} timestamp`);
      assert.equal(r[10], e.upn, `${label} AccountCustomEntity`);
      assert.equal(r[11], e.host, `${label} HostCustomEntity`);
      assert.equal(r[12], e.ip, `${label} IPCustomEntity`);
    });
  });

  it('keeps the sub-millisecond part that decides the window boundary', () => {
    // a2 is one tick after starttime: a millisecond clock would put it at starttime, in the baseline.
    assert.equal(formatDateTime(rows[3]?.[5] as bigint), '2026-10-20T00:00:00.0000001Z');
  });
});
