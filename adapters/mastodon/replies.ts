import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { RetryableError, type DeliveryResult, type ReplyInput } from '../../src/ports.js';
import { replyFailure } from '../source-kit/failures.js';
import { call, type MastodonRest } from './client.js';
import { classifyMastodonError } from './errors.js';
import { htmlToText } from './html-text.js';
import type { MastodonIdentity } from './identity.js';
import { mastodonLength, statusProblem } from './length.js';
import { statusSchema, type StatusJson } from './map-status.js';
import type { SentReplies } from './sent-replies.js';

export interface MastodonRepliesDeps {
  rest: MastodonRest;
  identity: MastodonIdentity;
  sent: SentReplies;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

type What = 'reply' | 'direct message';

/** `@jane` on the brand's instance, `@jane@other.social` elsewhere: what reaches the customer. */
function addressOf(input: ReplyInput): string | null {
  const handle = input.author.handle?.replace(/^@/, '');
  return handle ? `@${handle}` : null;
}

/** The text with the customer's @handle in front (unless the agent already put it there). */
export function addressed(text: string, address: string | null): string {
  if (!address) return text;
  return text.trimStart().toLowerCase().startsWith(address.toLowerCase()) ? text : `${address} ${text}`;
}

/**
 * Replies as the brand: in public (a status with `in_reply_to_id`, the author's @handle in front,
 * the original's visibility kept so a followers-only post is not answered for everyone) and in
 * private (visibility `direct`). Each POST carries the outbox's key as `Idempotency-Key`, which
 * Mastodon honours for an hour, so a repeated attempt never posts twice.
 */
export class MastodonReplies {
  readonly #d: MastodonRepliesDeps;

  constructor(deps: MastodonRepliesDeps) {
    this.#d = deps;
  }

  validate(text: string, mode: 'public' | 'private'): string | null {
    if (mode === 'private' && !text.trim()) return null;
    return statusProblem(text, this.#d.identity.limits, mode === 'public' ? 'Mastodon post' : 'Mastodon direct message');
  }

  measure(text: string): { used: number; limit: number } {
    return { used: mastodonLength(text, this.#d.identity.limits), limit: this.#d.identity.limits.maxCharacters };
  }

  async replyPublic(input: ReplyInput): Promise<DeliveryResult> {
    return this.#post(input, 'reply');
  }

  async sendPrivate(input: ReplyInput): Promise<DeliveryResult> {
    return this.#post(input, 'direct message');
  }

  /**
   * The brand's reply to this status with this text, among its posts since the first attempt
   * began: a retry after an hour (past what Mastodon keeps an Idempotency-Key for) never doubles it.
   */
  async findDelivered(input: ReplyInput, mode: 'public' | 'private', since: Date): Promise<DeliveryResult | null> {
    const from = since.getTime() - 60_000;
    const brand = await this.#d.identity.ensure();
    const text = addressed(input.text, addressOf(input));
    const recent: unknown[] = await call(
      this.#d.metrics,
      'account_statuses',
      async () => await this.#d.rest.v1.accounts.$select(brand.id).statuses.list.$raw({ limit: 40 }),
    );
    for (const raw of recent) {
      const status = statusSchema.safeParse(raw);
      if (!status.success || status.data.inReplyToId !== input.inReplyTo || Date.parse(status.data.createdAt) < from) continue;
      if ((mode === 'private') !== (status.data.visibility === 'direct')) continue;
      if (htmlToText(status.data.content) === text.trim())
        return { id: status.data.id, ...(status.data.url ? { url: status.data.url } : {}) };
    }
    return null;
  }

  async #post(input: ReplyInput, what: What): Promise<DeliveryResult> {
    const { rest, identity, metrics } = this.#d;
    await this.#guard(what, () => identity.ensure());
    const original = await this.#original(input.inReplyTo, what);
    const text = addressed(input.text, addressOf(input) ?? `@${original.account.acct}`);
    const problem = statusProblem(text, identity.limits, what === 'reply' ? 'Mastodon post' : 'Mastodon direct message');
    if (problem) throw new KlaxonError('invalid_input', problem);
    // A public answer never widens who sees the conversation: followers-only stays followers-only.
    const visibility = what === 'direct message' ? 'direct' : original.visibility === 'direct' ? 'direct' : original.visibility;
    const status = await this.#guard(what, () =>
      call(metrics, 'statuses_create', () =>
        rest.v1.statuses.create.$raw(
          { status: text, inReplyToId: original.id, visibility },
          { requestInit: { headers: { 'Idempotency-Key': input.idempotencyKey } } },
        ),
      ),
    );
    try {
      await this.#d.sent.remember(status.id, { answers: original.id, conversation: input.conversationId ?? original.id });
    } catch (error) {
      // The reply is out: failing now would make the outbox send it again.
      this.#d.logger.warn('Mastodon reply sent but not remembered; an answer to it may open a new case', {
        caseId: input.caseId,
        err: error,
      });
    }
    return { id: status.id, ...(status.url ? { url: status.url } : {}) };
  }

  /** The status answered, as the brand's instance sees it now; refused when it is gone. */
  async #original(id: string, what: What): Promise<StatusJson> {
    try {
      const raw = await call(this.#d.metrics, 'statuses_fetch', () => this.#d.rest.v1.statuses.$select(id).fetch.$raw());
      const parsed = statusSchema.safeParse(raw);
      if (parsed.success) return parsed.data;
    } catch (error) {
      const failure = classifyMastodonError(error, this.#d.clock);
      if (failure.kind === 'refused' && failure.status === 404) {
        throw new KlaxonError(
          'delivery_failed',
          `The Mastodon post was deleted, or its author no longer lets the brand see it, so the ${what} cannot be sent in reply to it.`,
          { cause: error },
        );
      }
      return this.#guard(what, () => Promise.reject(error));
    }
    throw new KlaxonError('delivery_failed', 'The Mastodon post could not be read (unexpected answer from the instance).');
  }

  /** Runs one call and turns the instance's failure into what the outbox and the agent need. */
  async #guard<T>(what: What, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (error instanceof KlaxonError || error instanceof RetryableError) throw error;
      throw replyFailure('Mastodon', what, classifyMastodonError(error, this.#d.clock), error, 'MASTODON_TOKEN');
    }
  }
}
