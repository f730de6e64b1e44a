import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '../../db/schema/index.js';
import { loadLastReply } from '../../src/cases/view.js';
import type { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { startMisbehavingEndpoint, type Behaviour } from '../helpers/misbehaving-endpoint.js';
import { blockActionsBody, postSlack, slackHeaders, slashCommandBody } from '../helpers/slack.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
const alice = { id: 'UALICE', name: 'alice' };
/** The client's timeout for a reply webhook: small, so "too late" is a fraction of a second. */
const REPLY_TIMEOUT_MS = 150;

/**
 * "At most once" against receivers that misbehave on real loopback sockets: a delivery whose
 * outcome is unknown is never repeated by itself; only refusals that prove nothing happened
 * (a 503 before the body was read) are retried; a manual retry carries the same key.
 */
describe('a public reply to a webhook source is delivered at most once', () => {
  let h: Harness;
  let endpoint: Awaited<ReturnType<typeof startMisbehavingEndpoint>>;

  afterEach(async () => {
    await h?.close();
    await endpoint?.close();
  });

  async function start(next: (n: number) => Behaviour): Promise<void> {
    endpoint = await startMisbehavingEndpoint(next);
    h = await startHarness({
      file: { sources: { review: { replyWebhook: { url: endpoint.url } } }, outbound: { allowPrivateTargets: true } },
      tuning: { replyTimeoutMs: REPLY_TIMEOUT_MS },
    });
    const res = await postIngest(
      h.url,
      mention({
        id: 'r1',
        source: 'review',
        author: { id: '9', handle: 'jane', name: 'Jane Doe', followers: 300 },
        text: 'My refund never arrived',
        createdAt: new Date(h.clock.now().getTime() - 60_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      h.clock.now(),
    );
    expect(res.status).toBe(202);
    await h.klaxon.worker.idle();
  }

  const card = () => h.workspace.topLevel('CTRIAGE')[0]!;
  const cardText = () => JSON.stringify(h.workspace.find('CTRIAGE', card().ts)!.blocks);
  const lastReply = () => loadLastReply(h.klaxon.db.db, 1);
  const thread = () => h.workspace.thread('CTRIAGE', card().ts).map((m) => m.text);
  const reply = () =>
    postSlack(
      h.url,
      SECRET,
      slashCommandBody({ text: 'reply K-1 So sorry Jane, the refund is on its way', user: alice, channel: 'CTRIAGE' }),
    );
  /** Moves the injected clock past any backoff and lets the outbox send what is due. */
  const later = async () => {
    (h.clock as ManualClock).advance(10 * 60_000);
    await h.klaxon.worker.drain(2000);
  };
  const retryButton = () => {
    const blocks = h.workspace.find('CTRIAGE', card().ts)!.blocks as { elements?: { action_id: string; value: string }[] }[];
    return blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'klaxon_retry_reply');
  };

  async function expectUncertainOnce(): Promise<void> {
    await vi.waitFor(() => expect(lastReply()?.status).toBe('uncertain'));
    await later();
    await later();
    expect(endpoint.calls).toHaveLength(1);
    await h.klaxon.worker.idle();
    await vi.waitFor(() => expect(cardText()).toContain('delivery uncertain'));
    expect(retryButton()).toBeDefined();
    expect(thread().some((t) => t.includes('Delivery uncertain'))).toBe(true);
    expect(
      h.klaxon.db.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.kind, 'reply.public'), eq(outbox.status, 'uncertain')))
        .all(),
    ).toHaveLength(1);
  }

  it('an endpoint that answers after the client timeout gets the reply once; the card says "delivery uncertain"', async () => {
    await start((n) => (n === 1 ? 'late' : 'ok'));
    await reply();
    await expectUncertainOnce();
  });

  it('an endpoint that resets the connection after reading the body gets the reply once; the card says "delivery uncertain"', async () => {
    await start((n) => (n === 1 ? 'reset' : 'ok'));
    await reply();
    await expectUncertainOnce();
  });

  it('an endpoint that answers 503 before reading the body is retried until it takes the reply, under one key', async () => {
    await start((n) => (n <= 2 ? 'refuse-503' : 'ok'));
    await reply();
    for (let i = 0; i < 4 && lastReply()?.status !== 'done'; i++) await later();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    expect(endpoint.refused()).toBe(2);
    expect(endpoint.calls).toHaveLength(1);
    await h.klaxon.worker.idle();
    await vi.waitFor(() => expect(cardText()).toContain('https://support.example.com/replies/r1'));
    expect(cardText()).not.toContain('uncertain');
  });

  it('a manual retry of an uncertain reply carries the first attempt’s Idempotency-Key', async () => {
    await start((n) => (n === 1 ? 'late' : 'ok'));
    await reply();
    await expectUncertainOnce();
    const button = retryButton()!;
    // Signed at the app's (advanced) clock: Slack's timestamp check runs on the injected clock.
    const body = blockActionsBody({
      actionId: 'klaxon_retry_reply',
      value: button.value,
      user: alice,
      channel: 'CTRIAGE',
      messageTs: card().ts,
    });
    const res = await fetch(`${h.url}/slack/events`, {
      method: 'POST',
      headers: slackHeaders(SECRET, body, Math.floor(h.clock.now().getTime() / 1000)),
      body,
    });
    expect(res.status).toBe(200);
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    expect(endpoint.calls).toHaveLength(2);
    const [first, second] = endpoint.calls;
    expect(first!.headers['idempotency-key']).toMatch(/^klaxon-reply-\d+$/);
    expect(second!.headers['idempotency-key']).toBe(first!.headers['idempotency-key']);
    expect(second!.json.idempotencyKey).toBe(first!.json.idempotencyKey);
    expect(second!.json.text).toBe(first!.json.text);
  });
});
