import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { alice, botAddedToTeam, eve, mentionCommand, TRIAGE, type TeamsPerson } from './activities.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

const vera: TeamsPerson = { id: '29:vera', name: 'Vera Viewer', aadObjectId: 'aad-vera' };
const READS = ['queue', 'queue p2', 'queue mine', 'history K-1', 'report', 'report 7d', 'report 30d share', 'sla', 'vip list'];

/** The same core permission check as Slack: reading follows permissions.viewers. */
describe('who may read, in Teams', () => {
  let h: TeamsHarness;
  beforeAll(async () => {
    h = await startTeamsHarness({ agents: ['aad-alice'], viewers: ['aad-vera'] });
    await h.send(botAddedToTeam(h.connector.url));
    await h.ingest({
      author: { id: '9', handle: 'jane', name: 'Jane Doe', followers: 300 },
      text: 'card 4929 1234 5678 9015 was charged twice',
    });
  });
  afterAll(async () => {
    await h.close();
  });

  const ask = async (text: string, who: TeamsPerson): Promise<string> => {
    const msg = mentionCommand(h.connector.url, text, who);
    expect((await h.send(msg)).status).toBe(200);
    await h.worker.idle();
    const answer = h.connector.replies(TRIAGE, msg.id);
    expect(answer, text).toHaveLength(1);
    return JSON.stringify(answer[0]!.activity);
  };

  it('refuses every read command by someone who is neither agent nor viewer, with no customer data', async () => {
    const cardsBefore = h.connector.topLevel(TRIAGE).length;
    for (const text of READS) {
      const answer = await ask(text, eve);
      expect(answer, text).toContain('not on the list of people who may read');
      expect(answer, text).not.toContain('4929');
      expect(answer, text).not.toContain('K-1 ');
    }
    expect(h.connector.topLevel(TRIAGE)).toHaveLength(cardsBefore);
  });

  it('answers an agent and a viewer, in their own 1:1 chat (the thread only says so)', async () => {
    /** What reached the person's 1:1 chat with Klaxon last. */
    const privately = (who: TeamsPerson) => {
      const chat = h.connector.createdChats.find((c) => c.members.includes(who.id))!;
      return JSON.stringify(h.connector.topLevel(chat.id).at(-1)!.activity);
    };
    for (const who of [alice, vera]) {
      expect(await ask('queue', who)).toContain('1:1 chat with Klaxon');
      expect(privately(who)).toContain('K-1');
      await ask('history K-1', who);
      expect(privately(who)).toContain('History of K-1');
      expect(await ask('sla', who)).not.toContain('not on the list');
      expect(privately(who)).toContain('SLA policies');
    }
  });
});

describe('a refused reply in Teams, where a command is answered in the channel thread', () => {
  it('names what was found without repeating it', async () => {
    const h = await startTeamsHarness({ agents: ['aad-alice'] });
    try {
      await h.send(botAddedToTeam(h.connector.url));
      await h.ingest({ author: { id: '9', handle: 'jane', name: 'Jane Doe', followers: 300 } });
      const msg = mentionCommand(h.connector.url, 'reply K-1 your card 4929 1234 5678 9015 is refunded', alice);
      await h.send(msg);
      const answer = JSON.stringify(h.connector.replies(TRIAGE, msg.id)[0]!.activity);
      expect(answer).toContain('a payment card number ending 9015');
      expect(answer.replace(/\D/g, '')).not.toContain('4929123456789015');
    } finally {
      await h.close();
    }
  });
});
