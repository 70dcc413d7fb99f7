/**
 * Streaming text input: opens a file (gunzipping it when it starts with the gzip magic bytes), turns it into
 * UTF-8 (a UTF-16 file, as Windows PowerShell 5.1's Out-File writes, is transcoded by its byte-order mark),
 * drops the byte-order mark, and yields it chunk by chunk or line by line. Memory is bounded by the chunk size
 * and the longest line, never the file.
 *
 * A gzip stream that ends early (a truncated download) delivers everything it could decompress, then
 * raises DamagedInputError: the caller reports the damage and keeps what was read.
 */
import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { StringDecoder } from 'node:string_decoder';
import { createGunzip } from 'node:zlib';

/** Larger than any real audit record (a few KB) by far; a longer line or record is damage, not data. */
export const MAX_RECORD_BYTES = 64 * 1024 * 1024;

const CHUNK_BYTES = 1 << 20;

/** The file could only be read up to some point (truncated or corrupt compressed data). */
export class DamagedInputError extends Error {
  constructor(
    readonly file: string,
    reason: string,
  ) {
    super(reason);
    this.name = 'DamagedInputError';
  }
}

/** Whether a file's first bytes are gzip's magic number. */
export function startsAsGzip(first: Buffer): boolean {
  return first.length >= 2 && first[0] === 0x1f && first[1] === 0x8b;
}

export async function isGzip(path: string): Promise<boolean> {
  const fh = await open(path, 'r');
  try {
    const b = Buffer.alloc(2);
    const { bytesRead } = await fh.read(b, 0, 2, 0);
    return startsAsGzip(b.subarray(0, bytesRead));
  } finally {
    await fh.close();
  }
}

/** The file's bytes, gunzipped when it is gzip (no transcoding, BOM kept). */
export async function openByteStream(path: string): Promise<Readable> {
  // Checked before the stream exists: a file that cannot be opened (a broken link) rejects here, instead of
  // failing again in a stream nobody listens to, which would end the process.
  const gzip = await isGzip(path);
  const raw = createReadStream(path, { highWaterMark: CHUNK_BYTES });
  if (gzip) return raw.pipe(createGunzip({ chunkSize: 256 * 1024 }));
  return raw;
}

type Encoding = 'utf8' | 'utf16le' | 'utf16be';

function encodingOf(first: Buffer): { encoding: Encoding; bom: number } {
  if (first.length >= 3 && first[0] === 0xef && first[1] === 0xbb && first[2] === 0xbf)
    return { encoding: 'utf8', bom: 3 };
  if (first.length >= 2 && first[0] === 0xff && first[1] === 0xfe) return { encoding: 'utf16le', bom: 2 };
  if (first.length >= 2 && first[0] === 0xfe && first[1] === 0xff) return { encoding: 'utf16be', bom: 2 };
  // No mark: JSON and CSV begin with two ASCII characters, whose UTF-16 has a zero byte on one side
  // (RFC 4627's detection). UTF-8 text has no zero bytes there.
  if (first.length >= 4) {
    const [a, b, c, d] = first;
    if (a !== 0 && b === 0 && c !== 0 && d === 0) return { encoding: 'utf16le', bom: 0 };
    if (a === 0 && b !== 0 && c === 0 && d !== 0) return { encoding: 'utf16be', bom: 0 };
  }
  return { encoding: 'utf8', bom: 0 };
}

/** UTF-16 (either byte order) to UTF-8, chunk by chunk; a character split between chunks is carried. */
class Utf16Transcoder {
  private readonly decoder = new StringDecoder('utf16le');
  private odd: Buffer | null = null;
  constructor(private readonly bigEndian: boolean) {}
  write(chunk: Buffer): Buffer {
    if (!this.bigEndian) return Buffer.from(this.decoder.write(chunk), 'utf8');
    let b = this.odd ? Buffer.concat([this.odd, chunk]) : Buffer.from(chunk);
    this.odd = b.length % 2 === 1 ? b.subarray(b.length - 1) : null;
    if (this.odd) b = b.subarray(0, b.length - 1);
    b.swap16();
    return Buffer.from(this.decoder.write(b), 'utf8');
  }
  end(): Buffer {
    return Buffer.from(this.decoder.end(), 'utf8');
  }
}

/** True when a file's first bytes are UTF-16 text (with or without a byte-order mark). */
export function isUtf16(first: Buffer): boolean {
  return encodingOf(first).encoding !== 'utf8';
}

/**
 * The chunks as they are when they are UTF-8 (a UTF-8 BOM included: byte offsets stay the file's), or
 * transcoded to UTF-8 without the mark when the first chunk shows UTF-16.
 */
export async function* utf16AsUtf8(chunks: AsyncIterable<Buffer>): AsyncGenerator<Buffer> {
  let transcoder: Utf16Transcoder | null = null;
  let first = true;
  for await (const raw of chunks) {
    let chunk = raw;
    if (first) {
      first = false;
      const { encoding, bom } = encodingOf(chunk);
      if (encoding !== 'utf8') {
        transcoder = new Utf16Transcoder(encoding === 'utf16be');
        chunk = chunk.subarray(bom);
      }
    }
    if (transcoder) chunk = transcoder.write(chunk);
    if (chunk.length > 0) yield chunk;
  }
  if (transcoder) {
    const tail = transcoder.end();
    if (tail.length > 0) yield tail;
  }
}

function isZlibError(e: unknown): boolean {
  const code = (e as NodeJS.ErrnoException).code ?? '';
  return code.startsWith('Z_') || (e as { errno?: number }).errno === -5;
}

/** The damage an error reading `path` stands for (from this module, or zlib's own), else undefined. */
export function asDamage(e: unknown, path: string): DamagedInputError | undefined {
  if (e instanceof DamagedInputError) return e;
  if (isZlibError(e))
    return new DamagedInputError(
      path,
      `compressed data ends early or is corrupt (${(e as Error).message}): the rest of the file is lost`,
    );
  return undefined;
}

/**
 * The file's text as UTF-8 chunks (gunzipped, transcoded, without BOM). Throws DamagedInputError after the
 * last good chunk when compressed data is truncated or corrupt.
 */
export async function* readTextChunks(path: string): AsyncGenerator<Buffer> {
  const stream = await openByteStream(path);
  let first = true;
  try {
    for await (const text of utf16AsUtf8(stream as AsyncIterable<Buffer>)) {
      let chunk = text;
      if (first) {
        first = false;
        chunk = chunk.subarray(encodingOf(chunk).bom); // a UTF-8 mark (a UTF-16 one is gone already)
      }
      if (chunk.length > 0) yield chunk;
    }
  } catch (e) {
    throw asDamage(e, path) ?? e;
  } finally {
    stream.destroy();
  }
}

/** The first bytes of the file's text (decompressed, UTF-8, BOM removed), for format detection. */
export async function readHead(path: string, bytes = 64 * 1024): Promise<string> {
  const chunks: Buffer[] = [];
  let total = 0;
  try {
    for await (const chunk of readTextChunks(path)) {
      chunks.push(chunk);
      total += chunk.length;
      if (total >= bytes) break;
    }
  } catch (e) {
    // A truncated gzip still gives its first bytes; the reader reports the damage.
    if (!(e instanceof DamagedInputError)) throw e;
  }
  return Buffer.concat(chunks).subarray(0, bytes).toString('utf8');
}

export interface LineOptions {
  /** Called instead of `onLine` for a line longer than MAX_RECORD_BYTES (which is skipped). */
  readonly onLongLine?: (number: number) => void;
}

/**
 * Calls `onLine` for every line of a file, in order (synchronously within each chunk: no per-line await).
 * Lines end at LF; a CR before it is dropped. The last line may lack its newline. When the file is damaged,
 * the lines before the damage are delivered, then DamagedInputError is thrown.
 */
export async function forEachLine(
  path: string,
  onLine: (text: string, number: number) => void,
  options: LineOptions = {},
): Promise<void> {
  // A line running over several chunks is kept as parts and joined once, when its end arrives.
  let parts: Buffer[] = [];
  let partBytes = 0;
  let tooLong = false;
  let number = 0;
  const emit = (buf: Buffer, start: number, end: number) => {
    number++;
    if (tooLong) {
      tooLong = false;
      options.onLongLine?.(number);
      return;
    }
    let line = buf;
    if (parts.length > 0) {
      parts.push(buf.subarray(start, end));
      line = Buffer.concat(parts);
      start = 0;
      end = line.length;
      parts = [];
      partBytes = 0;
    }
    if (end > start && line[end - 1] === 13) end--;
    onLine(line.toString('utf8', start, end), number);
  };
  const flush = () => {
    if (parts.length > 0 || tooLong) emit(Buffer.alloc(0), 0, 0);
  };
  try {
    for await (const buf of readTextChunks(path)) {
      let start = 0;
      for (;;) {
        const nl = buf.indexOf(10, start);
        if (nl < 0) break;
        emit(buf, start, nl);
        start = nl + 1;
      }
      if (start < buf.length && !tooLong) {
        parts.push(buf.subarray(start));
        partBytes += buf.length - start;
        if (partBytes > MAX_RECORD_BYTES) {
          if (!options.onLongLine) throw new Error(`${path}:${number + 1}: a line longer than 64 MiB`);
          tooLong = true;
          parts = [];
          partBytes = 0;
        }
      }
    }
  } catch (e) {
    flush();
    throw e;
  }
  flush();
}
