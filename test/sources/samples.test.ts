/**
 * The real records of ../shared/samples (one file per delivery format) load and map onto AuditLogs with the
 * values the files hold, in Log Analytics' spelling (expected values read off the files themselves).
 */
import assert from 'node:assert/strict';
import { join } from 'node:path';
import { before, describe, it } from 'node:test';
import { inspectLogs } from '../../src/sources/inspect.js';
import { needsShared, SHARED_DIR } from '../support/paths.js';
import { runQuery } from '../support/query.js';
import type { Rec } from './read-records.js';
import { readRecords } from './read-records.js';

const skip = needsShared('sample records of every input format');
const samples = (f: string) => join(SHARED_DIR ?? '', 'samples', f);

type Record = Rec;
const read = (file: string) => readRecords([samples(file)]);

describe('the shared sample records', { skip }, () => {
  it('diagnostic-settings storage blob (2018 shape: level name, result 0, +00:00)', async () => {
    const { rows, source } = await read('azuremonitor_storage_records_docs_2018.json');
    assert.equal(source.files[0]?.format.name, 'diagnostic-json');
    assert.equal(rows.length, 1);
    const r = rows[0] as Record;
    assert.equal(r.TimeGenerated, '2018-12-10T00:03:46.6161822Z');
    assert.equal(r.ActivityDateTime, '2018-12-10T00:03:46.6161822Z', '+00:00 keeps all 7 digits');
    assert.equal(r.Category, 'Policy', 'from properties.category, not the envelope');
    assert.equal(r.OperationName, 'Update policy');
    assert.equal(r.ActivityDisplayName, 'Update policy');
    assert.equal(r.Result, 'success', 'result 0 is operationResult.success');
    assert.equal(r.Id, 'Directory_VNXV4_28148892');
    assert.equal(r.CorrelationId, '192298c1-0994-4dd6-b05a-a6c5984c31cb');
    assert.equal(r.AADTenantId, '7918d4b5-0442-4a97-be2d-36f9f9962ece');
    assert.equal(r.ResourceId, '/tenants/7918d4b5-0442-4a97-be2d-36f9f9962ece/providers/Microsoft.aadiam');
    assert.equal(r.Identity, 'MS-PIM');
    assert.equal(r.Level, '4', "level 'Informational' is Level 4");
    assert.equal(r.DurationMs, 0n);
    assert.equal(r.AADOperationType, 'Update');
    assert.equal(r.LoggedByService, 'Core Directory');
    assert.equal(r.Type, 'AuditLogs');
    assert.deepEqual(r.InitiatedBy, {});
    assert.deepEqual(r.TargetResources, [
      {
        id: '5e7a8ae7-165d-44a4-a4f4-6141f8c8ef40',
        displayName: 'Default Policy',
        type: 'Policy',
        modifiedProperties: [],
      },
    ]);
  });

  it('Graph v1.0 page (a "Type" key spelled with a capital)', async () => {
    const { rows, source } = await read('graph_v1_directoryAudits_list_response_docs.json');
    assert.equal(source.files[0]?.format.name, 'graph-json');
    const r = rows[0] as Record;
    assert.equal(r.TimeGenerated, '2018-01-09T21:20:02.7215374Z');
    assert.equal(r.OperationName, 'Add member to group');
    assert.equal(r.Category, 'UserManagement');
    assert.equal(r.Result, 'success');
    assert.equal(r.ResultReason, 'Successfully added member to group');
    assert.equal(r.Identity, 'Audry Oliver');
    assert.equal(r.AADTenantId, '', 'a Graph record does not name its tenant');
    assert.equal(r.ResourceId, '');
    assert.equal(r.OperationVersion, '1.0');
    assert.deepEqual(r.InitiatedBy, {
      user: {
        id: '728309ae-1a37-4937-9afe-e35d964db09b',
        displayName: 'Audry Oliver',
        userPrincipalName: 'bob@wingtiptoysonline.com',
        ipAddress: '127.0.0.1',
      },
    });
    const targets = r.TargetResources as Record[];
    assert.deepEqual(
      targets.map((t) => t.type),
      ['Group', 'User'],
    );
    assert.deepEqual((targets[0] as Record).modifiedProperties, [
      { displayName: 'Action Client Name', oldValue: null, newValue: 'DirectorySync' },
    ]);
    assert.deepEqual(r.AdditionalDetails, [
      { key: 'Additional Detail Name', value: 'Additional Detail Value' },
    ]);
  });

  it('Graph v1.0 filtered page and beta object', async () => {
    const v1 = (await read('graph_v1_directoryAudits_filtered_response_docs.json')).rows[0] as Record;
    assert.equal(v1.Id, 'SSGM_b662f17a-4e4d-4e1c-9248-cdec180024b2_MCDC4_88453290');
    assert.equal(v1.LoggedByService, 'Self-service Group Management');
    assert.equal((v1.InitiatedBy as { user: Record }).user.ipAddress, '10.0.0.0');
    assert.equal(v1.Identity, '', 'no display name anywhere');
    const beta = (await read('graph_beta_directoryAudit_object_docs.json')).rows[0] as Record;
    assert.equal(beta.TimeGenerated, '2022-06-21T23:25:00.1458248Z');
    assert.equal(beta.Identity, 'Test Admin');
    const props = ((beta.TargetResources as Record[])[0] as { modifiedProperties: Record[] })
      .modifiedProperties;
    assert.equal(props[0]?.oldValue, '[{"MethodType":6,"Default":true},{"MethodType":7,"Default":false}]');
    assert.equal(props[1]?.newValue, '"StrongAuthenticationMethod"');
  });

  it('Log Analytics query export (JSON lines, dynamic columns as JSON text, CRLF, an event twice)', async () => {
    const { rows, source } = await read('otrf_GoldenSAMLADFSMailAccess_AADAuditEvents.jsonl');
    assert.equal(source.files[0]?.format.name, 'log-analytics-jsonl');
    assert.equal(rows.length, 3, 'four lines, two of them the same event (Id)');
    assert.equal(source.stats.duplicates, 1);
    const r = rows[0] as Record;
    assert.equal(r.Id, 'Directory_10065ffb-8199-48bc-8ff5-912cb5b8295a_AUMVX_13992832');
    assert.equal(r.TimeGenerated, '2021-08-02T13:29:25.9830000Z');
    assert.equal((r.InitiatedBy as { user: Record }).user.userPrincipalName, 'pgustavo@simulandlabs.com');
    const mp = ((r.TargetResources as Record[])[0] as { modifiedProperties: Record[] }).modifiedProperties;
    assert.equal(mp[0]?.oldValue, '[]');
    assert.equal(
      mp[0]?.newValue,
      '["[KeyIdentifier=59eaeebc-8a6b-44a6-9f24-7d55e64420c9,KeyType=Password,KeyUsage=Verify,DisplayName=SimuLandCreds]"]',
    );
  });

  it('Log Analytics portal CSV of a hunting query (no TimeGenerated column: said so)', async () => {
    const { rows, source } = await read('sentinel_traininglab_AuditLogs_Hunting_first2rows.csv');
    assert.equal(source.files[0]?.format.name, 'log-analytics-csv');
    assert.equal(rows.length, 2);
    const r = rows[0] as Record;
    assert.equal(r.Id, 'Directory_9cee9603-bca7-4e62-9634-f1bfdc39ca2f_1261B_35670955');
    assert.equal(r.TimeGenerated, null);
    assert.equal(r.OperationVersion, '1');
    assert.equal(r.DurationMs, 0n);
    assert.equal(r.Category, 'ApplicationManagement');
    assert.deepEqual((r.InitiatedBy as { user: Record }).user, {
      displayName: null,
      userPrincipalName: 'victim@buildseccxpninja.onmicrosoft.com',
      ipAddress: '45.153.160.2',
      roles: [],
      id: '34070915-82ff-492a-801f-e90484e79248',
    });
    assert.equal(((r.TargetResources as Record[])[0] as Record).id, '020c2630-81fb-5678-9a9c-ce9984a45458');
    assert.ok(source.problems.kept.some((p) => /no TimeGenerated column/.test(p.reason)));
  });

  it('KQL member access works on every sample, whatever the source spelling', async () => {
    const { rows } = await readRecords([samples('')]);
    // As Log Analytics rows (longs as JSON numbers) for the in-memory query helper.
    const asJson = rows.map((r) =>
      Object.fromEntries(Object.entries(r).map(([k, v]) => [k, typeof v === 'bigint' ? Number(v) : v])),
    );
    const q = await runQuery(
      'AuditLogs | where isnotempty(tostring(InitiatedBy.user.userPrincipalName)) | summarize count()',
      asJson,
    );
    // 2 CSV rows, 3 Log Analytics rows, the v1.0 list page's user and the beta object's user.
    assert.equal(q.rows[0]?.[0], 7n);
  });

  let inspected: Awaited<ReturnType<typeof inspectLogs>> | undefined;
  before(async () => {
    if (!skip) inspected = await inspectLogs([samples('')]);
  });

  it('inspect names every file, its format, its records and its problems', () => {
    assert.ok(inspected);
    const by = new Map(inspected.files.map((f) => [f.path.split('/').pop(), f]));
    assert.equal(by.get('README.md')?.format, null);
    assert.equal(by.get('field-mapping.json')?.format, null, 'a document about columns is not a log');
    assert.equal(by.get('otrf_GoldenSAMLADFSMailAccess_AADAuditEvents.jsonl')?.duplicates, 1);
    assert.equal(by.get('azuremonitor_storage_records_docs_2018.json')?.records, 1);
    assert.equal(
      by.get('otrf_GoldenSAMLADFSMailAccess_AADAuditEvents.jsonl')?.firstTime,
      1627910712246n * 10_000n, // 2021-08-02T13:25:12.246Z
    );
    assert.equal(inspected.records, 9);
    assert.equal(inspected.skipped, 0);
  });
});
