import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { capabilityNote } from '../../adapters/source-kit/card-note.js';
import { renderCard } from '../../adapters/slack/blocks/card.js';
import { renderCaseCard } from '../../adapters/teams/cards/case-card.js';
import type { CaseView } from '../../src/ports.js';

const now = new Date('2026-11-23T10:00:00Z');

function view(overrides: Partial<CaseView> = {}): CaseView {
  return {
    id: 7,
    ref: 'K-7',
    state: 'open',
    priority: 'P2',
    score: 60,
    reasons: ['complaint'],
    source: 'facebook',
    author: { id: '1', name: 'Jane Doe' },
    text: 'My parcel is lost',
    isPrivate: true,
    publicReply: { possible: false, why: null },
    createdAt: now,
    mentionCount: 1,
    reach: 0,
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

const slackText = (v: CaseView) => JSON.stringify(renderCard(v).blocks);
const teamsText = (v: CaseView) => JSON.stringify(renderCaseCard(v));

describe("a source's note on the card", () => {
  it('capabilities become one line: a deadline with its time, or the reason a reply cannot go', () => {
    const until = new Date(now.getTime() + 3 * 3_600_000);
    expect(
      capabilityNote(
        { publicReply: { possible: false, why: 'private' }, privateReply: { possible: true, why: 'Messenger window closes in 3h', until } },
        true,
      ),
    ).toEqual({ text: '🕒 Messenger window closes in 3h', until });
    expect(
      capabilityNote({ publicReply: { possible: false, why: 'private' }, privateReply: { possible: false, why: 'window closed' } }, true),
    ).toEqual({ text: '⛔ window closed' });
    expect(
      capabilityNote(
        { publicReply: { possible: false, why: 'token expired' }, privateReply: { possible: false, why: 'token expired' } },
        false,
      ),
    ).toEqual({ text: '⛔ token expired' });
    expect(capabilityNote({ publicReply: { possible: true }, privateReply: { possible: true } }, false)).toBeNull();
  });

  it("Slack and Teams show it on open cards only, with the time in the reader's zone", () => {
    const note = { text: '🕒 Messenger window closes in 3h', until: new Date(now.getTime() + 3 * 3_600_000) };
    expect(slackText(view({ sourceNote: note }))).toContain('🕒 Messenger window closes in 3h (<!date^1795438800^');
    expect(teamsText(view({ sourceNote: note }))).toContain('🕒 Messenger window closes in 3h');
    expect(slackText(view({ sourceNote: note, state: 'resolved' }))).not.toContain('window closes');
    expect(slackText(view())).not.toContain('🕒');
  });

  it("escapes whatever a note says (it may quote a platform's words)", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 5000 }), (text) => {
        const slack = renderCard(view({ sourceNote: { text: `⛔ ${text}` } }));
        const context = JSON.stringify(slack.blocks);
        expect(context).not.toMatch(/<!(here|channel|everyone)/);
        const lines = slack.blocks
          .filter((b) => b.type === 'context')
          .flatMap((b) => (b as unknown as { elements: { text?: string }[] }).elements.map((e) => e.text ?? ''));
        expect(lines.length).toBeGreaterThan(0);
        for (const line of lines) expect(line.length).toBeLessThanOrEqual(3000);
      }),
      { numRuns: 200 },
    );
    expect(slackText(view({ sourceNote: { text: '⛔ <!here> *refused* <https://evil.example|click>' } }))).toContain('&lt;!here&gt;');
  });
});
