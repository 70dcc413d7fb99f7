/**
 * Template parameters in hunting queries: Sentinel fills `{{StartTimeISO}}` and `{{EndTimeISO}}` with the
 * hunt's time range; kqlhunt fills them from the window, and any other `{{Name}}` from values the user gives
 * (`--param Name=VALUE`). A parameter with no value is refused, naming it — never left in or guessed.
 */
import { formatDateTime } from '../engine/values/datetime.js';

export interface HuntWindow {
  readonly start: bigint;
  readonly end: bigint;
}

const PLACEHOLDER = /\{\{\s*([A-Za-z_][A-Za-z0-9_]*)\s*\}\}/g;
export const WINDOW_PARAMETERS: readonly string[] = ['StartTimeISO', 'EndTimeISO'];

/** A template parameter the query uses and nothing fills. */
export class TemplateError extends Error {
  constructor(
    readonly parameter: string,
    message: string,
  ) {
    super(message);
    this.name = 'TemplateError';
  }
}

/** The placeholders a query uses, by name, in order of first use. */
export function placeholdersIn(query: string): string[] {
  return [...new Set([...query.matchAll(PLACEHOLDER)].map((m) => m[1] as string))];
}

/** The given parameters none of the queries uses: a misspelt `--param` would otherwise do nothing, silently. */
export function unusedParameters(
  queries: readonly string[],
  params: Readonly<Record<string, string>>,
): string[] {
  const used = new Set(queries.flatMap(placeholdersIn));
  return Object.keys(params).filter((name) => !used.has(name));
}

export function usesWindowParameters(query: string): boolean {
  return placeholdersIn(query).some((p) => WINDOW_PARAMETERS.includes(p));
}

/** The values for the window parameters. */
export function windowValues(window: HuntWindow): Record<string, string> {
  return { StartTimeISO: formatDateTime(window.start), EndTimeISO: formatDateTime(window.end) };
}

/**
 * Where a column of `line` in the filled query (1-based, as the parser reports it) is in the template:
 * columns after a placeholder move back by the length its value added; a column inside a value is the
 * placeholder's. Values are single lines, so lines do not move.
 */
export function templateColumn(
  query: string,
  values: Readonly<Record<string, string>>,
  line: number,
  column: number,
): number {
  let shift = 0; // the filled line's length minus the template line's, up to the current placeholder
  for (const m of (query.split('\n')[line - 1] ?? '').matchAll(PLACEHOLDER)) {
    const value = values[m[1] as string] ?? m[0];
    const start = m.index + 1 + shift;
    if (column < start) break;
    if (column < start + value.length) return m.index + 1;
    shift += value.length - m[0].length;
  }
  return column - shift;
}

/** Substitutes every placeholder; one without a value is a TemplateError naming it. */
export function fillTemplate(query: string, values: Readonly<Record<string, string>>): string {
  for (const name of placeholdersIn(query)) {
    if (Object.hasOwn(values, name)) continue;
    const hint = WINDOW_PARAMETERS.includes(name)
      ? 'give the hunt window with --start/--end'
      : `give its value with --param ${name}=VALUE`;
    throw new TemplateError(
      name,
      `the query uses the template parameter {{${name}}}, which has no value: ${hint}`,
    );
  }
  return query.replace(PLACEHOLDER, (_whole, name: string) => values[name] as string);
}
