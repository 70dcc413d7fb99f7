/** Sentinel's template parameters in hunting queries: `{{StartTimeISO}}`, `{{EndTimeISO}}`. */
import { formatDateTime } from '../engine/values/datetime.js';

export interface HuntWindow {
  readonly start: bigint;
  readonly end: bigint;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;

/** The placeholders a query uses, by name. */
export function placeholdersIn(query: string): string[] {
  return [...new Set([...query.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** Substitutes the window into the query; an unknown placeholder is an error naming it. */
export function fillTemplate(query: string, window: HuntWindow): string {
  const values: Record<string, string> = {
    StartTimeISO: formatDateTime(window.start),
    EndTimeISO: formatDateTime(window.end),
  };
  return query.replace(PLACEHOLDER, (whole, name: string) => {
    const v = values[name];
    if (v === undefined)
      throw new Error(`the query uses the template parameter ${whole}, which kqlhunt cannot fill`);
    return v;
  });
}
