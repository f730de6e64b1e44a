import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases, outbox } from '../../db/schema/index.js';
import { FakeConnector, type ConnectorActivity } from './fake-connector.js';
import { alice, botAddedToTeam, cardAction, eve, mentionCommand, TEAM, TRIAGE } from './activities.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

const labels = (card: Record<string, any> | null): string[] =>
  (card?.body ?? []).filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions.map((a: any) => a.title));

describe('Teams through the real CloudAdapter over HTTP, against a loopback Bot Framework connector', () => {
  let h: TeamsHarness;

  beforeEach(async () => {
    h = await startTeamsHarness({ agents: ['aad-alice', 'aad-bob'] });
  });
  afterEach(async () => {
    await h.close();
  });

  const install = async () => {
    const res = await h.send(botAddedToTeam(h.connector.url));
    expect(res.status).toBe(200);
  };
  const triageCards = (): ConnectorActivity[] => h.connector.topLevel(TRIAGE);

  it('stores the conversation references when added to a team, then posts a new case card there proactively', async () => {
    await install();
    expect(h.connector.calls.some((c) => c.method === 'GET' && c.path === `/v3/teams/${encodeURIComponent(TEAM.id)}/conversations`)).toBe(
      true,
    );
    expect(h.teams.conversations.resolve('Contoso Support/Triage')?.conversationId).toBe(TRIAGE);
    expect(h.teams.conversations.resolve('#triage')?.reference.serviceUrl).toBe(h.connector.url);

    await h.ingest({ text: 'Charged twice and nobody answers, talking to my lawyer' });
    expect(triageCards()).toHaveLength(1);
    const card = FakeConnector.card(triageCards()[0]);
    expect(card).toMatchObject({ type: 'AdaptiveCard', version: '1.5' });
    expect(labels(card)).toEqual(['Claim', 'Reply', 'Move to DM', 'Hand off', 'Escalate', 'Resolve']);
    const claim = card!.body.flatMap((e: any) => e.actions ?? []).find((a: any) => a.title === 'Claim');
    expect(claim).toMatchObject({ type: 'Action.Execute', verb: 'klaxon.claim', data: { caseId: 1 } });
    expect(JSON.stringify(card)).toContain('Charged twice and nobody answers');
  });

  it('an Action.Execute claim answers with the refreshed card, claims the case once and updates the card for everyone', async () => {
    await install();
    await h.ingest();
    const posted = triageCards()[0]!;
    const res = await h.send(cardAction(h.connector.url, 'klaxon.claim', { caseId: 1 }, alice, { channel: TRIAGE, activityId: posted.id }));
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({ statusCode: 200, type: 'application/vnd.microsoft.card.adaptive' });
    expect(JSON.stringify(res.body.value)).toContain(
      '{"type":"TextRun","text":"👤 Owner: "},{"type":"TextRun","text":"Alice Agent","weight":"Bolder"}',
    );
    expect(h.db.db.select().from(cases).get()!.ownerId).toBe('teams:aad-alice');

    await h.worker.idle();
    const updated = h.connector.find(TRIAGE, posted.id)!;
    expect(updated.updates).toBe(1);
    expect(JSON.stringify(FakeConnector.card(updated))).toContain('Alice Agent');
    expect(h.connector.replies(TRIAGE, posted.id).map((r) => r.activity.text)).toEqual(['✋ Claimed by Alice Agent']);

    // A second click is a no-op the clicker is told about; a delivery Teams repeats acts once.
    const again = await h.send(
      cardAction(h.connector.url, 'klaxon.claim', { caseId: 1 }, alice, { channel: TRIAGE, activityId: posted.id }),
    );
    expect(again.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message', value: 'You already own K-1.' });
    expect(h.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'claimed')).all()).toHaveLength(1);
    const replay = cardAction(
      h.connector.url,
      'klaxon.escalate.send',
      { caseId: 1, note: 'journalist' },
      alice,
      { channel: TRIAGE, activityId: posted.id },
      'invoke-fixed',
    );
    await h.send(replay);
    const repeated = await h.send(replay);
    expect(repeated.body.type).toBe('application/vnd.microsoft.card.adaptive');
    expect(h.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'escalated')).all()).toHaveLength(1);
  });

  it('handles Action.Submit from clients without Universal Actions the same way, updating the card', async () => {
    await install();
    await h.ingest();
    const posted = triageCards()[0]!;
    const submit = {
      ...mentionCommand(h.connector.url, '', alice),
      text: undefined,
      entities: [],
      replyToId: posted.id,
      value: { klaxonVerb: 'klaxon.claim', caseId: 1 },
    };
    expect((await h.send(submit)).status).toBe(200);
    expect(h.db.db.select().from(cases).get()!.ownerId).toBe('teams:aad-alice');
    const put = h.connector.calls.find((c) => c.method === 'PUT' && c.activityId === posted.id);
    expect(JSON.stringify(put?.body)).toContain('Alice Agent');
  });

  it('refuses a person outside permissions.agents and changes nothing', async () => {
    await install();
    await h.ingest();
    const res = await h.send(
      cardAction(h.connector.url, 'klaxon.claim', { caseId: 1 }, eve, { channel: TRIAGE, activityId: triageCards()[0]!.id }),
    );
    expect(res.body.type).toBe('application/vnd.microsoft.activity.message');
    expect(res.body.value).toContain('not on the list');
    expect(h.db.db.select().from(cases).get()!.ownerId).toBeNull();
    const form = await h.send(
      cardAction(h.connector.url, 'klaxon.reply.open', { caseId: 1 }, eve, { channel: TRIAGE, activityId: triageCards()[0]!.id }),
    );
    expect(form.body.value).toContain('not on the list');
  });

  it('runs a command by @mention with the shared grammar; a read is answered as a card in the asker’s 1:1 chat', async () => {
    await install();
    await h.ingest({ text: 'Where is my refund, it has been two weeks' });
    const msg = mentionCommand(h.connector.url, 'queue', alice);
    expect((await h.send(msg)).status).toBe(200);
    expect(h.connector.replies(TRIAGE, msg.id).map((r) => r.activity.text)).toEqual([
      '📬 Sent to you in your 1:1 chat with Klaxon, where only you can read it.',
    ]);
    const answer = h.connector.topLevel(h.connector.createdChats[0]!.id);
    expect(answer).toHaveLength(1);
    const card = FakeConnector.card(answer[0]);
    expect(JSON.stringify(card)).toContain('K-1');
    expect(JSON.stringify(card)).toMatch(/left/);

    const claim = mentionCommand(h.connector.url, 'claim K-1', alice);
    await h.send(claim);
    expect(h.connector.replies(TRIAGE, claim.id)[0]!.activity.text).toBe('You own K-1 now.');
    expect(h.db.db.select().from(cases).get()!.ownerId).toBe('teams:aad-alice');

    const unknown = mentionCommand(h.connector.url, 'frobnicate K-1', alice);
    await h.send(unknown);
    expect(JSON.stringify(FakeConnector.card(h.connector.replies(TRIAGE, unknown.id)[0]))).toContain('unknown command');
  });

  it('retries a card the connector refused with 429, after its Retry-After', async () => {
    await install();
    h.connector.failNext(1, { status: 429, retryAfter: '1', method: 'POST' });
    const before = h.clock.now().getTime();
    await h.ingest();
    expect(triageCards()).toHaveLength(0);
    const row = h.db.db.select().from(outbox).where(eq(outbox.kind, 'card.post')).get()!;
    expect(row).toMatchObject({ status: 'pending', lastError: 'Teams rate limit (429)' });
    expect(row.nextAttemptAt.getTime()).toBe(before + 1000);

    h.clock.advance(1000);
    h.worker.kick();
    await vi.waitFor(() => expect(triageCards()).toHaveLength(1), { timeout: 5000, interval: 50 });
    const posts = h.connector.calls.filter((c) => c.method === 'POST' && c.conversationId === TRIAGE && c.activityId === null);
    expect(posts.map((c) => c.status)).toEqual([429, 200]);
  });
});

describe('Teams cards and the X reply rule', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness({ agents: ['aad-alice'] });
    await h.send(botAddedToTeam(h.connector.url));
  });
  afterEach(async () => {
    await h.close();
  });

  it('a case X will not take a public reply for: Reply is left out and the card says why; a stale Reply says why at once', async () => {
    const { markNoPublicReply } = await import('../../adapters/twitter/sent-replies.js');
    const { renderCaseCard } = await import('../../adapters/teams/cards/case-card.js');
    const { loadCaseView } = await import('../../src/cases/view.js');
    await h.ingest({ id: 'kw1', source: 'twitter', text: 'acme refund still missing' });
    const posted = h.connector.topLevel(TRIAGE)[0]!;
    expect(labels(FakeConnector.card(posted))).toContain('Reply');
    markNoPublicReply(h.db.db, 'kw1', 'X takes a public reply only to a post that mentions or quotes @acmecare');

    const card = renderCaseCard(loadCaseView(h.db.db, 1, h.clock.now(), h.cases.sla)!);
    expect(labels(card)).toEqual(['Claim', 'Move to DM', 'Hand off', 'Escalate', 'Resolve']);
    expect(JSON.stringify(card)).toContain('No public reply');
    const stale = await h.send(
      cardAction(h.connector.url, 'klaxon.reply.open', { caseId: 1 }, alice, { channel: TRIAGE, activityId: posted.id }),
    );
    expect(stale.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(stale.body.value).toMatch(
      new RegExp(
        'K-1 cannot be answered in public on twitter: X takes a public reply only to a post that mentions or quotes @acmeca' +
          String.raw`re\. Use Move to DM`,
      ),
    );
  });
});
