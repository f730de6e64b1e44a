/**
 * The triage additions of issue #21 on both cards: harm categories in plain words, the language
 * (and "not scored on text"), the intent, "no action", and the agent's guidance note, each put
 * through the platform's escaping so nothing from outside can become a mention or a link.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/slack/blocks/card.js';
import { renderCaseCard } from '../../adapters/teams/cards/case-card.js';
import { guidanceText, triageText } from '../../src/cases/card-text.js';
import { SLACK_MARKUP } from '../../adapters/slack/blocks/card.js';
import { TEAMS_MARKUP } from '../../adapters/teams/cards/case-card.js';
import type { CaseView } from '../../src/ports.js';

const now = new Date('2026-11-23T10:00:00Z');

function view(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 7,
    ref: 'K-7',
    state: 'open',
    priority: 'P1',
    score: 80,
    reasons: ['crisis: possible self-harm', 'very negative'],
    source: 'twitter',
    author: { handle: 'sam', followers: 12 },
    text: 'I want to end it all',
    isPrivate: false,
    createdAt: now,
    mentionCount: 1,
    reach: 12,
    owner: null,
    firstResponseAt: null,
    firstResponseVia: null,
    resolvedAt: null,
    resolvedBy: null,
    sla: { target: 'first_response', phase: 'ok', dueAt: new Date(now.getTime() + 900_000), remainingMs: 900_000 } as CaseView['sla'],
    incident: null,
    mergedInto: null,
    lastReply: null,
    publicReply: { possible: true, why: null },
    harm: [{ id: 'crisis', label: 'crisis: possible self-harm' }],
    language: { code: 'en', name: 'English', scored: true },
    intent: 'complaint',
    actionable: true,
    guidance: 'Reply privately; share the crisis line.',
    asOf: now,
    version: 1,
    ...overrides,
  };
}

const slackText = (v: CaseView): string => JSON.stringify(renderCard(v).blocks);
const teamsText = (v: CaseView): string => JSON.stringify(renderCaseCard(v));

describe('triage line and guidance on the cards', () => {
  it('names the harm, the guidance and that it is never sent, on Slack and Teams', () => {
    for (const text of [slackText(view()), teamsText(view())]) {
      expect(text).toContain('crisis: possible self-harm');
      expect(text).toContain('Guidance for the agent');
      expect(text).toContain('not sent to the customer');
      expect(text).toContain('share the crisis line');
    }
  });

  it('shows the language when it is not English, and says when the text was not scored', () => {
    const german = view({ harm: [], guidance: null, language: { code: 'de', name: 'German', scored: true } });
    // A complaint is the default and is not named.
    expect(triageText(german, SLACK_MARKUP)).toBe('🌐 German');
    const italian = view({ harm: [], guidance: null, intent: 'other', language: { code: 'it', name: 'Italian', scored: false } });
    expect(triageText(italian, SLACK_MARKUP)).toBe('🌐 Italian — not scored on text  ·  💬 remark');
    expect(slackText(italian)).toContain('Italian — not scored on text');
    expect(teamsText(italian)).toContain('Italian — not scored on text');
  });

  it('marks "no action" and the intent, and says nothing for a plain English complaint', () => {
    const spam = view({ harm: [], guidance: null, intent: 'spam', actionable: false });
    expect(triageText(spam, TEAMS_MARKUP)).toBe('💬 spam  ·  🚫 no action');
    expect(triageText(view({ harm: [], guidance: null }), SLACK_MARKUP)).toBeNull();
    expect(guidanceText(view({ guidance: '   ' }), SLACK_MARKUP)).toBeNull();
  });

  it('keeps the card shape of a case from before these fields existed', () => {
    const old = view();
    delete old.harm;
    delete old.language;
    delete old.intent;
    delete old.actionable;
    delete old.guidance;
    expect(slackText(old)).not.toContain('Guidance');
    expect(renderCard(old).blocks.length).toBe(renderCard(view({ harm: [], guidance: null, intent: 'complaint' })).blocks.length);
  });

  it('escapes whatever a config or a label carries, on both platforms (property)', () => {
    const hostile = fc.oneof(
      fc.string(),
      fc.constantFrom(
        '<!here>',
        '<!channel>',
        '<@U123>',
        '<https://evil.example|click>',
        '&lt;',
        '[x](http://evil.example)',
        '**bold**',
        '\u202e',
        '__proto__',
      ),
    );
    fc.assert(
      fc.property(hostile, hostile, hostile, (label, name, guidance) => {
        const v = view({ harm: [{ id: 'crisis', label }], language: { code: 'xx', name, scored: false }, guidance });
        const slack = [triageText(v, SLACK_MARKUP) ?? '', guidanceText(v, SLACK_MARKUP) ?? ''].join('\n');
        expect(slack).not.toMatch(/<[!@]/);
        expect(slack).not.toMatch(/<https?:/);
        const teams = [triageText(v, TEAMS_MARKUP) ?? '', guidanceText(v, TEAMS_MARKUP) ?? ''].join('\n');
        // An unescaped "[label](http…)" would be a live link in Teams markdown.
        expect(teams).not.toMatch(/(^|[^\\])\[[^\]]*[^\\]\]\(http/);
        // Both still render as cards the platforms accept in size.
        for (const block of renderCard(v).blocks) {
          const t = (block as { text?: { text: string } }).text?.text;
          if (t) expect(t.length).toBeLessThanOrEqual(3000);
        }
      }),
      { numRuns: 200 },
    );
  });

  it('cuts a very long guidance note to fit a Slack section', () => {
    const v = view({ guidance: 'x'.repeat(5000) });
    const section = renderCard(v).blocks.find((b) => JSON.stringify(b).includes('Guidance')) as { text: { text: string } };
    expect(section.text.text.length).toBeLessThanOrEqual(3000);
  });
});
