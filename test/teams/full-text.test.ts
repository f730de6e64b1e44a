import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { alice, botAddedToTeam, cardAction, eve, TRIAGE } from './activities.js';
import { FakeConnector } from './fake-connector.js';
import { startTeamsHarness, type TeamsHarness } from './harness.js';

const actionsOf = (card: any): any[] => (card?.body ?? []).filter((e: any) => e.type === 'ActionSet').flatMap((s: any) => s.actions);
const runsOf = (card: any): string =>
  JSON.stringify(card)
    .match(/"type":"TextRun","text":"((?:[^"\\]|\\.)*)"/g)
    ?.join('') ?? '';

/** A long e-mail: forty paragraphs, a long link, other scripts — 25,000 characters in all. */
function longEmail(): string {
  const paragraphs = Array.from(
    { length: 40 },
    (_, i) => `Paragraph ${i + 1}: ${'The refund for order 1234 was promised again and again; nobody answers. '.repeat(8)}مرحبا 👩🏽‍💻`,
  );
  return `${paragraphs.join('\n\n')}\n\nhttps://shop.example/orders/1234?${'q=x&'.repeat(50)}\n\nTHE END`;
}

describe('Show full text on a Teams card', () => {
  let h: TeamsHarness;
  beforeEach(async () => {
    h = await startTeamsHarness({ agents: [alice.aadObjectId] });
    await h.send(botAddedToTeam(h.connector.url));
  });
  afterEach(async () => {
    await h.close();
  });

  it('a long mention is posted cut, and Show full text pages through all of it within the size limit', async () => {
    const text = longEmail();
    expect(text.length).toBeGreaterThan(24_000);
    await h.ingest({ source: 'email', text, private: true });
    expect(h.connector.refused()).toEqual([]);
    const posted = h.connector.topLevel(TRIAGE)[0]!;
    const card = FakeConnector.card(posted)!;
    const show = actionsOf(card).find((a) => a.title === 'Show full text');
    expect(show).toMatchObject({ type: 'Action.Execute', verb: 'klaxon.fulltext', data: { caseId: 1, page: 1 } });
    expect(JSON.stringify(card)).not.toContain('THE END');

    const click = (data: Record<string, unknown>, verb = 'klaxon.fulltext') =>
      h.send(cardAction(h.connector.url, verb, data, alice, { channel: TRIAGE, activityId: posted.id }));
    const pages: string[] = [];
    let res = await click({ caseId: 1, page: 1 });
    for (;;) {
      expect(res.status).toBe(200);
      expect(res.body.type).toBe('application/vnd.microsoft.card.adaptive');
      pages.push(runsOf(res.body.value));
      const next = actionsOf(res.body.value).find((a) => a.title === 'Next page');
      if (!next) break;
      expect(JSON.stringify(res.body.value)).toMatch(/page \d+ of \d+/);
      res = await click(next.data);
    }
    expect(pages.length).toBeGreaterThan(1);
    expect(pages.at(-1)).toContain('THE END');
    expect(pages[0]).toContain('Paragraph 1:');
    expect(actionsOf(res.body.value).map((a) => a.title)).toEqual(['Previous page', 'Back to the case']);

    const back = await click({ caseId: 1 }, 'klaxon.cancel');
    expect(actionsOf(back.body.value).map((a) => a.title)).toContain('Show full text');
    // Only people who may read cases get the whole text.
    const outsider = await h.send(
      cardAction(h.connector.url, 'klaxon.fulltext', { caseId: 1, page: 1 }, eve, { channel: TRIAGE, activityId: posted.id }),
    );
    expect(outsider.body).toMatchObject({ type: 'application/vnd.microsoft.activity.message' });
    expect(outsider.body.value).toMatch(/may read cases/);
    // Reading changes nothing and posts nothing.
    expect(h.connector.topLevel(TRIAGE)).toHaveLength(1);
    expect(h.connector.find(TRIAGE, posted.id)!.updates).toBe(0);
  });

  it('a short mention offers no Show full text', async () => {
    await h.ingest({ text: 'Where is my refund?' });
    const card = FakeConnector.card(h.connector.topLevel(TRIAGE)[0])!;
    expect(actionsOf(card).map((a) => a.title)).not.toContain('Show full text');
  });
});
