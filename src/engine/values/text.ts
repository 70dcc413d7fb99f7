/**
 * Text rules shared by the string operators: .NET-style invariant case mapping (one UTF-16 unit to one, so
 * lengths never change) and Kusto's term matching for `has`.
 */

/** Lower case, one code unit to one (JS maps U+0130 'İ' to two units; .NET's invariant mapping does not). */
export function toLowerInvariant(s: string): string {
  const l = s.toLowerCase();
  if (l.length === s.length) return l;
  let out = '';
  for (const ch of s) {
    const m = ch.toLowerCase();
    out += m.length === ch.length ? m : ch === '\u0130' ? 'i' : ch;
  }
  return out;
}

export function toUpperInvariant(s: string): string {
  const u = s.toUpperCase();
  if (u.length === s.length) return u;
  let out = '';
  for (const ch of s) {
    const m = ch.toUpperCase();
    out += m.length === ch.length ? m : ch;
  }
  return out;
}

const UNICODE_ALNUM = /[\p{L}\p{N}]/u;

/** Whether a UTF-16 code unit is part of a term: a letter or digit (Unicode ones too; surrogates count). */
export function isTermChar(c: number): boolean {
  if (c < 128) return (c >= 48 && c <= 57) || (c >= 65 && c <= 90) || (c >= 97 && c <= 122);
  return (c >= 0xd800 && c <= 0xdfff) || UNICODE_ALNUM.test(String.fromCharCode(c));
}

/**
 * `haystack has needle`: the needle occurs where it is not glued to term characters on either side — so
 * "ExtDeviceOSTypeHint" does not have "DeviceOSType". Both inputs must already be in the same case.
 * A needle with no term characters at an end imposes no boundary there.
 */
export function hasTerm(haystack: string, needle: string): boolean {
  if (needle.length === 0) return true;
  const needStart = isTermChar(needle.charCodeAt(0));
  const needEnd = isTermChar(needle.charCodeAt(needle.length - 1));
  let from = 0;
  for (;;) {
    const i = haystack.indexOf(needle, from);
    if (i < 0) return false;
    const end = i + needle.length;
    const okStart = !needStart || i === 0 || !isTermChar(haystack.charCodeAt(i - 1));
    const okEnd = !needEnd || end === haystack.length || !isTermChar(haystack.charCodeAt(end));
    if (okStart && okEnd) return true;
    from = i + 1;
  }
}

/** `hasprefix`: a term of the haystack starts with the needle. */
export function hasTermPrefix(haystack: string, needle: string): boolean {
  if (needle.length === 0) return true;
  let from = 0;
  for (;;) {
    const i = haystack.indexOf(needle, from);
    if (i < 0) return false;
    if (i === 0 || !isTermChar(haystack.charCodeAt(i - 1)) || !isTermChar(needle.charCodeAt(0))) return true;
    from = i + 1;
  }
}

/** `hassuffix`: a term of the haystack ends with the needle. */
export function hasTermSuffix(haystack: string, needle: string): boolean {
  if (needle.length === 0) return true;
  let from = 0;
  for (;;) {
    const i = haystack.indexOf(needle, from);
    if (i < 0) return false;
    const end = i + needle.length;
    if (
      end === haystack.length ||
      !isTermChar(haystack.charCodeAt(end)) ||
      !isTermChar(needle.charCodeAt(needle.length - 1))
    )
      return true;
    from = i + 1;
  }
}
