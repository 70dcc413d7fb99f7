/**
 * Parsers of structured text into dynamic values: parse_url, parse_urlquery, parse_path, parse_csv,
 * parse_command_line, parse_version.
 */
import type { Dynamic, DynamicBag } from '../values/dynamic.js';
import type { ScalarFunction } from './registry.js';
import { eager, scalar } from './registry.js';

function setOwn(bag: DynamicBag, key: string, value: Dynamic): void {
  Object.defineProperty(bag, key, { value, enumerable: true, writable: true, configurable: true });
}

function decodeComponent(s: string): string {
  try {
    return decodeURIComponent(s.replace(/\+/g, ' '));
  } catch {
    return s;
  }
}

/** `k1=v1&k2=v2` as a bag (a key without '=' maps to ""). */
function queryParameters(query: string): DynamicBag {
  const bag: DynamicBag = {};
  for (const pair of query.split('&')) {
    if (pair === '') continue;
    const eq = pair.indexOf('=');
    const key = decodeComponent(eq < 0 ? pair : pair.slice(0, eq));
    setOwn(bag, key, eq < 0 ? '' : decodeComponent(pair.slice(eq + 1)));
  }
  return bag;
}

const URL_RE =
  /^([A-Za-z][A-Za-z0-9+.-]*):\/\/(?:([^:@/]*)(?::([^@/]*))?@)?([^:/?#]*)(?::(\d*))?(\/[^?#]*)?(?:\?([^#]*))?(?:#(.*))?$/;

/**
 * parse_url: Scheme, Host, Port, Path, Username, Password, Query Parameters, Fragment; {} when not a URL.
 * The path is given without its leading slash, as in the docs' example (parse-url-function.md).
 */
function parseUrl(text: string): DynamicBag {
  const m = URL_RE.exec(text.trim());
  if (!m) return {};
  return {
    Scheme: m[1] ?? '',
    Host: m[4] ?? '',
    Port: m[5] ?? '',
    Path: (m[6] ?? '').replace(/^\//, ''),
    Username: m[2] ?? '',
    Password: m[3] ?? '',
    'Query Parameters': queryParameters(m[7] ?? ''),
    Fragment: m[8] ?? '',
  };
}

/**
 * parse_path: Scheme, RootPath (a drive, "C:\"), DirectoryPath, DirectoryName, Filename, Extension and
 * AlternateDataStreamName (after a colon that follows the file name) [parse-path-function-00].
 */
function parsePath(text: string): DynamicBag {
  let rest = text;
  let scheme = '';
  const s = /^([A-Za-z][A-Za-z0-9+.-]*):\/\//.exec(rest);
  if (s) {
    scheme = s[1] as string;
    rest = rest.slice(s[0].length);
  }
  const drive = /^[A-Za-z]:[\\/]/.exec(rest);
  const root = drive ? drive[0] : '';
  const lastSeparator = Math.max(rest.lastIndexOf('\\'), rest.lastIndexOf('/'));
  let directory = lastSeparator >= 0 ? rest.slice(0, lastSeparator) : '';
  if (root && directory.length < root.length) directory = root;
  let filename = lastSeparator >= 0 ? rest.slice(lastSeparator + 1) : rest;
  let stream = '';
  const colon = filename.indexOf(':');
  if (colon >= 0) {
    stream = filename.slice(colon + 1);
    filename = filename.slice(0, colon);
  }
  const dot = filename.lastIndexOf('.');
  const dirSeparator = Math.max(directory.lastIndexOf('\\'), directory.lastIndexOf('/'));
  return {
    Scheme: scheme,
    RootPath: root,
    DirectoryPath: directory,
    DirectoryName: dirSeparator >= 0 ? directory.slice(dirSeparator + 1) : directory,
    Filename: filename,
    Extension: dot >= 0 ? filename.slice(dot + 1) : '',
    AlternateDataStreamName: stream,
  };
}

/** The first record of CSV text: fields split on commas, "quoted" fields with "" for a quote. */
function parseCsv(text: string): string[] {
  const fields: string[] = [];
  let field = '';
  let i = 0;
  let quoted = false;
  while (i < text.length) {
    const c = text[i] as string;
    if (quoted) {
      if (c === '"' && text[i + 1] === '"') {
        field += '"';
        i += 2;
        continue;
      }
      if (c === '"') quoted = false;
      else field += c;
      i++;
      continue;
    }
    if (c === '"' && field === '') quoted = true;
    else if (c === ',') {
      fields.push(field);
      field = '';
    } else if (c === '\n' || c === '\r') break;
    else field += c;
    i++;
  }
  fields.push(field);
  return fields;
}

/** Windows command-line splitting (CommandLineToArgvW): quotes group, backslashes escape quotes. */
function parseWindowsCommandLine(text: string): string[] {
  const args: string[] = [];
  let arg = '';
  let inArg = false;
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const c = text[i] as string;
    if (c === '\\') {
      let n = 0;
      while (text[i] === '\\') {
        n++;
        i++;
      }
      if (text[i] === '"') {
        arg += '\\'.repeat(Math.floor(n / 2));
        if (n % 2 === 1) arg += '"';
        else quoted = !quoted;
      } else {
        arg += '\\'.repeat(n);
        i--;
      }
      inArg = true;
    } else if (c === '"') {
      if (quoted && text[i + 1] === '"') {
        arg += '"';
        i++;
      } else {
        quoted = !quoted;
      }
      inArg = true;
    } else if ((c === ' ' || c === '\t') && !quoted) {
      if (inArg) args.push(arg);
      arg = '';
      inArg = false;
    } else {
      arg += c;
      inArg = true;
    }
  }
  if (inArg) args.push(arg);
  return args;
}

/** parse_version: up to four parts of up to 8 digits, as one decimal (each part 8 digits wide). */
function parseVersion(text: string): number | null {
  const parts = text.trim().split('.');
  if (parts.length < 1 || parts.length > 4 || parts.some((p) => !/^\d{1,8}$/.test(p))) return null;
  while (parts.length < 4) parts.push('0');
  return Number(parts.map((p, i) => (i === 0 ? String(Number(p)) : p.padStart(8, '0'))).join(''));
}

export const parseFunctions: readonly ScalarFunction[] = [
  scalar({
    name: 'parse_url',
    description:
      'The parts of a URL as a bag: Scheme, Host, Port, Path, Username, Password, Query Parameters, Fragment.',
    bind: () => eager((s: string) => parseUrl(s)),
  }),
  scalar({
    name: 'parse_urlquery',
    description: 'The parameters of a URL query string, as {"Query Parameters": {...}}.',
    bind: () =>
      eager((s: string) => ({ 'Query Parameters': queryParameters(s.startsWith('?') ? s.slice(1) : s) })),
  }),
  scalar({
    name: 'parse_path',
    description:
      'The parts of a file path as a bag: Scheme, RootPath, DirectoryPath, DirectoryName, Filename, ...',
    bind: () => eager((s: string) => parsePath(s)),
  }),
  scalar({
    name: 'parse_csv',
    description: 'The fields of the first record of CSV text, as a dynamic array of strings.',
    bind: () => eager((s: string) => parseCsv(s)),
  }),
  scalar({
    name: 'parse_command_line',
    description: "parse_command_line(text, 'windows'): the arguments of a command line, as a dynamic array.",
    bind([, kind]) {
      if (!kind?.constant || String(kind.constant.value).toLowerCase() !== 'windows')
        return "parser kinds other than 'windows'";
      return eager((s: string) => parseWindowsCommandLine(s));
    },
  }),
  scalar({
    name: 'parse_version',
    description: 'A version "a.b.c.d" as one comparable decimal (null when it is not a version).',
    bind: () => eager((s: string) => parseVersion(s)),
  }),
];
