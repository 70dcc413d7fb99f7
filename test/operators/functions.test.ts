import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { KqlError } from '../../src/kql/errors.js';
import { run } from './rows.js';

describe('user functions and invoke', () => {
  it('inlines a scalar function, with default parameter values (docs: user-defined functions)', async () => {
    const r = await run('let f = (a:string, b:long = 5) { strcat(a, "-", b) }; print f("q"), f("r", 7)');
    assert.deepEqual(r.rows, [['q-5', 'r-7']]);
  });

  it('evaluates a scalar function per row, with let statements in its body [geo-azimuth-function-02 shape]', async () => {
    const r = await run(`let get_direction = (azimuth:real) {
        let pi = 3.14159;
        iff(azimuth < pi/2, "North-East", iff(azimuth < pi, "South-East", "other"))
      };
      datatable(a:real)[0.5, 2.0, 4.0] | project d = get_direction(a)`);
    assert.deepEqual(r.rows, [['North-East'], ['South-East'], ['other']]);
  });

  it('calls a tabular function with scalar parameters', async () => {
    const r = await run('let h = (s:datetime) { print z = s + 1d }; h(datetime(2020-01-01))');
    assert.deepEqual(r.rows, [['2020-01-02T00:00:00.0000000Z']]);
  });

  it('invoke passes the piped table as the first parameter [invoke-operator-00 shape]', async () => {
    const r = await run(`let g = (T:(x:long), n:long) { T | where x > n | count };
      range x from 1 to 10 step 1 | invoke g(3)`);
    assert.deepEqual(r.names, ['Count']);
    assert.deepEqual(r.rows, [[7]]);
  });

  it('a scalar function without parameters is called by its bare name [named-expressions-02 shape]', async () => {
    const r = await run('let two = () { 1 + 1 }; print a = two, b = two() * 2');
    assert.deepEqual(r.rows, [[2, 4]]);
  });

  it('a view is called by its name', async () => {
    const r = await run('let V = view () { print a = 1 }; V | extend b = 2');
    assert.deepEqual(r.rows, [[1, 2]]);
  });

  it('keeps names bound inside a body from leaking out', async () => {
    const r = await run('let n = 10; let f = (x:long) { let n = 1; x + n }; print f(1), n');
    assert.deepEqual(r.rows, [[2, 10]]);
  });

  it('reports an error inside a body at its place in the query', async () => {
    // The binder reports it first; the position points into the body text.
    await assert.rejects(run('let f = (a:string) {\n strcat(a, nosuchfn(1)) };\nprint f("x")'), (e) => {
      assert.ok(e instanceof KqlError);
      assert.equal(e.position?.line, 2);
      return true;
    });
  });
});

describe('in / has_any with a table on the right', () => {
  it('uses the first column of the table as the list (docs: in-operator.md "Use a tabular expression")', async () => {
    const r = await run(`let T = datatable(a:string, b:long)["x", 1, "y", 2];
      datatable(s:string)["x", "z", "Y"] | where s in (T) or s in~ (T | where b == 2 | project a)`);
    assert.deepEqual(r.rows, [['x'], ['Y']]);
  });

  it('has_any takes its terms from a table', async () => {
    const r = await run(`let T = datatable(a:string)["hello"];
      datatable(s:string)["say hello there", "helloworld"] | where s has_any (T)`);
    assert.deepEqual(r.rows, [['say hello there']]);
  });

  it('!in keeps what the table does not hold', async () => {
    const r = await run(`let Known = datatable(n:long)[1, 3];
      range x from 1 to 4 step 1 | where x !in (Known)`);
    assert.deepEqual(r.rows, [[2], [4]]);
  });
});

describe('what cannot run offline', () => {
  it('refuses externaldata with code offline, naming the URL', async () => {
    await assert.rejects(
      run('externaldata(a:string)[@"https://example.com/x.csv"] with (format="csv")'),
      (e) => {
        assert.ok(e instanceof KqlError);
        assert.equal(e.code, 'offline');
        assert.match(e.message, /https:\/\/example\.com\/x\.csv/);
        return true;
      },
    );
  });

  it('refuses _GetWatchlist with code offline and its position, before the binder rejects it', async () => {
    await assert.rejects(
      run("let W = (_GetWatchlist('VIPUsers') | project SearchKey);\nAuditLogs | where Id in (W)"),
      (e) => {
        assert.ok(e instanceof KqlError);
        assert.equal(e.code, 'offline');
        assert.match(e.message, /VIPUsers/);
        assert.deepEqual(e.position, { line: 1, column: 10 });
        return true;
      },
    );
  });
});
