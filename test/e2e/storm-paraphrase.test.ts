import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { cases, mentions, outbox } from '../../db/schema/index.js';
import { SAMPLES, sampleMentions } from '../../dev/sandbox/samples.js';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postIngest } from '../helpers/ingest.js';

/**
 * An outage reported in many words becomes one incident card: signed mentions over HTTP to the
 * real /ingest, the real storm clustering and outbox, the real Slack adapter (Bolt's web-api
 * client) against the loopback Slack Web API, which records what a channel would show.
 */
describe('a storm of paraphrases, end to end', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  const stormTexts = SAMPLES.filter((s) => s.key.startsWith('storm-')).map((s) => s.text);

  async function settle(): Promise<void> {
    await vi.waitFor(
      async () => {
        await h.klaxon.worker.idle();
        expect(h.klaxon.db.db.select({ id: outbox.id }).from(outbox).where(eq(outbox.status, 'pending')).all()).toEqual([]);
      },
      { timeout: 10_000, interval: 20 },
    );
  }

  it("the sandbox's outage samples become one incident card, the other samples keep theirs", async () => {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ clock });
    const batch = sampleMentions(clock.now(), 'e2e');
    const res = await postIngest(h.url, { mentions: batch }, TEST_SECRETS.INGEST_SECRET, clock.now());
    expect(res.status).toBe(202);
    await settle();

    const db = h.klaxon.db.db;
    const incidents = db.select().from(cases).where(eq(cases.kind, 'incident')).all();
    expect(incidents).toHaveLength(1);
    const incident = incidents[0]!;
    const inIncident = db
      .select({ text: mentions.text })
      .from(mentions)
      .where(eq(mentions.caseId, incident.id))
      .all()
      .map((m) => m.text);
    // Every outage report (one of them on Facebook) is in the incident, nothing else is.
    expect(inIncident.sort()).toEqual([...stormTexts].sort());

    // One card in the channel says "Storm: 6 mentions"; no other open case is about the outage.
    const cards = h.workspace.topLevel('CTRIAGE').map((m) => JSON.stringify(m.blocks));
    const stormCards = cards.filter((c) => c.includes('Storm: 6 mentions'));
    expect(stormCards).toHaveLength(1);
    const open = db.select().from(cases).where(eq(cases.state, 'open')).all();
    const openAboutOutage = open.filter(
      (c) =>
        c.id !== incident.id &&
        db
          .select({ text: mentions.text })
          .from(mentions)
          .where(eq(mentions.caseId, c.id))
          .all()
          .some((m) => stormTexts.includes(m.text)),
    );
    expect(openAboutOutage).toEqual([]);
    // Every other inbound sample still has its own case (the follow-up joins the lawyer's).
    const others = SAMPLES.filter((s) => !s.key.startsWith('storm-') && !s.outbound && !s.inReplyTo);
    expect(open.filter((c) => c.kind === 'single')).toHaveLength(others.length);
  });

  it('later paraphrases join the card in place; an influencer saying the same keeps a card of their own', async () => {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ clock });
    const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString();
    const first = stormTexts.slice(0, 3).map((text, i) => ({
      id: `p${i}`,
      source: 'twitter',
      author: { id: `u${i}`, handle: `user${i}`, followers: 200 },
      text,
      createdAt: at(10 - i),
    }));
    await postIngest(h.url, { mentions: first }, TEST_SECRETS.INGEST_SECRET, clock.now());
    await settle();
    const posted = h.workspace.topLevel('CTRIAGE').filter((m) => JSON.stringify(m.blocks).includes('Storm: 3 mentions'));
    expect(posted).toHaveLength(1);
    const cardTs = posted[0]!.ts;

    clock.advance(2 * 60_000);
    const later = [
      {
        id: 'p3',
        source: 'facebook',
        author: { id: 'u3', name: 'Pat', followers: 90 },
        text: 'Manchester has lost Telvo signal completely, when is it coming back?',
        createdAt: at(1),
      },
      {
        id: 'p4',
        source: 'twitter',
        author: { id: 'u4', handle: 'bigvoice', followers: 480_000, verified: true },
        text: '@TelvoMobile no signal across Manchester for hours now. What is going on?',
        createdAt: at(1),
      },
    ];
    await postIngest(h.url, { mentions: later }, TEST_SECRETS.INGEST_SECRET, clock.now());
    await settle();

    const incident = h.klaxon.db.db.select().from(cases).where(eq(cases.kind, 'incident')).get()!;
    // The paraphrase joined; the influencer counts in the storm but keeps their own card.
    expect(incident.mentionCount).toBe(5);
    const card = h.workspace.topLevel('CTRIAGE').find((m) => m.ts === cardTs)!;
    expect(JSON.stringify(card.blocks)).toContain('Storm: 5 mentions');
    const influencer = h.klaxon.db.db.select().from(mentions).where(eq(mentions.externalId, 'p4')).get()!;
    expect(influencer.caseId).not.toBe(incident.id);
    expect(h.workspace.topLevel('CTRIAGE').some((m) => JSON.stringify(m.blocks).includes('bigvoice'))).toBe(true);
  });

  it('complaints that only share the city or the brand keep their own cards', async () => {
    const clock = new ManualClock(Date.now());
    h = await startHarness({ clock });
    const at = (minutesAgo: number) => new Date(clock.now().getTime() - minutesAgo * 60_000).toISOString();
    const texts = [
      'The Telvo shop in Manchester charged me twice for a new SIM',
      '@TelvoMobile moving to Manchester next month, can I keep my number?',
      'Manchester trams are late again this morning',
      '@TelvoMobile my bill went up again this month',
      'Telvo roaming in Spain cost me £90, plan says it is included',
    ];
    await postIngest(
      h.url,
      { mentions: texts.map((text, i) => ({ id: `l${i}`, source: 'twitter', author: { id: `l${i}` }, text, createdAt: at(5 - i) })) },
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await settle();
    expect(h.klaxon.db.db.select().from(cases).where(eq(cases.kind, 'incident')).all()).toEqual([]);
    expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(texts.length);
  });
});
