/** Finding input files: a path is a file or a folder searched recursively (hidden entries skipped). */
import { readdir, realpath, stat } from 'node:fs/promises';
import { join } from 'node:path';

/**
 * The files under `paths`, each once: a file named twice (`--logs x --logs x`, a folder and a file in it, two
 * links to one file) is read once, under the first name it was found by. Reading it again would only make
 * every one of its events a duplicate.
 */
export async function expandPaths(paths: readonly string[]): Promise<string[]> {
  const found: string[] = [];
  const walked = new Set<string>();
  for (const p of paths) {
    let st: Awaited<ReturnType<typeof stat>>;
    try {
      st = await stat(p);
    } catch {
      throw new Error(`${p}: no such file or folder`);
    }
    if (st.isDirectory()) await walk(p, found, walked);
    else found.push(p);
  }
  const seen = new Set<string>();
  const out: string[] = [];
  for (const file of found) {
    // A broken link has no real path: it is kept, and reading it reports the problem.
    const real = await realpath(file).catch(() => file);
    if (seen.has(real)) continue;
    seen.add(real);
    out.push(file);
  }
  return out;
}

/** Files below a folder, in name order; symbolic links are followed (a folder already walked is not). */
async function walk(dir: string, out: string[], walked: Set<string>): Promise<void> {
  const real = await realpath(dir);
  if (walked.has(real)) return;
  walked.add(real);
  const entries = await readdir(dir, { withFileTypes: true });
  entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
  for (const e of entries) {
    if (e.name.startsWith('.')) continue;
    const full = join(dir, e.name);
    let isDir = e.isDirectory();
    let isFile = e.isFile();
    if (e.isSymbolicLink()) {
      const target = await stat(full).catch(() => undefined);
      if (!target) {
        out.push(full); // a broken link: reading it reports the problem
        continue;
      }
      isDir = target.isDirectory();
      isFile = target.isFile();
    }
    if (isDir) await walk(full, out, walked);
    else if (isFile) out.push(full);
  }
}
