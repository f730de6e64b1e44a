import { and, desc, eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { caseEvents, cardRefs, cases } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, postSlack, slashCommandBody } from '../helpers/slack.js';
import { chatPlatformContract, type Person } from './chat-platform.contract.js';

const people: Record<Person, { id: string; name: string }> = { agent: { id: 'UALICE', name: 'alice' }, outsider: { id: 'UEVE', name: 'eve' } };
const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;

/** The whole app (real Bolt, real web-api client) against the loopback Slack Web API. */
chatPlatformContract('Slack', async () => {
  const clock = new ManualClock(Date.now());
  const h = await startHarness({ clock, file: { permissions: { agents: ['UALICE'] } } });
  const db = h.klaxon.db.db;
  let mentions = 0;
  const messageOf = (caseId: number) => {
    const ref = db.select().from(cardRefs).where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, 'slack'))).get()?.ref;
    const [, channel, ts] = /^slack:([^:]+):(.+)$/.exec(ref ?? '') ?? [];
    const message = channel && ts ? h.workspace.find(channel, ts) : undefined;
    if (!message) throw new Error(`no Slack card for case ${caseId}`);
    return message;
  };
  const eventsOf = (caseId: number) => db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).all().length;

  return {
    db,
    agentOnCard: '<@UALICE>',
    agentActorId: 'slack:UALICE',
    async openCase(text) {
      mentions += 1;
      const res = await postIngest(h.url, mention({ id: `contract-${mentions}`, text, createdAt: new Date(clock.now().getTime() - 60_000).toISOString() }), TEST_SECRETS.INGEST_SECRET, clock.now());
      if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
      await h.klaxon.worker.idle();
      return db.select({ id: cases.id }).from(cases).orderBy(desc(cases.id)).get()!.id;
    },
    card(caseId) {
      const message = messageOf(caseId);
      const buttons = ((message.blocks ?? []) as { type: string; elements?: { type: string; text?: { text: string } }[] }[])
        .filter((b) => b.type === 'actions')
        .flatMap((b) => (b.elements ?? []).filter((e) => e.type === 'button').map((e) => e.text?.text ?? ''));
      const posts = h.workspace.topLevel(message.channel).filter((m) => Number(m.metadata?.event_payload?.case_id) === caseId).length;
      return { content: JSON.stringify(message.blocks), buttons, posts, updates: message.edited };
    },
    async clickClaim(caseId, as) {
      const user = people[as];
      const message = messageOf(caseId);
      const told = h.workspace.ephemerals.length;
      const events = eventsOf(caseId);
      await postSlack(h.url, SECRET, blockActionsBody({ actionId: 'klaxon_claim', value: String(caseId), user, channel: message.channel, messageTs: message.ts }));
      // Bolt acks first and runs the listener after: it is done once it acted or told the person.
      await vi.waitFor(() => {
        if (h.workspace.ephemerals.length === told && eventsOf(caseId) === events) throw new Error('click not handled yet');
      });
      return h.workspace.ephemerals.slice(told).find((e) => e.user === user.id)?.text ?? null;
    },
    async command(text, as) {
      const res = await postSlack(h.url, SECRET, slashCommandBody({ text, user: people[as], channel: 'CTRIAGE' }));
      return res.text;
    },
    settle: () => h.klaxon.worker.idle(),
    close: () => h.close(),
  };
});
