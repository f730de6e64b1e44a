import { count, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cases, mentions, outbox } from '../../db/schema/index.js';
import { systemClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postIngest } from '../helpers/ingest.js';

const TEMPLATES = [
  'The app has been down all morning, I cannot log in to pay my bills',
  'app down all morning!! cannot log in to pay my bills',
  'Still cannot log in, the app has been down all morning and my bills are due',
  'is the app down? cannot log in all morning to pay bills',
  'your app has been down all morning, I cannot log in to pay my bills. fix it',
];
const DISTINCT = [
  'My parcel was delivered to the wrong address and nobody will help',
  'Charged twice for one subscription this month, please refund',
  'The new update deleted all my saved playlists',
  'Waited 45 minutes on hold and the call dropped',
  'Your store in Leeds refused my return with a valid receipt',
];

/**
 * 20,000 mentions in well under a minute to one channel, with Slack's per-channel limit enforced
 * by the fake (429 + Retry-After when exceeded) and Klaxon's real pacing (1.1 s per channel).
 */
describe('a storm of 20,000 mentions', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('stores everything, keeps the cards few, never exceeds Slack’s rate and keeps its queues bounded', async () => {
    // Real time here: the point is Slack's real per-second pacing, and deferred rows come due.
    const clock = systemClock;
    h = await startHarness({ clock, slackRateLimit: { perChannelPerSecond: 1 }, slackChannelIntervalMs: 1100 });
    const createdAt = new Date(clock.now().getTime() - 60_000).toISOString();
    const total = 20_000;
    const all = Array.from({ length: total }, (_, i) => {
      const distinct = i % 4000 === 1 ? DISTINCT[Math.floor(i / 4000)] : undefined;
      const text = distinct ?? `${TEMPLATES[i % TEMPLATES.length]}${i % 3 === 0 ? ' #outage' : ''}`;
      return {
        id: `storm-${i}`,
        source: 'twitter',
        author: { id: `u${i}`, handle: `user${i}`, followers: (i * 37) % 5000 },
        text,
        createdAt,
      };
    });
    const rssBefore = process.memoryUsage().rss;
    const started = Date.now();
    for (let i = 0; i < total; i += 1000) {
      const res = await postIngest(h.url, { mentions: all.slice(i, i + 1000) }, TEST_SECRETS.INGEST_SECRET, clock.now());
      expect(res.status).toBe(202);
      expect(res.json).toEqual({ accepted: 1000, duplicates: 0 });
    }
    const db = h.klaxon.db.db;
    // Far inside "a minute" on this machine; printed for the README's reliability figures.
    process.stdout.write(`storm: ${total} mentions ingested over HTTP in ${Date.now() - started} ms\n`);
    expect(db.select({ n: count() }).from(mentions).get()?.n).toBe(total);

    // Everything about the outage is one incident; the five unrelated complaints keep their cards.
    const open = db.select().from(cases).where(eq(cases.state, 'open')).all();
    const incident = open.filter((c) => c.kind === 'incident');
    expect(incident).toHaveLength(1);
    expect(open.length).toBeLessThanOrEqual(1 + DISTINCT.length);
    expect(incident[0]!.mentionCount).toBeGreaterThan(total - 20);

    // The outbox holds intents per case, not per mention: updates of one card collapse.
    expect(db.select({ n: count() }).from(outbox).get()!.n).toBeLessThan(60);
    // The storm index and memory stay bounded (the index keeps at most `maxTracked` mentions).
    expect(process.memoryUsage().rss - rssBefore).toBeLessThan(400 * 1024 * 1024);

    await vi.waitFor(
      async () => {
        await h.klaxon.worker.idle();
        expect(db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()!.n).toBe(0);
      },
      { timeout: 60_000, interval: 200 },
    );
    const posts = h.workspace.callsTo('chat.postMessage').filter((c) => !c.args.thread_ts);
    expect(posts.length).toBeLessThanOrEqual(1 + DISTINCT.length + 2);
    expect(h.slack.rateLimited).toEqual([]);
  }, 120_000);
});
