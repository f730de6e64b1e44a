import { request } from 'node:http';
import { eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { caseEvents } from '../../db/schema/index.js';
import type { PageMessage } from '../../dev/sandbox/page-state.js';
import { SAMPLES } from '../../dev/sandbox/samples.js';
import { buttonPath, channelMessages, startSandboxApp, type SandboxApp } from './setup.js';

const TRIAGE = 'CSBTRIAGE';
const waitLong = { timeout: 5000, interval: 20 };

describe('the sandbox drives the real app through its own Slack (HTTP API of the page)', () => {
  let app: SandboxApp;
  beforeEach(async () => {
    app = await startSandboxApp();
  });
  afterEach(async () => {
    await app.close();
  });

  async function cardFor(text: string): Promise<PageMessage> {
    let card: PageMessage | undefined;
    await vi.waitFor(async () => {
      card = channelMessages(await app.state(), TRIAGE).find((m) => JSON.stringify(m.blocks).includes(text));
      expect(card).toBeDefined();
    }, waitLong);
    return card!;
  }

  it('a mention from the form becomes a card; Claim updates it; /klaxon report answers', async () => {
    const sent = await app.act('mention', {
      handle: '@jane',
      name: 'Jane Doe',
      followers: 48_000,
      verified: true,
      source: 'twitter',
      minutesAgo: 5,
      text: 'Charged twice and nobody answers. Talking to my lawyer.',
    });
    expect(sent).toMatchObject({ status: 200, json: { ok: true, ingest: { status: 202, body: { accepted: 1, duplicates: 0 } } } });

    const card = await cardFor('Talking to my lawyer');
    const blocks = JSON.stringify(card.blocks);
    expect(blocks).toContain('Jane Doe');
    expect(blocks).toContain('48k followers');
    expect(blocks).toContain('👤 Unassigned');
    expect(card.user).toBe('UKLAXONBOT');

    const click = await app.act('click', { channel: TRIAGE, ts: card.ts, path: buttonPath(card, 'klaxon_claim') });
    expect(click).toEqual({ status: 200, json: { ok: true } });
    await vi.waitFor(async () => {
      const updated = channelMessages(await app.state(), TRIAGE).find((m) => m.ts === card.ts)!;
      expect(updated.edited).toBeGreaterThan(0);
      expect(JSON.stringify(updated.blocks)).toContain('Owner: <@UAGENTALEX>');
    }, waitLong);

    const report = await app.act('say', { channel: TRIAGE, text: '/klaxon report' });
    expect(report).toEqual({ status: 200, json: { ok: true } });
    const state = await app.state();
    const answer = state.messages.find((m) => m.ephemeral?.command === '/klaxon report');
    expect(answer).toBeDefined();
    expect(answer!.channel).toBe(TRIAGE);
    expect(JSON.stringify(answer!.blocks ?? answer!.text)).toMatch(/24-hour response rate|response rate/i);
    // Ephemeral: the person who asked sees it, nobody else does.
    expect((await app.state('UAGENTSAM')).messages.some((m) => m.ephemeral)).toBe(false);
  });

  it(
    'Reply opens a modal; a card number is refused by the privacy guard ' + '(pushed view), then sent as a DM that reaches the customer',
    async () => {
      await app.act('mention', { handle: '@ben_t', name: 'Ben Turner', source: 'twitter', text: 'Where is my refund?? Three weeks now.' });
      const card = await cardFor('Where is my refund');
      await app.act('click', { channel: TRIAGE, ts: card.ts, path: buttonPath(card, 'klaxon_reply') });
      let modalId = '';
      await vi.waitFor(async () => {
        const modals = (await app.state()).modals;
        expect(modals).toHaveLength(1);
        expect(JSON.stringify(modals[0]!.view)).toContain('Where is my refund');
        modalId = modals[0]!.id;
      }, waitLong);
      // The modal belongs to the person who clicked.
      expect((await app.state('UAGENTSAM')).modals).toEqual([]);

      const textBlock = ((await app.state()).modals[0]!.view.blocks as { block_id?: string; element?: { action_id?: string } }[]).find(
        (b) => b.element?.action_id === 'klaxon_reply_text',
      )!.block_id!;
      const refused = await app.act('submit', {
        viewId: modalId,
        inputs: { [textBlock]: { klaxon_reply_text: { value: 'Hi Ben, card 4929 1234 5678 9015 is refunded' } } },
      });
      expect(refused.json).toEqual({ status: 'pushed' });
      const stack = (await app.state()).modals;
      expect(stack).toHaveLength(2);
      expect(JSON.stringify(stack[1]!.view)).toContain('payment card number');
      expect((await app.state()).feed.filter((p) => p.kind === 'reply')).toEqual([]);

      const dm = await app.act('submit', { viewId: stack[1]!.id, inputs: {} });
      expect(dm.json).toEqual({ status: 'cleared' });
      await vi.waitFor(async () => {
        const state = await app.state();
        expect(state.modals).toEqual([]);
        const reply = state.feed.find((p) => p.kind === 'reply');
        expect(reply).toMatchObject({ visibility: 'private', source: 'twitter', text: expect.stringContaining('4929 1234 5678 9015') });
        // The card says the private message went out and links to it in the customer's view.
        expect(JSON.stringify(channelMessages(state, TRIAGE).find((m) => m.ts === card.ts)!.blocks)).toContain(`#post-${reply!.id}`);
      }, waitLong);
    },
  );

  it('a form refused by the app keeps the modal open with its errors (response_action: errors)', async () => {
    await app.act('mention', { handle: '@sam', source: 'review', text: 'The app crashes on the payments tab since the update.' });
    const card = await cardFor('payments tab');
    await app.act('click', { channel: TRIAGE, ts: card.ts, path: buttonPath(card, 'klaxon_handoff') });
    let viewId = '';
    await vi.waitFor(async () => {
      viewId = (await app.state()).modals[0]!.id;
    }, waitLong);
    const outcome = await app.act('submit', { viewId, inputs: {} });
    expect(outcome.json).toMatchObject({ status: 'errors', errors: { user: expect.stringContaining('person or a channel') } });
    expect((await app.state()).modals[0]!.errors).toEqual(outcome.json.errors);

    const handed = await app.act('submit', {
      viewId,
      inputs: { user: { user: { selected: 'UAGENTSAM' } }, note: { note: { value: 'you know this one' } } },
    });
    expect(handed.json).toEqual({ status: 'closed' });
    await vi.waitFor(async () => {
      const dm = (await app.state('UAGENTSAM')).messages.filter((m) => m.channel === 'DUAGENTSAM');
      expect(JSON.stringify(dm)).toContain('was handed to you');
      expect(JSON.stringify(dm)).toContain('you know this one');
    }, waitLong);
  });

  it(
    'a message in a card thread is stored and delivered as an internal note; other text in the box is a message, ' +
      'unknown commands are refused',
    async () => {
      await app.act('mention', { handle: '@lucy', source: 'twitter', text: 'How do I add a joint account holder?' });
      const card = await cardFor('joint account holder');
      const note = await app.act('say', { channel: TRIAGE, text: 'Asked the branch team, will answer today', threadTs: card.ts });
      expect(note).toEqual({ status: 200, json: { ok: true } });
      const thread = (await app.state()).messages.filter((m) => m.threadTs === card.ts);
      expect(thread.some((m) => m.user === 'UAGENTALEX' && m.text === 'Asked the branch team, will answer today')).toBe(true);
      await vi.waitFor(() => {
        const notes = app.klaxon.db.db.select().from(caseEvents).where(eq(caseEvents.kind, 'note')).all();
        expect(notes).toMatchObject([{ actor: 'slack:UAGENTALEX', platform: 'slack' }]);
      }, waitLong);

      const unknown = await app.act('say', { channel: TRIAGE, text: '/giphy cats' });
      // Changed by issue #14: the message in place is the whole answer (no error for the page to toast).
      expect(unknown.json).toEqual({ ok: true });
      expect(
        (await app.state()).messages.some((m) => m.ephemeral?.command === '/giphy cats' && m.text.includes('not a valid command')),
      ).toBe(true);
    },
  );

  it('"Replay samples" sends every sample to /ingest: the VIP, the influencer and the storm arrive as cards', async () => {
    const replay = await app.act('replay', {});
    expect(replay.json).toMatchObject({ ok: true, ingest: { status: 202, body: { accepted: SAMPLES.length } } });
    await vi.waitFor(
      async () => {
        const cards = channelMessages(await app.state(), TRIAGE).map((m) => JSON.stringify(m.blocks));
        expect(cards.some((c) => c.includes('margaret_hale') && c.includes('VIP'))).toBe(true);
        expect(cards.some((c) => c.includes('techwithtara') && c.includes('250k followers'))).toBe(true);
        expect(cards.filter((c) => c.includes('no signal') || c.includes('No signal')).length).toBeGreaterThan(0);
        // Backdated samples are already late: at least one card shows an overdue or at-risk SLA.
        expect(cards.some((c) => c.includes('overdue') || c.includes('due soon'))).toBe(true);
      },
      { timeout: 10_000, interval: 50 },
    );
    expect((await app.state()).feed.filter((p) => p.kind === 'mention').length).toBeGreaterThan(20);
  });

  it('refuses what is not the page: foreign origins, non-JSON actions, a wrong bot token, unknown users', async () => {
    expect((await app.act('replay', {}, { origin: 'https://evil.example' })).status).toBe(403);
    const form = await fetch(`${app.url}/sandbox/ui/replay`, {
      method: 'POST',
      headers: { 'content-type': 'application/x-www-form-urlencoded' },
      body: 'user=UAGENTALEX',
    });
    expect(form.status).toBe(415);
    // DNS rebinding: a foreign name resolving to this machine (fetch cannot set Host; node:http can).
    const rebound = await new Promise<number>((resolve, reject) => {
      request(`${app.url}/sandbox/state`, { headers: { host: 'attacker.example' } }, (res) => {
        res.resume();
        resolve(res.statusCode ?? 0);
      })
        .on('error', reject)
        .end();
    });
    expect(rebound).toBe(403);
    const api = await fetch(`${app.url}/sandbox/api/chat.postMessage`, {
      method: 'POST',
      headers: { authorization: 'Bearer xoxb-guess', 'content-type': 'application/x-www-form-urlencoded' },
      body: 'channel=CSBTRIAGE&text=hi',
    });
    expect(await api.json()).toEqual({ ok: false, error: 'invalid_auth' });
    const stranger = await app.act('say', { user: 'UNOBODY', channel: TRIAGE, text: 'hi' });
    expect(stranger.status).toBe(400);
    expect(app.sandbox.workspace.messages).toEqual([]);
  });

  it('never sends its secrets to the page', async () => {
    const page = await fetch(`${app.url}/sandbox/state?user=UAGENTALEX`).then((r) => r.text());
    const html = await fetch(`${app.url}/sandbox/`).then((r) => r.text());
    for (const secret of [app.sandbox.env.SLACK_BOT_TOKEN!, app.sandbox.env.SLACK_SIGNING_SECRET!]) {
      expect(page).not.toContain(secret);
      expect(html).not.toContain(secret);
    }
    expect(app.sandbox.env.SLACK_BOT_TOKEN).toMatch(/^xoxb-sandbox-/);
    expect(app.sandbox.env.SLACK_API_URL).toBe(`${app.url}/sandbox/api/`);
  });
});
