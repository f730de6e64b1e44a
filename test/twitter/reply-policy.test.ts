import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { renderCard } from '../../adapters/slack/blocks/card.js';
import { renderCaseCard } from '../../adapters/teams/cards/case-card.js';
import { textReplyPolicy } from '../../adapters/twitter/reply-policy.js';
import type { TwitterAdapter } from '../../adapters/twitter/index.js';
import { cases, mentions, outbox } from '../../db/schema/index.js';
import type { CaseContext } from '../../src/cases/context.js';
import { loadCaseView, loadLastReply } from '../../src/cases/view.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { isKlaxonError } from '../../src/errors.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { silentLogger } from '../../src/log.js';
import { createReplyHandlers } from '../../src/outbox/reply-handlers.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { parsed } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';
import { startXWorld, type XWorld } from './setup.js';

const agent = { id: 'slack:U1', name: 'Ann Agent', platform: 'slack' };
const POST_TWEETS = /^\/2\/tweets$/;
const slackButtons = (view: Parameters<typeof renderCard>[0]) =>
  renderCard(view).blocks.flatMap((b) => (b.type === 'actions' ? b.elements.map((e) => ('text' in e && e.text ? e.text.text : '')) : []));
const teamsButtons = (view: Parameters<typeof renderCaseCard>[0]) =>
  renderCaseCard(view)
    .body.filter((e) => e.type === 'ActionSet')
    .flatMap((s) => (s.actions as { title: string }[]).map((a) => a.title));

describe("X's reply rule: a public reply only to a post that mentions or quotes the brand", () => {
  let x: XWorld;
  let adapter: TwitterAdapter;
  let worker: OutboxWorker;
  let ctx: CaseContext;

  beforeEach(async () => {
    x = await startXWorld();
    adapter = x.adapter({ mode: 'stream', keywords: ['acme refund'], competitors: ['globex'] });
    const sources = new Map([['twitter', adapter.replySource!]]);
    ctx = { ...x.core.cases, replySources: sources };
    const { db } = x.core.handle;
    worker = new OutboxWorker({
      db,
      clock: x.core.clock,
      logger: silentLogger,
      handlers: createReplyHandlers({ db, clock: x.core.clock, sources }),
      pacing: () => ({ intervalMs: 0, cap: 1 }),
      pollIntervalMs: 20,
    });
    await worker.start();
    await adapter.start();
    await vi.waitFor(() => expect(x.fake.streamConnections).toBe(1));
    await adapter.stream!.idle();
  });
  afterEach(async () => {
    await worker.stop(1000);
    await x.close();
  });

  const caseOf = (tweetId: string) =>
    x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, tweetId)).get()?.caseId ?? null;
  const viewOf = (caseId: number) => loadCaseView(x.core.handle.db, caseId, x.core.clock.now(), x.core.cases.sla)!;

  it(
    'refuses a reply to a keyword match (no Reply on the card, the verb says why) and sends one to a mention, ' +
      'through the real client against the fake X',
    async () => {
      const bob = x.fake.addUser({ id: '77', username: 'bob', name: 'Bob', followers: 120 });
      const keyword = x.fake.tweet(x.jane, 'Still no acme refund after three weeks');
      const direct = x.fake.tweet(bob, '@AcmeCare my parcel is lost');
      x.fake.push(keyword, ['klaxon:keywords']);
      x.fake.push(direct, ['klaxon:brand']);
      await vi.waitFor(() => expect(caseOf(keyword.id)).not.toBeNull());
      await vi.waitFor(() => expect(caseOf(direct.id)).not.toBeNull());
      // The stream asked X for the entities the decision needs.
      expect(x.fake.requestsTo('GET', /\/2\/tweets\/search\/stream$/)[0]!.query['tweet.fields']).toContain('entities');

      const keywordView = viewOf(caseOf(keyword.id)!);
      expect(keywordView.publicReply).toEqual({ possible: false, why: expect.stringContaining('mentions or quotes @acmecare') });
      for (const buttons of [slackButtons(keywordView), teamsButtons(keywordView)]) {
        expect(buttons).not.toContain('Reply');
        expect(buttons).toContain('Move to DM');
      }
      expect(JSON.stringify(renderCard(keywordView).blocks)).toContain('No public reply');
      expect(JSON.stringify(renderCaseCard(keywordView))).toContain('Move to DM reaches them if they accept direct messages');

      const refused = await (async () => {
        try {
          await replyCase({ ctx, input: { caseId: keywordView.id, actor: agent, text: 'Sorry Jane, looking into it.', mode: 'public' } });
          return null;
        } catch (error) {
          return error;
        }
      })();
      expect(isKlaxonError(refused, 'invalid_state')).toBe(true);
      expect((refused as Error).message).toMatch(
        /cannot be answered in public on twitter: X takes a public reply only to a post that mentions or quotes @acmecare.*Move to DM/,
      );
      expect(x.core.handle.db.select().from(outbox).where(eq(outbox.kind, 'reply.public')).all()).toEqual([]);

      // The mention takes its reply.
      const directView = viewOf(caseOf(direct.id)!);
      expect(directView.publicReply).toEqual({ possible: true, why: 'the post mentions @acmecare' });
      expect(teamsButtons(directView)).toContain('Reply');
      await replyCase({
        ctx,
        input: { caseId: directView.id, actor: agent, text: 'Sorry Bob, a replacement is on its way.', mode: 'public' },
      });
      worker.kick();
      await vi.waitFor(() => expect(loadLastReply(x.core.handle.db, directView.id)?.status).toBe('done'));
      const posts = x.fake.requestsTo('POST', POST_TWEETS);
      expect(posts.map((p) => (p.body as { reply?: { in_reply_to_tweet_id: string } }).reply?.in_reply_to_tweet_id)).toEqual([direct.id]);

      // The keyword author can still be reached privately.
      await replyCase({
        ctx,
        input: { caseId: keywordView.id, actor: agent, text: 'Hi Jane, could you send us your order number?', mode: 'private' },
      });
      worker.kick();
      await vi.waitFor(() => expect(x.fake.dms).toHaveLength(1));
    },
  );

  it(
    'X refuses a reply to a post that does not mention the brand with 403, and the agent is told why (not that the author limits ' +
      'replies)',
    async () => {
      const keyword = x.fake.tweet(x.jane, 'Still no acme refund after three weeks');
      const error = await adapter
        .replySource!.replyPublic({
          caseId: 9,
          inReplyTo: keyword.id,
          author: { id: x.jane.id },
          text: 'Sorry Jane!',
          idempotencyKey: 'k1',
        })
        .catch((e: unknown) => e);
      expect(x.fake.requestsTo('POST', POST_TWEETS)).toHaveLength(1);
      expect(isKlaxonError(error, 'delivery_failed')).toBe(true);
      expect((error as Error).message).toBe(
        'X refused the public reply: X takes a public reply only to a post that mentions or quotes @acmecare, ' +
          'and this one does neither (it was found by a keyword or competitor rule). Use Move to DM (it reaches them if they accept ' +
          'direct messages), or write a new post that mentions them.',
      );
      expect((error as Error).message).not.toMatch(/limit who can reply|write access/);
    },
  );

  it('a post taken in before its rule was known: X refuses, the card is told, and Reply leaves the card', async () => {
    // No reply policy at ingest (an older row): the case looks replyable until X says otherwise.
    await ingestMentions(x.core.ingest, [
      parsed(
        mention({
          id: x.fake.tweet(x.jane, 'acme refund still missing').id,
          source: 'twitter',
          author: { id: x.jane.id, handle: 'jane' },
          text: 'acme refund still missing',
        }),
      ),
    ]);
    const caseId = x.core.handle.db.select().from(cases).get()!.id;
    expect(viewOf(caseId).publicReply.possible).toBe(true);
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Sorry Jane, on it.', mode: 'public' } });
    worker.kick();
    await vi.waitFor(() => expect(loadLastReply(x.core.handle.db, caseId)?.status).toBe('failed'));
    expect(loadLastReply(x.core.handle.db, caseId)?.error).toMatch(
      /^X refused the public reply: X takes a public reply only to a post that mentions or quotes @acmecare/,
    );
    expect(viewOf(caseId).publicReply).toEqual({ possible: false, why: expect.stringContaining('mentions or quotes @acmecare') });
    expect(teamsButtons(viewOf(caseId))).not.toContain('Reply');
  });

  it('a post quoting the brand may be answered; a long post (note_tweet) is taken in full', async () => {
    const announcement = x.fake.tweet(x.brand, 'Our new returns policy is live');
    const quote = x.fake.tweet(x.jane, 'This policy is a joke', { quote: announcement });
    const long = x.fake.tweet(x.jane, `@AcmeCare ${'My order 1234 arrived broken and support keeps closing my tickets. '.repeat(180)}END`);
    expect(long.note_tweet!.text.length).toBeGreaterThan(12_000);
    x.fake.push(quote, ['klaxon:own']);
    x.fake.push(long, ['klaxon:brand']);
    await vi.waitFor(() => expect(caseOf(quote.id)).not.toBeNull());
    await vi.waitFor(() => expect(caseOf(long.id)).not.toBeNull());
    expect(viewOf(caseOf(quote.id)!).publicReply).toEqual({ possible: true, why: 'the post quotes @acmecare' });
    const stored = x.core.handle.db.select().from(mentions).where(eq(mentions.externalId, long.id)).get()!;
    expect(stored.text).toBe(long.note_tweet!.text);
    expect(stored.text.endsWith('END')).toBe(true);
  });
});

describe('the reply rule for X posts that arrive through /ingest (no entities: the text decides)', () => {
  const policy = textReplyPolicy(['AcmeCare', '@acmehelp']);
  const decide = (text: string) => policy(parsed(mention({ id: 'p1', source: 'twitter', text })));

  it('a post naming a brand handle may be answered; one naming it only as part of something else may not', () => {
    expect(decide('@AcmeCare where is my refund')).toEqual({ possible: true, why: 'the post mentions @acmecare' });
    expect(decide('hey @acmehelp!')).toMatchObject({ possible: true });
    expect(decide('thanks (@ACMECARE)')).toMatchObject({ possible: true });
    for (const text of ['acmecare please help', '@AcmeCareers is hiring', 'write to help@acmecare.com', '#acmecare fail', '@acme_care']) {
      expect(decide(text)).toMatchObject({ possible: false, why: expect.stringContaining('mentions or quotes @acmecare') });
    }
    expect(textReplyPolicy([])(parsed(mention({ id: 'p2', source: 'twitter', text: 'anything' })))).toBeNull();
  });
});

describe('the whole app: an X post from /ingest that does not mention the brand gets a card without Reply', () => {
  it('decides from the configured handles, and says why on the card', async () => {
    const { startHarness } = await import('../helpers/harness.js');
    const { postIngest } = await import('../helpers/ingest.js');
    const { TEST_SECRETS } = await import('../helpers/config.js');
    const h = await startHarness({ file: { twitter: { account: 'AcmeCare' }, brands: [{ name: 'Acme', handles: ['acmehelp'] }] } });
    try {
      const keyword = mention({ id: 'k1', source: 'twitter', text: 'acme refund still missing after 3 weeks' });
      const direct = mention({
        id: 'd1',
        source: 'twitter',
        text: '@acmehelp acme refund still missing',
        author: { id: 'b', handle: 'bob' },
      });
      expect((await postIngest(h.url, { mentions: [keyword, direct] }, TEST_SECRETS.INGEST_SECRET)).status).toBe(202);
      await h.klaxon.worker.idle();
      const cards = h.workspace.topLevel('CTRIAGE');
      expect(cards).toHaveLength(2);
      const buttons = (i: number) => JSON.stringify(cards[i]!.blocks).match(/"text":"(Reply|Move to DM)"/g);
      const byText = (needle: string) => cards.findIndex((c) => JSON.stringify(c.blocks).includes(needle));
      expect(buttons(byText('after 3 weeks'))).toEqual(['"text":"Move to DM"']);
      expect(JSON.stringify(cards[byText('after 3 weeks')]!.blocks)).toContain('No public reply');
      expect(buttons(byText('@acmehelp'))).toEqual(['"text":"Reply"', '"text":"Move to DM"']);
    } finally {
      await h.close();
    }
  });
});
