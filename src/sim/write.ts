/** Writes a simulated tenant as Log Analytics JSON lines, one file per day (optionally gzipped). */
import { createWriteStream } from 'node:fs';
import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { Writable } from 'node:stream';
import { createGzip } from 'node:zlib';
import type { AuditRow, TenantOptions } from './tenant.js';
import { generateTenant } from './tenant.js';

async function close(stream: Writable): Promise<void> {
  await new Promise<void>((resolve, reject) => {
    stream.once('error', reject);
    stream.end(resolve);
  });
}

async function write(stream: Writable, text: string): Promise<void> {
  if (!stream.write(text)) await new Promise<void>((resolve) => stream.once('drain', resolve));
}

export interface WrittenTenant {
  readonly files: string[];
  readonly rows: number;
  readonly bytes: number;
}

export async function writeTenantJsonl(
  dir: string,
  options: TenantOptions,
  gzip = false,
): Promise<WrittenTenant> {
  await mkdir(dir, { recursive: true });
  const files: string[] = [];
  let rows = 0;
  let bytes = 0;
  let day = '';
  let out: Writable | null = null;
  let pending: string[] = [];
  const flush = async () => {
    if (out && pending.length > 0) await write(out, pending.join(''));
    pending = [];
  };
  for (const row of generateTenant(options) as Iterable<AuditRow>) {
    const d = (row.TimeGenerated as string).slice(0, 10);
    if (d !== day) {
      await flush();
      if (out) await close(out);
      day = d;
      const file = join(dir, `AuditLogs_${d}.jsonl${gzip ? '.gz' : ''}`);
      files.push(file);
      const fileStream = createWriteStream(file);
      if (gzip) {
        const z = createGzip({ level: 9 });
        z.pipe(fileStream);
        out = z;
      } else out = fileStream;
    }
    const line = `${JSON.stringify(row)}\n`;
    bytes += line.length;
    rows++;
    pending.push(line);
    if (pending.length >= 2000) await flush();
  }
  await flush();
  if (out) await close(out);
  return { files, rows, bytes };
}
