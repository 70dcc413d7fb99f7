import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { run } from './rows.js';

const TRACES = `datatable(EventText: string) [
  "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01, previousLockTime=02/17/2016 08:39:01)",
  "Event: NotifySliceRelease (resourceName=PipelineScheduler, totalSlices=nonValidLongValue, sliceNumber=20, lockTime=02/17/2016 08:40:01, releaseTime=nonValidDateTime 08:40:01, previousLockTime=02/17/2016 08:39:01)"
]`;

describe('parse and parse-where', () => {
  it('extracts typed columns with kind=simple; a row that does not fit gets empty columns [parse-operator-01, parse-where-operator-01]', async () => {
    const r = await run(`${TRACES}
      | parse EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long * "sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
      | project resourceName, totalSlices, sliceNumber, lockTime, releaseTime, previousLockTime`);
    assert.deepEqual(r.types, ['string', 'long', 'long', 'string', 'datetime', 'datetime']);
    assert.deepEqual(r.rows, [
      [
        'PipelineScheduler',
        27,
        23,
        '02/17/2016 08:40:01',
        '2016-02-17T08:40:01.0000000Z',
        '2016-02-17T08:39:01.0000000Z',
      ],
      ['', null, null, '', null, null],
    ]);
  });

  it('kind=relaxed nulls only the columns that do not convert [parse-operator-07]', async () => {
    const r = await run(`${TRACES}
      | parse kind=relaxed EventText with * "resourceName=" resourceName ", totalSlices=" totalSlices: long ", sliceNumber=" sliceNumber: long * "lockTime=" lockTime ", releaseTime=" releaseTime: date "," * "previousLockTime=" previousLockTime: date ")" *
      | project resourceName, totalSlices, sliceNumber, releaseTime`);
    assert.deepEqual(r.rows, [
      ['PipelineScheduler', 27, 23, '2016-02-17T08:40:01.0000000Z'],
      ['PipelineScheduler', null, 20, null],
    ]);
  });

  it('a last column without a delimiter takes the rest of the text [parse-operator-02]', async () => {
    const r =
      await run(`datatable(Contacts: string) ["Event: LeadContact (email=abi@fourthcoffee.com, Website=https:www.fourthcoffee.com)"]
      | parse Contacts with * "email=" alias:string "@" domain: string ", Website=https:" WebsiteDomain: string ")"
      | project alias, domain, WebsiteDomain`);
    assert.deepEqual(r.rows, [['abi', 'fourthcoffee.com', 'www.fourthcoffee.com']]);
  });

  it('kind=regex: string columns are greedy, flags=U makes them lazy [parse-operator-04, docs example]', async () => {
    const greedy = await run(
      `${TRACES} | take 1 | parse kind=regex EventText with * "resourceName=" resourceName ',' * | project resourceName`,
    );
    assert.deepEqual(greedy.rows, [
      [
        'PipelineScheduler, totalSlices=27, sliceNumber=23, lockTime=02/17/2016 08:40:01, releaseTime=02/17/2016 08:40:01',
      ],
    ]);
    const lazy = await run(
      `${TRACES} | take 1 | parse kind=regex flags=Ui EventText with * "RESOURCENAME=" resourceName ',' * | project resourceName`,
    );
    assert.deepEqual(lazy.rows, [['PipelineScheduler']]);
  });

  it('parse-where drops the rows that do not match [parse-where-operator-04]', async () => {
    const r = await run(`${TRACES}
      | parse-where kind = regex flags=i EventText with * "RESOURCENAME=" resourceName "," * "totalSlices=" totalSlices: long "," *
      | project resourceName, totalSlices`);
    assert.deepEqual(r.rows, [['PipelineScheduler', 27]]);
  });

  it('parses a dynamic value through its text, as the corpus does with modifiedProperties', async () => {
    const r = await run(`print d = dynamic([{"newValue": "ConsentType: AllPrincipals, Scope: openid]"}])
      | parse d with * "ConsentType: " ConsentType ", Scope: " Scope "]" *
      | project ConsentType, Scope`);
    assert.deepEqual(r.rows, [['AllPrincipals', 'openid']]);
  });

  it('matches in linear time: a pathological text does not hang', async () => {
    const t0 = Date.now();
    const r = await run(`print s = strrep("a", 20000)
      | parse s with * "a" x "a" y "a" z "b" *
      | project x`);
    assert.deepEqual(r.rows, [['']]);
    assert.ok(Date.now() - t0 < 5000);
  });
});
