import type { TwitterApi } from 'twitter-api-v2';
import type { Db } from '../../db/types.js';
import type { Clock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { DeliveryError, type DeliveryResult, type ReplyInput, type ReplySource } from '../../src/ports.js';
import type { BrandResolver } from './brand.js';
import { classifyXError, isDuplicateContent, isReplyNotAllowed, xCallPhase } from './errors.js';
import { findDirectMessage, findPublicReply } from './find-reply.js';
import { notMentioned } from './reply-policy.js';
import { markNoPublicReply } from './sent-replies.js';
import { checkTweetLength, TWEET_MAX_WEIGHTED_LENGTH } from './length.js';
import { postUrl, type BrandAccount } from './map-tweet.js';
import type { InFlightReplies } from './in-flight.js';
import { recordSentReply } from './sent-replies.js';

/** X's limit for one direct message. */
export const DM_MAX_LENGTH = 10_000;

export interface XReplySourceDeps {
  /** The brand account's user-context client (OAuth 1.0a). */
  user: TwitterApi;
  /** App-token client, for looking a customer up by handle. */
  app: TwitterApi;
  brand: BrandResolver;
  inFlight: InFlightReplies;
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
}

type What = 'reply' | 'dm';

const MAX_UNCERTAIN = 1000;

export const DUPLICATE_REPLY_MESSAGE = 'X refused this reply because it is identical to an earlier one; reword it';

/**
 * Public replies and direct messages as the brand account. Length is checked before X is called;
 * X's answers become what the outbox and the agent need: a DeliveryError with the facts (how far
 * the call got, X's status, the wait a 429 asks for) for the outbox's one rule to judge, a
 * KlaxonError with words for the agent when X refused for good. X has no idempotency key, so a
 * manual retry first looks for the reply on X (`findDelivered`).
 */
export class XReplySource implements ReplySource {
  readonly source = 'twitter';
  readonly #d: XReplySourceDeps;
  /** Replies whose last attempt may have reached X (cut off mid-answer), by idempotency key. */
  readonly #uncertain = new Set<string>();

  constructor(deps: XReplySourceDeps) {
    this.#d = deps;
  }

  /**
   * Checked by the reply verb before anything is queued, so the agent hears it at once. An empty
   * private text passes: the verb may ask about an absent public note; sendPrivate refuses an
   * empty DM itself.
   */
  validate(text: string, mode: 'public' | 'private'): string | null {
    if (mode === 'public') return tweetProblem(text);
    return text.trim() ? dmProblem(text) : null;
  }

  measure(text: string): { used: number; limit: number } {
    return { used: checkTweetLength(text).weightedLength, limit: TWEET_MAX_WEIGHTED_LENGTH };
  }

  async replyPublic(input: ReplyInput): Promise<DeliveryResult> {
    const problem = tweetProblem(input.text);
    if (problem)
      throw new KlaxonError('invalid_input', problem, { details: { weightedLength: checkTweetLength(input.text).weightedLength } });
    const brand = await this.#brandOrUnknown();
    this.#d.metrics.sourceCalls.inc({ source: 'twitter', op: 'reply' });
    return this.#d.inFlight.track(input.inReplyTo, async () => {
      let id: string;
      try {
        const sent = await this.#d.user.v2.reply(input.text, input.inReplyTo);
        id = sent.data.id;
      } catch (error) {
        if (isReplyNotAllowed(error)) throw this.#notMentioned(input, brand, error);
        throw this.#failure('reply', error, input.idempotencyKey);
      }
      this.#uncertain.delete(input.idempotencyKey);
      const url = postUrl(brand.handle, id);
      try {
        recordSentReply(this.#d.db, input, { id, url, at: this.#d.clock.now() }, brand);
      } catch (error) {
        // The reply is out: failing now would make the outbox send it again.
        this.#d.logger.warn('X reply sent but not recorded as a mention', { caseId: input.caseId, id, err: error });
      }
      return { id, url };
    });
  }

  async sendPrivate(input: ReplyInput): Promise<DeliveryResult> {
    const problem = dmProblem(input.text);
    if (problem) throw new KlaxonError('invalid_input', problem);
    const participantId = await this.#participantId(input);
    this.#d.metrics.sourceCalls.inc({ source: 'twitter', op: 'dm' });
    try {
      const sent = await this.#d.user.v2.sendDmToParticipant(participantId, { text: input.text });
      // The library types the body without X's `data` envelope; accept both shapes.
      const body = ((sent as unknown as { data?: typeof sent }).data ?? sent) as typeof sent;
      this.#uncertain.delete(input.idempotencyKey);
      return { id: body.dm_event_id, url: `https://x.com/messages/${body.dm_conversation_id}` };
    } catch (error) {
      throw this.#failure('dm', error, input.idempotencyKey);
    }
  }

  /**
   * X takes no idempotency key, so before a manual retry the outbox asks here whether the earlier
   * attempt arrived after all: the brand's reply to that post (or its DM to the customer) made
   * since that attempt began. A read that fails is retried by the outbox; nothing is sent until
   * the answer is known.
   */
  async findDelivered(input: ReplyInput, mode: 'public' | 'private', since: Date): Promise<DeliveryResult | null> {
    let brand: BrandAccount;
    try {
      brand = await this.#d.brand.resolve();
    } catch (error) {
      throw new DeliveryError('could not learn the brand X account to look for the earlier reply', 'connect', null, null, { cause: error });
    }
    const brandId = brand.id;
    if (!brandId)
      throw new KlaxonError(
        'not_configured',
        'the brand X account id is unknown, so Klaxon cannot check whether the earlier reply arrived',
      );
    const deps = { db: this.#d.db, app: this.#d.app, user: this.#d.user, metrics: this.#d.metrics };
    try {
      if (mode === 'private')
        return await findDirectMessage(deps, { ...brand, id: brandId }, await this.#participantId(input), input, since);
      const found = await findPublicReply(deps, { ...brand, id: brandId }, input, since);
      if (found?.id) recordSentReply(this.#d.db, input, { id: found.id, url: found.url ?? '', at: this.#d.clock.now() }, brand);
      return found;
    } catch (error) {
      if (error instanceof KlaxonError || error instanceof DeliveryError) throw error;
      // Looking is a read: whatever broke it, nothing was sent, so it is safe to look again
      // (after X's reset time when it was a rate limit).
      const failure = classifyXError(error, this.#d.clock);
      const what = `could not check X for the earlier ${mode === 'public' ? 'reply' : 'direct message'}`;
      if (failure.kind === 'rate_limited')
        throw new DeliveryError(`${what}: rate limited`, 'connect', 429, failure.waitMs, { cause: error });
      throw new DeliveryError(`${what}: ${failure.detail}`, 'connect', null, null, { cause: error });
    }
  }

  /**
   * X refused because the post neither mentions nor quotes the brand (a message Klaxon took in
   * before it knew, or through /ingest). The agent is told so — not that the author limits
   * replies — and the message is marked, so its card drops Reply and says what is possible.
   */
  #notMentioned(input: ReplyInput, brand: BrandAccount, error: unknown): KlaxonError {
    const why = notMentioned(brand.handle);
    try {
      markNoPublicReply(this.#d.db, input.inReplyTo, why);
    } catch (markError) {
      this.#d.logger.warn('could not mark an X post as not open to replies', { caseId: input.caseId, err: markError });
    }
    return new KlaxonError(
      'delivery_failed',
      `X refused the public reply: ${why}. Use Move to DM (it reaches them if they accept direct messages), ` +
        `or write a new post that mentions them.`,
      {
        cause: error,
        details: { status: 403, reason: 'not_mentioned' },
      },
    );
  }

  #markUncertain(key: string): void {
    this.#uncertain.add(key);
    // Only the latest keys matter (the outbox retries within hours); keep the set small.
    if (this.#uncertain.size > MAX_UNCERTAIN) this.#uncertain.delete(this.#uncertain.values().next().value as string);
  }

  async #brandOrUnknown(): Promise<BrandAccount> {
    try {
      return await this.#d.brand.resolve();
    } catch {
      // The link falls back to X's handle-free form; the reply itself does not need the handle.
      return this.#d.brand.known();
    }
  }

  async #participantId(input: ReplyInput): Promise<string> {
    if (input.author.id) return input.author.id;
    const handle = input.author.handle?.replace(/^@/, '');
    if (!handle) throw new KlaxonError('invalid_input', 'The customer has no X account id or handle to send a direct message to.');
    this.#d.metrics.sourceCalls.inc({ source: 'twitter', op: 'users_read' });
    try {
      const found = await this.#d.app.v2.userByUsername(handle);
      if (found.data) return found.data.id;
    } catch (error) {
      throw this.#failure('dm', error, input.idempotencyKey);
    }
    throw new KlaxonError('delivery_failed', `The X account @${handle} no longer exists, so no direct message can reach it.`);
  }

  #failure(what: What, error: unknown, key: string): Error {
    const noun = what === 'reply' ? 'reply' : 'direct message';
    if (isDuplicateContent(error)) {
      const message = this.#uncertain.has(key)
        ? `X says this ${noun} was already posted: an earlier attempt probably went through. ` +
          `Check the conversation on X before sending again.`
        : what === 'reply'
          ? DUPLICATE_REPLY_MESSAGE
          : 'X refused this direct message because it is identical to an earlier one; reword it';
      return new KlaxonError('delivery_failed', message, { cause: error, details: { reason: 'duplicate' } });
    }
    const failure = classifyXError(error, this.#d.clock);
    if (failure.kind === 'rate_limited') {
      const at = failure.resetAt ? ` until ${failure.resetAt.toISOString()}` : '';
      return new DeliveryError(`X rate limit reached for the ${noun}; waiting${at}`, 'sent', 429, failure.waitMs, { cause: error });
    }
    if (failure.kind === 'transient') {
      const phase = failure.status === null ? xCallPhase(error) : 'sent';
      // A connection cut after sending may still have posted it: a manual retry looks for it
      // first, and if X then refuses the text as a duplicate the agent is told it went through.
      if (phase === 'sent' && failure.status === null) this.#markUncertain(key);
      return new DeliveryError(
        `the ${noun} ${phase === 'connect' ? 'could not reach X' : 'may not have reached X'}: ${failure.detail}`,
        phase,
        failure.status,
        null,
        { cause: error },
      );
    }
    return new KlaxonError('delivery_failed', permanentMessage(what, failure.status, failure.detail), {
      cause: error,
      details: { status: failure.status },
    });
  }
}

function permanentMessage(what: What, status: number, detail: string): string {
  if (status === 401)
    return "X did not accept Klaxon's credentials for the brand account (TWITTER_ACCESS_TOKEN/SECRET); ask an admin to check them.";
  if (what === 'dm') {
    if (status === 403)
      return (
        `X refused the direct message: ${detail}. The customer may not accept messages from the brand account; ` +
        `ask them in public to follow it or to message it first.`
      );
    return `X refused the direct message (${status}): ${detail}`;
  }
  if (status === 404) return 'The post you are replying to no longer exists on X (deleted, or its account is protected or suspended).';
  if (status === 403)
    return `X refused this reply: ${detail}. The author may limit who can reply to the post, or the brand account may lack write access.`;
  return `X refused this reply (${status}): ${detail}`;
}

/** Why X would refuse this text as a post, in words for the agent; null when it fits. */
export function tweetProblem(text: string): string | null {
  if (!text.trim()) return 'The reply is empty.';
  const length = checkTweetLength(text);
  if (length.over > 0) {
    return (
      `The reply is ${length.over} character${length.over === 1 ? '' : 's'} over X's limit of ${TWEET_MAX_WEIGHTED_LENGTH} (links ` +
      `count as 23, emoji as 2); shorten it.`
    );
  }
  if (!length.valid) return 'X would not accept this text as a post (it contains characters X does not allow).';
  return null;
}

function dmProblem(text: string): string | null {
  if (!text.trim()) return 'The direct message is empty.';
  const length = [...text].length;
  return length > DM_MAX_LENGTH ? `The direct message is ${length - DM_MAX_LENGTH} characters over X's limit of ${DM_MAX_LENGTH}.` : null;
}
