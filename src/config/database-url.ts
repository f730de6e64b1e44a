import { fileURLToPath } from 'node:url';

/**
 * DATABASE_URL: a SQLite file path, `:memory:`, or a `file:` URL naming a path. This version has
 * no other database, so any other scheme stops the start with a line naming it — read as a path,
 * `postgres://user:pass@host/db` would become a folder called `postgres:` (with the password in
 * its name) and an empty SQLite database nobody meant.
 */

/** `scheme:` at the start of a value; one letter is a Windows drive (`C:\data\klaxon.db`), not a scheme. */
const SCHEME = /^([a-z][a-z0-9+.-]+):/i;

/** The URL scheme a database location starts with (lower case, without the colon), or null for a plain path. */
export function schemeOf(location: string): string | null {
  const match = SCHEME.exec(location);
  return match ? match[1]!.toLowerCase() : null;
}

/** Why `location` cannot be used, in words that name the scheme and never the rest of it; null when it can. */
export function databaseLocationProblem(location: string): string | null {
  const scheme = schemeOf(location);
  if (scheme === null) return null;
  if (scheme === 'postgres' || scheme === 'postgresql') {
    return `uses the ${scheme}: scheme: PostgreSQL is not supported by this version; use a file path or :memory:`;
  }
  if (scheme !== 'file')
    return `uses the ${scheme}: scheme, which this version does not support; use a SQLite file path (or a file: URL) or :memory:`;
  if (/[?#]/.test(location))
    return 'is a file: URL with a query or fragment; give the path alone (file:///var/lib/klaxon/klaxon.db or file:data/klaxon.db)';
  try {
    sqlitePathOf(location);
  } catch {
    return 'is a file: URL that names no path on this machine; use file:///absolute/path.db, file:relative/path.db or a plain path';
  }
  return null;
}

/**
 * The SQLite path a valid location names: `file:///abs/x.db` → `/abs/x.db`, `file:data/x.db` →
 * `data/x.db`; a plain path or `:memory:` as it is. Throws for a location with another scheme.
 */
export function sqlitePathOf(location: string): string {
  const scheme = schemeOf(location);
  if (scheme === null) return location;
  if (scheme !== 'file') throw new Error(`the database location ${databaseLocationProblem(location)}`);
  const rest = location.slice('file:'.length);
  return rest.startsWith('//') ? fileURLToPath(location) : rest;
}

/**
 * A database location fit for a log line: credentials in a URL are masked (`user:pass@` →
 * `user:***@`, a lone `token@` → `***@`), whatever the scheme.
 */
export function redactDatabaseLocation(location: string): string {
  return location.replace(/^([a-z][a-z0-9+.-]*:\/\/)([^/?#@]*)@/i, (_all, head: string, userinfo: string) => {
    const colon = userinfo.indexOf(':');
    return `${head}${colon === -1 ? '***' : `${userinfo.slice(0, colon)}:***`}@`;
  });
}
