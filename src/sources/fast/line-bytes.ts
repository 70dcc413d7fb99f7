/**
 * Lines of a file as byte spans, undecoded, so readers decode only what they use. A byte range [from, to) of
 * a plain file can be read on its own (for parallel scans): the lines that START in the range are its lines —
 * the partial line at `from` belongs to the previous range, and a line running past `to` is read whole.
 */
import { createReadStream } from 'node:fs';
import { createGunzip } from 'node:zlib';
import { isGzip, utf16AsUtf8 } from '../text-stream.js';

export interface ByteRange {
  readonly from: number;
  /** Exclusive; Infinity for the end of the file. */
  readonly to: number;
}

/**
 * `line` counts from the start of the range; `offset` is the line's byte offset in the file (plain files),
 * from which an absolute line number can be computed when one is needed (see lineNumberAt).
 */
export type LineHandler = (buf: Buffer, start: number, end: number, line: number, offset: number) => void;

/**
 * Calls `onLine` for each line (LF-terminated; a CR before the LF and a UTF-8 BOM at the start of the file are
 * dropped). A gzip file (detected by its magic bytes unless `gzip` says) is decompressed and read whole. A
 * UTF-16 file is transcoded; its offsets are then those of the UTF-8 text, so it must be read from the start.
 */
export async function forEachLineBytes(
  path: string,
  onLine: LineHandler,
  options: { gzip?: boolean; range?: ByteRange; chunkSize?: number } = {},
): Promise<void> {
  const range = options.range ?? { from: 0, to: Number.POSITIVE_INFINITY };
  const gzip = options.gzip ?? (await isGzip(path));
  if (gzip && (range.from !== 0 || range.to !== Number.POSITIVE_INFINITY)) {
    throw new Error('internal: a gzip file cannot be read by byte range');
  }
  // Starting one byte early tells whether `from` is at a line start (the byte before is a newline).
  const readFrom = range.from > 0 ? range.from - 1 : 0;
  const raw = createReadStream(path, { start: readFrom, highWaterMark: options.chunkSize ?? 1 << 20 });
  const bytes = gzip ? raw.pipe(createGunzip()) : raw;
  // UTF-16 text (Windows PowerShell's Out-File) is read as UTF-8; such a file is never split into ranges.
  const stream = range.from === 0 ? utf16AsUtf8(bytes) : bytes;
  let carry: Buffer | null = null; // the start of a line that continues in the next chunk
  let carryOffset = 0;
  let offset = readFrom; // file offset of the next chunk's first byte (plain files only)
  let skipping = range.from > 0; // inside the line that began before the range
  let first = range.from === 0;
  let line = 0;
  let done = false;
  /** One complete line [start, nl) of `buf` at file offset `at`; false once past the range. */
  const emit = (buf: Buffer, start: number, nl: number, at: number): boolean => {
    if (skipping) {
      skipping = false;
      return true;
    }
    if (at >= range.to) return false;
    const end = nl > start && buf[nl - 1] === 13 ? nl - 1 : nl;
    onLine(buf, start, end, ++line, at);
    return true;
  };
  try {
    for await (const rawChunk of stream as AsyncIterable<Buffer>) {
      const chunkOffset = offset;
      offset += rawChunk.length;
      let chunk = rawChunk;
      let shift = 0;
      if (first) {
        first = false;
        if (chunk.length >= 3 && chunk[0] === 0xef && chunk[1] === 0xbb && chunk[2] === 0xbf) {
          chunk = chunk.subarray(3);
          shift = 3;
        }
      }
      let start = 0;
      if (carry) {
        // Only the straddling line is copied, never the whole chunk.
        const nl = chunk.indexOf(10);
        if (nl < 0) {
          carry = Buffer.concat([carry, chunk]);
          continue;
        }
        const joined = Buffer.concat([carry, chunk.subarray(0, nl + 1)]);
        carry = null;
        if (!emit(joined, 0, joined.length - 1, carryOffset)) {
          done = true;
          break;
        }
        start = nl + 1;
      }
      for (;;) {
        const nl = chunk.indexOf(10, start);
        if (nl < 0) break;
        // A BOM belongs to the first line: that line starts at offset 0 for range ownership.
        if (!emit(chunk, start, nl, chunkOffset + (start === 0 ? 0 : shift + start))) {
          done = true;
          break;
        }
        start = nl + 1;
      }
      if (done) break;
      if (start < chunk.length) {
        carry = Buffer.from(chunk.subarray(start));
        carryOffset = chunkOffset + (start === 0 ? 0 : shift + start);
      }
    }
    if (!done && carry && carry.length > 0 && !skipping && carryOffset < range.to) {
      const end = carry[carry.length - 1] === 13 ? carry.length - 1 : carry.length;
      onLine(carry, 0, end, ++line, carryOffset);
    }
  } finally {
    raw.destroy();
  }
}

/** The 1-based line number of the line starting at byte `offset` of a plain file (counts the newlines before it). */
export async function lineNumberAt(path: string, offset: number): Promise<number> {
  if (offset <= 0) return 1;
  let count = 1;
  const stream = createReadStream(path, { start: 0, end: offset - 1 });
  for await (const chunk of stream as AsyncIterable<Buffer>) {
    let i = chunk.indexOf(10);
    while (i >= 0) {
      count++;
      i = chunk.indexOf(10, i + 1);
    }
  }
  return count;
}
