import { INTERNAL_ERROR_MESSAGE, isKlaxonError, type ErrorCode } from '../errors.js';
import type { Logger } from '../log.js';

/**
 * The one sentence a person is told when a chat flow failed: a refusal (a KlaxonError, whose
 * message comes from the ERROR_CODES table or the verb that refused) in its own words, anything
 * else as the apology — logged here with its details, so no handler writes its own apology.
 */
export function tellPerson(error: unknown, logger: Logger, what: string): string {
  if (isKlaxonError(error)) return error.message;
  logger.error(`${what} failed`, { err: error });
  return INTERNAL_ERROR_MESSAGE;
}

/** Runs a flow; a refusal comes back as its sentence, other errors go on to the platform's one error handler. */
export async function refusalOf<T>(
  flow: () => Promise<T> | T,
): Promise<{ ok: true; value: T } | { ok: false; message: string; code: ErrorCode }> {
  try {
    return { ok: true, value: await flow() };
  } catch (error) {
    if (isKlaxonError(error)) return { ok: false, message: error.message, code: error.code };
    throw error;
  }
}
