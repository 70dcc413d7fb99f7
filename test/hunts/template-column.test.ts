/** Errors in a rule with template parameters are located in the rule's text, not in the filled query. */
import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { parseDateTime } from '../../src/engine/values/datetime.js';
import { ruleFromKql } from '../../src/hunts/load.js';
import { templateColumn } from '../../src/hunts/params.js';
import { compileRule, RuleQueryError } from '../../src/hunts/runner.js';

const WINDOW = {
  start: parseDateTime('2025-10-18T00:00:00Z') as bigint,
  end: parseDateTime('2025-10-19T00:00:00Z') as bigint,
};

describe('template parameters and error positions', () => {
  it('a column after a placeholder moves back by what its value added; inside a value it is the placeholder', () => {
    const query = "AuditLogs\n| where T > todatetime('{{StartTimeISO}}') and X == '{{Op}}' and Foo";
    const values = { StartTimeISO: '2025-10-18T00:00:00.0000000Z', Op: 'a' };
    // Filled line 2: "| where T > todatetime('2025-10-18T00:00:00.0000000Z') and X == 'a' and Foo"
    assert.equal(templateColumn(query, values, 2, 3), 3, 'before any placeholder');
    assert.equal(templateColumn(query, values, 2, 30), 25, 'inside the date: the placeholder');
    assert.equal(templateColumn(query, values, 2, 73), 66, 'Foo, after both placeholders');
    assert.equal(templateColumn(query, values, 1, 5), 5, 'a line without placeholders');
  });

  it("compileRule reports the rule's own line and column", () => {
    const rule = ruleFromKql(
      "AuditLogs\n| where TimeGenerated > todatetime('{{StartTimeISO}}') and Foo == 1\n",
      'window.kql',
    );
    assert.throws(
      () => compileRule(rule, WINDOW),
      (e: unknown) =>
        e instanceof RuleQueryError && e.message.startsWith("window.kql:2:60: The name 'Foo' does not refer"),
    );
  });
});
