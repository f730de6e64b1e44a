/**
 * Typed errors with stable codes. Adapters turn them into a user message or an HTTP status in
 * one place each; the original error is kept as `cause` for the logs.
 */
export const ERROR_CODES = {
  not_found: 'That case does not exist.',
  forbidden: 'You are not allowed to do that.',
  conflict: 'Someone else changed this case first.',
  invalid_input: 'That input is not valid.',
  invalid_state: 'That action does not apply to the case in its current state.',
  privacy_blocked: 'The reply contains private data and cannot be sent in public.',
  delivery_failed: 'The message could not be delivered.',
  not_configured: 'That feature is not configured.',
} as const;
export type ErrorCode = keyof typeof ERROR_CODES;

/** What a person is told when something failed that is not theirs to fix (the error is logged). */
export const INTERNAL_ERROR_MESSAGE = 'Sorry, that did not work because of an internal error. It has been logged.';

export class KlaxonError extends Error {
  constructor(
    readonly code: ErrorCode,
    /** A message fit to show the person who asked. */
    message: string = ERROR_CODES[code],
    options?: { cause?: unknown; details?: Record<string, unknown> },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'KlaxonError';
    this.details = options?.details;
  }
  readonly details: Record<string, unknown> | undefined;
}

export function isKlaxonError(error: unknown, code?: ErrorCode): error is KlaxonError {
  return error instanceof KlaxonError && (code === undefined || error.code === code);
}
