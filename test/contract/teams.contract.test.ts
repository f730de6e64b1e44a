import { and, eq } from 'drizzle-orm';
import { cardRefs } from '../../db/schema/index.js';
import { parseActivityRef } from '../../adapters/teams/ids.js';
import { createLogger } from '../../src/log.js';
import { alice, botAddedToTeam, cardAction, eve, mentionCommand, TEAM, TRIAGE, type TeamsPerson } from '../teams/activities.js';
import { FakeConnector, type ExtraRule } from '../teams/fake-connector.js';
import { startTeamsHarness } from '../teams/harness.js';
import { chatPlatformContract, type Person } from './chat-platform.contract.js';

const people: Record<Person, TeamsPerson> = { agent: alice, outsider: eve };

/** A channel e-mail is routed to, that Klaxon was removed from without hearing of it (Teams answers 403). */
const REVIEWS = { id: '19:reviews@thread.tacv2', name: 'Reviews' };
const ROUTED_TO = `${TEAM.name}/${REVIEWS.name}`;

/**
 * A rule of Teams' the renderer cannot know about (a client that cannot render a style): a case
 * card (one with a Claim or Resolve button) with an italic run is `BadArgument`, as the connector
 * answers for a card it will not take.
 */
const refuseItalicCaseCards: ExtraRule = (activity) => {
  const json = JSON.stringify(activity.attachments ?? []);
  const caseCard = json.includes('"verb":"klaxon.claim"') || json.includes('"verb":"klaxon.resolve.open"');
  return caseCard && json.includes('"italic":true')
    ? { status: 400, code: 'BadArgument', message: 'attachments[0] is not a valid Adaptive Card for Teams: contract rule' }
    : null;
};

/** The real CloudAdapter over HTTP, against the loopback Bot Framework connector. */
chatPlatformContract('Teams', async () => {
  const lines: string[] = [];
  const h = await startTeamsHarness({
    agents: [alice.aadObjectId],
    channels: [REVIEWS],
    routing: [{ match: { sources: ['email'] }, teams: ROUTED_TO }],
    logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
  });
  await h.send(botAddedToTeam(h.connector.url));
  h.connector.makeUnreachable(REVIEWS.id, 'removed');
  const db = h.db.db;
  const activityOf = (caseId: number) => {
    const ref = db
      .select()
      .from(cardRefs)
      .where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, 'teams')))
      .get()?.ref;
    if (!ref) throw new Error(`no Teams card for case ${caseId}`);
    const { conversationId, activityId } = parseActivityRef(ref);
    return h.connector.find(conversationId, activityId)!;
  };

  return {
    platform: 'teams',
    db,
    triage: { target: `${TEAM.name}/Triage`, channel: TRIAGE },
    agentOnCard: alice.name,
    agentActorId: `teams:${alice.aadObjectId}`,
    openCase: (text) => h.ingest({ text }),
    card(caseId) {
      const activity = activityOf(caseId);
      const card = FakeConnector.card(activity) as { body: { type: string; actions?: { title: string }[] }[] };
      const buttons = card.body.filter((e) => e.type === 'ActionSet').flatMap((s) => (s.actions ?? []).map((a) => a.title));
      const posts = h.connector
        .topLevel(activity.conversationId)
        .filter((a) => JSON.stringify(a.activity).includes(`"caseId":${caseId},`)).length;
      return { content: JSON.stringify(card), buttons, posts, updates: activity.updates, channel: activity.conversationId };
    },
    async clickClaim(caseId, as) {
      const activity = activityOf(caseId);
      const res = await h.send(
        cardAction(h.connector.url, 'klaxon.claim', { caseId }, people[as], { channel: activity.conversationId, activityId: activity.id }),
      );
      // An invoke answers at once: a card (the change, shown in place) or a message for the clicker.
      return res.body?.type === 'application/vnd.microsoft.activity.message' ? String(res.body.value) : null;
    },
    async command(text, as) {
      const message = mentionCommand(h.connector.url, text, people[as]);
      await h.send(message);
      const inThread = h.connector.replies(TRIAGE, message.id)[0];
      // An answer for the asker alone (a read) goes to their 1:1 chat; the thread only says so.
      const chat = h.connector.createdChats.find((c) => c.members.includes(people[as].id));
      const answer = inThread?.activity.text?.includes('1:1 chat') && chat ? h.connector.topLevel(chat.id).at(-1) : inThread;
      return answer ? (answer.activity.text ?? JSON.stringify(FakeConnector.card(answer))) : '';
    },
    settle: () => h.worker.idle(),
    refuseFullCards() {
      h.connector.extraRules.push(refuseItalicCaseCards);
      return 'BadArgument';
    },
    async openCaseWhereBotCannotPost(text) {
      const caseId = await h.ingest({ source: 'email', private: true, text });
      return { caseId, routedTo: ROUTED_TO, code: 'BotNotInConversationRoster' };
    },
    metrics: async () => (await h.metrics.render()).body,
    logs: () => lines,
    close: () => h.close(),
  };
});
