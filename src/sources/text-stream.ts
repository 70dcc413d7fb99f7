/**
 * Streaming text input: opens a file (gunzipping it when it starts with the gzip magic bytes), drops a UTF-8
 * BOM, and yields lines with their numbers. Lines end at LF; a CR before it is dropped. Memory is bounded by
 * the longest line, never the file.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { createGunzip } from 'node:zlib';

export async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return bytesRead === 2 && b[0] === 0x1f && b[1] === 0x8b;
  } finally {
    await fh.close();
  }
}

/** The first bytes of the (decompressed) file, as text, for format detection. */
export async function readHead(path: string, bytes = 64 * 1024): Promise<string> {
  const stream = await openByteStream(path);
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of stream) {
      chunks.push(chunk as Buffer);
      total += (chunk as Buffer).length;
      if (total >= bytes) break;
    }
  } catch {
    // A truncated gzip still gives its first bytes; the reader reports the damage.
  } finally {
    stream.destroy();
  }
  let text = Buffer.concat(chunks).subarray(0, bytes).toString('utf8');
  if (text.charCodeAt(0) === 0xfeff) text = text.slice(1);
  return text;
}

export async function openByteStream(path: string): Promise<Readable> {
  const raw = createReadStream(path, { highWaterMark: 1 << 20 });
  if (await isGzip(path)) return raw.pipe(createGunzip());
  return raw;
}

/**
 * Calls `onLine` for every line of a file, in order (synchronously within each chunk: no per-line await).
 * The last line may lack its newline.
 */
export async function forEachLine(
  path: string,
  onLine: (text: string, number: number) => void,
): Promise<void> {
  const stream = await openByteStream(path);
  let carry: Buffer | null = null;
  let number = 0;
  let first = true;
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let buf: Buffer = carry ? Buffer.concat([carry, chunk]) : chunk;
    if (first) {
      first = false;
      if (buf.length >= 3 && buf[0] === 0xef && buf[1] === 0xbb && buf[2] === 0xbf) buf = buf.subarray(3);
    }
    let start = 0;
    for (;;) {
      const nl = buf.indexOf(10, start);
      if (nl < 0) break;
      const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
      onLine(buf.toString('utf8', start, end), ++number);
      start = nl + 1;
    }
    carry = start < buf.length ? buf.subarray(start) : null;
  }
  if (carry && carry.length > 0) {
    const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
    onLine(carry.toString('utf8', 0, end), ++number);
  }
}
