import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { MastodonAdapter } from '../../adapters/mastodon/index.js';
import { cases, mentions } from '../../db/schema/index.js';
import { refuseMentionsContaining } from '../helpers/refuse-mentions.js';
import { startMastodonWorld, type MastodonWorld } from './setup.js';

let w: MastodonWorld;
beforeEach(async () => {
  w = await startMastodonWorld();
});
afterEach(async () => {
  await w.close();
});

const stored = () => w.core.handle.db.select().from(mentions).where(eq(mentions.source, 'mastodon')).orderBy(mentions.id).all();
const duplicates = async () => (await w.metrics.duplicates.get()).values.reduce((s, v) => s + v.value, 0);

async function streaming(adapter: MastodonAdapter): Promise<void> {
  await adapter.start(w.sink);
  await w.settle(adapter);
  await vi.waitFor(() => expect(adapter.listener.connected).toBe(true));
  await w.settle(adapter);
}

describe('Mastodon notifications', () => {
  it('a mention arrives live on the stream as a case: text from HTML, author, reach, link', async () => {
    const adapter = w.adapter();
    await streaming(adapter);
    const status = w.fake.post(
      w.jane,
      '@acme my train ticket refund is 3 weeks late!\nSee https://rail.example/claims/2026/11/very-long-reference-9981 &lt;urgent&gt;',
    );
    await vi.waitFor(() => expect(stored()).toHaveLength(1));
    expect(stored()[0]).toMatchObject({
      externalId: status.id,
      authorHandle: 'jane',
      authorFollowers: 3_400,
      text:
        '@acme my train ticket refund is 3 weeks late!\nSee https://rail.example/claims/2026/11/very-long-reference-9981 ' +
        '&lt;urgent&gt;',
      url: `https://social.example/@jane/${status.id}`,
      conversationId: status.id,
      isPrivate: false,
    });
    // Handled from the stream: no read of the REST API was needed for it.
    const reads = w.fake.requestsTo('GET', /notifications/).length;
    w.fake.post(w.omar, '@acme@social.example اين طلبي؟ 📦', { visibility: 'direct' });
    await vi.waitFor(() => expect(stored()).toHaveLength(2));
    expect(stored()[1]).toMatchObject({ authorHandle: 'omar@other.example', isPrivate: true, authorName: 'عمر' });
    expect(w.fake.requestsTo('GET', /notifications/).length).toBe(reads);
  });

  it('falls back to polling from the saved since_id while the stream is down, and reads the gap when it returns', async () => {
    const adapter = w.adapter();
    await streaming(adapter);
    w.fake.post(w.jane, '@acme one');
    await vi.waitFor(() => expect(stored()).toHaveLength(1));
    w.fake.dropStreams();
    await vi.waitFor(() => expect(adapter.listener.connected).toBe(false));
    // Until the reconnect (on the injected timers), Klaxon reads by polling.
    w.fake.post(w.jane, '@acme two');
    await w.settle(adapter);
    await vi.waitFor(() => expect(stored()).toHaveLength(2));
    expect(
      w.fake
        .requestsTo('GET', /notifications/)
        .at(-1)!
        .query.get('min_id'),
    ).toMatch(/^\d+$/);
    w.fake.post(w.omar, '@acme@social.example three');
    await w.settle(adapter, 60_000);
    await vi.waitFor(() => expect(stored()).toHaveLength(3));
    await vi.waitFor(() => expect(adapter.listener.connected).toBe(true));
    expect(stored().map((m) => m.text.replace(/^@acme(@social\.example)? /, ''))).toEqual(['one', 'two', 'three']);
    expect(await duplicates()).toBe(0);
  });

  it('a streamed mention the core could not store is read again; later streamed ones do not move since_id past it', async () => {
    const adapter = w.adapter();
    await streaming(adapter);
    const lift = refuseMentionsContaining(w.core.handle, 'STORAGEFAULT');
    w.fake.post(w.jane, '@acme my refund is missing STORAGEFAULT');
    await vi.waitFor(() => expect(w.logs.has('warn', /streamed Mastodon notification could not be delivered/)).toBe(true));
    // The catch-up read fails the same way and waits with backoff.
    await w.settle(adapter);
    w.fake.post(w.omar, '@acme@social.example the app logs me out');
    await vi.waitFor(() => expect(stored()).toHaveLength(1));
    const notStored = await w.metrics.registry.getSingleMetric('klaxon_source_items_not_stored_total')?.get();
    expect(notStored?.values[0]).toMatchObject({ labels: { source: 'mastodon' } });
    lift();
    await w.settle(adapter, 15 * 60_000);
    await vi.waitFor(() => expect(stored()).toHaveLength(2));
    const texts = stored().map((m) => m.text.replace(/^@acme(@social\.example)? /, ''));
    expect(texts.sort()).toEqual(['my refund is missing STORAGEFAULT', 'the app logs me out']);
  });

  it('a restart reads from the saved since_id: nothing twice, nothing lost, across Link-paginated pages', async () => {
    const a = w.adapter();
    await streaming(a);
    w.fake.post(w.jane, '@acme first');
    await vi.waitFor(() => expect(stored()).toHaveLength(1));
    await a.stop();
    for (let i = 0; i < 95; i += 1) w.fake.post(i % 2 ? w.jane : w.omar, `@acme${i % 2 ? '' : '@social.example'} while down ${i}`);
    const b = w.adapter();
    await b.start(w.sink);
    await w.settle(b);
    await vi.waitFor(() => expect(stored()).toHaveLength(96));
    expect(
      stored()
        .slice(1)
        .map((m) => m.text.replace(/^@acme(@social\.example)? /, '')),
    ).toEqual(Array.from({ length: 95 }, (_, i) => `while down ${i}`));
    // Three pages of 40, followed through the Link header's prev links.
    const reads = w.fake.requestsTo('GET', /notifications/).filter((r) => r.query.get('min_id'));
    expect(reads.length).toBeGreaterThanOrEqual(3);
    expect(reads.every((r) => r.query.getAll('types[]').includes('mention'))).toBe(true);
    expect(await duplicates()).toBe(0);
  });

  it('boosts and favourites of the brand’s reply add reach to the case, never a case; a reply to it joins the case', async () => {
    const adapter = w.adapter();
    await streaming(adapter);
    const status = w.fake.post(w.jane, '@acme the app logs me out every hour');
    await vi.waitFor(() => expect(stored()).toHaveLength(1));
    const caseRow = w.core.handle.db.select().from(cases).get()!;
    const sent = await adapter.replyPublic({
      caseId: caseRow.id,
      inReplyTo: status.id,
      author: { id: w.jane.id, handle: 'jane' },
      conversationId: status.id,
      text: 'Sorry! Please update to 4.2.',
      idempotencyKey: 'k1',
    });
    const reply = w.fake.statuses.get(sent.id!)!;
    w.fake.reblog(w.omar, reply);
    w.fake.favourite(w.jane, reply);
    w.fake.post(w.jane, '@acme updated, still happening', { replyTo: reply });
    await vi.waitFor(() => expect(w.core.handle.db.select().from(cases).get()!.mentionCount).toBe(4));
    expect(w.core.handle.db.select().from(cases).all()).toHaveLength(1);
    expect(w.core.handle.db.select().from(cases).get()!.reach).toBe(3_400 + 75 + 3_400);
  });

  it('honours a 429 by waiting until X-RateLimit-Reset on the injected clock', async () => {
    const adapter = w.adapter();
    const reset = new Date(w.core.clock.now().getTime() + 4 * 60_000);
    w.fake.inject('GET', /^\/api\/v1\/notifications$/, {
      status: 429,
      body: { error: 'Too many requests' },
      headers: { 'x-ratelimit-limit': '300', 'x-ratelimit-remaining': '0', 'x-ratelimit-reset': reset.toISOString() },
    });
    await adapter.start(w.sink);
    await w.settle(adapter);
    const wait = w.timers.pending().find((t) => t.ms > 60_000);
    expect(wait?.ms).toBe(4 * 60_000 + 1000);
    expect(w.logs.has('warn', /429/)).toBe(true);
  });

  it('says plainly when the token is refused, without the token', async () => {
    const adapter = w.adapter({ accessToken: 'not-a-valid-token-123' });
    await adapter.start(w.sink);
    await w.settle(adapter);
    expect(w.logs.has('error', /does not accept MASTODON_TOKEN \(The access token is invalid\)/)).toBe(true);
    expect(w.logs.lines.join('\n')).not.toContain('not-a-valid-token-123');
    expect(adapter.capabilities({ externalId: '1', isPrivate: false, text: '' }).publicReply.possible).toBe(false);
  });
});
