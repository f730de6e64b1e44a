import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { createLogger } from '../../src/log.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, postSlack, slashCommandBody, viewSubmissionBody } from '../helpers/slack.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
const alice = { id: 'UALICE', name: 'alice' };
const CARD = '4929 1234 5678 9015';
const PHONE = '07700 900123';
/** Any run of the card's digits, however it is spaced. */
const leaks = (text: string) => text.replace(/\D/g, '').includes('4929123456789015') || text.replace(/\D/g, '').includes('07700900123');

/**
 * Flagged private data never appears where others read: not in the card's thread, not in the
 * channel, not in the log (at debug, the most a production server runs), not in a metric. The
 * thread says a private message was sent, never what it said.
 */
describe('private data stays private after "Send as DM instead"', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const lines: string[] = [];

  beforeEach(async () => {
    lines.length = 0;
    receiver = await startWebhookReceiver();
    h = await startHarness({
      logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
      file: {
        sources: { review: { replyWebhook: { url: receiver.url } } },
        outbound: { allowPrivateTargets: true },
        replies: { allow: ['+44 800 123 4567'] },
      },
    });
    await postIngest(
      h.url,
      mention({
        id: 'w1',
        source: 'review',
        author: { id: '9', handle: 'jane', name: 'Jane Doe', followers: 300 },
        text: 'Refund still not here',
        createdAt: new Date(h.clock.now().getTime() - 60_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      h.clock.now(),
    );
    await h.klaxon.worker.idle();
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  const card = () => h.workspace.topLevel('CTRIAGE')[0]!;
  const everythingPublic = () => [
    ...h.workspace.thread('CTRIAGE', card().ts).map((m) => `${m.text} ${JSON.stringify(m.blocks ?? '')}`),
    ...h.workspace.topLevel('CTRIAGE').map((m) => `${m.text} ${JSON.stringify(m.blocks ?? '')}`),
  ];

  async function expectNothingLeaked(): Promise<void> {
    await h.klaxon.worker.idle();
    const thread = h.workspace.thread('CTRIAGE', card().ts).map((m) => m.text);
    await vi.waitFor(() =>
      expect(
        h.workspace
          .thread('CTRIAGE', card().ts)
          .map((m) => m.text)
          .some((t) => t.startsWith('✅ Private message delivered')),
      ).toBe(true),
    );
    expect(thread.some((t) => t === '🔒 Private message from alice is on its way')).toBe(true);
    expect(everythingPublic().filter(leaks)).toEqual([]);
    expect(lines.filter(leaks)).toEqual([]);
    expect(leaks(await (await fetch(`${h.url}/metrics`)).text())).toBe(false);
    // It did reach the customer, privately.
    expect(receiver.calls.map((c) => c.json.mode)).toEqual(['private']);
    expect(receiver.calls[0]!.json.text).toContain(CARD);
  }

  it('from the Reply modal: the refusal is masked, the DM goes out, the thread says only that it was sent', async () => {
    const res = await postSlack(
      h.url,
      SECRET,
      viewSubmissionBody({
        callbackId: 'klaxon_reply_modal',
        privateMetadata: JSON.stringify({ caseId: 1 }),
        values: {
          text_0: {
            klaxon_reply_text: {
              type: 'plain_text_input',
              value: `Your card ${CARD} was refunded; call ${PHONE} or us on +44 800 123 4567`,
            },
          },
        },
        user: alice,
      }),
    );
    const refused = JSON.parse(res.text) as { response_action: string; view: { private_metadata: string; blocks: unknown[] } };
    expect(refused.response_action).toBe('push');
    const shown = JSON.stringify(refused.view.blocks);
    expect(shown).toContain('a payment card number ending 9015');
    expect(shown).toContain('a phone number ending 0123');
    expect(leaks(shown)).toBe(false);
    const dm = await postSlack(
      h.url,
      SECRET,
      viewSubmissionBody({ callbackId: 'klaxon_reply_as_dm', privateMetadata: refused.view.private_metadata, values: {}, user: alice }),
    );
    expect(JSON.parse(dm.text)).toEqual({ response_action: 'clear' });
    await expectNothingLeaked();
  });

  it('from /klaxon reply: the ephemeral refusal is masked and "Send as DM instead" leaves nothing in the thread', async () => {
    const refused = await postSlack(
      h.url,
      SECRET,
      slashCommandBody({ text: `reply K-1 Your card ${CARD} was refunded, call ${PHONE}`, user: alice, channel: 'CTRIAGE' }),
    );
    expect(JSON.parse(refused.text).response_type).toBe('ephemeral');
    expect(leaks(refused.text)).toBe(false);
    const button = (JSON.parse(refused.text) as { blocks: { elements?: { action_id: string; value: string }[] }[] }).blocks
      .flatMap((b) => b.elements ?? [])
      .find((e) => e.action_id === 'klaxon_send_as_dm')!;
    await postSlack(
      h.url,
      SECRET,
      blockActionsBody({ actionId: 'klaxon_send_as_dm', value: button.value, user: alice, channel: 'CTRIAGE', messageTs: card().ts }),
    );
    await vi.waitFor(() => expect(receiver.calls).toHaveLength(1));
    await expectNothingLeaked();
  });
});
