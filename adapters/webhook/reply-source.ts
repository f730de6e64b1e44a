import type { Clock } from '../../src/clock.js';
import { formatCaseRef } from '../../src/cases/refs.js';
import { KlaxonError } from '../../src/errors.js';
import { DeliveryError, type DeliveryResult, type ReplyInput, type ReplySource } from '../../src/ports.js';
import { signedHeaders } from './signature.js';
import { OutboundCallError, safeFetch, UnresolvedTargetError } from './ssrf.js';

export interface WebhookReplySourceConfig {
  source: string;
  url: string;
  /** HMAC secret for the signature (same scheme as /ingest). */
  secret: string;
  allowPrivateTargets: boolean;
  clock: Clock;
  timeoutMs?: number;
}

/** Retry-After as seconds or as an HTTP date (RFC 9110), measured on the injected clock. */
function retryAfterMs(header: string | null, now: Date): number | null {
  if (!header) return null;
  const seconds = Number(header);
  if (Number.isFinite(seconds)) return seconds >= 0 ? seconds * 1000 : null;
  const at = Date.parse(header);
  return Number.isFinite(at) ? Math.max(0, at - now.getTime()) : null;
}

/**
 * Delivers replies for a generic source (email, reviews, chat) to the customer's own system: a
 * signed JSON POST to the source's callback URL. The receiver answers 2xx with an optional
 * `{"id", "url"}`. Every attempt of one reply, automatic or manual, carries the same
 * `Idempotency-Key`, so a receiver that dedupes on it shows the reply once. What a failure means
 * (retry, uncertain, final) is the outbox's decision (src/outbox/delivery-policy.ts): this class
 * reports how far the call got and what the receiver answered.
 */
export class WebhookReplySource implements ReplySource {
  readonly source: string;

  constructor(private readonly config: WebhookReplySourceConfig) {
    this.source = config.source;
  }

  replyPublic(input: ReplyInput): Promise<DeliveryResult> {
    return this.#deliver('public', input);
  }

  sendPrivate(input: ReplyInput): Promise<DeliveryResult> {
    return this.#deliver('private', input);
  }

  async #deliver(mode: 'public' | 'private', input: ReplyInput): Promise<DeliveryResult> {
    const body = JSON.stringify({
      type: 'reply',
      mode,
      source: this.source,
      case: formatCaseRef(input.caseId),
      inReplyTo: input.inReplyTo,
      conversationId: input.conversationId ?? null,
      author: input.author,
      text: input.text,
      idempotencyKey: input.idempotencyKey,
    });
    let res: Response;
    try {
      res = await safeFetch(
        this.config.url,
        {
          method: 'POST',
          headers: {
            'content-type': 'application/json',
            'idempotency-key': input.idempotencyKey,
            ...signedHeaders(this.config.secret, body, this.config.clock.now()),
          },
          body,
          signal: AbortSignal.timeout(this.config.timeoutMs ?? 10_000),
        },
        { allowPrivate: this.config.allowPrivateTargets },
      );
    } catch (error) {
      // A name that does not resolve (now) is a failure to connect: nothing was sent.
      if (error instanceof UnresolvedTargetError)
        throw new DeliveryError(`the ${this.source} reply webhook: ${error.message}`, 'connect', null, null, { cause: error });
      if (error instanceof KlaxonError) throw error;
      const phase = error instanceof OutboundCallError ? error.phase : 'sent';
      throw new DeliveryError(
        `the ${this.source} reply webhook: ${error instanceof Error ? error.message : String(error)}`,
        phase,
        null,
        null,
        { cause: error },
      );
    }
    const text = await res.text().catch(() => '');
    if (res.status === 429)
      throw new DeliveryError(
        `the ${this.source} reply webhook is rate limiting (429)`,
        'sent',
        429,
        retryAfterMs(res.headers.get('retry-after'), this.config.clock.now()) ?? 1000,
      );
    if (res.status >= 500 || res.status === 408)
      throw new DeliveryError(
        `the ${this.source} reply webhook answered ${res.status}`,
        'sent',
        res.status,
        retryAfterMs(res.headers.get('retry-after'), this.config.clock.now()),
      );
    if (!res.ok)
      throw new KlaxonError(
        'delivery_failed',
        `the ${this.source} reply webhook refused the reply (${res.status}${text ? `: ${text.slice(0, 200)}` : ''})`,
      );
    try {
      const json = JSON.parse(text) as { id?: unknown; url?: unknown };
      return { ...(typeof json.id === 'string' ? { id: json.id } : {}), ...(typeof json.url === 'string' ? { url: json.url } : {}) };
    } catch {
      return {};
    }
  }
}
