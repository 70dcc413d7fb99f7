#!/usr/bin/env node
// Runs the compiled tests: every *.test.js under the build's test folder (support files are not tests).
// Usage: node scripts/run-tests.mjs [OUTDIR] [FILTER...]   (FILTER: substrings of the test file paths)
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync } from 'node:fs';
import { join } from 'node:path';

const [outDir = 'dist', ...filters] = process.argv.slice(2);
const root = join(outDir, 'test');
if (!existsSync(root)) {
  console.error(`no compiled tests in ${root}: run the build first`);
  process.exit(2);
}
const files = [];
const walk = (dir) => {
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, e.name);
    if (e.isDirectory()) walk(p);
    else if (e.name.endsWith('.test.js') && (filters.length === 0 || filters.some((f) => p.includes(f))))
      files.push(p);
  }
};
walk(root);
files.sort();
const r = spawnSync(process.execPath, ['--test', '--test-reporter=spec', ...files], { stdio: 'inherit' });
process.exit(r.status ?? 1);
