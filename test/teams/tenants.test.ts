import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { loadCaseView } from '../../src/cases/view.js';
import { alice, botAddedToTeam, mentionCommand, TENANT, type TeamsPerson } from './activities.js';
import { FakeConnector } from './fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

/** A second organisation with its own team and Teams service URL. */
const FABRIKAM = {
  tenant: 'tenant-fabrikam',
  team: { id: '19:fabrikam-general@thread.tacv2', name: 'Fabrikam Care', aadGroupId: '00000000-0000-4000-8000-0000000fab01' },
};
const bruno: TeamsPerson = { id: '29:bruno', name: 'Bruno Fabrikam', aadObjectId: 'aad-bruno' };

/** An activity of the Fabrikam tenant, arriving through its own service URL. */
function inFabrikam<T extends { channelData: Record<string, unknown>; conversation: Record<string, unknown> }>(activity: T): T {
  return {
    ...activity,
    conversation: {
      ...activity.conversation,
      id: String(activity.conversation.id).replace(/^19:[^;]+/, FABRIKAM.team.id),
      tenantId: FABRIKAM.tenant,
    },
    channelData: {
      ...activity.channelData,
      tenant: { id: FABRIKAM.tenant },
      team: { ...FABRIKAM.team },
      channel: { id: FABRIKAM.team.id },
    },
  };
}

describe('Teams 1:1 chats open in the person’s own tenant', () => {
  let h: TeamsHarness;
  let fabrikam: FakeConnector;
  beforeEach(async () => {
    // A multi-tenant bot installed in two organisations: Contoso first, so a careless anchor picks it.
    h = await startTeamsHarness({ multiTenant: true, tenants: [TENANT, FABRIKAM.tenant] });
    fabrikam = new FakeConnector({ auth: h.botFramework, tenantId: FABRIKAM.tenant });
    await fabrikam.listen();
    expect((await h.send(botAddedToTeam(h.connector.url))).status).toBe(200);
    expect((await h.send(inFabrikam(botAddedToTeam(fabrikam.url, bruno)))).status).toBe(200);
    expect(h.teams.conversations.tenants().sort()).toEqual([TENANT, FABRIKAM.tenant].sort());
  });
  afterEach(async () => {
    await h.close();
    await fabrikam.close();
  });

  it('a hand-off notice to a Fabrikam person opens the chat through Fabrikam’s service, for Fabrikam’s tenant', async () => {
    // Bruno writes once in his own team; Klaxon learns his tenant.
    const hello = inFabrikam(mentionCommand(fabrikam.url, 'help', bruno, { channel: FABRIKAM.team.id }));
    expect((await h.send(hello)).status).toBe(200);
    const caseId = await h.ingest({ text: 'Where is my refund?' });
    const view = loadCaseView(h.db.db, caseId, h.clock.now(), h.cases.sla)!;

    await h.teams.platform.postNotice(bruno.aadObjectId, { kind: 'handoff', view, note: 'VIP', by: alice.name, cardLink: null });
    expect(fabrikam.createdChats).toEqual([{ id: 'a:chat-1', tenantId: FABRIKAM.tenant, members: [bruno.id] }]);
    expect(h.connector.createdChats).toEqual([]);
    expect(fabrikam.activities.filter((a) => a.conversationId === 'a:chat-1')).toHaveLength(1);
    expect(h.teams.conversations.user(bruno.aadObjectId)).toMatchObject({ tenantId: FABRIKAM.tenant, personalConversationId: 'a:chat-1' });
  });

  it('a Contoso person mentioned in a Contoso command gets their chat in Contoso', async () => {
    const carla: TeamsPerson = { id: '29:carla', name: 'Carla Contoso', aadObjectId: 'aad-carla' };
    await h.send(mentionCommand(h.connector.url, 'help', alice, { mentions: [carla] }));
    const caseId = await h.ingest({ text: 'Where is my refund?' });
    const view = loadCaseView(h.db.db, caseId, h.clock.now(), h.cases.sla)!;
    await h.teams.platform.postNotice(carla.id, { kind: 'handoff', view, note: null, by: alice.name, cardLink: null });
    expect(h.connector.createdChats.map((c) => c.tenantId)).toEqual([TENANT]);
    expect(fabrikam.createdChats).toEqual([]);
  });

  it('refuses to guess between tenants for someone it has never met', async () => {
    const caseId = await h.ingest({ text: 'Where is my refund?' });
    const view = loadCaseView(h.db.db, caseId, h.clock.now(), h.cases.sla)!;
    await expect(
      h.teams.platform.postNotice('00000000-0000-4000-8000-00000000dead', { kind: 'handoff', view, note: null, by: null, cardLink: null }),
    ).rejects.toThrow(/several Teams organisations/);
    expect([...h.connector.createdChats, ...fabrikam.createdChats]).toEqual([]);
  });

  it('never anchors a chat on a conversation of another tenant', () => {
    expect(h.teams.conversations.anyInTenant(FABRIKAM.tenant)?.reference.serviceUrl).toBe(fabrikam.url);
    expect(h.teams.conversations.anyInTenant(TENANT)?.reference.serviceUrl).toBe(h.connector.url);
    expect(h.teams.conversations.anyInTenant('tenant-nobody')).toBeNull();
  });
});
