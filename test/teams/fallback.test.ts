import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { caseEvents, cardRefs, outbox } from '../../db/schema/index.js';
import { parseActivityRef } from '../../adapters/teams/ids.js';
import { createLogger } from '../../src/log.js';
import { alice, botAddedToTeam, cardAction, channelDeleted, ESCALATIONS, TEAM, TRIAGE } from './activities.js';
import { FakeConnector, type ExtraRule } from './fake-connector.js';
import { startTeamsHarness, type TeamsHarness, type TeamsHarnessOptions } from './harness.js';
import { countedBytes } from './strict-rules.js';

const REVIEWS = { id: '19:reviews@thread.tacv2', name: 'Reviews' };
const CASE_BUTTONS = ['Claim', 'Reply', 'Move to DM', 'Hand off', 'Escalate', 'Resolve'];

/**
 * A Teams whose connector stops at 8 KB — Teams' limits have moved before (40 KB, 28 KB through
 * Graph) and may again; a rule the renderer cannot know about. Answered as Teams answers: 413.
 */
const stopsAt =
  (bytes: number, only?: { method?: string; conversationId?: string }): ExtraRule =>
  (activity, call) => {
    if (only?.method && call.method !== only.method) return null;
    if (only?.conversationId && call.conversationId !== only.conversationId) return null;
    const counted = countedBytes(activity);
    return counted > bytes
      ? { status: 413, code: 'MessageSizeTooBig', message: `Message size too big: ${counted} bytes counted, the limit is ${bytes}` }
      : null;
  };

/** A card Teams cannot render on this tenant's clients: any italic run (the full card quotes the customer in italics). */
const noItalics =
  (method: string): ExtraRule =>
  (activity, call) => {
    if (call.method !== method) return null;
    return /"italic":true/.test(JSON.stringify(activity.attachments ?? []))
      ? {
          status: 400,
          code: 'BadArgument',
          message: 'attachments[0] is not a valid Adaptive Card for Teams: card.body[3]: refused for this test',
        }
      : null;
  };

/** Titles of the buttons a card carries, in order. */
function buttonsOf(card: Record<string, any> | null): string[] {
  return ((card?.body ?? []) as { type: string; actions?: { title: string }[] }[])
    .filter((e) => e.type === 'ActionSet')
    .flatMap((s) => (s.actions ?? []).map((a) => a.title));
}

/** An account number and a long complaint: customer text that must never reach a log. */
const SECRET = '12345678';
const complaint = (repeat: number) => `My account number is ${SECRET} and I was charged twice for one order. `.repeat(repeat);

describe('Teams never loses a case to a refusal', () => {
  let h: TeamsHarness;
  let lines: string[];
  const start = async (options: TeamsHarnessOptions = {}) => {
    lines = [];
    h = await startTeamsHarness({
      agents: [alice.aadObjectId],
      channels: [REVIEWS],
      logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }),
      ...options,
    });
    await h.send(botAddedToTeam(h.connector.url));
    return h;
  };
  afterEach(async () => {
    await h?.close();
  });

  const events = (caseId: number, kind: string) =>
    h.db.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, caseId), eq(caseEvents.kind, kind)))
      .all();
  const cardOf = (caseId: number) => {
    const ref = h.db.db
      .select()
      .from(cardRefs)
      .where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, 'teams')))
      .get()?.ref;
    if (!ref) throw new Error(`no Teams card for case ${caseId}`);
    const { conversationId, activityId } = parseActivityRef(ref);
    return h.connector.find(conversationId, activityId)!;
  };
  const metrics = async () => (await h.metrics.render()).body;

  it(
    'a card the connector refuses as too big goes out in short form: ' + 'counted, audited, logged with the code and no customer text',
    async () => {
      await start();
      h.connector.extraRules.push(stopsAt(8 * 1024));
      const text = complaint(40);
      const id = await h.ingest({ text });

      expect(h.connector.refused().map((c) => c.refusal?.split(':')[0])).toEqual(['MessageSizeTooBig']);
      expect(h.connector.topLevel(TRIAGE)).toHaveLength(1);
      const activity = cardOf(id);
      const card = FakeConnector.card(activity)!;
      const content = JSON.stringify(card);
      expect(card.version).toBe('1.5');
      expect(content).toContain('Short form: Teams refused the full card (MessageSizeTooBig)');
      expect(content).toContain(`K-${id}`);
      expect(content).toMatch(/P[1-4] · K-\d+ · twitter/);
      // The first 500 characters, as one run Teams never parses; the rest is behind Show full text.
      const words = (card.body as { type: string; inlines?: { text: string }[] }[]).find(
        (e) => e.type === 'RichTextBlock' && e.inlines?.[0]?.text.startsWith('My account'),
      )!;
      expect(words.inlines).toHaveLength(1);
      expect(words.inlines![0]!.text).toBe(`${text.trim().slice(0, 499)}…`);
      expect(buttonsOf(card)).toEqual([...CASE_BUTTONS, 'Show full text']);

      expect(events(id, 'card_fallback').map((e) => e.detail)).toEqual([
        { platform: 'teams', kind: 'card.post', code: 'MessageSizeTooBig' },
      ]);
      expect(await metrics()).toContain('klaxon_card_fallbacks_total{platform="teams",kind="card.post",code="MessageSizeTooBig"} 1');
      const logged = lines.filter((l) => l.includes('short form'));
      expect(logged).toHaveLength(1);
      expect(logged[0]).toContain('"code":"MessageSizeTooBig"');
      expect(lines.join('\n')).not.toContain(SECRET);
    },
  );

  it('the short card works: Show full text and Claim answer from it like from the full card', async () => {
    await start();
    h.connector.extraRules.push(stopsAt(8 * 1024));
    const id = await h.ingest({ text: complaint(40) });
    const activity = cardOf(id);
    const at = { channel: activity.conversationId, activityId: activity.id };
    const full = await h.send(cardAction(h.connector.url, 'klaxon.fulltext', { caseId: id, page: 1 }, alice, at));
    expect(JSON.stringify(full.body)).toContain(`charged twice for one order. My account number`);
    const claimed = await h.send(cardAction(h.connector.url, 'klaxon.claim', { caseId: id }, alice, at));
    expect(claimed.status).toBe(200);
    await h.worker.idle();
    expect(events(id, 'claimed')).toHaveLength(1);
  });

  it('an update the connector refuses goes out in short form, in place, and still names the owner', async () => {
    await start();
    h.connector.extraRules.push(noItalics('PUT'));
    const text = 'Your courier left my parcel in the rain and it is ruined.';
    const id = await h.ingest({ text });
    const activity = cardOf(id);
    expect(JSON.stringify(FakeConnector.card(activity))).not.toContain('Short form');

    await h.send(
      cardAction(h.connector.url, 'klaxon.claim', { caseId: id }, alice, { channel: activity.conversationId, activityId: activity.id }),
    );
    await h.worker.idle();
    const updated = h.connector.find(activity.conversationId, activity.id)!;
    expect(updated.updates).toBe(1);
    expect(h.connector.topLevel(TRIAGE)).toHaveLength(1);
    const content = JSON.stringify(FakeConnector.card(updated));
    expect(content).toContain('Short form: Teams refused the full card (BadArgument)');
    expect(content).toContain(text);
    expect(content).toContain(alice.name);
    expect(buttonsOf(FakeConnector.card(updated))).toEqual(CASE_BUTTONS);
    expect(events(id, 'card_fallback').map((e) => e.detail)).toEqual([{ platform: 'teams', kind: 'card.update', code: 'BadArgument' }]);
    expect(await metrics()).toContain('klaxon_card_fallbacks_total{platform="teams",kind="card.update",code="BadArgument"} 1');
    expect(lines.filter((l) => l.includes('short form')).join('\n')).toContain('"code":"BadArgument"');
  });

  it('a notice the connector refuses goes out in short form: an escalation with a 3,000-character note', async () => {
    await start();
    h.connector.extraRules.push(stopsAt(8 * 1024, { conversationId: ESCALATIONS }));
    const id = await h.ingest({ text: complaint(10) });
    const note = `Customer says ${SECRET} was charged twice; `.repeat(80).slice(0, 3000);
    const activity = cardOf(id);
    await h.send(
      cardAction(h.connector.url, 'klaxon.escalate.send', { caseId: id, note }, alice, {
        channel: activity.conversationId,
        activityId: activity.id,
      }),
    );
    await h.worker.idle();

    const posted = h.connector.topLevel(ESCALATIONS);
    expect(posted).toHaveLength(1);
    const content = JSON.stringify(FakeConnector.card(posted[0]));
    expect(content).toContain(`Escalated** K-${id}`);
    expect(content).toContain('Short form: Teams refused the full message (MessageSizeTooBig)');
    expect(content).toContain('The note is in the case’s history.');
    expect(content).not.toContain('charged twice; Customer says');
    expect(events(id, 'card_fallback').map((e) => e.detail)).toEqual([{ platform: 'teams', kind: 'notice', code: 'MessageSizeTooBig' }]);
    expect(await metrics()).toContain('klaxon_card_fallbacks_total{platform="teams",kind="notice",code="MessageSizeTooBig"} 1');
    expect(lines.join('\n')).not.toContain(SECRET);
  });

  it.each([
    ['removed', 'BotNotInConversationRoster'],
    ['deleted', 'ConversationNotFound'],
  ] as const)(
    'a card routed to a conversation Teams says is gone (%s) goes to the default triage conversation, with the reason on record',
    async (why, code) => {
      await start({ routing: [{ match: { sources: ['email'] }, teams: `${TEAM.name}/${REVIEWS.name}` }] });
      h.connector.makeUnreachable(REVIEWS.id, why);
      const id = await h.ingest({ source: 'email', private: true, text: 'My invoice is wrong again.' });

      expect(h.connector.topLevel(REVIEWS.id)).toEqual([]);
      const card = h.connector.topLevel(TRIAGE);
      expect(card).toHaveLength(1);
      expect(cardOf(id).conversationId).toBe(TRIAGE);
      expect(JSON.stringify(FakeConnector.card(card[0]))).toContain('My invoice is wrong again.');
      expect(events(id, 'card_fallback').map((e) => e.detail)).toEqual([
        { platform: 'teams', kind: 'card.reroute', code, routedTo: `${TEAM.name}/${REVIEWS.name}`, postedTo: `${TEAM.name}/Triage` },
      ]);
      const thread = h.connector.replies(TRIAGE, card[0]!.id).map((r) => String(r.activity.text));
      expect(
        thread.some((t) => t.startsWith(`⚠️ This case was routed to channel ${TEAM.name}/${REVIEWS.name}, but Klaxon cannot post there:`)),
      ).toBe(true);
      expect(await metrics()).toContain(`klaxon_card_fallbacks_total{platform="teams",kind="card.reroute",code="${code}"} 1`);
    },
  );

  it('a channel Teams said was deleted is not waited for: its cards go to triage at once, and to it again once it is back', async () => {
    await start({ routing: [{ match: { sources: ['email'] }, teams: `${TEAM.name}/${REVIEWS.name}` }] });
    await h.send(channelDeleted(h.connector.url, REVIEWS));
    const id = await h.ingest({ source: 'email', private: true, text: 'Where is my refund?' });
    expect(cardOf(id).conversationId).toBe(TRIAGE);
    expect(events(id, 'card_fallback').map((e) => e.detail)).toEqual([
      {
        platform: 'teams',
        kind: 'card.reroute',
        code: 'ConversationRemoved',
        routedTo: `${TEAM.name}/${REVIEWS.name}`,
        postedTo: `${TEAM.name}/Triage`,
      },
    ]);
    // Klaxon added to the team again: the channel is known again, and cards go there.
    await h.send(botAddedToTeam(h.connector.url));
    const next = await h.ingest({ source: 'email', private: true, text: 'Still no refund.' });
    expect(cardOf(next).conversationId).toBe(REVIEWS.id);
  });

  it('a conversation never heard of is still waited for (the app may be about to be added), not rerouted', async () => {
    await start({ routing: [{ match: { sources: ['email'] }, teams: 'Another Team/Somewhere' }] });
    const id = await h.ingest({ source: 'email', private: true, text: 'Hello?' });
    expect(h.connector.topLevel(TRIAGE)).toEqual([]);
    expect(events(id, 'card_fallback')).toEqual([]);
    const row = h.db.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.caseId, id), eq(outbox.kind, 'card.post')))
      .get()!;
    expect(row.status).toBe('pending');
    expect(row.nextAttemptAt!.getTime() - h.clock.now().getTime()).toBeGreaterThanOrEqual(60_000);
  });
});
