import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, BOT, botAddedToTeam, eve, mentionCommand, TENANT, TRIAGE, type TeamsPerson } from './activities.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

const vera: TeamsPerson = { id: '29:vera', name: 'Vera Viewer', aadObjectId: 'aad-vera' };
const CUSTOMER = 'card 4929 1234 5678 9015 was charged twice, Jane Doe here';
/** Commands whose answer carries cases, customers' words or their data. */
const READS = ['queue', 'queue p2', 'history K-1', 'report', 'report 7d csv', 'sla', 'vip list'];

/**
 * Teams has no ephemeral messages in channels: answers to read commands go to the asker's 1:1
 * chat with Klaxon, like Slack's ephemeral answers; the channel thread only says where they went.
 */
describe('Teams answers read commands privately', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ agents: [alice.aadObjectId], viewers: [vera.aadObjectId], publicUrl: true });
    await h.send(botAddedToTeam(h.connector.url));
    await h.ingest({ author: { id: '9', handle: 'jane', name: 'Jane Doe', followers: 300 }, text: CUSTOMER });
  });
  afterAll(async () => {
    await h.close();
  });

  /** Asks in the triage channel; returns the thread's answer and what reached the asker's 1:1 chat. */
  const ask = async (text: string, who: TeamsPerson) => {
    const privateBefore = h.connector.activities.filter((a) => a.conversationId.startsWith('a:')).length;
    const msg = mentionCommand(h.connector.url, text, who);
    expect((await h.send(msg)).status).toBe(200);
    const thread = h.connector.replies(TRIAGE, msg.id);
    expect(thread, text).toHaveLength(1);
    const chats = h.connector.createdChats.filter((c) => c.members.includes(who.id)).map((c) => c.id);
    const inPrivate = h.connector.activities.filter((a) => a.conversationId.startsWith('a:')).slice(privateBefore);
    return { thread: JSON.stringify(thread[0]!.activity), inPrivate, chats };
  };

  it('an agent’s and a viewer’s read answers go to their own 1:1 chat; the thread holds no case data', async () => {
    for (const who of [alice, vera]) {
      for (const text of READS) {
        const { thread, inPrivate, chats } = await ask(text, who);
        expect(thread, text).toContain('1:1 chat with Klaxon');
        for (const secret of ['4929', 'Jane', 'K-1 ', 'jane']) expect(thread, `${text}: ${secret}`).not.toContain(secret);
        expect(inPrivate, text).toHaveLength(1);
        expect(chats, text).toHaveLength(1);
        expect(inPrivate[0]!.conversationId).toBe(chats[0]);
      }
    }
    // One chat per person, opened in their tenant, reused for every answer.
    expect(h.connector.createdChats.map((c) => ({ tenantId: c.tenantId, members: c.members }))).toEqual([
      { tenantId: TENANT, members: [alice.id] },
      { tenantId: TENANT, members: [vera.id] },
    ]);
    const queue = h.connector.activities.find((a) => a.conversationId === h.connector.createdChats[0]!.id)!;
    expect(JSON.stringify(queue.activity)).toContain('K-1');
    const csv = h.connector.activities
      .filter((a) => a.conversationId === h.connector.createdChats[0]!.id)
      .map((a) => JSON.stringify(a.activity))
      .find((a) => a.includes('Download CSV'));
    expect(csv).toContain('/exports/');
  });

  it('someone who may not read is refused in the thread, with no data and no chat opened', async () => {
    const chatsBefore = h.connector.createdChats.length;
    for (const text of READS) {
      const { thread, inPrivate } = await ask(text, eve);
      expect(thread, text).toContain('not on the list of people who may read');
      expect(thread, text).not.toContain('4929');
      expect(inPrivate, text).toEqual([]);
    }
    expect(h.connector.createdChats).toHaveLength(chatsBefore);
  });

  it('a shared report and a confirmation stay in the thread', async () => {
    const shared = await ask('report 7d share', alice);
    expect(shared.thread).toContain('24h response rate');
    expect(shared.inPrivate).toEqual([]);
    const help = await ask('help', eve);
    expect(help.thread).toContain('Klaxon commands');
  });

  it('in the 1:1 chat itself the answer comes back in place', async () => {
    const chat = h.connector.createdChats.find((c) => c.members.includes(alice.id))!;
    const before = h.connector.createdChats.length;
    const msg = {
      ...mentionCommand(h.connector.url, 'queue', alice),
      text: 'queue',
      entities: [],
      conversation: { id: chat.id, conversationType: 'personal', tenantId: TENANT },
      channelData: { tenant: { id: TENANT } },
      recipient: BOT,
    };
    expect((await h.send(msg)).status).toBe(200);
    const answer = h.connector.activities.filter((a) => a.conversationId === chat.id).at(-1)!;
    expect(JSON.stringify(answer.activity)).toContain('K-1');
    expect(h.connector.createdChats).toHaveLength(before);
  });
});
