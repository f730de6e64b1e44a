import { and, eq } from 'drizzle-orm';
import { cardRefs } from '../../db/schema/index.js';
import { parseActivityRef } from '../../adapters/teams/ids.js';
import { alice, botAddedToTeam, cardAction, eve, mentionCommand, TRIAGE, type TeamsPerson } from '../teams/activities.js';
import { FakeConnector } from '../teams/fake-connector.js';
import { startTeamsHarness } from '../teams/harness.js';
import { chatPlatformContract, type Person } from './chat-platform.contract.js';

const people: Record<Person, TeamsPerson> = { agent: alice, outsider: eve };

/** The real CloudAdapter over HTTP, against the loopback Bot Framework connector. */
chatPlatformContract('Teams', async () => {
  const h = await startTeamsHarness({ agents: [alice.aadObjectId] });
  await h.send(botAddedToTeam(h.connector.url));
  const db = h.db.db;
  const activityOf = (caseId: number) => {
    const ref = db.select().from(cardRefs).where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, 'teams'))).get()?.ref;
    if (!ref) throw new Error(`no Teams card for case ${caseId}`);
    const { conversationId, activityId } = parseActivityRef(ref);
    return h.connector.find(conversationId, activityId)!;
  };

  return {
    db,
    agentOnCard: alice.name,
    agentActorId: `teams:${alice.aadObjectId}`,
    openCase: (text) => h.ingest({ text }),
    card(caseId) {
      const activity = activityOf(caseId);
      const card = FakeConnector.card(activity) as { body: { type: string; actions?: { title: string }[] }[] };
      const buttons = card.body.filter((e) => e.type === 'ActionSet').flatMap((s) => (s.actions ?? []).map((a) => a.title));
      const posts = h.connector.topLevel(activity.conversationId).filter((a) => JSON.stringify(a.activity).includes(`"caseId":${caseId},`)).length;
      return { content: JSON.stringify(card), buttons, posts, updates: activity.updates };
    },
    async clickClaim(caseId, as) {
      const activity = activityOf(caseId);
      const res = await h.send(cardAction(h.connector.url, 'klaxon.claim', { caseId }, people[as], { channel: activity.conversationId, activityId: activity.id }));
      // An invoke answers at once: a card (the change, shown in place) or a message for the clicker.
      return res.body?.type === 'application/vnd.microsoft.activity.message' ? String(res.body.value) : null;
    },
    async command(text, as) {
      const message = mentionCommand(h.connector.url, text, people[as]);
      await h.send(message);
      const answer = h.connector.replies(TRIAGE, message.id)[0];
      return answer ? (answer.activity.text ?? JSON.stringify(FakeConnector.card(answer))) : '';
    },
    settle: () => h.worker.idle(),
    close: () => h.close(),
  };
});
