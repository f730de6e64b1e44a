import { and, eq } from 'drizzle-orm';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { caseEvents, cases } from '../../db/schema/index.js';
import { ManualClock } from '../../src/clock.js';
import { createLogger } from '../../src/log.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness, type HarnessOptions } from '../helpers/harness.js';
import { mention, postIngest } from '../helpers/ingest.js';
import { blockActionsBody, eventBody, postSlack, postSlackJson, slashCommandBody, viewSubmissionBody } from '../helpers/slack.js';
import { startWebhookReceiver } from '../helpers/webhook-receiver.js';
import { mrkdwnTexts, payloadProblems } from '../slack/mrkdwn-safety.js';

const SECRET = TEST_SECRETS.SLACK_SIGNING_SECRET;
const alice = { id: 'UALICE', name: 'alice' };

/** A 200-character link, as e-mail clients write them. */
const LONG_LINK = `https://track.shop.example/orders/2026/11/${'A1b2C3d4'.repeat(14)}?utm_source=email&utm_campaign=refund`.slice(0, 200);

/**
 * A 6,800-character e-mail in forty paragraphs: a quoted earlier thread (`>` on every line),
 * addresses in angle brackets, ampersands and a 200-character link — the input that once made a
 * card section of 3,118 characters.
 */
function longEmail(): string {
  const paragraphs = Array.from({ length: 40 }, (_, i) =>
    i % 5 === 4
      ? `> On ${i + 1} Nov, Support <support@shop.example> wrote:\n> We're "looking into it" & will reply <soon>.`
      : `Paragraph ${i + 1}: I ordered a washing machine & dryer (order #${1000 + i}) and it never came. ` +
        `Your tracking page at ${i === 3 ? LONG_LINK : 'the usual link'} says "delivered" — it was not.`,
  );
  let text = paragraphs.join('\n\n');
  while (text.length < 6800) text += ' Still waiting & still paying.';
  return text.slice(0, 6800);
}

describe('real-world sizes and hostile input against the strict Slack fake', () => {
  let h: Harness;
  const clock = new ManualClock(Date.now());
  const start = async (options: HarnessOptions = {}) => {
    clock.set(Date.now());
    h = await startHarness({ clock, ...options, file: { escalation: { onCall: 'S0ONCALL' }, ...options.file } });
    return h;
  };
  afterEach(async () => {
    await h?.close();
  });

  const ingest = async (overrides: Parameters<typeof mention>[0]) => {
    const res = await postIngest(
      h.url,
      mention({ createdAt: new Date(clock.now().getTime() - 60_000).toISOString(), ...overrides }),
      TEST_SECRETS.INGEST_SECRET,
      clock.now(),
    );
    await h.klaxon.worker.idle();
    return res;
  };
  const card = (channel = 'CTRIAGE') => h.workspace.topLevel(channel)[0]!;
  const click = (actionId: string, value = '1') =>
    postSlack(h.url, SECRET, blockActionsBody({ actionId, value, user: alice, channel: 'CTRIAGE', messageTs: card().ts }));
  const submit = (callbackId: string, values: Record<string, Record<string, unknown>>) =>
    postSlack(h.url, SECRET, viewSubmissionBody({ callbackId, privateMetadata: JSON.stringify({ caseId: 1 }), values, user: alice }));
  const command = (text: string) => postSlack(h.url, SECRET, slashCommandBody({ text, user: alice, channel: 'CTRIAGE' }));
  const events = (kind: string) =>
    h.klaxon.db.db
      .select()
      .from(caseEvents)
      .where(and(eq(caseEvents.caseId, 1), eq(caseEvents.kind, kind)))
      .all();
  const squash = (t: string) => t.replace(/\s+/g, '');

  it('a 6,800-character e-mail: card posted, Reply modal opens, whole text on demand, escalation with a 3,000-character note', async () => {
    await start();
    const text = longEmail();
    expect(text.length).toBe(6800);
    expect(
      (
        await ingest({
          id: 'mail-1',
          source: 'email',
          private: true,
          text,
          url: LONG_LINK,
          author: { id: 'c1', name: 'Dana Customer <dana@example.com>' },
        })
      ).status,
    ).toBe(202);
    expect(h.workspace.refusals).toEqual([]);
    const posted = card();
    const blocks = JSON.stringify(posted.blocks);
    expect(blocks).toContain('Show full text');
    expect(blocks).toContain('Open on email');

    await click('klaxon_reply');
    await vi.waitFor(() => expect(h.workspace.views.map((v) => v.view.callback_id)).toContain('klaxon_reply_modal'));

    await click('klaxon_full_text');
    await vi.waitFor(() => expect(h.workspace.views.map((v) => v.view.callback_id)).toContain('klaxon_full_text_modal'));
    const full = h.workspace.views.find((v) => v.view.callback_id === 'klaxon_full_text_modal')!.view as {
      blocks: { type: string; text?: { type: string; text: string } }[];
    };
    const shown = full.blocks
      .filter((b) => b.type === 'section')
      .map((b) => b.text!.text)
      .join('');
    expect(squash(shown)).toBe(squash(text));

    const note = (
      `Legal threat & press interest <urgent>. ` +
      `${'The customer has written four times & was promised a call-back <twice>. '.repeat(60)}`
    ).slice(0, 3000);
    expect(note.length).toBe(3000);
    expect((await submit('klaxon_escalate_modal', { note: { note: { type: 'plain_text_input', value: note } } })).status).toBe(200);
    await h.klaxon.worker.idle();
    const escalation = h.workspace.topLevel('CESCALATE');
    expect(escalation).toHaveLength(1);
    const said = mrkdwnTexts(escalation[0]!.blocks)
      .map((t) => t.text.replace(/&lt;/g, '<').replace(/&gt;/g, '>').replace(/&amp;/g, '&'))
      .join('\n');
    expect(squash(said)).toContain(squash(note));
    expect(said).toContain('<!subteam^S0ONCALL>');
    expect(h.workspace.refusals).toEqual([]);
  });

  it('App Home with hostile, very long cases passes Slack and carries no outside command', async () => {
    await start();
    const hostile = `<!here> <@U0ADMIN> <https://evil.example|Reset your password> & ${'🔥 שלום\u200F\n'.repeat(4000)}`;
    for (let i = 0; i < 12; i += 1) {
      await ingest({
        id: `home-${i}`,
        text: `${hostile}${i}`.slice(0, 50_000),
        author: { id: `a${i}`, handle: `<!channel>${i}`, name: `<@U0ADMIN> & ${'x'.repeat(190)}` },
      });
    }
    await command('claim K-1');
    await postSlackJson(
      h.url,
      SECRET,
      eventBody({ type: 'app_home_opened', user: 'UALICE', channel: 'DUALICE', tab: 'home', event_ts: '1.1' }),
    );
    await vi.waitFor(() => expect(h.workspace.callsTo('views.publish')).toHaveLength(1));
    expect(h.workspace.refusals).toEqual([]);
    const home = h.workspace.views.find((v) => v.triggerId === 'home')!.view;
    expect(payloadProblems({ view: home }, { users: ['UALICE'] })).toEqual([]);
  });

  it('a hostile URL never becomes a command or a disguised link; javascript: is refused at ingest', async () => {
    await start();
    const hostile = 'https://shop.example/r/1>x <!here> <https://evil.example|Reset your password';
    expect(
      (await ingest({ id: 'u1', url: hostile, text: 'See <!channel> and <https://evil.example|click here> & <@U0ADMIN>' })).status,
    ).toBe(202);
    const posted = card();
    const all = [posted.text, ...mrkdwnTexts(posted.blocks).map((t) => t.text)].join('\n');
    expect(all).not.toMatch(/<!here|<!channel|<@U0ADMIN|<https:\/\/evil/);
    expect(all).not.toMatch(/\|Reset your password>/);
    expect(
      payloadProblems(posted, { urls: ['https://shop.example/r/1%3Ex%20%3C!here%3E%20%3Chttps://evil.example%7CReset%20your%20password'] }),
    ).toEqual([]);
    expect(all).toContain(
      '<https://shop.example/r/1%3Ex%20%3C!here%3E%20%3Chttps://evil.example%7CReset%20your%20password|Open on twitter>',
    );

    for (const url of ['javascript:alert(document.cookie)', 'data:text/html,<b>x</b>', 'ftp://files.example/x']) {
      const res = await ingest({ id: `bad-${url.slice(0, 4)}`, url });
      expect(res.status).toBe(400);
      expect(res.json.errors).toEqual([{ index: 0, path: 'url', message: 'url must be an absolute http:// or https:// URL' }]);
    }
    expect(h.workspace.topLevel('CTRIAGE')).toHaveLength(1);
  });

  it('what a reply webhook answers reaches the thread escaped, never as a command or link', async () => {
    const receiver = await startWebhookReceiver(() => ({
      status: 200,
      body: { id: '<!everyone>', url: 'https://support.example/r/1>x <!channel> <https://evil.example|Open>' },
    }));
    try {
      await start({ file: { sources: { review: { replyWebhook: { url: receiver.url } } }, outbound: { allowPrivateTargets: true } } });
      await ingest({ id: 'r1', source: 'review', text: 'Two stars.' });
      expect(
        (await submit('klaxon_reply_modal', { text_0: { klaxon_reply_text: { type: 'plain_text_input', value: 'Sorry about that!' } } }))
          .status,
      ).toBe(200);
      await h.klaxon.worker.idle();
      await vi.waitFor(() => expect(h.workspace.thread('CTRIAGE', card().ts).some((m) => m.text.includes('reply delivered'))).toBe(true));
      for (const m of [...h.workspace.thread('CTRIAGE', card().ts), h.workspace.find('CTRIAGE', card().ts)!]) {
        expect(payloadProblems(m, {})).toEqual([]);
      }
    } finally {
      await receiver.close();
    }
  });

  it('hand-off to a public channel Klaxon is not in: it joins, posts, and the hand-off is confirmed', async () => {
    await start({ channels: [{ id: 'CBILLING', name: 'billing', botMember: false }] });
    await ingest({ id: 'p1' });
    const res = await command('handoff K-1 <#CBILLING|billing> refund question');
    expect(JSON.parse(res.text).text).toBe('K-1 handed off to #billing.');
    await h.klaxon.worker.idle();
    expect(h.workspace.callsTo('conversations.join').map((c) => c.args.channel)).toEqual(['CBILLING']);
    expect(h.workspace.topLevel('CBILLING')).toHaveLength(1);
    expect(events('handed_off')[0]!.detail).toMatchObject({ status: 'pending' });
    expect(events('handoff_confirmed')).toHaveLength(1);
    await h.klaxon.worker.idle();
    expect(h.workspace.thread('CTRIAGE', card().ts).map((m) => m.text)).toContain('📨 Handed off to #billing by alice: refund question');
    expect(h.workspace.refusals).toEqual([]);
  });

  it('hand-off to a private channel Klaxon is not in: refused up front, saying how to invite it; nothing changes', async () => {
    await start({ channels: [{ id: 'GLEGAL', name: 'legal', isPrivate: true, botMember: false }] });
    await ingest({ id: 'g1' });
    await command('claim K-1');
    const modal = await submit('klaxon_handoff_modal', {
      user: { user: { type: 'users_select', selected_user: null } },
      channel: { channel: { type: 'conversations_select', selected_conversation: 'GLEGAL' } },
      note: { note: { type: 'plain_text_input', value: 'for legal' } },
    });
    const answer = JSON.parse(modal.text) as { response_action: string; errors: Record<string, string> };
    expect(answer.response_action).toBe('errors');
    expect(answer.errors.channel).toMatch(/private.*\/invite @klaxon/s);
    const typed = JSON.parse((await command('handoff K-1 <#GLEGAL|legal> for legal')).text) as { text: string };
    expect(typed.text).toMatch(/^Not handed off: .*\/invite @klaxon/s);
    await h.klaxon.worker.idle();
    expect(events('handed_off')).toEqual([]);
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBe('slack:UALICE');
    expect(h.workspace.callsTo('chat.postMessage').filter((c) => c.args.channel === 'GLEGAL')).toEqual([]);
  });

  it('a hand-off the platform refuses when its notice is sent is reverted, and the person is told', async () => {
    await start();
    await ingest({ id: 'f1' });
    await command('claim K-1');
    await h.klaxon.worker.idle();
    // The receiver's DM is refused (the account was deactivated meanwhile, say).
    h.slack.failNext('chat.postMessage', { error: 'channel_not_found' });
    expect(JSON.parse((await command('handoff K-1 <@UBOB|bob> over to you')).text).text).toBe('K-1 handed off to bob.');
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBe('slack:UBOB');
    await h.klaxon.worker.idle();
    await h.klaxon.worker.idle();
    expect(h.klaxon.db.db.select().from(cases).get()!.ownerId).toBe('slack:UALICE');
    expect(events('handoff_failed')).toHaveLength(1);
    expect(events('handoff_confirmed')).toEqual([]);
    const told = h.workspace
      .topLevel('DUALICE')
      .map((m) => m.text)
      .join('\n');
    expect(told).toContain('Your hand-off of K-1 to bob did not go through.');
    expect(told).toContain('K-1 is back with alice.');
    expect(h.workspace.thread('CTRIAGE', card().ts).some((m) => m.text.startsWith('⚠️ Hand-off to bob by alice did not go through'))).toBe(
      true,
    );
  });

  it(
    'every case reaches a channel: a routed public channel is joined; ' + 'a private one Klaxon is not in sends the card to triage',
    async () => {
      await start({
        file: {
          routing: [
            { match: { sources: ['review'] }, slack: 'CREVIEWS' },
            { match: { sources: ['email'] }, slack: 'GVIP' },
          ],
        },
        channels: [
          { id: 'CREVIEWS', name: 'reviews', botMember: false },
          { id: 'GVIP', name: 'vip', isPrivate: true, botMember: false },
        ],
      });
      await ingest({ id: 'rv1', source: 'review', text: 'Two stars, slow delivery.' });
      expect(h.workspace.topLevel('CREVIEWS')).toHaveLength(1);
      expect(h.workspace.callsTo('conversations.join').map((c) => c.args.channel)).toEqual(['CREVIEWS']);

      await ingest({ id: 'em1', source: 'email', private: true, text: 'My invoice is wrong again.' });
      await h.klaxon.worker.idle();
      const moved = h.workspace.topLevel('CTRIAGE');
      expect(moved).toHaveLength(1);
      expect(JSON.stringify(moved[0]!.blocks)).toContain('My invoice is wrong again.');
      const rerouted = h.klaxon.db.db
        .select()
        .from(caseEvents)
        .where(and(eq(caseEvents.caseId, 2), eq(caseEvents.kind, 'card_fallback')))
        .all();
      expect(rerouted.map((e) => e.detail)).toEqual([
        { platform: 'slack', kind: 'card.reroute', code: 'channel_not_found', routedTo: 'GVIP', postedTo: 'CTRIAGE' },
      ]);
      expect(
        h.workspace
          .thread('CTRIAGE', moved[0]!.ts)
          .map((m) => m.text)
          .join('\n'),
      ).toContain('routed to channel GVIP, but Klaxon cannot post there');
      expect(await (await fetch(`${h.url}/metrics`)).text()).toContain(
        'klaxon_card_fallbacks_total{platform="slack",kind="card.reroute",code="channel_not_found"} 1',
      );
    },
  );

  it('a card Slack still refuses goes out in short form: counted, audited, logged with the code and no customer text', async () => {
    const lines: string[] = [];
    await start({ logger: createLogger({ level: 'debug', write: (line) => lines.push(line) }) });
    // A rule the renderer cannot know about: any mrkdwn section over 200 characters is refused.
    h.workspace.extraRules.push((_method, payload) =>
      (Array.isArray(payload.blocks) ? payload.blocks : []).flatMap((b: { type?: string; text?: { type?: string; text?: string } }, i) =>
        b.type === 'section' && b.text?.type === 'mrkdwn' && (b.text.text?.length ?? 0) > 200
          ? [`test rule: over 200 characters [json-pointer:/blocks/${i}/text/text]`]
          : [],
      ),
    );
    const secretish = 'My account number is 12345678 and my complaint is long. '.repeat(20);
    expect((await ingest({ id: 'fb1', text: secretish })).status).toBe(202);
    const posted = card();
    expect(posted).toBeDefined();
    const content = JSON.stringify(posted.blocks);
    expect(content).toContain('Short form: Slack refused the full card');
    for (const label of ['Claim', 'Reply', 'Move to DM', 'Hand off', 'Escalate', 'Resolve', 'Show full text'])
      expect(content).toContain(`"text":"${label}"`);
    expect(h.workspace.refusals.map((r) => r.error)).toEqual(['invalid_blocks']);
    expect(events('card_fallback').map((e) => e.detail)).toEqual([{ platform: 'slack', kind: 'card.post', code: 'invalid_blocks' }]);
    const metrics = await (await fetch(`${h.url}/metrics`)).text();
    expect(metrics).toContain('klaxon_card_fallbacks_total{platform="slack",kind="card.post",code="invalid_blocks"} 1');
    const logged = lines.filter((l) => l.includes('short form'));
    expect(logged).toHaveLength(1);
    expect(logged[0]).toContain('"code":"invalid_blocks"');
    expect(lines.join('\n')).not.toContain('12345678');
    // Claiming updates the card in place; the refused full form falls back again.
    await click('klaxon_claim');
    await vi.waitFor(() => expect(h.workspace.find('CTRIAGE', posted.ts)!.edited).toBe(1));
    expect(JSON.stringify(h.workspace.find('CTRIAGE', posted.ts)!.blocks)).toContain('Short form');
  });
});
