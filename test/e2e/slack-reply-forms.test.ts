import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, postSlack, slashCommandBody, viewSubmissionBody } from '../helpers/slack.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
const alice = { id: 'UALICE', name: 'alice' };
const eve = { id: 'UEVE', name: 'eve' };

/**
 * What reaches the customer from Slack, and who may do what: the real Bolt app against the
 * strict local Slack, a reply webhook recording what the customer would read.
 */
describe('Slack: replies, full text and hand-offs', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const clock = new ManualClock(Date.now());

  beforeEach(async () => {
    clock.set(Date.now());
    receiver = await startWebhookReceiver();
    h = await startHarness({
      clock,
      file: {
        permissions: { agents: ['UALICE', 'UBOB'] },
        replies: { signature: false },
        sources: { review: { replyWebhook: { url: receiver.url } } },
        outbound: { allowPrivateTargets: true },
      },
    });
    h.workspace.users.set('UBOB', { id: 'UBOB', name: 'bob', realName: 'Bob Builder' });
    h.workspace.users.set('UEVE', { id: 'UEVE', name: 'eve', realName: 'Eve Outsider' });
    const text = `Two weeks and no refund. ${'I have written again and again. '.repeat(120)}`;
    await postIngest(
      h.url,
      mention({ id: 'r1', source: 'review', text, createdAt: new Date(clock.now().getTime() - 60_000).toISOString() }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const command = async (text: string, user = alice) => {
    const res = await postSlack(h.url, SECRET, slashCommandBody({ text, user, channel: 'CTRIAGE' }));
    expect(res.status).toBe(200);
    return JSON.parse(res.text) as { response_type: string; text: string };
  };
  const submitReply = (text: string, viewId: string) =>
    postSlack(
      h.url,
      SECRET,
      viewSubmissionBody({
        callbackId: 'klaxon_reply_modal',
        privateMetadata: JSON.stringify({ caseId: 1 }),
        values: { text_0: { klaxon_reply_text: { type: 'plain_text_input', value: text } } },
        user: alice,
        viewId,
      }),
    );
  const delivered = async () => {
    await h.klaxon.worker.idle();
    return receiver.calls.map((c) => c.json.text);
  };

  it('a reply by command reaches the customer as plain text: links, people and escapes unwrapped, broadcasts dropped', async () => {
    const typed =
      'Hi &amp; sorry! See <https://acme.example/help|acme.example/help> or <https://acme.example/refunds|our refunds page>; ' +
      '<@UBOB> will call &lt;today&gt; <!here>';
    expect((await command(`reply K-1 ${typed}`)).text).toBe('Reply to K-1 queued.');
    const [text] = await delivered();
    expect(text).toBe(
      'Hi & sorry! See https://acme.example/help or our refunds page (https://acme.example/refunds); Bob Builder will call <today>',
    );
    // What the thread and the case's record say the customer got is what the customer got.
    const queued = h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'reply_queued')).get();
    expect((queued!.detail as { text: string }).text).toBe(text);
  });

  it('a private-data reply by command is refused, and "Send as DM instead" sends the plain text', async () => {
    const res = (await command(
      'reply K-1 Your card 4111 1111 1111 1111 is refunded, see <https://acme.example/refunds|refunds> &amp; thanks',
    )) as unknown as { text: string; blocks: { elements?: { action_id: string; value: string }[] }[] };
    expect(res.text).toContain('a payment card number ending 1111');
    expect(await delivered()).toEqual([]);
    const button = res.blocks.flatMap((b) => b.elements ?? []).find((e) => e.action_id === 'klaxon_send_as_dm')!;
    const card = h.workspace.topLevel('CTRIAGE')[0]!;
    await postSlack(
      h.url,
      SECRET,
      blockActionsBody({ actionId: 'klaxon_send_as_dm', value: button.value, user: alice, channel: 'CTRIAGE', messageTs: card.ts }),
    );
    await vi.waitFor(async () =>
      expect(await delivered()).toEqual(['Your card 4111 1111 1111 1111 is refunded, see refunds (https://acme.example/refunds) & thanks']),
    );
    expect(receiver.calls[0]!.json.mode).toBe('private');
  });

  it('a reply form submitted twice (a double click) queues one reply; a refused submission does not count', async () => {
    const refused = JSON.parse((await submitReply('Your card 4111 1111 1111 1111 is refunded', 'VREPLY1')).text);
    expect(refused.response_action).toBe('push');
    expect((await submitReply('Your refund is on its way', 'VREPLY1')).status).toBe(200);
    expect((await submitReply('Your refund is on its way', 'VREPLY1')).status).toBe(200);
    expect(await delivered()).toEqual(['Your refund is on its way']);
    expect(h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'reply_queued')).all()).toHaveLength(1);
    // Another form (a new modal) is another reply.
    await submitReply('And a second answer', 'VREPLY2');
    expect(await delivered()).toEqual(['Your refund is on its way', 'And a second answer']);
  });

  it('Show full text is for people who may read cases: others are told privately and see nothing', async () => {
    const card = h.workspace.topLevel('CTRIAGE')[0]!;
    expect(JSON.stringify(card.blocks)).toContain('Show full text');
    const click = (user: typeof alice, actionId = 'klaxon_full_text', value = '1') =>
      postSlack(h.url, SECRET, blockActionsBody({ actionId, value, user, channel: 'CTRIAGE', messageTs: card.ts }));
    expect((await click(eve)).status).toBe(200);
    expect((await click(eve, 'klaxon_full_text_page_next', '1:1')).status).toBe(200);
    await vi.waitFor(() => expect(h.workspace.ephemerals.filter((e) => e.user === 'UEVE')).toHaveLength(1));
    expect(h.workspace.ephemerals.find((e) => e.user === 'UEVE')!.text).toContain('not on the list of people who may read');
    expect(h.workspace.views.map((v) => v.view.callback_id)).not.toContain('klaxon_full_text_modal');
    await click(alice);
    await vi.waitFor(() => expect(h.workspace.views.map((v) => v.view.callback_id)).toContain('klaxon_full_text_modal'));
  });

  it('a hand-off to someone who is not an agent is refused, by command and by form; to an agent it goes through', async () => {
    expect((await command('handoff K-1 <@UEVE|eve> please take this')).text).toMatch(
      /Eve Outsider is not an agent, so they cannot own cases/,
    );
    const form = await postSlack(
      h.url,
      SECRET,
      viewSubmissionBody({
        callbackId: 'klaxon_handoff_modal',
        privateMetadata: JSON.stringify({ caseId: 1 }),
        values: {
          user: { user: { type: 'users_select', selected_user: 'UEVE' } },
          channel: { channel: { type: 'conversations_select', selected_conversation: null } },
          note: { note: { type: 'plain_text_input', value: 'VIP' } },
        },
        user: alice,
      }),
    );
    expect(JSON.parse(form.text)).toMatchObject({ response_action: 'errors', errors: { user: expect.stringContaining('not an agent') } });
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBeNull();
    expect((await command('handoff K-1 <@UBOB> please take this')).text).toBe('K-1 handed off to Bob Builder.');
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBe('slack:UBOB');
  });
});
