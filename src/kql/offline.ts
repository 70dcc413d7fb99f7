/**
 * What a query asks for that kqlhunt cannot reach offline — data behind a URL (`externaldata`), a Sentinel
 * watchlist (`_GetWatchlist`) — is refused at plan time with code 'offline' and a message that says what to
 * supply instead. The wording lives here so every refusal reads the same; the translator calls these.
 */
import { KqlError } from './errors.js';
import type { Span } from './ir.js';

/** How to put a small reference list into a query without a network or a workspace. */
const SUPPLY_INLINE =
  'put its rows in the query instead, e.g. `let Known = datatable(Name:string) ["a", "b"];`';

/** `externaldata (...) [ "https://..." ]`: kqlhunt reads nothing over the network. */
export function externalDataOffline(urls: readonly string[], span?: Span): KqlError {
  const what =
    urls.length > 0 ? `externaldata reads ${urls.join(', ')}` : 'externaldata reads external storage';
  return new KqlError(
    'offline',
    `${what}, which kqlhunt does not fetch (it runs offline): download the file and ${SUPPLY_INLINE}`,
    span,
    'externaldata',
  );
}

/** `_GetWatchlist('alias')`: a watchlist lives in the Sentinel workspace. */
export function watchlistOffline(alias: string | undefined, span?: Span): KqlError {
  const which = alias !== undefined ? `the Sentinel watchlist '${alias}'` : 'a Sentinel watchlist';
  return new KqlError(
    'offline',
    `_GetWatchlist() reads ${which}, which exists only in the Sentinel workspace: export the watchlist (CSV) and ${SUPPLY_INLINE}`,
    span,
    '_GetWatchlist()',
  );
}
