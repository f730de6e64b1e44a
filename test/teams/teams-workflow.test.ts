import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { caseEvents, cases } from '../../db/schema/index.js';
import type { ReplyInput, ReplySource } from '../../src/ports.js';
import { alice, bob, botAddedToTeam, cardAction, ESCALATIONS, mentionCommand, threadReply, TRIAGE } from './activities.js';
import { FakeConnector } from './fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

/** A reply source that records what would reach the customer, with X-like length rules. */
function recordingSource(): ReplySource & { sent: { mode: string; text: string }[] } {
  const sent: { mode: string; text: string }[] = [];
  return {
    source: 'review',
    sent,
    async replyPublic(input: ReplyInput) {
      sent.push({ mode: 'public', text: input.text });
      return { id: `r${sent.length}`, url: `https://support.example.com/replies/r${sent.length}` };
    },
    async sendPrivate(input: ReplyInput) {
      sent.push({ mode: 'private', text: input.text });
      return { id: `p${sent.length}` };
    },
    measure: (text) => ({ used: text.length, limit: 280 }),
    validate: (text, mode) =>
      mode === 'public' && text.length > 280 ? `The reply is ${text.length - 280} characters over the limit of 280.` : null,
  };
}

const inputsOf = (card: any): string[] => JSON.stringify(card).match(/"id":"(text|saved|sign|note|tags|user|channel|publicNote)"/g) ?? [];

describe('the Teams triage workflow (same verbs and behaviour as Slack)', () => {
  let h: TeamsHarness;
  let source: ReturnType<typeof recordingSource>;
  let cardId: string;

  beforeEach(async () => {
    source = recordingSource();
    h = await startTeamsHarness({
      agents: ['aad-alice', 'aad-bob'],
      replySources: new Map([['review', source]]),
      savedReplies: [{ id: 'sorry', title: 'Sorry', text: 'Hi {first_name}, sorry about this!' }],
    });
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

  it(
    'Reply: a form with saved replies and a preview with the length budget; a private-data reply is refused and goes out as a DM in ' +
      'one click',
    async () => {
      const form = (await click('klaxon.reply.open')).body.value;
      expect(inputsOf(form)).toEqual(['"id":"saved"', '"id":"text"', '"id":"sign"']);
      expect(JSON.stringify(form)).toContain('my refund still has not arrived');

      const preview = (await click('klaxon.reply.preview', { saved: 'sorry', text: '', sign: 'false', appliedSaved: null })).body.value;
      const previewJson = JSON.stringify(preview);
      expect(previewJson).toContain('"value":"Hi Jane, sorry about this!"');
      expect(previewJson).toContain('26/280 characters');

      const refused = (
        await click('klaxon.reply.send', {
          text: 'Your card 4111 1111 1111 1111 was refunded',
          sign: 'false',
          saved: 'sorry',
          appliedSaved: 'sorry',
        })
      ).body.value;
      expect(JSON.stringify(refused)).toContain('a payment card number');
      const asDm = refused.body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.title === 'Send as DM instead');
      await h.worker.idle();
      expect(source.sent).toHaveLength(0);

      expect((await click('klaxon.reply.asDm', asDm.data, bob)).body.value).toBe('That draft was already sent or has expired.');
      const sent = (await click('klaxon.reply.asDm', asDm.data)).body.value;
      expect(JSON.stringify(sent)).toContain('Private message for K-1 queued.');
      await h.worker.idle();
      expect(source.sent).toEqual([{ mode: 'private', text: 'Your card 4111 1111 1111 1111 was refunded' }]);
      expect((await click('klaxon.reply.asDm', asDm.data)).body.value).toBe('That draft was already sent or has expired.');
    },
  );

  it('Reply: over the length budget the form comes back with the reason; a good reply is signed and sent once', async () => {
    const long = (await click('klaxon.reply.send', { text: 'x'.repeat(300), sign: 'false' })).body.value;
    expect(JSON.stringify(long)).toContain('20 characters over the limit');
    expect(JSON.stringify(long)).toContain('x'.repeat(300));
    const ok = (await click('klaxon.reply.send', { text: 'So sorry Jane, your refund is on its way', sign: 'true' })).body.value;
    expect(JSON.stringify(ok)).toContain('Reply to K-1 queued.');
    await h.worker.idle();
    expect(source.sent).toEqual([{ mode: 'public', text: 'So sorry Jane, your refund is on its way ^AA' }]);
    expect(h.db.db.select().from(cases).get()!.firstResponseVia).toBe('klaxon');
    expect(JSON.stringify(FakeConnector.card(h.connector.find(TRIAGE, cardId)))).toContain('https://support.example.com/replies/r1');
  });

  it('Hand off by @mention: the receiver owns the case and is told in a new 1:1 chat with a link to the card', async () => {
    await h.send(mentionCommand(h.connector.url, 'help', bob)); // Teams introduces Bob (29: id ↔ AAD id)
    const cmd = mentionCommand(h.connector.url, 'handoff K-1 <at>Bob Builder</at> VIP, handle with care', alice, {
      mentions: [{ ...bob, aadObjectId: '' }],
    });
    await h.send(cmd);
    expect(h.connector.replies(TRIAGE, cmd.id)[0]!.activity.text).toBe('K-1 handed off to Bob Builder.');
    expect(h.db.db.select().from(cases).get()).toMatchObject({ ownerId: 'teams:aad-bob', ownerName: 'Bob Builder' });
    await h.worker.idle();
    const created = h.connector.calls.find((c) => c.method === 'POST' && c.path === '/v3/conversations');
    expect(created?.body.members).toEqual([{ id: '29:bob', name: 'Bob Builder' }]);
    const dm = h.connector.topLevel('a:chat-1');
    expect(dm).toHaveLength(1);
    const text = JSON.stringify(FakeConnector.card(dm[0]));
    expect(text).toContain('handle with care');
    expect(text).toContain(`https://teams.microsoft.com/l/message/${encodeURIComponent(TRIAGE)}/${cardId}`);
  });

  it('Escalate from its form posts to the escalation channel; Resolve with tags, then Reopen', async () => {
    const form = (await click('klaxon.escalate.open')).body.value;
    expect(inputsOf(form)).toEqual(['"id":"note"']);
    await click('klaxon.escalate.send', { note: 'Customer is a journalist' });
    await h.worker.idle();
    const notice = h.connector.topLevel(ESCALATIONS);
    expect(notice).toHaveLength(1);
    expect(JSON.stringify(FakeConnector.card(notice[0]))).toContain('Customer is a journalist');

    const resolved = (await click('klaxon.resolve.send', { note: 'refund confirmed', tags: 'no_action,reported' })).body.value;
    expect(resolved.body.flatMap((e: any) => e.actions ?? []).map((a: any) => a.title)).toEqual(['Reopen']);
    expect(h.db.db.select().from(cases).get()).toMatchObject({ state: 'resolved', actionable: false });
    await click('klaxon.reopen');
    expect(h.db.db.select().from(cases).get()!.state).toBe('open');
  });

  it('a reply typed under the card is an internal note and never reaches the customer', async () => {
    const reply = threadReply(h.connector.url, 'Checked the order system: refund issued yesterday', alice, TRIAGE, cardId);
    await h.send(reply);
    await h.send(reply); // Teams repeating a delivery
    const notes = h.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'note')).all();
    expect(notes).toHaveLength(1);
    expect(notes[0]!.actor).toBe('teams:aad-alice');
    await h.worker.idle();
    expect(source.sent).toHaveLength(0);
  });
});
