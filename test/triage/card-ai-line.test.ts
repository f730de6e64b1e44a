import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { renderCard } from '../../adapters/slack/blocks/card.js';
import { renderCaseCard } from '../../adapters/teams/cards/case-card.js';
import { PRIORITIES } from '../../src/domain/priority.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { loadCaseView } from '../../src/cases/view.js';
import type { CaseView } from '../../src/ports.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

/** The AI line on both platforms' cards, for any reason a model may write. */
describe('the AI triage line on a card', () => {
  let core: Core;
  let base: CaseView;
  beforeAll(async () => {
    core = makeCore();
    await ingestMentions(core.ingest, [parsed(mention({ id: '1', text: 'My parcel is late' }))]);
    base = loadCaseView(core.handle.db, 1, core.clock.now(), core.cases.sla)!;
  });
  afterAll(() => core.handle.close());

  const ai = fc.record({
    model: fc.string({ maxLength: 60 }),
    reason: fc.string({ unit: 'binary', maxLength: 400 }),
    category: fc.constantFrom('fraud', 'none', 'safety', '__proto__'),
    intent: fc.constantFrom('complaint', 'praise'),
    language: fc.constantFrom('en', 'de', 'und', ''),
    from: fc.constantFrom(...PRIORITIES),
    to: fc.constantFrom(...PRIORITIES),
  });

  it('Slack: marked as AI, escaped, within block limits; absent without a triage', () => {
    expect(JSON.stringify(renderCard({ ...base, ai: null }).blocks)).not.toContain('🤖');
    fc.assert(
      fc.property(ai, (a) => {
        const { blocks } = renderCard({ ...base, ai: a });
        const why = blocks.find((b) => b.type === 'context' && JSON.stringify(b).includes('🤖'));
        expect(why).toBeDefined();
        const line = (why as { elements: { text: string }[] }).elements.find((e) => e.text.includes('🤖'))!.text;
        expect(line.length).toBeLessThanOrEqual(3000);
        expect(line.startsWith('🤖 *AI*')).toBe(true);
        // A model cannot inject a mention or a link: Slack's control characters are escaped.
        expect(line).not.toMatch(/<[!@#]/);
        expect(line).not.toContain('[object Object]');
      }),
      { numRuns: 200 },
    );
  });

  it('Teams: marked as AI and escaped', () => {
    fc.assert(
      fc.property(ai, (a) => {
        const json = JSON.stringify(renderCaseCard({ ...base, ai: a }));
        expect(json).toContain('🤖 ');
        expect(json).toContain('"text":"AI","weight":"Bolder"');
        expect(json).not.toContain('<at>');
        expect(json).not.toContain('[object Object]');
      }),
      { numRuns: 200 },
    );
    const card = JSON.stringify(
      renderCaseCard({
        ...base,
        ai: {
          model: 'm',
          reason: '**bold** [x](http://evil.example) <at>@all</at>',
          category: 'fraud',
          intent: 'complaint',
          language: 'en',
          from: 'P4',
          to: 'P3',
        },
      }),
    );
    expect(card).toContain('possible fraud');
    expect(card).toContain('P4 → P3');
    // Plain TextRuns: markdown is shown as typed, never a link, a mention or bold.
    expect(card).toMatch(/"type":"TextRun","text":" \(m\): \*\*bold\*\* \[x\]\(http:\/\/evil\.example\)/);
    expect(card).not.toMatch(/"type":"TextBlock","text":"[^"]*evil/);
    expect(card).not.toMatch(/"url":"http:\/\/evil/);
  });
});
