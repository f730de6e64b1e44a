import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { renderCaseCard } from '../../adapters/teams/cards/case-card.js';
import { escapeMd } from '../../adapters/teams/cards/elements.js';
import { renderNotice } from '../../adapters/teams/cards/notice.js';
import { renderOutcome } from '../../adapters/teams/cards/outcome.js';
import { activityRef, parseActivityRef } from '../../adapters/teams/ids.js';
import { conversationOfUrl, retryAfterMs } from '../../adapters/teams/transport.js';
import { USAGE_LINES } from '../../src/commands/parse.js';
import type { CaseView } from '../../src/ports.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { loadSlaOverview } from '../../src/reports/sla-overview.js';
import { openDatabase } from '../../db/client.js';

const now = new Date('2026-11-23T10:00:00Z');

function view(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 42,
    ref: 'K-42',
    state: 'open',
    priority: 'P1',
    score: 91,
    reasons: ['VIP', '48k followers', 'mentions legal action'],
    source: 'twitter',
    author: { id: '1', handle: 'jane', name: 'Jane *Doe*', followers: 48_000, verified: true },
    text: 'Charged twice. [click me](http://evil.example) **now**',
    url: 'https://x.com/jane/status/1',
    isPrivate: false,
    publicReply: { possible: true, why: null },
    createdAt: now,
    mentionCount: 1,
    reach: 48_000,
    owner: null,
    firstResponseAt: null,
    firstResponseVia: null,
    resolvedAt: null,
    resolvedBy: null,
    sla: { target: 'first_response', phase: 'ok', dueAt: new Date(now.getTime() + 3_600_000), remainingMs: 3_600_000 } as CaseView['sla'],
    incident: null,
    mergedInto: null,
    lastReply: null,
    asOf: now,
    version: 1,
    ...overrides,
  };
}

const actions = (card: { body: any[] }) => card.body.filter((e) => e.type === 'ActionSet').flatMap((s) => s.actions);

describe('Teams Adaptive Cards', () => {
  it('a case card is a 1.5 card whose buttons are Action.Execute with the contract labels, customer text never markdown', () => {
    const card = renderCaseCard(view());
    expect(card.version).toBe('1.5');
    expect(actions(card).map((a) => [a.type, a.title, a.verb])).toEqual([
      ['Action.Execute', 'Claim', 'klaxon.claim'],
      ['Action.Execute', 'Reply', 'klaxon.reply.open'],
      ['Action.Execute', 'Move to DM', 'klaxon.dm.open'],
      ['Action.Execute', 'Hand off', 'klaxon.handoff.open'],
      ['Action.Execute', 'Escalate', 'klaxon.escalate.open'],
      ['Action.Execute', 'Resolve', 'klaxon.resolve.open'],
    ]);
    // Older clients get an Action.Submit carrying the same verb.
    expect(actions(card)[0].fallback).toEqual({ type: 'Action.Submit', title: 'Claim', data: { caseId: 42, klaxonVerb: 'klaxon.claim' } });
    const json = JSON.stringify(card);
    // The tweet sits in a TextRun (not parsed as markdown), not in a TextBlock.
    expect(
      card.body.some(
        (e: any) =>
          e.type === 'Container' &&
          JSON.stringify(e).includes('"type":"TextRun","text":"Charged twice. [click me](http://evil.example) **now**"'),
      ),
    ).toBe(true);
    expect(
      card.body
        .filter((e: any) => e.type === 'TextBlock')
        .map((e: any) => e.text)
        .join('\n'),
    ).not.toContain('[click me]');
    expect(json).toContain('{{DATE(2026-11-23T11:00:00Z,SHORT)}}');
  });

  it('a storm card shows the count, reach and sample mentions as plain text', () => {
    const json = JSON.stringify(
      renderCaseCard(
        view({ mentionCount: 12, reach: 90_000, incident: { samples: [{ handle: 'sam', followers: 1200, text: 'Outage **again**' }] } }),
      ),
    );
    expect(json).toContain('Storm: 12 mentions');
    expect(json).toContain('"type":"TextRun","text":"Outage **again**"');
    expect(JSON.stringify(renderCaseCard(view({ mergedInto: 7 })))).toContain('Merged into storm K-7');
  });

  it('a resolved case offers Reopen only; a failed reply offers Retry reply', () => {
    expect(actions(renderCaseCard(view({ state: 'resolved' }))).map((a) => a.title)).toEqual(['Reopen']);
    const failed = renderCaseCard(view({ lastReply: { outboxId: 7, status: 'failed', mode: 'public', link: null, error: 'HTTP 500' } }));
    expect(actions(failed).at(-1)).toMatchObject({ title: 'Retry reply', data: { caseId: 42, outboxId: 7 } });
  });

  it('stays well under Teams’ 28 KB message limit for the longest mention', () => {
    const card = renderCaseCard(view({ text: 'é'.repeat(10_000), reasons: Array.from({ length: 30 }, (_, i) => `reason ${i}`) }));
    expect(Buffer.byteLength(JSON.stringify(card))).toBeLessThan(20_000);
  });

  it('escapes markdown in config values, and never puts names or reasons in markdown at all', () => {
    expect(escapeMd('Jane *Doe* [x](y) <at>a</at>')).toBe('Jane \\*Doe\\* \\[x\\](y) \\<at\\>a\\</at\\>');
    const card = renderCaseCard(view({ owner: { id: 'teams:aad', name: '_Bob_' }, reasons: ['**VIP**'] }));
    expect(JSON.stringify(card)).toContain('{"type":"TextRun","text":"_Bob_","weight":"Bolder"}');
    expect(JSON.stringify(card)).toContain('{"type":"TextRun","text":"**VIP**"}');
    const markdown = card.body
      .filter((e: any) => e.type === 'TextBlock')
      .map((e: any) => e.text)
      .join('\n');
    expect(markdown).not.toContain('Bob');
    expect(markdown).not.toContain('VIP');
  });

  it('renders every command outcome and notice without throwing', () => {
    const sla = slaConfigSchema.parse({});
    const overview = loadSlaOverview(openDatabase(':memory:').db, sla, now);
    expect(renderOutcome({ kind: 'help', lines: USAGE_LINES, error: 'unknown command "x"' }).card?.body[0]).toMatchObject({
      type: 'RichTextBlock',
      inlines: [{ color: 'attention' }],
    });
    expect(renderOutcome({ kind: 'text', text: 'You own K-1 now.', public: false })).toEqual({ text: 'You own K-1 now.' });
    expect(JSON.stringify(renderOutcome({ kind: 'queue', title: 'Open cases', views: [view()], total: 1 }).card)).toContain('K-42');
    expect(renderOutcome({ kind: 'queue', title: 'Open cases', views: [], total: 0 }).text).toBe('Open cases: none. 🎉');
    expect(JSON.stringify(renderOutcome({ kind: 'sla', overview }).card)).toContain('No open case is at risk or in breach');
    expect(JSON.stringify(renderOutcome({ kind: 'sla', overview: { ...overview, breached: [view()], breachedTotal: 3 } }).card)).toContain(
      '{"type":"TextRun","text":"🚨 In breach","weight":"Bolder"},{"type":"TextRun","text":" (3, showing 1)"}',
    );
    expect(
      JSON.stringify(renderOutcome({ kind: 'privacy_blocked', caseId: 42, message: 'It contains an email address.', draftKey: 'k1' }).card),
    ).toContain('"klaxonVerb":"klaxon.reply.asDm"');
    const escalation = renderNotice({
      kind: 'escalation',
      view: view(),
      note: 'journalist',
      by: 'Alice',
      mention: 'teams:6f1c1c1e-8f43-4c9a-9d5a-3f0e7c0b9a11',
    });
    expect(typeof escalation === 'object' && escalation.msteams?.entities?.[0]?.mentioned.id).toBe('6f1c1c1e-8f43-4c9a-9d5a-3f0e7c0b9a11');
    // A Slack user group means nothing in Teams: no mention.
    const slackOnCall = renderNotice({ kind: 'sla_breach', view: view(), mention: 'S0ONCALL' });
    expect(JSON.stringify(slackOnCall)).not.toContain('S0ONCALL');
    expect(renderNotice({ kind: 'text', text: 'hello' })).toBe('hello');
  });
});

describe('Teams ids and connector helpers', () => {
  it('message refs round-trip conversation ids with colons and semicolons', () => {
    const ref = activityRef('19:abc@thread.tacv2;messageid=17', '1:xyz');
    expect(ref.split(':')).toHaveLength(3);
    expect(parseActivityRef(ref)).toEqual({ conversationId: '19:abc@thread.tacv2;messageid=17', activityId: '1:xyz' });
    expect(() => parseActivityRef('slack:C1:1.2')).toThrow();
  });

  it('reads Retry-After in every form the connector may send', () => {
    const headers = (h: Record<string, string>) => ({ get: (n: string) => h[n] ?? null });
    const t = Date.parse('2026-11-23T10:00:00Z');
    expect(retryAfterMs(headers({ 'retry-after': '3' }), t)).toBe(3000);
    expect(retryAfterMs(headers({ 'retry-after-ms': '250' }), t)).toBe(250);
    expect(retryAfterMs(headers({ 'retry-after': 'Mon, 23 Nov 2026 10:00:05 GMT' }), t)).toBe(5000);
    expect(retryAfterMs(headers({}), t)).toBe(1000);
  });

  it('paces per channel: a thread reply counts against its channel', () => {
    expect(conversationOfUrl('http://127.0.0.1:1/v3/conversations/19%3Aabc%40thread.tacv2%3Bmessageid%3D17/activities/17')).toBe(
      '19:abc@thread.tacv2',
    );
    expect(conversationOfUrl('http://127.0.0.1:1/v3/conversations')).toBe('(service)');
  });
});

describe('Teams app package', () => {
  const dir = join(import.meta.dirname, '../../adapters/teams/app-package');
  const png = (name: string) => {
    const bytes = readFileSync(join(dir, name));
    return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
  };

  it('has a manifest naming the icons and the bot, and icons of the sizes Teams requires', () => {
    const manifest = JSON.parse(readFileSync(join(dir, 'manifest.json'), 'utf8'));
    expect(manifest.icons).toEqual({ color: 'color.png', outline: 'outline.png' });
    expect(manifest.bots[0].botId).toBe(manifest.id);
    expect(manifest.webApplicationInfo.id).toBe(manifest.id);
    const commands = manifest.bots[0].commandLists[0].commands.map((c: { title: string }) => c.title);
    expect(commands.length).toBeLessThanOrEqual(10);
    for (const command of commands) expect(USAGE_LINES.some((l) => l.startsWith(command) || l.includes(` / ${command}`))).toBe(true);
    expect(png('color.png')).toEqual({ width: 192, height: 192 });
    expect(png('outline.png')).toEqual({ width: 32, height: 32 });
  });
});
