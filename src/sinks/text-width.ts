/**
 * How many terminal columns text takes: East Asian wide and fullwidth characters (CJK, Hangul, fullwidth
 * forms, most emoji) take two, combining marks and zero-width characters none, everything else one. Table
 * columns padded by string length would be misaligned by every wide character in a display name.
 */

/** Code point ranges of Unicode East Asian Width W and F (the ones text in audit logs carries). */
const WIDE: readonly (readonly [number, number])[] = [
  [0x1100, 0x115f], // Hangul Jamo initials
  [0x231a, 0x231b],
  [0x2329, 0x232a],
  [0x23e9, 0x23ec],
  [0x25fd, 0x25fe],
  [0x2614, 0x2615],
  [0x2e80, 0x303e], // CJK radicals, punctuation
  [0x3041, 0x33ff], // kana, CJK compatibility
  [0x3400, 0x4dbf], // CJK extension A
  [0x4e00, 0x9fff], // CJK unified ideographs
  [0xa000, 0xa4cf], // Yi
  [0xa960, 0xa97f],
  [0xac00, 0xd7a3], // Hangul syllables
  [0xf900, 0xfaff], // CJK compatibility ideographs
  [0xfe10, 0xfe19],
  [0xfe30, 0xfe6f], // CJK compatibility forms, small forms
  [0xff00, 0xff60], // fullwidth forms
  [0xffe0, 0xffe6],
  [0x1f300, 0x1f64f], // pictographs, emoticons
  [0x1f680, 0x1f6ff],
  [0x1f900, 0x1f9ff],
  [0x20000, 0x3fffd], // CJK extensions B and later
];

const ZERO_WIDTH = /^[\p{Mn}\p{Me}\u200b-\u200f\u2060\ufeff]$/u;

function isWide(cp: number): boolean {
  if (cp < 0x1100) return false;
  let lo = 0;
  let hi = WIDE.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const [from, to] = WIDE[mid] as readonly [number, number];
    if (cp < from) hi = mid - 1;
    else if (cp > to) lo = mid + 1;
    else return true;
  }
  return false;
}

function charWidth(ch: string): number {
  const cp = ch.codePointAt(0) as number;
  if (cp < 0x300) return cp < 0x20 || (cp >= 0x7f && cp < 0xa0) ? 0 : 1;
  if (ZERO_WIDTH.test(ch)) return 0;
  return isWide(cp) ? 2 : 1;
}

/** Printable ASCII needs no per-character look (almost every cell). */
const ASCII = /^[\x20-\x7e]*$/;

export function displayWidth(text: string): number {
  if (ASCII.test(text)) return text.length;
  let width = 0;
  for (const ch of text) width += charWidth(ch);
  return width;
}

/** `text` cut to at most `width` columns, an ellipsis marking the cut (never half a wide character). */
export function clipToWidth(text: string, width: number): string {
  if (displayWidth(text) <= width) return text;
  const room = Math.max(0, width - 1);
  let used = 0;
  let out = '';
  for (const ch of text) {
    const w = charWidth(ch);
    if (used + w > room) break;
    used += w;
    out += ch;
  }
  return `${out}…`;
}

/**
 * Rows of cells as lines of aligned columns, two spaces apart, widths in terminal columns (the first row is
 * the header). `right`: the columns aligned right (numbers); `rule`: a line of dashes under the header.
 */
export function* alignColumns(
  rows: readonly (readonly string[])[],
  options: { readonly right?: ReadonlySet<number>; readonly rule?: boolean } = {},
): Generator<string> {
  // A loop, not Math.max(...cells): spreading a column of many rows overflows the call stack.
  const widths: number[] = [];
  for (const r of rows)
    r.forEach((c, i) => {
      widths[i] = Math.max(widths[i] ?? 0, displayWidth(c));
    });
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => {
        const pad = ' '.repeat(Math.max(0, (widths[i] ?? 0) - displayWidth(c)));
        return options.right?.has(i) ? pad + c : c + pad;
      })
      .join('  ')
      .trimEnd();
  for (const [n, r] of rows.entries()) {
    yield line(r);
    if (n === 0 && options.rule) yield line(widths.map((w) => '-'.repeat(w)));
  }
}
