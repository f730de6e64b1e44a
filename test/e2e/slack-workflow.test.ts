import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases } from '../../db/schema/index.js';
import { verifySignature } from '../../adapters/webhook/signature.js';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, eventBody, postSlack, postSlackJson, slashCommandBody, viewSubmissionBody } from '../helpers/slack.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const alice = { id: 'UALICE', name: 'alice' };
const bob = { id: 'UBOB', name: 'bob' };
const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;

describe('the Slack triage workflow (real Bolt app against a loopback Slack)', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const clock = new ManualClock(Date.now());

  beforeEach(async () => {
    clock.set(Date.now());
    receiver = await startWebhookReceiver();
    h = await startHarness({
      clock,
      file: {
        sources: { review: { replyWebhook: { url: receiver.url } } },
        outbound: { allowPrivateTargets: true },
        permissions: { agents: ['UALICE', 'UBOB'], leads: ['ULEAD'] },
        escalation: { onCall: 'S0ONCALL' },
        replies: { saved: [{ id: 'sorry', title: 'Sorry', text: 'Hi {first_name}, sorry about this!' }] },
      },
    });
    await postIngest(
      h.url,
      mention({
        id: 'w1',
        source: 'review',
        author: { id: '9', handle: 'jane', name: 'Jane Doe', followers: 300 },
        text: 'Two weeks and my refund still has not arrived',
        createdAt: new Date(clock.now().getTime() - 60_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const card = () => h.workspace.topLevel('CTRIAGE')[0]!;
  const click = (actionId: string, user = alice, value = '1') =>
    postSlack(h.url, SECRET, blockActionsBody({ actionId, value, user, channel: 'CTRIAGE', messageTs: card().ts }));
  const command = (text: string, user = alice) => postSlack(h.url, SECRET, slashCommandBody({ text, user, channel: 'CTRIAGE' }));
  const submit = (
    callbackId: string,
    values: Record<string, Record<string, unknown>>,
    privateMetadata = JSON.stringify({ caseId: 1 }),
    user = alice,
  ) => postSlack(h.url, SECRET, viewSubmissionBody({ callbackId, privateMetadata, values, user }));

  it('Reply: opens a modal with the customer message and saved replies; submitting sends a signed reply once', async () => {
    await click('klaxon_reply');
    await vi.waitFor(() => expect(h.workspace.callsTo('views.open')).toHaveLength(1));
    const view = JSON.stringify(h.workspace.views[0]!.view);
    expect(view).toContain('my refund still has not arrived');
    expect(view).toContain('"text":"Sorry"');

    const res = await submit('klaxon_reply_modal', {
      text_0: { klaxon_reply_text: { type: 'plain_text_input', value: 'So sorry Jane, refund is on its way' } },
      sign: { sign: { type: 'checkboxes', selected_options: [{ value: 'sign' }] } },
    });
    expect(res.status).toBe(200);
    expect(res.text).toBe('');
    await h.klaxon.worker.idle();
    expect(receiver.calls).toHaveLength(1);
    const call = receiver.calls[0]!;
    expect(call.json).toMatchObject({
      type: 'reply',
      mode: 'public',
      source: 'review',
      case: 'K-1',
      inReplyTo: 'w1',
      text: 'So sorry Jane, refund is on its way ^AL',
    });
    expect(verifySignature(TEST_SECRETS.INGEST_SECRET, call.headers, Buffer.from(call.body), clock.now())).toEqual({ ok: true });
    const row = h.klaxon.db.db.select().from(cases).get()!;
    expect(row.firstResponseVia).toBe('klaxon');
    expect(row.firstResponseAt).not.toBeNull();
    await vi.waitFor(() =>
      expect(JSON.stringify(h.workspace.find('CTRIAGE', card().ts)!.blocks)).toContain('https://support.example.com/replies/r1'),
    );
  });

  it('privacy guard: a public reply with a card number is refused, then sent as a DM in one click', async () => {
    const res = await submit('klaxon_reply_modal', {
      text_0: { klaxon_reply_text: { type: 'plain_text_input', value: 'Your card 4111 1111 1111 1111 was refunded' } },
    });
    const body = JSON.parse(res.text) as {
      response_action: string;
      view: { callback_id: string; private_metadata: string; blocks: unknown[] };
    };
    expect(body.response_action).toBe('push');
    expect(JSON.stringify(body.view.blocks)).toContain('a payment card number');
    expect(receiver.calls).toHaveLength(0);
    const dm = await submit('klaxon_reply_as_dm', {}, body.view.private_metadata);
    expect(JSON.parse(dm.text)).toEqual({ response_action: 'clear' });
    await h.klaxon.worker.idle();
    expect(receiver.calls.map((c) => c.json.mode)).toEqual(['private']);
    expect(receiver.calls[0]!.json.text).toContain('4111 1111 1111 1111');
  });

  it('slash command: refused reply offers a one-click DM; queue lists the case with SLA time left', async () => {
    const queue = await command('queue');
    expect(queue.text).toContain('K-1');
    expect(queue.text).toMatch(/left/);
    const refused = await command('reply K-1 email me at jane@example.com');
    expect(refused.text).toContain('an email address');
    const button = (JSON.parse(refused.text) as { blocks: { elements?: { action_id: string; value: string }[] }[] }).blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'klaxon_send_as_dm')!;
    await postSlack(
      h.url,
      SECRET,
      blockActionsBody({ actionId: 'klaxon_send_as_dm', value: button.value, user: alice, channel: 'CTRIAGE', messageTs: card().ts }),
    );
    await vi.waitFor(() => expect(receiver.calls).toHaveLength(1));
    expect(receiver.calls[0]!.json.mode).toBe('private');
    const unknown = await command('frobnicate K-1');
    expect(unknown.text).toContain('unknown command');
    expect(unknown.text).toContain('queue [p1|p2|p3|p4|mine]');
  });

  it('hand off: the receiver becomes the owner and gets a DM with the card link', async () => {
    await submit('klaxon_handoff_modal', {
      user: { user: { type: 'users_select', selected_user: 'UBOB' } },
      channel: { channel: { type: 'conversations_select', selected_conversation: null } },
      note: { note: { type: 'plain_text_input', value: 'VIP, handle with care' } },
    });
    await h.klaxon.worker.idle();
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBe('slack:UBOB');
    const dm = h.workspace.topLevel('DUBOB');
    expect(dm).toHaveLength(1);
    expect(JSON.stringify(dm[0]!.blocks)).toContain('handle with care');
    expect(JSON.stringify(dm[0]!.blocks)).toContain('sandbox.slack.local/archives/CTRIAGE');
  });

  it('escalate: posts the case to the escalation channel mentioning the on-call group', async () => {
    await submit('klaxon_escalate_modal', { note: { note: { type: 'plain_text_input', value: 'Customer is a journalist' } } });
    await h.klaxon.worker.idle();
    const posted = h.workspace.topLevel('CESCALATE');
    expect(posted).toHaveLength(1);
    const text = JSON.stringify(posted[0]!.blocks);
    expect(text).toContain('<!subteam^S0ONCALL>');
    expect(text).toContain('Customer is a journalist');
    expect(text).toContain('K-1');
  });

  it('refuses someone outside the agents list, and nothing changes', async () => {
    await click('klaxon_claim', { id: 'UEVE', name: 'eve' });
    await vi.waitFor(() => expect(h.workspace.ephemerals.map((e) => e.user)).toContain('UEVE'));
    expect(h.workspace.ephemerals[0]!.text).toContain('not on the list');
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBeNull();
  });

  it('two simultaneous claims: exactly one owner, the other is told', async () => {
    await Promise.all([click('klaxon_claim', alice), click('klaxon_claim', bob)]);
    await vi.waitFor(() => expect(h.workspace.ephemerals).toHaveLength(1));
    const owner = h.klaxon.db.db.select().from(cases).get()!.ownerId;
    expect(['slack:UALICE', 'slack:UBOB']).toContain(owner);
    expect(h.workspace.ephemerals[0]!.text).toMatch(/already claimed by (alice|bob)/);
    expect(h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'claimed')).all()).toHaveLength(1);
  });

  it('a delivery Slack retries (X-Slack-Retry-Num) acts once', async () => {
    const body = blockActionsBody({
      actionId: 'klaxon_claim',
      value: '1',
      user: alice,
      channel: 'CTRIAGE',
      messageTs: card().ts,
      actionTs: '1700000000.000777',
    });
    await postSlack(h.url, SECRET, body);
    await postSlack(h.url, SECRET, body, { 'x-slack-retry-num': '1', 'x-slack-retry-reason': 'http_timeout' });
    await vi.waitFor(() => expect(h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'claimed')).all()).toHaveLength(1));
    await h.klaxon.worker.idle();
    expect(h.workspace.ephemerals).toHaveLength(0);
    expect(h.workspace.thread('CTRIAGE', card().ts).filter((m) => m.text.includes('Claimed'))).toHaveLength(1);
  });

  it('a message typed in the card thread is stored as an internal note and never sent to the customer', async () => {
    await postSlackJson(
      h.url,
      SECRET,
      eventBody({
        type: 'message',
        channel: 'CTRIAGE',
        user: 'UALICE',
        text: 'Checked the order system: refund issued yesterday',
        ts: '1800000000.000100',
        thread_ts: card().ts,
        channel_type: 'channel',
      }),
    );
    await vi.waitFor(() => expect(h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'note')).all()).toHaveLength(1));
    expect(receiver.calls).toHaveLength(0);
  });

  it('resolve with a reason, then reopen; report and history commands answer', async () => {
    await submit('klaxon_resolve_modal', {
      note: { note: { type: 'plain_text_input', value: 'refund confirmed' } },
      tags: { tags: { type: 'checkboxes', selected_options: [] } },
    });
    await h.klaxon.worker.idle();
    expect(h.klaxon.db.db.select().from(cases).get()!.state).toBe('resolved');
    expect(JSON.stringify(h.workspace.find('CTRIAGE', card().ts)!.blocks)).toContain('"text":"Reopen"');
    await click('klaxon_reopen');
    await vi.waitFor(() => expect(h.klaxon.db.db.select().from(cases).get()!.state).toBe('open'));
    const report = await command('report 7d');
    expect(report.text).toContain('24h response rate');
    const history = await command('history K-1');
    expect(history.text).toContain('resolved');
    expect(history.text).toContain('reopened');
  });
});
