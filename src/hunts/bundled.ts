/** The rules that ship inside the package (the rules/ folder beside dist/). */
import { readdirSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { parseRuleYaml } from './load.js';
import type { Rule } from './rule.js';

/** dist/src/hunts → the package root. */
export const BUNDLED_RULES_DIR = resolve(dirname(fileURLToPath(import.meta.url)), '..', '..', '..', 'rules');

export async function bundledRules(): Promise<Rule[]> {
  const files = readdirSync(BUNDLED_RULES_DIR)
    .filter((f) => f.endsWith('.yaml') || f.endsWith('.yml'))
    .sort();
  return Promise.all(
    files.map(async (f) => parseRuleYaml(await readFile(join(BUNDLED_RULES_DIR, f), 'utf8'), `bundled:${f}`)),
  );
}

/** A bundled rule by id, or by name (case-insensitive). */
export async function findBundledRule(idOrName: string): Promise<Rule | undefined> {
  const wanted = idOrName.trim().toLowerCase();
  return (await bundledRules()).find((r) => r.id.toLowerCase() === wanted || r.name.toLowerCase() === wanted);
}
