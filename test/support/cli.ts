/**
 * Runs kqlhunt's main() from this build's output folder in a child process, as bin/kqlhunt.js does. The
 * first argument after the script is a placeholder: node would take a leading `inspect` as its debugger.
 */
import { spawnSync } from 'node:child_process';

const MAIN = new URL('../../src/cli/main.js', import.meta.url).href;

export interface CliRun {
  readonly status: number | null;
  readonly stdout: string;
  readonly stderr: string;
}

export function runCli(...args: string[]): CliRun {
  const script = `const { main } = await import(${JSON.stringify(MAIN)}); process.exitCode = await main(process.argv.slice(2));`;
  const r = spawnSync(process.execPath, ['--input-type=module', '-e', script, 'kqlhunt', ...args], {
    encoding: 'utf8',
    maxBuffer: 64 << 20,
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr };
}
