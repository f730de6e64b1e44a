import { KlaxonError } from '../../../src/errors.js';
import { DeliveryError, RetryableError } from '../../../src/ports.js';
import type { Redact } from '../../source-kit/redact.js';

/**
 * The message may have reached the customer: the whole message was handed to the mail server
 * and then the connection failed before the server said yes or no. Reported to the outbox as a
 * DeliveryError after sending with no answer, which its one rule (src/outbox/delivery-policy.ts)
 * treats as uncertain: never resent by itself.
 */
export class DeliveryUncertainError extends DeliveryError {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, 'sent', null, null, options);
    this.name = 'DeliveryUncertainError';
  }
}

interface SmtpFailure {
  code?: string;
  responseCode?: number;
  response?: string;
  command?: string;
  rejected?: string[];
}

/** Anything shaped like an e-mail address, as mail servers quote them (`<a@b.c>`, `a@b.c:`). */
const ADDRESS_IN_TEXT = /[^\s<>"'(),;:[\]]+@[^\s<>"'(),;:[\]]+/g;

/**
 * The mail server's words with every address withheld: they end in the outbox's log line as well
 * as on the card, and a customer's address is customer data. The card names the customer anyway.
 */
export function withoutAddresses(text: string): string {
  return text.replace(ADDRESS_IN_TEXT, '(address withheld)');
}

/**
 * What a failed SMTP send means, decided by where it failed:
 * - the server answered 5xx (a recipient, the sender or the message refused) → failed, with its words;
 * - the server answered 4xx (try later, mailbox busy, greylisting) → retryable;
 * - the login was refused → failed (a wrong SMTP_URL does not fix itself);
 * - the connection broke before the whole message was sent → retryable (nothing was delivered);
 * - it broke after → uncertain.
 */
export function classifySmtpError(error: unknown, messageSent: boolean, redact: Redact): Error {
  const e = (error ?? {}) as SmtpFailure;
  const words = (e.response ?? (error instanceof Error ? error.message : String(error))).replace(/\s+/g, ' ').trim();
  const said = withoutAddresses(redact(words)).slice(0, 400);
  const code = e.responseCode ?? 0;
  if (e.code === 'EAUTH') {
    return new KlaxonError(
      'delivery_failed',
      `The mail server refused Klaxon's SMTP login: check the user and password in SMTP_URL (${said})`,
    );
  }
  if (code >= 500) {
    if (e.code === 'EENVELOPE' && e.rejected && e.rejected.length > 0) {
      return new KlaxonError('delivery_failed', `The mail server refused the customer's address: ${said}`);
    }
    return new KlaxonError('delivery_failed', `The mail server refused the message: ${said}`);
  }
  if (code >= 400) return new RetryableError(`The mail server asked to try again later: ${said}`, null);
  if (messageSent) {
    return new DeliveryUncertainError(
      `Delivery uncertain: the connection to the mail server failed after the whole message was sent, ` +
        `before the server confirmed it (${said}). It may have arrived: check the Sent folder before retrying.`,
    );
  }
  return new RetryableError(`Could not reach the mail server: ${said}`, null);
}
