import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { cases } from '../../db/schema/index.js';
import type { ReplyInput, ReplySource } from '../../src/ports.js';
import { alice, bob, botAddedToTeam, cardAction, eve, mentionCommand, TRIAGE } from './activities.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

/** A reply source that records what the customer would read. */
function recordingSource(): ReplySource & { sent: { mode: string; text: string }[] } {
  const sent: { mode: string; text: string }[] = [];
  return {
    source: 'review',
    sent,
    async replyPublic(input: ReplyInput) {
      sent.push({ mode: 'public', text: input.text });
      return { id: `r${sent.length}` };
    },
    async sendPrivate(input: ReplyInput) {
      sent.push({ mode: 'private', text: input.text });
      return { id: `p${sent.length}` };
    },
  };
}

const actionsOf = (card: any): any[] => (card?.body ?? []).filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions);

/** Teams: what reaches the customer from a command or a form, and who can receive a case. */
describe('Teams: replies by command and form, hand-offs', () => {
  let h: TeamsHarness;
  let source: ReturnType<typeof recordingSource>;
  let cardId: string;

  beforeEach(async () => {
    source = recordingSource();
    h = await startTeamsHarness({ agents: [alice.aadObjectId, bob.aadObjectId], replySources: new Map([['review', source]]) });
    await h.send(botAddedToTeam(h.connector.url));
    await h.ingest({
      source: 'review',
      author: { id: '9', handle: 'jane', name: 'Jane Doe', followers: 300 },
      text: 'Two weeks and my refund still has not arrived',
    });
    cardId = h.connector.topLevel(TRIAGE)[0]!.id;
  });
  afterEach(async () => {
    await h.close();
  });

  const click = (verb: string, data: Record<string, unknown> = {}, who = alice) =>
    h.send(cardAction(h.connector.url, verb, { caseId: 1, ...data }, who, { channel: TRIAGE, activityId: cardId }));

  it('a reply by @Klaxon reaches the customer as plain text: HTML, entities, links and mentions unwrapped', async () => {
    h.connector.members.set(bob.id, { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId });
    const msg = mentionCommand(
      h.connector.url,
      'reply K-1 Sorry&nbsp;Jane! See <a href="https://acme.example/refunds">our refunds page</a> &amp; ' +
        '<at>Bob Builder</at> will call &lt;today&gt;',
      alice,
      { mentions: [bob] },
    );
    await h.send(msg);
    expect(h.connector.replies(TRIAGE, msg.id)[0]!.activity.text).toBe('Reply to K-1 queued.');
    await h.worker.idle();
    expect(source.sent).toEqual([
      { mode: 'public', text: 'Sorry Jane! See our refunds page (https://acme.example/refunds) & Bob Builder will call <today>' },
    ]);
  });

  it('a reply form sent twice (a double click, a client retry) queues one reply; a refused send does not use it up', async () => {
    const form = (await click('klaxon.reply.open')).body.value;
    const send = actionsOf(form).find((a) => a.title === 'Send reply');
    expect(send.data.formId).toEqual(expect.any(String));
    const refused = (await click('klaxon.reply.send', { ...send.data, text: 'x'.repeat(20_000), sign: 'false' })).body.value;
    expect(JSON.stringify(refused)).toContain('too long');
    const first = await click('klaxon.reply.send', { ...send.data, text: 'Your refund is on its way', sign: 'false' });
    const second = await click('klaxon.reply.send', { ...send.data, text: 'Your refund is on its way', sign: 'false' });
    expect(JSON.stringify(first.body.value)).toContain('Reply to K-1 queued.');
    expect(JSON.stringify(second.body.value)).toContain('already sent');
    await h.worker.idle();
    expect(source.sent).toEqual([{ mode: 'public', text: 'Your refund is on its way' }]);
    // A new opening of the form is a new reply.
    const again = actionsOf((await click('klaxon.reply.open')).body.value).find((a) => a.title === 'Send reply');
    expect(again.data.formId).not.toBe(send.data.formId);
    await click('klaxon.reply.send', { ...again.data, text: 'One more thing', sign: 'false' });
    await h.worker.idle();
    expect(source.sent.map((s) => s.text)).toEqual(['Your refund is on its way', 'One more thing']);
  });

  it('the DM form sent twice sends one private message', async () => {
    const form = (await click('klaxon.dm.open')).body.value;
    const send = actionsOf(form).find((a) => a.title === 'Send DM');
    await click('klaxon.dm.send', { ...send.data, text: 'Here are the details', publicNote: '' });
    await click('klaxon.dm.send', { ...send.data, text: 'Here are the details', publicNote: '' });
    await h.worker.idle();
    expect(source.sent).toEqual([{ mode: 'private', text: 'Here are the details' }]);
  });

  it('a hand-off to someone who is not an agent is refused, by form and by @mention; to an agent it goes through', async () => {
    const refused = (await click('klaxon.handoff.send', { user: eve.aadObjectId, note: 'VIP' })).body.value;
    expect(JSON.stringify(refused)).toMatch(/not an agent, so they cannot own cases/);
    h.connector.members.set(eve.id, { id: eve.id, name: eve.name, aadObjectId: eve.aadObjectId });
    const byMention = mentionCommand(h.connector.url, `handoff K-1 <at>${eve.name}</at> VIP`, alice, {
      mentions: [{ ...eve, aadObjectId: '' }],
    });
    await h.send(byMention);
    expect(h.connector.replies(TRIAGE, byMention.id)[0]!.activity.text).toMatch(/Eve Outsider is not an agent/);
    expect(h.db.db.select().from(cases).get()!.ownerId).toBeNull();
    // Bob has never written: Teams is asked who the mention is, and he is an agent.
    h.connector.members.set(bob.id, { id: bob.id, name: bob.name, aadObjectId: bob.aadObjectId });
    const toBob = mentionCommand(h.connector.url, `handoff K-1 <at>${bob.name}</at> VIP`, alice, {
      mentions: [{ ...bob, aadObjectId: '' }],
    });
    await h.send(toBob);
    expect(h.connector.replies(TRIAGE, toBob.id)[0]!.activity.text).toBe('K-1 handed off to Bob Builder.');
    expect(h.db.db.select().from(cases).get()!.ownerId).toBe(`teams:${bob.aadObjectId}`);
  });
});
