import type { GoogleReviewsAdapter } from '../../adapters/google-reviews/index.js';
import { CLIENT_SECRET, LOCATION, REFRESH_TOKEN, startReviewWorld } from '../google-reviews/world.js';
import { capturedLines } from '../sources/logs.js';
import { memoryWorld } from '../sources/world-kit.js';
import { sourceContract } from './source.contract.js';

/** The poll interval the world's settings use. */
const POLL = 300_000;

/**
 * Google Business Profile reviews against the loopback OAuth and reviews API: a review is polled
 * in, answered by the owner's public reply; a review has no private channel, and a customer has
 * one review per place, so a follow-up is the review edited.
 */
sourceContract('Google reviews', async () => {
  const w = await startReviewWorld();
  let people = 0;
  const later = () => new Date(w.core.clock.now().getTime() + 1000);
  return memoryWorld({
    core: w.core,
    logs: capturedLines(w.rawLogs),
    metrics: w.metrics,
    secrets: [CLIENT_SECRET, REFRESH_TOKEN],
    hasPublicReply: true,
    hasPrivateReply: false,
    adapter: () => w.adapter(),
    settle: (adapter) => w.poll(adapter as GoogleReviewsAdapter, POLL),
    customerWrites: async (text) =>
      w.google.review(LOCATION, { name: `Customer ${++people}`, stars: 1, comment: text, at: later() }).reviewId,
    customerFollowsUp: async (previous, text) => {
      const before = w.google.reviews.get(previous)!.comment ?? '';
      w.google.edit(previous, { comment: `${before} ${text}` });
      return previous;
    },
    publicReplies: () => [...w.google.reviews.values()].flatMap((r) => (r.reply ? [r.reply.comment] : [])),
    privateMessages: () => [],
    refuseNextReply: () =>
      w.google.failNext(
        403,
        { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } },
        {},
        /reply$/,
      ),
    rateLimitNextWrite: (resetInMs) =>
      w.google.failNext(
        429,
        { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
        { 'retry-after': String(Math.ceil(resetInMs / 1000)) },
        /reply$/,
      ),
    close: () => w.close(),
  });
});
