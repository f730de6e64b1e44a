import { and, desc, eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { caseEvents, cardRefs, cases } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, postSlack, slashCommandBody } from '../helpers/slack.js';
import { chatPlatformContract, type Person } from './chat-platform.contract.js';

const people: Record<Person, { id: string; name: string }> = {
  agent: { id: 'UALICE', name: 'alice' },
  outsider: { id: 'UEVE', name: 'eve' },
};
const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;

/** The channel e-mail is routed to: private, and Klaxon was never invited (Slack answers `channel_not_found`). */
const PRIVATE_CHANNEL = 'GVIP';

/**
 * A rule of Slack's the renderer cannot know about (the kind a Block Kit change brings): a case
 * card (a message with buttons) whose mrkdwn section runs over 60 characters is `invalid_blocks`.
 */
function refuseLongMrkdwnInCards(_method: string, payload: { blocks?: unknown }): string[] {
  const blocks = (Array.isArray(payload.blocks) ? payload.blocks : []) as { type?: string; text?: { type?: string; text?: string } }[];
  if (!blocks.some((b) => b.type === 'actions')) return [];
  return blocks.flatMap((b, i) =>
    b.type === 'section' && b.text?.type === 'mrkdwn' && (b.text.text?.length ?? 0) > 60
      ? [`contract rule: over 60 characters [json-pointer:/blocks/${i}/text/text]`]
      : [],
  );
}

/** The whole app (real Bolt, real web-api client) against the loopback Slack Web API. */
chatPlatformContract('Slack', async () => {
  const clock = new ManualClock(Date.now());
  const lines: string[] = [];
  const h = await startHarness({
    clock,
    logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
    file: { permissions: { agents: ['UALICE'] }, routing: [{ match: { sources: ['email'] }, slack: PRIVATE_CHANNEL }] },
    channels: [{ id: PRIVATE_CHANNEL, name: 'vip', isPrivate: true, botMember: false }],
  });
  const db = h.klaxon.db.db;
  let mentions = 0;
  const ingest = async (fields: Partial<Parameters<typeof mention>[0]>) => {
    mentions += 1;
    const res = await postIngest(
      h.url,
      mention({ id: `contract-${mentions}`, createdAt: new Date(clock.now().getTime() - 60_000).toISOString(), ...fields }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    if (res.status !== 202) throw new Error(`ingest answered ${res.status}`);
    await h.klaxon.worker.idle();
    return db.select({ id: cases.id }).from(cases).orderBy(desc(cases.id)).get()!.id;
  };
  const messageOf = (caseId: number) => {
    const ref = db
      .select()
      .from(cardRefs)
      .where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, 'slack')))
      .get()?.ref;
    const [, channel, ts] = /^slack:([^:]+):(.+)$/.exec(ref ?? '') ?? [];
    const message = channel && ts ? h.workspace.find(channel, ts) : undefined;
    if (!message) throw new Error(`no Slack card for case ${caseId}`);
    return message;
  };
  const eventsOf = (caseId: number) => db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).all().length;

  return {
    platform: 'slack',
    db,
    triage: { target: 'CTRIAGE', channel: 'CTRIAGE' },
    agentOnCard: '<@UALICE>',
    agentActorId: 'slack:UALICE',
    openCase: (text) => ingest({ text }),
    card(caseId) {
      const message = messageOf(caseId);
      const buttons = ((message.blocks ?? []) as { type: string; elements?: { type: string; text?: { text: string } }[] }[])
        .filter((b) => b.type === 'actions')
        .flatMap((b) => (b.elements ?? []).filter((e) => e.type === 'button').map((e) => e.text?.text ?? ''));
      const posts = h.workspace.topLevel(message.channel).filter((m) => Number(m.metadata?.event_payload?.case_id) === caseId).length;
      return { content: JSON.stringify(message.blocks), buttons, posts, updates: message.edited, channel: message.channel };
    },
    async clickClaim(caseId, as) {
      const user = people[as];
      const message = messageOf(caseId);
      const told = h.workspace.ephemerals.length;
      const events = eventsOf(caseId);
      await postSlack(
        h.url,
        SECRET,
        blockActionsBody({ actionId: 'klaxon_claim', value: String(caseId), user, channel: message.channel, messageTs: message.ts }),
      );
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
    refuseFullCards() {
      h.workspace.extraRules.push(refuseLongMrkdwnInCards);
      return 'invalid_blocks';
    },
    async openCaseWhereBotCannotPost(text) {
      const caseId = await ingest({ source: 'email', private: true, text });
      await h.klaxon.worker.idle();
      return { caseId, routedTo: PRIVATE_CHANNEL, code: 'channel_not_found' };
    },
    metrics: async () => (await fetch(`${h.url}/metrics`)).text(),
    logs: () => lines,
    close: () => h.close(),
  };
});
