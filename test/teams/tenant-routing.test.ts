import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { caseEvents } from '../../db/schema/index.js';
import { createLogger } from '../../src/log.js';
import { makeConfig } from '../helpers/config.js';
import { alice, botAddedToTeam, mentionCommand, TEAM, TENANT, TRIAGE, type TeamsPerson } from './activities.js';
import { FakeBotFramework } from './fake-bot-framework.js';
import { FakeConnector } from './fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

/** Another organisation that put Klaxon's bot id in a Teams app of its own, with a look-alike team. */
const MALLORY = {
  tenant: 'tenant-mallory',
  team: { id: '19:mallory-general@thread.tacv2', name: TEAM.name, aadGroupId: '00000000-0000-4000-8000-0000000bad01' },
  triage: '19:mallory-triage@thread.tacv2',
};
const mallory: TeamsPerson = { id: '29:mallory', name: 'Mallory', aadObjectId: 'aad-mallory' };
/** A second team of the served organisation, which also has a "Triage" channel. */
const SALES = {
  id: '19:sales-general@thread.tacv2',
  name: 'Contoso Sales',
  aadGroupId: '00000000-0000-4000-8000-00000000sa1e',
  triage: '19:sales-triage@thread.tacv2',
};

/** An activity moved to another team (and tenant), arriving through `serviceUrl`. */
function inTeam<T extends { channelData: Record<string, unknown>; conversation: Record<string, unknown> }>(
  activity: T,
  team: { id: string; name: string; aadGroupId: string },
  tenant: string,
): T {
  return {
    ...activity,
    conversation: { ...activity.conversation, id: String(activity.conversation.id).replace(/^19:[^;]+/, team.id), tenantId: tenant },
    channelData: { ...activity.channelData, tenant: { id: tenant }, team: { ...team }, channel: { id: team.id } },
  };
}

describe('Teams serves only its own organisation, and never guesses a conversation by name', () => {
  let h: TeamsHarness;
  let other: FakeConnector;
  afterEach(async () => {
    await h?.close();
    await other?.close();
  });

  it('activities from a tenant Klaxon does not serve are refused: nothing stored, nothing run, nothing routed there', async () => {
    const logs: string[] = [];
    h = await startTeamsHarness({ agents: [alice.aadObjectId], logger: createLogger({ level: 'warn', write: (line) => logs.push(line) }) });
    other = new FakeConnector({ auth: h.botFramework, tenantId: MALLORY.tenant });
    await other.listen();
    other.teams.set(MALLORY.team.id, [{ id: MALLORY.team.id }, { id: MALLORY.triage, name: 'Triage' }]);
    // Mallory adds the bot to a team named like the real one, with a Triage channel, after Contoso did.
    expect((await h.send(botAddedToTeam(h.connector.url))).status).toBe(200);
    const install = inTeam(botAddedToTeam(other.url, mallory), MALLORY.team, MALLORY.tenant);
    expect((await h.send(install)).status).toBe(403);
    const command = inTeam(mentionCommand(other.url, 'queue', mallory, { channel: MALLORY.team.id }), MALLORY.team, MALLORY.tenant);
    expect((await h.send(command)).status).toBe(403);
    expect(h.teams.conversations.all().map((c) => c.tenantId)).toEqual(h.teams.conversations.all().map(() => TENANT));
    expect(other.calls).toEqual([]);
    expect(logs.join('\n')).toContain('does not serve');

    // A conversation of that tenant stored before this check existed is no routing target either.
    h.teams.conversations.save({
      ...h.teams.conversations.get(TRIAGE)!,
      conversationId: MALLORY.triage,
      tenantId: MALLORY.tenant,
      teamId: MALLORY.team.id,
      reference: { ...h.teams.conversations.get(TRIAGE)!.reference, serviceUrl: other.url },
    });
    await h.ingest({ text: 'My card was charged twice' });
    expect(h.connector.topLevel(TRIAGE)).toHaveLength(1);
    expect(other.activities).toEqual([]);
  });

  it(
    'a routing name that fits two conversations is refused: the card goes to the default conversation, the case says why, ' +
      'the start-up log names the fix',
    async () => {
      h = await startTeamsHarness({ agents: [alice.aadObjectId], routing: [{ match: {}, teams: 'Triage' }] });
      h.connector.teams.set(SALES.id, [{ id: SALES.id }, { id: SALES.triage, name: 'Triage' }]);
      expect((await h.send(botAddedToTeam(h.connector.url))).status).toBe(200);
      expect((await h.send(inTeam(botAddedToTeam(h.connector.url), SALES, TENANT))).status).toBe(200);
      expect(() => h.teams.conversations.resolve('Triage')).toThrow(/fits 2 conversations.*Team\/Channel or by its conversation id/);
      expect(h.teams.conversations.resolve('Contoso Sales/Triage')?.conversationId).toBe(SALES.triage);

      const caseId = await h.ingest({ text: 'Where is my refund?' });
      expect(h.connector.topLevel(SALES.triage)).toEqual([]);
      expect(h.connector.topLevel(TRIAGE)).toHaveLength(1);
      const fallback = h.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'card_fallback')).all();
      expect(fallback.map((e) => (e.detail as { code: string }).code)).toEqual(['AmbiguousConversation']);
      expect(caseId).toBe(1);

      // Restarted with the same routing, Klaxon says at once which name is ambiguous and how to fix it.
      const logs: string[] = [];
      const { createTeamsAdapter } = await import('../../adapters/teams/index.js');
      const again = createTeamsAdapter({
        ...h.botFramework.credentials(),
        db: h.db.db,
        clock: h.clock,
        logger: createLogger({ level: 'warn', write: (l) => logs.push(l) }),
        routingTargets: ['Contoso Support/Triage', 'Triage'],
        listeners: { cases: h.cases, vips: null as never, savedReplies: [], signReplies: false, requestDigest: null },
      });
      await again.start();
      const lines = logs.map((l) => JSON.parse(l) as { level: string; msg: string });
      expect(lines.filter((l) => l.level === 'error').map((l) => l.msg)).toEqual([
        expect.stringMatching(/Teams routing target is ambiguous: .*"Triage" fits 2 conversations/),
      ]);
    },
  );

  it('a multi-tenant bot must name the organisations it serves', async () => {
    const bf = new FakeBotFramework({ multiTenant: true });
    await bf.listen();
    try {
      expect(() => makeConfig(bf.env())).toThrow(/TEAMS_TENANT_ID is required when Teams is configured.*teams\.tenants/);
      expect(() => makeConfig(bf.env(), { teams: { tenants: [TENANT] } })).not.toThrow();
    } finally {
      await bf.close();
    }
  });
});
