/**
 * The crisis safeguard end to end (issue #21): a mention with self-harm language, from a small
 * account, posted to the real /ingest, becomes a P1 card in triage that names the risk and shows
 * the agent the guidance note; the same case is escalated at once to the escalation channel with
 * the on-call group mentioned, through the real Slack adapter against the loopback Slack API; and
 * nothing at all is sent to the customer.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { eq } from 'drizzle-orm';
import { caseEvents, outbox } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';

const GUIDANCE = 'Reply privately within 15 minutes. Share the crisis line 0800 123 456. Tell the duty lead.';

describe('crisis safeguard through Slack', () => {
  let h: Harness;
  let receiver: Awaited<ReturnType<typeof startWebhookReceiver>>;
  const clock = new ManualClock('2026-11-23T10:05:00Z');

  beforeEach(async () => {
    clock.set(Date.now());
    receiver = await startWebhookReceiver();
    h = await startHarness({
      clock,
      file: {
        sources: { twitter: { replyWebhook: { url: receiver.url } } },
        outbound: { allowPrivateTargets: true },
        escalation: { onCall: 'S0ONCALL' },
        harm: { crisis: { guidance: GUIDANCE } },
      },
    });
  });
  afterEach(async () => {
    await h.close();
    await receiver.close();
  });

  it('posts a P1 card with the risk and the guidance, escalates at once, and sends the customer nothing', async () => {
    const text = "honestly I can't see the point of going on anymore. you took my last £200 and I want to end it all";
    const res = await postIngest(
      h.url,
      mention({
        id: 'crisis-1',
        author: { id: 'u1', handle: 'quietuser', name: 'Sam', followers: 12 },
        text,
        createdAt: new Date(clock.now().getTime() - 30_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    expect(res.json).toEqual({ accepted: 1, duplicates: 0 });
    await h.klaxon.worker.idle();

    const card = h.workspace.topLevel('CTRIAGE')[0]!;
    const cardText = JSON.stringify(card.blocks);
    expect(cardText).toContain('P1 · K-1');
    expect(cardText).toContain('crisis: possible self-harm');
    expect(cardText).toContain('Guidance for the agent');
    expect(cardText).toContain('not sent to the customer');
    expect(cardText).toContain('0800 123 456');

    const escalation = h.workspace.topLevel('CESCALATE');
    expect(escalation).toHaveLength(1);
    const notice = JSON.stringify(escalation[0]!.blocks);
    expect(notice).toContain('Escalated');
    expect(notice).toContain('K-1');
    expect(notice).toContain('<!subteam^S0ONCALL>');
    expect(notice).toContain('crisis: possible self-harm');

    // The audit trail says Klaxon escalated it, and the card's thread says so too.
    const events = h.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.caseId, 1)).all();
    expect(events.map((e) => e.kind)).toEqual(['opened', 'escalated']);
    expect(h.workspace.thread('CTRIAGE', card.ts).map((m) => m.text)).toContain('🚨 Escalated automatically: crisis: possible self-harm');

    // Nothing reached the customer: no reply queued, no call to the source's reply webhook.
    expect(
      h.klaxon.db.db
        .select()
        .from(outbox)
        .all()
        .filter((r) => r.kind.startsWith('reply')),
    ).toEqual([]);
    expect(receiver.calls).toEqual([]);

    // A retried webhook (same id) is a duplicate: no second card, no second escalation.
    const again = await postIngest(
      h.url,
      mention({
        id: 'crisis-1',
        author: { id: 'u1', handle: 'quietuser', followers: 12 },
        text,
        createdAt: new Date(clock.now().getTime() - 30_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    expect(again.json).toEqual({ accepted: 0, duplicates: 1 });
    await h.klaxon.worker.idle();
    expect(h.workspace.topLevel('CESCALATE')).toHaveLength(1);
    expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(1);
  });

  it('shows harm, language and intent on an ordinary harm card too, and no guidance where none is set', async () => {
    await postIngest(
      h.url,
      mention({
        id: 'de-1',
        author: { id: 'u2', handle: 'kunde', followers: 40 },
        text: 'Jemand hat ohne meine Zustimmung 500 Euro von meinem Konto abgebucht!',
        createdAt: new Date(clock.now().getTime() - 30_000).toISOString(),
      }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
    const text = JSON.stringify(h.workspace.topLevel('CTRIAGE')[0]!.blocks);
    expect(text).toContain('P2 · K-1');
    expect(text).toContain('possible fraud');
    expect(text).toContain('🌐 German');
    expect(text).not.toContain('Guidance for the agent');
    expect(h.workspace.topLevel('CESCALATE')).toHaveLength(0);
  });
});
