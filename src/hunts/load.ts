/** Loading rules from Sentinel-format YAML (the Azure-Sentinel repository's layout) or bare .kql files. */
import { readFile } from 'node:fs/promises';
import { basename, extname } from 'node:path';
import { isMap, isScalar, LineCounter, parseDocument } from 'yaml';
import type { EntityMapping, Rule } from './rule.js';

export class RuleError extends Error {
  constructor(
    readonly file: string,
    message: string,
  ) {
    super(`${file}: ${message}`);
    this.name = 'RuleError';
  }
}

function stringList(v: unknown): string[] {
  return Array.isArray(v) ? v.filter((x) => typeof x === 'string' || typeof x === 'number').map(String) : [];
}

export function parseRuleYaml(text: string, source: string): Rule {
  const lines = new LineCounter();
  const doc = parseDocument(text, { lineCounter: lines });
  if (doc.errors.length > 0) {
    const e = doc.errors[0];
    throw new RuleError(source, `not valid YAML (${e?.message.split('\n')[0]})`);
  }
  const data = doc.toJS() as Record<string, unknown> | null;
  if (!data || typeof data !== 'object') throw new RuleError(source, 'not a Sentinel rule (no YAML mapping)');
  const query = data.query;
  if (typeof query !== 'string' || query.trim() === '') throw new RuleError(source, 'has no query');
  // The query's first line: a block scalar (`query: |`) starts on the line after the key.
  let queryLine = 0;
  const contents = doc.contents;
  if (isMap(contents)) {
    const node = contents.get('query', true);
    if (isScalar(node) && node.range) {
      const pos = lines.linePos(node.range[0]);
      const blockScalar = node.type === 'BLOCK_LITERAL' || node.type === 'BLOCK_FOLDED';
      queryLine = pos.line + (blockScalar ? 1 : 0);
    }
  }
  const entityMappings = Array.isArray(data.entityMappings) ? (data.entityMappings as EntityMapping[]) : [];
  return {
    id: typeof data.id === 'string' ? data.id : basename(source, extname(source)),
    name: typeof data.name === 'string' ? data.name : basename(source, extname(source)),
    description: typeof data.description === 'string' ? data.description.trim().replace(/^'|'$/g, '') : '',
    tactics: stringList(data.tactics),
    techniques: stringList(data.relevantTechniques),
    query,
    entityMappings,
    source,
    queryLine,
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
    queryLine: 1,
  };
}

export async function loadRuleFile(path: string): Promise<Rule> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (e) {
    throw new RuleError(
      path,
      `cannot be read (${(e as NodeJS.ErrnoException).code ?? (e as Error).message})`,
    );
  }
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  const ext = extname(path).toLowerCase();
  if (ext === '.kql' || ext === '.csl' || ext === '.kusto') return ruleFromKql(text, path);
  return parseRuleYaml(text, path);
}
