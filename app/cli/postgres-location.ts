import { redactDatabaseLocation, schemeOf } from '../../src/config/database-url.js';

/** True for a postgres:// or postgresql:// location (any case). */
export function isPostgresUrl(location: string): boolean {
  const scheme = schemeOf(location);
  return scheme === 'postgres' || scheme === 'postgresql';
}

/**
 * A message fit to print: the URL with its password masked, and the password itself masked
 * wherever else it appears (a driver may quote the connection string or its parts).
 */
export function withoutCredentials(message: string, url: string): string {
  let text = message.split(url).join(redactDatabaseLocation(url));
  let password = '';
  try {
    password = new URL(url).password;
  } catch {
    // Not parsable as a URL: the whole location was already replaced above.
  }
  for (const secret of new Set([password, safeDecode(password)])) {
    if (secret.length > 0) text = text.split(secret).join('***');
  }
  return text;
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** One line for a failure: the error's message (never its stack), credentials masked. */
export function describeFailure(error: unknown, url: string): string {
  const raw = error instanceof Error ? error.message || (error as { code?: string }).code || error.name : String(error);
  // An AggregateError (every address of a host refused) has no message of its own: name the first cause.
  const inner = error instanceof AggregateError && !error.message ? String((error.errors[0] as Error | undefined)?.message ?? raw) : raw;
  return withoutCredentials(inner.replace(/\s+/g, ' ').trim(), url);
}
