/**
 * Loading rules: Sentinel-format YAML (the Azure-Sentinel repository's layout), bare .kql files, and folders
 * of them searched recursively. YAML as published is not always valid; where the query itself is intact the
 * rule is read anyway and the problem is reported as a warning, never silently.
 */
import { readdir, readFile } from 'node:fs/promises';
import { basename, extname, join } from 'node:path';
import type { Document, LineCounter as LineCounterType } from 'yaml';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { EntityMapping, Rule } from './rule.js';

export type RuleErrorReason = 'unreadable' | 'invalid' | 'not-a-rule';

export class RuleError extends Error {
  constructor(
    readonly file: string,
    message: string,
    readonly reason: RuleErrorReason = 'invalid',
    readonly line?: number,
    readonly column?: number,
  ) {
    super(`${file}${line !== undefined ? `:${line}:${column ?? 1}` : ''}: ${message}`);
    this.name = 'RuleError';
  }
}

/** A problem in a rule file that did not stop kqlhunt from reading its query. */
export type RuleWarning = (message: string) => void;

const KQL_EXTENSIONS = new Set(['.kql', '.csl', '.kusto']);
const YAML_EXTENSIONS = new Set(['.yaml', '.yml']);

export function isRuleFileName(path: string): boolean {
  const ext = extname(path).toLowerCase();
  return KQL_EXTENSIONS.has(ext) || YAML_EXTENSIONS.has(ext);
}

function stringList(v: unknown): string[] {
  if (typeof v === 'string')
    return v
      .split(',')
      .map((s) => s.trim())
      .filter((s) => s !== '');
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String) : [];
}

interface ParsedYaml {
  readonly doc: Document;
  readonly lines: LineCounterType;
  readonly text: string;
}

function parseYaml(text: string): ParsedYaml {
  const lines = new LineCounter();
  return { doc: parseDocument(text, { lineCounter: lines }), lines, text };
}

/** YAML allows only spaces for indentation; text editors often put tabs. Expands leading tabs (8 columns). */
function expandLeadingTabs(text: string): string {
  return text.replace(/^[ \t]+/gm, (ws) => {
    let col = 0;
    for (const ch of ws) col = ch === '\t' ? col + 8 - (col % 8) : col + 1;
    return ' '.repeat(col);
  });
}

/** The query scalar's position: the file line its text starts on, and the indentation of that text. */
function queryPlacement(parsed: ParsedYaml): { line: number; indent: number } {
  const contents = parsed.doc.contents;
  if (!isMap(contents)) return { line: 0, indent: 0 };
  const node = contents.get('query', true);
  if (!isScalar(node) || !node.range) return { line: 0, indent: 0 };
  const start = parsed.lines.linePos(node.range[0]);
  if (node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED') {
    // The text starts on the line after the `|`; its indentation is that of its first non-blank line.
    const after = parsed.text.slice(node.range[0]).split('\n').slice(1);
    const firstText = after.find((l) => l.trim() !== '');
    return { line: start.line + 1, indent: firstText ? firstText.length - firstText.trimStart().length : 0 };
  }
  // A one-line plain or quoted scalar: the query starts where the scalar does (after its quote).
  const quoted = node.type === 'QUOTE_DOUBLE' || node.type === 'QUOTE_SINGLE';
  return { line: start.line, indent: start.col - 1 + (quoted ? 1 : 0) };
}

/** The YAML errors that fall inside the query scalar (its text cannot be trusted then). */
function errorsInQuery(parsed: ParsedYaml): boolean {
  const contents = parsed.doc.contents;
  const node = isMap(contents) ? contents.get('query', true) : undefined;
  if (!isScalar(node) || !node.range) return parsed.doc.errors.length > 0;
  const [from, , to] = node.range;
  return parsed.doc.errors.some((e) => e.pos[0] <= to && e.pos[1] >= from);
}

function yamlError(parsed: ParsedYaml, source: string): RuleError {
  const e = parsed.doc.errors[0];
  const pos = e?.linePos?.[0];
  const what = (e?.message ?? 'unknown error').split('\n')[0]?.replace(/ at line \d+, column \d+:?$/, '');
  return new RuleError(source, `not valid YAML: ${what}`, 'invalid', pos?.line, pos?.col);
}

/** Reads a Sentinel rule; `warn` hears about YAML problems outside the query that were read past. */
export function parseRuleYaml(text: string, source: string, warn: RuleWarning = () => {}): Rule {
  let parsed = parseYaml(text);
  if (parsed.doc.errors.length > 0 && errorsInQuery(parsed)) {
    const retried = /^[ ]*\t/m.test(text) ? parseYaml(expandLeadingTabs(text)) : undefined;
    if (!retried || retried.doc.errors.length > 0) throw yamlError(parsed, source);
    const tabLine = text.split('\n').findIndex((l) => /^[ ]*\t/.test(l)) + 1;
    warn(
      `${source}:${tabLine}: tabs indent lines of this file, which YAML does not allow; read them as 8 columns`,
    );
    parsed = retried;
  } else if (parsed.doc.errors.length > 0) {
    const e = yamlError(parsed, source);
    warn(`${e.message.replace(': not valid YAML: ', ': YAML error outside the query (read past): ')}`);
  }
  const data = parsed.doc.toJS() as Record<string, unknown> | null;
  if (!data || typeof data !== 'object' || Array.isArray(data))
    throw new RuleError(source, 'not a Sentinel rule (no YAML mapping)', 'not-a-rule');
  const query = data.query;
  if (typeof query !== 'string') throw new RuleError(source, 'not a Sentinel rule (no query)', 'not-a-rule');
  if (query.trim() === '') throw new RuleError(source, 'the query is empty');
  const { line, indent } = queryPlacement(parsed);
  const entityMappings = Array.isArray(data.entityMappings) ? (data.entityMappings as EntityMapping[]) : [];
  const fileName = basename(source, extname(source));
  return {
    id: typeof data.id === 'string' && data.id.trim() !== '' ? data.id.trim() : fileName,
    name: typeof data.name === 'string' && data.name.trim() !== '' ? data.name.trim() : fileName,
    description: typeof data.description === 'string' ? data.description.trim().replace(/^'|'$/g, '') : '',
    tactics: stringList(data.tactics),
    techniques: stringList(data.relevantTechniques),
    query,
    entityMappings,
    source,
    queryLine: line,
    queryIndent: indent,
  };
}

export function ruleFromKql(text: string, source: string): Rule {
  const name = basename(source, extname(source));
  return {
    id: name,
    name,
    description: '',
    tactics: [],
    techniques: [],
    query: text,
    entityMappings: [],
    source,
    queryLine: 0,
    queryIndent: 0,
  };
}

export async function loadRuleFile(path: string, warn?: RuleWarning): Promise<Rule> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RuleError(
      path,
      `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
      'unreadable',
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const ext = extname(path).toLowerCase();
  if (KQL_EXTENSIONS.has(ext)) return ruleFromKql(text, path);
  if (YAML_EXTENSIONS.has(ext)) return parseRuleYaml(text, path, warn);
  // Another name (README.md, notes.txt): a rule only if it reads as a Sentinel rule; a YAML parser's complaint
  // about a Markdown file would not tell the user what kqlhunt expected.
  try {
    return parseRuleYaml(text, path, () => {});
  } catch (e) {
    if (!(e instanceof RuleError)) throw e;
    throw new RuleError(
      path,
      'not a rule file: give a Sentinel rule (.yaml, .yml) or a KQL query (.kql, .csl, .kusto)',
    );
  }
}

/** The rule files under a folder (YAML and KQL), recursively, in path order; hidden folders are skipped. */
export async function findRuleFiles(dir: string): Promise<string[]> {
  const out: string[] = [];
  const walk = async (d: string) => {
    const entries = await readdir(d, { withFileTypes: true });
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const e of entries) {
      if (e.name.startsWith('.') || e.name === 'node_modules') continue;
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else if (e.isFile() && isRuleFileName(e.name)) out.push(p);
    }
  };
  await walk(dir);
  return out;
}
