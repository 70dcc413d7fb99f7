/** The bytes of JSON's structure, for the scanners that walk JSON text without parsing it. */
export const QUOTE = 0x22;
export const BACKSLASH = 0x5c;
export const LF = 0x0a;
export const OPEN_OBJECT = 0x7b;
export const CLOSE_OBJECT = 0x7d;
export const OPEN_ARRAY = 0x5b;
export const CLOSE_ARRAY = 0x5d;
export const COMMA = 0x2c;
export const COLON = 0x3a;

/** JSON's whitespace: space, tab, line feed, carriage return. */
export function isSpace(c: number): boolean {
  return c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09;
}

/**
 * The position of the quote that closes the string being read, searching `buf` from `from`, or -1 when the
 * string goes on past the chunk. `carried`: the backslashes that ended the previous chunk inside the string
 * (they count when the string's text resumes at the chunk's start).
 */
export function stringCloseAt(buf: Buffer, from: number, carried: number): number {
  let pos = from;
  for (;;) {
    const q = buf.indexOf(QUOTE, pos);
    if (q < 0) return -1;
    // An odd number of backslashes before the quote escapes it (the run may start in the previous chunk).
    let b = q - 1;
    while (b >= from && buf[b] === BACKSLASH) b--;
    let run = q - 1 - b;
    if (b < from && from === 0) run += carried;
    if (run % 2 === 0) return q;
    pos = q + 1;
  }
}

/** The backslashes a chunk ends with inside a string, for stringCloseAt on the next chunk. */
export function backslashesCarried(buf: Buffer, from: number, carried: number): number {
  let b = buf.length - 1;
  while (b >= from && buf[b] === BACKSLASH) b--;
  const run = buf.length - 1 - b;
  return b < from && from === 0 ? carried + run : run;
}
