import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, postSlack, viewSubmissionBody } from '../helpers/slack.js';

type Block = {
  type: string;
  text?: { text: string };
  elements?: { text?: { text: string } | string; value?: string; action_id?: string }[];
};

function blocksText(blocks: unknown[] | null): string {
  return JSON.stringify(blocks ?? []);
}

describe('ingest → score → case → Slack triage card (end to end)', () => {
  let h: Harness;
  const clock = new ManualClock('2026-11-23T10:05:00Z');

  beforeEach(async () => {
    clock.set(new Date());
    h = await startHarness({
      clock,
      file: { vips: ['@bigcustomer'], routing: [{ match: { sources: ['review'] }, slack: 'CREVIEWS' }] },
    });
  });
  afterEach(async () => {
    await h.close();
  });

  const createdAt = () => new Date(clock.now().getTime() - 60_000).toISOString();

  it('posts a scored card with every button to the routed channel, once', async () => {
    const vipComplaint = mention({
      id: '1001',
      author: { id: '42', handle: 'bigcustomer', name: 'Big Customer', followers: 48_000, verified: true },
      text: 'I am talking to my lawyer about this. Your service charged me twice and nobody answers!',
      createdAt: createdAt(),
    });
    const res = await postIngest(h.url, vipComplaint, TEST_SECRETS.INGEST_SECRET, clock.now());
    expect(res.status).toBe(202);
    expect(res.json).toEqual({ accepted: 1, duplicates: 0 });
    await h.klaxon.worker.idle();

    const posts = h.workspace.callsTo('chat.postMessage');
    expect(posts).toHaveLength(1);
    expect(posts[0]?.args.channel).toBe('CTRIAGE');
    const card = h.workspace.topLevel('CTRIAGE')[0];
    expect(card).toBeDefined();
    const text = blocksText(card!.blocks);
    expect(text).toContain('P1 · K-1');
    expect(text).toContain('VIP');
    expect(text).toContain('48k followers');
    expect(text).toContain('Big Customer');
    for (const label of ['Claim', 'Reply', 'Move to DM', 'Hand off', 'Escalate', 'Resolve']) expect(text).toContain(`"text":"${label}"`);
    expect(text).toMatch(/First response due/);
    expect(card!.metadata?.event_payload).toEqual({ case_id: 1 });

    // The same mention again (a retried webhook): counted as a duplicate, no second card.
    const again = await postIngest(h.url, vipComplaint, TEST_SECRETS.INGEST_SECRET, clock.now());
    expect(again.json).toEqual({ accepted: 0, duplicates: 1 });
    await h.klaxon.worker.idle();
    expect(h.workspace.callsTo('chat.postMessage')).toHaveLength(1);
  });

  it('routes by rule: a review goes to the reviews channel', async () => {
    await postIngest(
      h.url,
      mention({ id: 'r1', source: 'review', text: 'Two stars. Slow delivery.', createdAt: createdAt() }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
    expect(h.workspace.topLevel('CREVIEWS')).toHaveLength(1);
    expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(0);
  });

  it('Claim updates the card in place with the owner; Resolve then shows Reopen', async () => {
    await postIngest(h.url, mention({ id: '2001', createdAt: createdAt() }), TEST_SECRETS.INGEST_SECRET, clock.now());
    await h.klaxon.worker.idle();
    const card = h.workspace.topLevel('CTRIAGE')[0]!;

    const click = await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      blockActionsBody({
        actionId: 'klaxon_claim',
        value: '1',
        user: { id: 'UALICE', name: 'alice' },
        channel: 'CTRIAGE',
        messageTs: card.ts,
      }),
    );
    expect(click.status).toBe(200);
    await vi.waitFor(() => expect(h.workspace.callsTo('chat.update').length).toBeGreaterThan(0));
    await h.klaxon.worker.idle();
    const update = h.workspace.callsTo('chat.update').at(-1)!;
    expect(update.args.ts).toBe(card.ts);
    expect(String(update.args.blocks)).toContain('<@UALICE>');
    expect(h.workspace.find('CTRIAGE', card.ts)!.edited).toBeGreaterThan(0);
    expect(h.workspace.thread('CTRIAGE', card.ts).map((m) => m.text)).toContain('✋ Claimed by alice');

    // Resolve opens a modal (optional reason and tags); submitting it resolves.
    await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      blockActionsBody({
        actionId: 'klaxon_resolve',
        value: '1',
        user: { id: 'UALICE', name: 'alice' },
        channel: 'CTRIAGE',
        messageTs: card.ts,
      }),
    );
    await vi.waitFor(() => expect(h.workspace.views.map((v) => v.view.callback_id)).toContain('klaxon_resolve_modal'));
    await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      viewSubmissionBody({
        callbackId: 'klaxon_resolve_modal',
        privateMetadata: JSON.stringify({ caseId: 1 }),
        values: {},
        user: { id: 'UALICE', name: 'alice' },
      }),
    );
    await vi.waitFor(() => expect(blocksText(h.workspace.find('CTRIAGE', card.ts)!.blocks)).toContain('"text":"Reopen"'));
    const blocks = h.workspace.find('CTRIAGE', card.ts)!.blocks as Block[];
    expect(blocksText(blocks)).not.toContain('"text":"Claim"');
  });

  it('a second person claiming is told who owns the case; nothing changes', async () => {
    await postIngest(h.url, mention({ id: '3001', createdAt: createdAt() }), TEST_SECRETS.INGEST_SECRET, clock.now());
    await h.klaxon.worker.idle();
    const card = h.workspace.topLevel('CTRIAGE')[0]!;
    await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      blockActionsBody({
        actionId: 'klaxon_claim',
        value: '1',
        user: { id: 'UALICE', name: 'alice' },
        channel: 'CTRIAGE',
        messageTs: card.ts,
      }),
    );
    await vi.waitFor(() => expect(h.workspace.thread('CTRIAGE', card.ts)).toHaveLength(1));
    await postSlack(
      h.url,
      TEST_SECRETS.SLACK_SIGNING_SECRET,
      blockActionsBody({ actionId: 'klaxon_claim', value: '1', user: { id: 'UBOB', name: 'bob' }, channel: 'CTRIAGE', messageTs: card.ts }),
    );
    await vi.waitFor(() => expect(h.workspace.ephemerals.map((e) => e.text)).toContain('K-1 is already claimed by alice.'));
    expect(h.workspace.ephemerals[0]?.user).toBe('UBOB');
  });

  it('rejects a bad Slack signature with 401 and acts on nothing', async () => {
    const body = blockActionsBody({
      actionId: 'klaxon_claim',
      value: '1',
      user: { id: 'UEVE', name: 'eve' },
      channel: 'CTRIAGE',
      messageTs: '1.000001',
    });
    const res = await postSlack(h.url, 'wrong-secret', body);
    expect(res.status).toBe(401);
  });

  it('rejects a bad ingest signature with 401, and a missing text with 400 naming text', async () => {
    const m = mention({ id: '4001', createdAt: createdAt() });
    const bad = await postIngest(h.url, m, 'not-the-secret', clock.now());
    expect(bad.status).toBe(401);
    const { text: _omit, ...noText } = m;
    const missing = await postIngest(h.url, noText, TEST_SECRETS.INGEST_SECRET, clock.now());
    expect(missing.status).toBe(400);
    expect(missing.json.errors).toEqual([{ index: 0, path: 'text', message: 'text is required' }]);
    await h.klaxon.worker.idle();
    expect(h.workspace.callsTo('chat.postMessage')).toHaveLength(0);
  });

  it('answers /healthz and /metrics', async () => {
    const health = await fetch(`${h.url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toEqual({
      ok: true,
      database: { engine: 'sqlite', migration: expect.stringMatching(/^\d{4}_/), pending: 0, newerThanThisVersion: false },
    });
    await postIngest(h.url, mention({ id: '5001', createdAt: createdAt() }), TEST_SECRETS.INGEST_SECRET, clock.now());
    await h.klaxon.worker.idle();
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('klaxon_mentions_ingested_total{source="twitter",direction="inbound"} 1');
    // A retried webhook counts as a duplicate, not as a second mention ingested.
    await postIngest(h.url, mention({ id: '5001', createdAt: createdAt() }), TEST_SECRETS.INGEST_SECRET, clock.now());
    const again = await (await fetch(`${h.url}/metrics`)).text();
    expect(again).toContain('klaxon_mentions_ingested_total{source="twitter",direction="inbound"} 1');
    expect(again).toContain('klaxon_mentions_duplicate_total{source="twitter"} 1');
    expect(metrics).toMatch(/klaxon_open_cases\{priority="P\d"\} 1/);
    expect(metrics).toContain('klaxon_outbound_sent_total{kind="card.post",platform="slack"} 1');
  });
});
