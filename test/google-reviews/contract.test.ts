import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import type { GoogleReviewsAdapter } from '../../adapters/google-reviews/index.js';
import { silentLogger } from '../../src/log.js';
import { RetryableError } from '../../src/ports.js';
import { caseOf, replyInputFor, replyRig } from '../meta/rig.js';
import { CLIENT_SECRET, LOCATION, REFRESH_TOKEN, startReviewWorld, type ReviewWorld } from './world.js';

const POLL = 300_000;

/**
 * The contract's points in Google's own terms, beyond what the shared suite
 * (test/contract/google-reviews.source.test.ts) checks: the refusal and quota in Google's words, a
 * revoked refresh token logged without any secret. A review has no private channel (as e-mail has
 * no public one): the private reply is refused with its reason before anything is queued.
 */
describe('source contract: google_reviews', () => {
  let w: ReviewWorld;
  let adapter: GoogleReviewsAdapter;
  beforeEach(async () => {
    w = await startReviewWorld();
    adapter = w.adapter();
    await adapter.start(w.sink);
    await w.poll(adapter);
  });
  afterEach(async () => {
    await w.close();
  });

  const inbound = () =>
    w.core.handle.db
      .select()
      .from(mentions)
      .where(and(eq(mentions.source, 'google_reviews'), eq(mentions.direction, 'inbound')))
      .all();
  const later = () => new Date(w.core.clock.now().getTime() + 1000);

  it('listens: one case per review', async () => {
    const a = w.google.review(LOCATION, { stars: 1, comment: 'My card was charged twice for order 5512 and nobody answers', at: later() });
    const b = w.google.review(LOCATION, { name: 'Omar', stars: 2, comment: 'The app crashes every time 😡', at: later() });
    await w.poll(adapter, POLL);
    expect(
      inbound()
        .map((m) => m.externalId)
        .sort(),
    ).toEqual([a.reviewId, b.reviewId].sort());
    expect(caseOf(w.core, 'google_reviews', a.reviewId)).not.toBe(caseOf(w.core, 'google_reviews', b.reviewId));
  });

  it('nothing twice across a restart, and nothing lost while stopped', async () => {
    w.google.review(LOCATION, { stars: 3, comment: 'First review before the restart', at: later() });
    await w.poll(adapter, POLL);
    await adapter.stop();
    w.timers.advance(60_000);
    w.google.review(LOCATION, { stars: 1, comment: 'Second one while Klaxon was down' });
    adapter = w.adapter();
    await adapter.start(w.sink);
    await w.poll(adapter);
    await w.poll(adapter, POLL);
    expect(inbound()).toHaveLength(2);
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(2);
  });

  it('a follow-up (the reviewer edits their review) stays on its case', async () => {
    const r = w.google.review(LOCATION, { stars: 2, comment: 'Still no refund', at: later() });
    await w.poll(adapter, POLL);
    w.google.edit(r.reviewId, { comment: 'Still no refund after three weeks' });
    await w.poll(adapter, POLL);
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(1);
    expect(inbound()[0]?.text).toContain('after three weeks');
  });

  it('a public reply as the owner; no private reply, and the card says why', async () => {
    const r = w.google.review(LOCATION, { stars: 1, comment: 'Where is my parcel?', at: later() });
    await w.poll(adapter, POLL);
    const caseId = caseOf(w.core, 'google_reviews', r.reviewId);
    const rig = await replyRig(w.core, adapter, silentLogger);
    try {
      expect((await rig.reply(caseId, 'Sorry about this! We are checking with the courier now.', 'public'))?.status).toBe('done');
      expect(w.google.reviews.get(r.reviewId)?.reply?.comment).toBe('Sorry about this! We are checking with the courier now.');
      expect(w.core.handle.db.select().from(cases).where(eq(cases.id, caseId)).get()?.firstResponseVia).toBe('klaxon');
      expect(adapter.capabilities({ externalId: r.reviewId, isPrivate: false, text: '' }).privateReply).toMatchObject({
        possible: false,
        why: expect.stringMatching(/no private messages/),
      });
      await expect(rig.reply(caseId, 'psst', 'private')).rejects.toThrow(/Google reviews have no private messages/);
    } finally {
      await rig.close();
    }
  });

  it("a refusal from the platform is shown on the card, in the platform's terms", async () => {
    const r = w.google.review(LOCATION, { stars: 1, comment: 'Terrible', at: later() });
    await w.poll(adapter, POLL);
    w.google.failNext(
      403,
      { error: { code: 403, message: 'The caller does not have permission', status: 'PERMISSION_DENIED' } },
      {},
      /reply$/,
    );
    const rig = await replyRig(w.core, adapter, silentLogger);
    try {
      const caseId = caseOf(w.core, 'google_reviews', r.reviewId);
      const view = await rig.reply(caseId, 'We are sorry.', 'public');
      expect(view?.status).toBe('failed');
      expect(view?.error).toBe('Google refused the reply: PERMISSION_DENIED: The caller does not have permission');
      expect(rig.threadLines(caseId).some((l) => l.includes('NOT delivered') && l.includes('PERMISSION_DENIED'))).toBe(true);
    } finally {
      await rig.close();
    }
  });

  it("honours the platform's rate limit, measured on the injected clock", async () => {
    const r = w.google.review(LOCATION, { stars: 2, comment: 'Hello?', at: later() });
    await w.poll(adapter, POLL);
    w.google.failNext(
      429,
      { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      { 'retry-after': '120' },
      /reply$/,
    );
    const error = await adapter
      .replyPublic(replyInputFor(w.core, 'google_reviews', r.reviewId, 'Yes, we are here!'))
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RetryableError);
    expect((error as RetryableError).retryAfterMs).toBe(120_000);
  });

  it('never logs a secret, nor puts one in an error or a metric label', async () => {
    w.google.review(LOCATION, { stars: 1, comment: 'Hacked!', at: later() });
    w.google.refreshTokenRevoked = true;
    w.google.expireAccessTokens();
    await w.poll(adapter, POLL);
    const metrics = await w.metrics.registry.metrics();
    for (const secret of [CLIENT_SECRET, REFRESH_TOKEN]) {
      expect(w.rawLogs.join('\n')).not.toContain(secret);
      expect(metrics).not.toContain(secret);
    }
    expect(w.rawLogs.some((l) => l.includes('Google refused the refresh token'))).toBe(true);
  });
});
