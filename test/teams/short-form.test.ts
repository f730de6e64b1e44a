import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ACTION_LABELS, caseActions } from '../../src/cases/actions.js';
import type { CaseView, Notice } from '../../src/ports.js';
import { SHORT_TEXT, shortCaseCard, shortNotice } from '../../adapters/teams/cards/short-form.js';
import { cardActivity, textActivity } from '../../adapters/teams/platform.js';
import { caseView, outside, sourceName } from './hostile.js';
import { expectAcceptable } from './surface-check.js';
import { countedBytes } from './strict-rules.js';

/**
 * The smallest limit Teams has documented for a message: posts through Graph or Power Automate
 * stop near 28 KB (PLATFORM-RULES). A short form under it passes wherever a full card could fail.
 */
const SMALLEST_DOCUMENTED_LIMIT = 28 * 1024;
const ON_CALL = '6f1c1c1e-8f43-4c9a-9d5a-3f0e7c0b9a11';
const onCall = { text: '<at>on-call</at>', id: ON_CALL };
const DEEP_LINK = 'https://teams.microsoft.com/l/message/19%3Atriage%40thread.tacv2/1700000000001?tenantId=t';
/** Teams' own codes, and what else a refusal might carry (never shown as it is). */
const refusalCode = fc.oneof(fc.constantFrom('MessageSizeTooBig', 'BadArgument', 'BadSyntax', 'RequestEntityTooLarge'), outside(80));

type Json = Record<string, any>;
const buttonsOf = (card: Json): string[] =>
  (card.body as Json[]).filter((e) => e.type === 'ActionSet').flatMap((s) => (s.actions as Json[]).map((a) => String(a.title)));
const runsOf = (card: Json): string[] =>
  (card.body as Json[]).filter((e) => e.type === 'RichTextBlock').flatMap((b) => (b.inlines as Json[]).map((r) => String(r.text)));

describe('Teams short forms: certain to pass, whatever the case holds', () => {
  it(
    'the short case card: accepted by the strict connector, under the smallest documented limit, with ref, priority, source, ' +
      '500 characters and the buttons',
    () => {
      fc.assert(
        fc.property(caseView, refusalCode, (view, code) => {
          const card = shortCaseCard(view, code) as unknown as Json;
          const activity = cardActivity(card as never) as Json;
          expectAcceptable(activity, { urls: [] });
          expect(countedBytes(activity)).toBeLessThan(SMALLEST_DOCUMENTED_LIMIT);
          const runs = runsOf(card);
          expect(runs[0]).toContain(`${view.priority} · ${view.ref} · `);
          // The customer's words: one run, at most 500 characters (and what `inert` adds to defuse mentions).
          const words = runs[1]!;
          expect(words.replace(/\u2060/g, '').length).toBeLessThanOrEqual(SHORT_TEXT);
          const expected = [...caseActions(view).map((a) => ACTION_LABELS[a])];
          if (view.lastReply?.status === 'failed' || view.lastReply?.status === 'uncertain') expected.push('Retry reply');
          const shown = buttonsOf(card);
          expect(shown.slice(0, expected.length)).toEqual(expected);
          expect(shown.length - expected.length).toBeLessThanOrEqual(1);
          // A code that is not one of Teams' plain codes is not shown as it is.
          expect(JSON.stringify(card)).toContain(/^[A-Za-z0-9_]{1,40}$/.test(code) ? `(${code})` : '(refused)');
        }),
        { numRuns: 80 },
      );
    },
  );

  it('the worst case by construction: 50,000 control characters, a 200-character owner, every button', () => {
    const worst = '\u0001'.repeat(50_000);
    const view = fc.sample(caseView, { numRuns: 1, seed: 7 })[0]!;
    const heavy: CaseView = {
      ...view,
      state: 'open',
      text: worst,
      source: worst.slice(0, 200),
      owner: { id: worst.slice(0, 60), name: worst.slice(0, 200) },
      isPrivate: false,
      publicReply: { possible: true, why: null },
      lastReply: { outboxId: 2_000_000_000, status: 'failed', mode: 'public', link: null, error: worst },
      mentionCount: 100_000,
    };
    const activity = cardActivity(shortCaseCard(heavy, 'MessageSizeTooBig')) as Json;
    expectAcceptable(activity, { urls: [] });
    expect(countedBytes(activity)).toBeLessThan(SMALLEST_DOCUMENTED_LIMIT);
    expect(buttonsOf(activity.attachments[0].content)).toEqual([
      'Claim',
      'Reply',
      'Move to DM',
      'Hand off',
      'Escalate',
      'Resolve',
      'Retry reply',
      'Show full text',
    ]);
  });

  it(
    'short notices: escalation, SLA warning and breach, hand-off, spike and text — accepted, small, the mention kept, ' +
      'the note left to the history',
    () => {
      const NOTE = 'NOTE-MARK';
      const trigger = fc.record({
        kind: fc.constantFrom('negative' as const, 'theme' as const),
        scope: sourceName,
        label: outside(200),
        count: fc.nat(),
        windowMinutes: fc.constant(15),
        baseline: fc.constant(null),
        threshold: fc.nat(),
      });
      fc.assert(
        fc.property(
          caseView,
          outside(50_000),
          fc.option(outside(200), { nil: null }),
          fc.array(trigger, { maxLength: 6 }),
          refusalCode,
          (view, note, by, triggers, code) => {
            const withNote = `${NOTE} ${note}`;
            const notices: Notice[] = [
              { kind: 'escalation', view, note: withNote, by, mention: `teams:${ON_CALL}` },
              { kind: 'sla_warning', view, mention: ON_CALL },
              { kind: 'sla_breach', view, mention: 'S0SLACKGROUP' },
              { kind: 'handoff', view, note: withNote, by, cardLink: DEEP_LINK },
              { kind: 'spike', alert: { at: '2026-11-23T10:00:00Z', triggers, samples: [] }, mention: ON_CALL },
            ];
            for (const notice of notices) {
              const rendered = shortNotice(notice, code);
              expect(typeof rendered).toBe('object');
              const activity = cardActivity(rendered as never) as Json;
              expectAcceptable(activity, { urls: [DEEP_LINK], mentions: [onCall] });
              expect(countedBytes(activity)).toBeLessThan(SMALLEST_DOCUMENTED_LIMIT);
              expect(JSON.stringify(activity)).not.toContain(NOTE);
              if ('view' in notice) expect(JSON.stringify(activity)).toContain(notice.view.ref);
            }
            const mentioned = JSON.stringify(shortNotice(notices[0]!, code));
            expect(mentioned).toContain('<at>on-call</at>');
            const text = shortNotice({ kind: 'text', text: note }, code);
            expect(typeof text).toBe('string');
            expect((text as string).length).toBeLessThanOrEqual(SHORT_TEXT);
            expectAcceptable(textActivity(text as string) as Json, { urls: [] });
          },
        ),
        { numRuns: 40 },
      );
    },
  );
});
