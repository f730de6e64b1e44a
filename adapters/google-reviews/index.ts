import { Counter } from 'prom-client';
import { KlaxonError } from '../../src/errors.js';
import { RetryableError, type ReplyInput } from '../../src/ports.js';
import { makeRedactor } from '../source-kit/redact.js';
import { backoffDelay, systemTimers, type TimerHandle } from '../source-kit/timers.js';
import type { SinkSource, SourceCapabilities, SourceDeps, SourceSink } from '../source-kit/types.js';
import { GoogleError, GoogleReviewsApi } from './api.js';
import { pollLocation, ReviewStore } from './poller.js';
import { GOOGLE_REVIEWS_SOURCE, type GoogleReviewsSettings } from './settings.js';

export { googleReviewsSettings, GOOGLE_REVIEWS_SOURCE, type GoogleReviewsSettings } from './settings.js';

export interface GoogleReviewsAdapter extends SinkSource {
  /** Resolves once no poll is running (tests drive the timers that start the next one). */
  settled(): Promise<void>;
}

/** Google accepts an owner's reply of up to 4,096 characters. */
const MAX_REPLY = 4096;
const NO_PRIVATE = "Google reviews have no private messages: Reply posts the owner's public answer (it replaces any earlier one)";
const RETRY = { baseMs: 30_000, maxMs: 30 * 60_000 };
const AUTH_RETRY_MS = 30 * 60_000;

function once<T>(registry: { getSingleMetric(name: string): unknown }, name: string, make: () => T): T {
  return (registry.getSingleMetric(name) as T | undefined) ?? make();
}

/**
 * Google Business Profile reviews as a source: each location's reviews polled newest-first from a
 * persisted cursor (nothing read twice, nothing skipped across restarts), the star rating handed
 * to scoring (1–2 stars is a complaint), edits applied to the open case, the owner's reply posted
 * as the public answer, and a reply written in Business Profile counted as answered outside.
 */
export function createGoogleReviewsAdapter(deps: SourceDeps<GoogleReviewsSettings>): GoogleReviewsAdapter {
  const { settings, clock, logger, metrics } = deps;
  const timers = deps.timers ?? systemTimers;
  const random = deps.random ?? Math.random;
  const redact = makeRedactor(settings.secrets);
  const store = new ReviewStore(deps.cursors);
  const counted = once(
    metrics.registry,
    'klaxon_source_google_reviews_total',
    () =>
      new Counter({
        name: 'klaxon_source_google_reviews_total',
        help: 'Google reviews read, by outcome (ingested, duplicate, edited, answered_outside, own_reply, invalid)',
        labelNames: ['outcome'],
        registers: [metrics.registry],
      }),
  );
  let authProblem: string | null = null;
  const api = new GoogleReviewsApi({
    settings,
    clock,
    metrics,
    redact,
    fetch: deps.fetch,
    authState(problem) {
      if (problem === authProblem) return;
      if (problem) logger.error(problem);
      else if (authProblem) logger.info("Google accepts Klaxon's credentials again: reviews are read and answered");
      authProblem = problem;
    },
  });
  let sink: SourceSink | null = null;
  let timer: TimerHandle | null = null;
  let running: Promise<void> | null = null;
  let failures = 0;

  function schedule(ms: number): void {
    if (!sink) return;
    if (timer !== null) timers.clearTimeout(timer);
    timer = timers.setTimeout(() => {
      timer = null;
      running = poll().finally(() => {
        running = null;
      });
    }, ms);
    (timer as { unref?: () => void } | null)?.unref?.();
  }

  async function poll(): Promise<void> {
    const current = sink;
    if (!current) return;
    let delay = settings.pollIntervalSeconds * 1000;
    try {
      for (const location of settings.locations) {
        if (!sink) return;
        await pollLocation({ settings, api, store, clock, logger, metrics, counted }, location, current);
      }
      failures = 0;
    } catch (error) {
      failures += 1;
      const e = error instanceof GoogleError ? error : null;
      delay =
        e?.kind === 'auth' ? AUTH_RETRY_MS : e?.waitMs ? Math.max(delay, e.waitMs) : Math.max(delay, backoffDelay(failures, RETRY, random));
      // The auth problem is logged once by the API with what to do; everything else here.
      if (e?.kind !== 'auth')
        logger.warn('reading Google reviews failed; retrying', {
          kind: e?.kind ?? 'unknown',
          err: redact(error instanceof Error ? error.message : String(error)),
          attempt: failures,
          waitMs: delay,
        });
    }
    schedule(delay);
  }

  async function recordOf(input: ReplyInput) {
    const record = await store.review(input.inReplyTo);
    if (!record)
      throw new KlaxonError(
        'delivery_failed',
        'Klaxon has no record of this Google review, so it cannot answer it: reply in Google Business Profile directly.',
      );
    return record;
  }

  function replyError(error: unknown): Error {
    if (!(error instanceof GoogleError)) return error instanceof Error ? error : new Error(String(error));
    switch (error.kind) {
      case 'auth':
        return new KlaxonError('delivery_failed', error.message, { cause: error });
      case 'refused':
        return new KlaxonError(
          'delivery_failed',
          `Google refused the reply: ${error.message}${error.status === 404 ? ' (the review was deleted)' : ''}`,
          { cause: error },
        );
      case 'rate_limited':
        return new RetryableError(
          `Google's quota is used up; the reply waits ${Math.ceil((error.waitMs ?? 60_000) / 1000)} s`,
          error.waitMs ?? 60_000,
          { cause: error },
        );
      default:
        // PUT …/reply replaces the owner's reply: sending it again can never post it twice.
        return new RetryableError(
          `the reply could not be confirmed by Google (${error.message}); it is sent again, which replaces rather than repeats it`,
          error.waitMs,
          { cause: error },
        );
    }
  }

  return {
    source: GOOGLE_REVIEWS_SOURCE,
    routes: [],
    settled: async () => {
      while (running) await running;
    },
    capabilities(): SourceCapabilities {
      if (authProblem) return { publicReply: { possible: false, why: authProblem }, privateReply: { possible: false, why: authProblem } };
      return { publicReply: { possible: true }, privateReply: { possible: false, why: NO_PRIVATE } };
    },
    validate(text, mode) {
      if (mode === 'private') return NO_PRIVATE;
      return text.length > MAX_REPLY
        ? `A reply to a Google review can be at most ${MAX_REPLY.toLocaleString('en-US')} characters (this one has ` +
            `${text.length.toLocaleString('en-US')}).`
        : null;
    },
    async replyPublic(input) {
      const record = await recordOf(input);
      await store.markOwnReply(input.inReplyTo, input.text);
      try {
        await api.reply(record.name, input.text);
      } catch (error) {
        throw replyError(error);
      }
      return { id: `${input.inReplyTo}/reply` };
    },
    async sendPrivate(): Promise<never> {
      throw new KlaxonError('invalid_input', NO_PRIVATE);
    },
    async findDelivered(input, mode) {
      if (mode !== 'public') return null;
      const record = await store.review(input.inReplyTo);
      const review = record ? await api.review(record.name) : null;
      return review?.reviewReply?.comment.trim() === input.text.trim() ? { id: `${input.inReplyTo}/reply` } : null;
    },
    async start(s) {
      if (sink) return;
      sink = s;
      logger.info('Google reviews listening', {
        locations: settings.locations.length,
        everySeconds: settings.pollIntervalSeconds,
        api: settings.apiUrl,
      });
      schedule(0);
    },
    async stop() {
      sink = null;
      if (timer !== null) timers.clearTimeout(timer);
      timer = null;
      while (running) await running;
    },
  };
}
