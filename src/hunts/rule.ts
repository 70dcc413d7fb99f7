/** A hunting rule: a KQL query with its Sentinel metadata. */

export interface EntityMapping {
  readonly entityType: string;
  readonly fieldMappings: readonly { readonly identifier: string; readonly columnName: string }[];
}

export interface Rule {
  readonly id: string;
  readonly name: string;
  readonly description: string;
  readonly tactics: readonly string[];
  readonly techniques: readonly string[];
  readonly query: string;
  readonly entityMappings: readonly EntityMapping[];
  /** Where the rule came from (a file path, or `bundled:<file>`). */
  readonly source: string;
  /** The 1-based line of the file on which the query text starts (0 when the file is the query). */
  readonly queryLine: number;
  /**
   * Columns the query text is shifted right by in the file (a YAML block scalar's indentation), so that a
   * position in the query maps to `queryLine + line - 1 : queryIndent + column`.
   */
  readonly queryIndent: number;
}

/** A position in the query text (1-based) as a position in the rule's file. */
export function filePosition(rule: Rule, line: number, column: number): { line: number; column: number } {
  if (rule.queryLine === 0) return { line, column };
  return { line: rule.queryLine + line - 1, column: rule.queryIndent + column };
}

/** The rule's file as people name it (`bundled:` dropped). */
export function ruleFile(rule: Pick<Rule, 'source'>): string {
  return rule.source.replace(/^bundled:/, '');
}
