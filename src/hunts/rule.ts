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
}
