/**
 * What the user names as rules: a bundled rule's id or name, a rule file, or a folder searched recursively
 * (the Azure-Sentinel repository's layout: YAML files with a `query` are rules; other YAML — data
 * connectors, parsers, workflows — is counted and passed over).
 */
import { realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { BUNDLED_RULES_DIR, bundledRules, findBundledRule } from './bundled.js';
import type { RuleWarning } from './load.js';
import { findRuleFiles, loadRuleFile, RuleError } from './load.js';
import type { PackEntry } from './pack.js';
import { ruleFile } from './rule.js';

/** An argument that names no rule at all. */
export class RuleArgumentError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RuleArgumentError';
  }
}

export interface ResolvedRules {
  readonly entries: PackEntry[];
  /** How many arguments were folders. */
  readonly folders: number;
  /** YAML files in the folders that hold no query (not rules). */
  readonly notRules: number;
}

async function kindOf(path: string): Promise<'file' | 'folder' | undefined> {
  return stat(path).then(
    (s) => (s.isDirectory() ? 'folder' : s.isFile() ? 'file' : undefined),
    () => undefined,
  );
}

/** Loads a file as a pack entry: a rule, or the reason it is not one. */
async function entryOf(file: string, warn: RuleWarning): Promise<PackEntry> {
  try {
    return { rule: await loadRuleFile(file, warn) };
  } catch (e) {
    if (e instanceof RuleError) return { file, error: e };
    throw e;
  }
}

/**
 * Each argument as rules, in order; a folder's rules in path order. A rule named twice (the same id or name,
 * the same file, a folder and a file in it) runs once, and `warn` says so: its findings would only repeat.
 */
export async function resolveRules(args: readonly string[], warn: RuleWarning): Promise<ResolvedRules> {
  const entries: PackEntry[] = [];
  const seen = new Set<string>();
  const once = (key: string, shownAs: string): boolean => {
    if (!seen.has(key)) {
      seen.add(key);
      return true;
    }
    warn(`${shownAs}: named more than once; run once`);
    return false;
  };
  const fileKey = async (file: string) => `file:${await realpath(file).catch(() => file)}`;
  let folders = 0;
  let notRules = 0;
  for (const arg of args) {
    const bundled = await findBundledRule(arg);
    if (bundled) {
      // Keyed by its file: naming that file's path too is naming it twice.
      const key = await fileKey(join(BUNDLED_RULES_DIR, ruleFile(bundled)));
      if (once(key, `'${arg}' (bundled rule ${bundled.id})`)) entries.push({ rule: bundled });
      continue;
    }
    const kind = await kindOf(arg);
    if (kind === 'file') {
      if (once(await fileKey(arg), arg)) entries.push(await entryOf(arg, warn));
      continue;
    }
    if (kind !== 'folder') {
      const near = await nearestBundledRule(arg);
      throw new RuleArgumentError(
        `'${arg}' is neither a bundled rule (see 'kqlhunt rules') nor a rule file or folder${near ? `; did you mean '${near}'?` : ''}`,
      );
    }
    folders++;
    let found = 0;
    for (const file of await findRuleFiles(arg)) {
      const key = await fileKey(file);
      if (seen.has(key)) {
        found++; // the folder does hold it; it was named before
        once(key, file);
        continue;
      }
      const entry = await entryOf(file, warn);
      if (!('rule' in entry) && entry.error.reason === 'not-a-rule') {
        notRules++;
        continue;
      }
      seen.add(key);
      entries.push(entry);
      found++;
    }
    if (found === 0)
      throw new RuleArgumentError(`'${arg}' holds no rules (.yaml files with a query, or .kql)`);
  }
  return { entries, folders, notRules };
}

/** The bundled rule name (or id) a mistyped argument most likely meant: a few edits away, case aside. */
async function nearestBundledRule(arg: string): Promise<string | undefined> {
  const wanted = arg.trim().toLowerCase();
  let best: { name: string; distance: number } | undefined;
  for (const rule of await bundledRules())
    for (const name of [rule.name, rule.id]) {
      const distance = editDistance(wanted, name.toLowerCase());
      if (distance <= Math.max(2, Math.floor(name.length / 5)) && (!best || distance < best.distance))
        best = { name, distance };
    }
  return best?.name;
}

/** Levenshtein distance (insertions, deletions, substitutions), in O(|a|·|b|) time and O(|b|) memory. */
export function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = (previous[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1);
      current[j] = Math.min(substitution, (previous[j] as number) + 1, (current[j - 1] as number) + 1);
    }
    previous = current;
  }
  return previous[b.length] as number;
}
