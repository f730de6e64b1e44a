import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, processedDeliveries } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { eventBody, postSlackJson } from '../helpers/slack.js';
import { ManualTimers } from '../twitter/manual-timers.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;

describe("the bot's own identity (auth.test)", () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('is retried with backoff until Slack answers; meanwhile the bot’s own thread lines never become notes', async () => {
    const clock = new ManualClock(Date.now());
    const timers = new ManualTimers(clock);
    const lines: { level: string; msg: string; retryInMs?: number }[] = [];
    h = await startHarness({
      clock,
      timers,
      logger: createLogger({ level: 'debug', write: (l) => lines.push(JSON.parse(l)) }),
      beforeStart: (slack) => slack.failNext('auth.test', { status: 500 }, { error: 'service_unavailable' }),
    });
    expect(h.klaxon.slack!.identity.known).toBe(false);
    await postIngest(
      h.url,
      mention({ id: 'i1', createdAt: new Date(clock.now().getTime() - 60_000).toISOString() }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
    const card = h.workspace.topLevel('CTRIAGE')[0]!;

    // The bot's own line in the card's thread, as Slack delivers it: its bot user, with bot_id.
    await postSlackJson(
      h.url,
      SECRET,
      eventBody({
        type: 'message',
        channel: 'CTRIAGE',
        user: h.workspace.botUserId,
        bot_id: 'BKLAXON',
        text: '✋ Claimed by alice',
        ts: '1800000000.000200',
        thread_ts: card.ts,
        channel_type: 'channel',
      }),
    );
    // An agent's line in the same thread is a note: the listener ran.
    await postSlackJson(
      h.url,
      SECRET,
      eventBody({
        type: 'message',
        channel: 'CTRIAGE',
        user: 'UALICE',
        text: 'called the courier',
        ts: '1800000000.000300',
        thread_ts: card.ts,
        channel_type: 'channel',
      }),
    );
    await vi.waitFor(() => expect(h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'note')).all()).toHaveLength(1));
    expect(h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'note')).get()!.actor).toBe('slack:UALICE');

    // Retries: the first after ≤ 1 s, the next after ≤ 2 s (backoff), then Slack answers.
    const first = timers.pending()[0]!;
    expect(first.ms).toBeLessThanOrEqual(1000);
    timers.runNext();
    await vi.waitFor(() => expect(h.workspace.callsTo('auth.test#failed')).toHaveLength(2));
    await vi.waitFor(() => expect(timers.pending()).toHaveLength(1));
    expect(timers.pending()[0]!.ms).toBeGreaterThan(first.ms);
    expect(timers.pending()[0]!.ms).toBeLessThanOrEqual(2000);
    timers.runNext();
    await vi.waitFor(() => expect(h.klaxon.slack!.identity.known).toBe(true));
    expect(h.klaxon.slack!.identity.botUserId).toBe(h.workspace.botUserId);
    expect(timers.pending()).toHaveLength(0);
    expect(lines.filter((l) => l.msg.startsWith('Slack token check')).map((l) => l.level)).toEqual(['error', 'warn']);
    expect(lines.some((l) => l.msg === 'Slack connected')).toBe(true);
  });
});

describe('delivery keys', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('are pruned by a scheduled job once a day old', async () => {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ clock });
    const db = h.klaxon.db.db;
    db.insert(processedDeliveries)
      .values([
        { key: 'old', at: new Date(clock.now().getTime() - 25 * 3_600_000) },
        { key: 'new', at: clock.now() },
      ])
      .run();
    h.klaxon.tick();
    await vi.waitFor(() =>
      expect(
        db
          .select()
          .from(processedDeliveries)
          .all()
          .map((r) => r.key),
      ).toEqual(['new']),
    );
  });
});
