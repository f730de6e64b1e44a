import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseEvents, cases } from '../../db/schema/index.js';
import type { GoogleReviewsAdapter } from '../../adapters/google-reviews/index.js';
import { loadCaseView } from '../../src/cases/view.js';
import { KlaxonError } from '../../src/errors.js';
import { silentLogger } from '../../src/log.js';
import { RetryableError } from '../../src/ports.js';
import { caseOf, replyInputFor, replyRig } from '../meta/rig.js';
import { CLIENT_SECRET, LOCATION, OTHER_LOCATION, REFRESH_TOKEN, startReviewWorld, type ReviewWorld } from './world.js';

const MIN = 60_000;
const POLL = 300_000;

describe('Google Business Profile reviews as a source', () => {
  let w: ReviewWorld;
  let g: GoogleReviewsAdapter;
  beforeEach(async () => {
    w = await startReviewWorld({ locations: [LOCATION, OTHER_LOCATION] });
    g = w.adapter();
  });
  afterEach(async () => {
    await w.close();
  });

  const caseRow = (id: number) => w.core.handle.db.select().from(cases).where(eq(cases.id, id)).get()!;
  const started = async () => {
    await g.start(w.sink);
    await w.poll(g);
  };

  it('new reviews become cases; the stars are a scoring signal (1–2 stars is a complaint)', async () => {
    const text = 'Visited on Saturday.';
    const one = w.google.review(LOCATION, { name: 'Jane Doe', stars: 1, comment: text });
    const five = w.google.review(LOCATION, { name: 'Omar Haddad', stars: 5, comment: text });
    const bare = w.google.review(OTHER_LOCATION, { name: null, stars: 2 });
    await started();
    const rows = w.mentions();
    expect(rows.map((m) => m.externalId).sort()).toEqual([one.reviewId, five.reviewId, bare.reviewId].sort());
    const byId = (id: string) => rows.find((m) => m.externalId === id)!;
    expect(byId(one.reviewId)).toMatchObject({ text: `★☆☆☆☆ 1/5\n\n${text}`, rating: 1, authorName: 'Jane Doe', isPrivate: false });
    expect(byId(bare.reviewId)).toMatchObject({
      text: '★★☆☆☆ 2/5\n\n(a rating with no written review)',
      authorName: 'A Google user',
      rating: 2,
    });
    const oneCase = caseRow(caseOf(w.core, 'google_reviews', one.reviewId));
    const fiveCase = caseRow(caseOf(w.core, 'google_reviews', five.reviewId));
    expect(oneCase.score).toBeGreaterThan(fiveCase.score + 20);
    expect(oneCase.reasons).toContain('1-star review');
    expect(caseRow(caseOf(w.core, 'google_reviews', bare.reviewId)).reasons).toContain('2-star review');
    expect(['P1', 'P2']).toContain(oneCase.priority);
    expect(fiveCase.priority).toBe('P4');
  });

  it('reads every page (50 a page) once; a restart reads nothing twice and misses nothing', async () => {
    for (let i = 0; i < 120; i += 1)
      w.google.review(LOCATION, {
        stars: (i % 5) + 1,
        comment: `review ${i}`,
        at: new Date(w.core.clock.now().getTime() - (120 - i) * MIN),
      });
    await started();
    expect(w.mentions()).toHaveLength(120);
    const lists = () => w.google.calls.filter((c) => c.path.endsWith('/reviews')).length;
    expect(lists()).toBe(3 + 1);
    await g.stop();
    const late = w.google.review(LOCATION, {
      stars: 2,
      comment: 'Written while Klaxon was down',
      at: new Date(w.core.clock.now().getTime() + MIN),
    });
    w.timers.advance(2 * MIN);
    g = w.adapter();
    await started();
    await w.poll(g, POLL);
    expect(w.mentions()).toHaveLength(121);
    expect(w.mentions().at(-1)?.externalId).toBe(late.reviewId);
    // Reviews older than the first sync's two weeks are history, not cases.
    const world2 = await startReviewWorld();
    try {
      world2.google.review(LOCATION, {
        stars: 1,
        comment: 'last year',
        at: new Date(world2.core.clock.now().getTime() - 400 * 24 * 60 * MIN),
      });
      const a = world2.adapter();
      await a.start(world2.sink);
      await world2.poll(a);
      expect(world2.mentions()).toHaveLength(0);
    } finally {
      await world2.close();
    }
  });

  it('an edited review updates its case: text and stars on the card, score, and an audit row', async () => {
    const r = w.google.review(LOCATION, { name: 'Jane Doe', stars: 4, comment: 'Nice staff, a bit slow.' });
    await started();
    const caseId = caseOf(w.core, 'google_reviews', r.reviewId);
    const before = caseRow(caseId);
    w.timers.advance(10 * MIN);
    w.google.edit(r.reviewId, { stars: 1, comment: 'Update: they lost my passport and nobody calls back.' });
    await w.poll(g, POLL);
    const after = caseRow(caseId);
    expect(w.mentions()).toHaveLength(1);
    expect(w.mentions()[0]).toMatchObject({ rating: 1, text: '★☆☆☆☆ 1/5\n\nUpdate: they lost my passport and nobody calls back.' });
    expect(loadCaseView(w.core.handle.db, caseId, w.core.clock.now(), w.core.cases.sla)?.text).toBe(
      '★☆☆☆☆ 1/5\n\nUpdate: they lost my passport and nobody calls back.',
    );
    expect(after.score).toBeGreaterThan(before.score);
    expect(after.reasons).toContain('1-star review');
    const audit = w.core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, 'mention_edited')).all();
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({
      rating: 1,
      previousRating: 4,
      previousScore: before.score,
      score: after.score,
      previousText: '★★★★☆ 4/5\n\nNice staff, a bit slow.',
    });
    // Polled again with no change: nothing more.
    await w.poll(g, POLL);
    expect(w.core.handle.db.select().from(caseEvents).where(eq(caseEvents.kind, 'mention_edited')).all()).toHaveLength(1);
  });

  it(
    "replies as the owner's public reply; the next poll knows it as Klaxon's, while one written in Business Profile marks the case " +
      'answered outside',
    async () => {
      const mine = w.google.review(LOCATION, { stars: 2, comment: 'Cold food.' });
      const theirs = w.google.review(LOCATION, { stars: 1, comment: 'Rude manager.' });
      await started();
      const rig = await replyRig(w.core, g, silentLogger);
      try {
        const view = await rig.reply(
          caseOf(w.core, 'google_reviews', mine.reviewId),
          'Sorry! Please ask for Sam next time, your next meal is on us.',
          'public',
        );
        expect(view?.status).toBe('done');
        expect(w.google.reviews.get(mine.reviewId)?.reply?.comment).toBe('Sorry! Please ask for Sam next time, your next meal is on us.');
        const call = w.google.calls.find((c) => c.method === 'PUT');
        expect(call?.path).toBe(`/v4/${LOCATION}/reviews/${mine.reviewId}/reply`);
        const privately = await rig.reply(caseOf(w.core, 'google_reviews', theirs.reviewId), 'psst', 'private').catch((e: unknown) => e);
        expect((privately as Error).message).toBe(
          "Google reviews have no private messages: Reply posts the owner's public answer (it replaces any earlier one)",
        );
      } finally {
        await rig.close();
      }
      w.google.ownerReply(theirs.reviewId, 'We are sorry, the manager will call you.');
      await w.poll(g, POLL);
      expect(caseRow(caseOf(w.core, 'google_reviews', theirs.reviewId)).firstResponseVia).toBe('outside');
      expect(caseRow(caseOf(w.core, 'google_reviews', mine.reviewId)).firstResponseVia).toBe('klaxon');
      expect(
        w
          .mentions()
          .filter((m) => m.direction === 'outbound')
          .map((m) => m.externalId),
      ).toEqual([`${theirs.reviewId}/reply`]);
      expect(g.capabilities({ externalId: mine.reviewId, isPrivate: false, text: '' })).toEqual({
        publicReply: { possible: true },
        privateReply: {
          possible: false,
          why: "Google reviews have no private messages: Reply posts the owner's public answer (it replaces any earlier one)",
        },
      });
      expect(g.validate?.('x'.repeat(4097), 'public')).toMatch(/at most 4,096 characters/);
    },
  );

  it('OAuth: expired access tokens are renewed; a revoked refresh token is reported once, clearly, and polling waits', async () => {
    w.google.review(LOCATION, { stars: 3, comment: 'ok' });
    await started();
    expect(w.google.tokensIssued).toHaveLength(1);
    w.google.expireAccessTokens();
    w.google.review(LOCATION, { stars: 1, comment: 'bad', at: new Date(w.core.clock.now().getTime() + MIN) });
    await w.poll(g, POLL);
    expect(w.google.tokensIssued).toHaveLength(2);
    expect(w.mentions()).toHaveLength(2);
    w.google.expireAccessTokens();
    w.google.refreshTokenRevoked = true;
    await w.poll(g, POLL);
    // The next poll waits half an hour, not five minutes; failing again says nothing new.
    expect(w.timers.pending()[0]?.inMs).toBe(30 * MIN);
    await w.poll(g, 30 * MIN);
    const errors = w.logs.filter((l) => l.level === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0]?.msg).toMatch(
      /^Google refused the refresh token \(invalid_grant: Token has been expired or revoked\.\).*GOOGLE_BUSINESS_REFRESH_TOKEN/,
    );
    expect(g.capabilities({ externalId: 'x', isPrivate: false, text: '' }).publicReply).toMatchObject({
      possible: false,
      why: expect.stringMatching(/GOOGLE_BUSINESS_REFRESH_TOKEN/),
    });
    const reply = await g
      .replyPublic(replyInputFor(w.core, 'google_reviews', w.mentions()[0]!.externalId, 'Thanks!'))
      .catch((e: unknown) => e);
    expect(reply).toBeInstanceOf(KlaxonError);
    for (const secret of [CLIENT_SECRET, REFRESH_TOKEN, encodeURIComponent(REFRESH_TOKEN)])
      expect(w.rawLogs.join('\n')).not.toContain(secret);
  });

  it("Google's quota (429) waits as long as Google says; a reply whose answer was lost is sent again, safely", async () => {
    const r = w.google.review(LOCATION, { stars: 2, comment: 'Slow.' });
    w.google.failNext(
      429,
      { error: { code: 429, message: 'Quota exceeded for quota metric', status: 'RESOURCE_EXHAUSTED' } },
      { 'retry-after': '600' },
    );
    await started();
    expect(w.mentions()).toHaveLength(0);
    expect(w.timers.pending()[0]?.inMs).toBe(600_000);
    await w.poll(g, 600_000);
    expect(w.mentions()).toHaveLength(1);
    const input = replyInputFor(w.core, 'google_reviews', r.reviewId, 'Sorry for the wait!');
    w.google.failNext(
      429,
      { error: { code: 429, message: 'Quota exceeded', status: 'RESOURCE_EXHAUSTED' } },
      { 'retry-after': '30' },
      /reply$/,
    );
    const limited = await g.replyPublic(input).catch((e: unknown) => e);
    expect(limited).toBeInstanceOf(RetryableError);
    expect((limited as RetryableError).retryAfterMs).toBe(30_000);
    w.google.failNext(500, { error: { code: 500, message: 'Internal error', status: 'INTERNAL' } }, {}, /reply$/);
    expect(await g.replyPublic(input).catch((e: unknown) => e)).toBeInstanceOf(RetryableError);
    await g.replyPublic(input);
    await g.replyPublic(input);
    expect(w.google.reviews.get(r.reviewId)?.reply?.comment).toBe('Sorry for the wait!');
    expect(await g.findDelivered?.(input, 'public', w.core.clock.now())).toEqual({ id: `${r.reviewId}/reply` });
    w.google.reviews.delete(r.reviewId);
    const gone = await g.replyPublic(input).catch((e: unknown) => e);
    expect((gone as Error).message).toMatch(
      /^Google refused the reply: NOT_FOUND: Requested entity was not found\. \(the review was deleted\)/,
    );
  });
});
