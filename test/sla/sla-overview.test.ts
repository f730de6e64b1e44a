import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { renderSlaBlocks } from '../../adapters/slack/blocks/sla.js';
import { cases } from '../../db/schema/index.js';
import type { Priority } from '../../src/domain/priority.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { loadSlaOverview } from '../../src/reports/sla-overview.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const NOW = new Date('2026-11-23T12:00:00Z');
const MIN = 60_000;
const sla = slaConfigSchema.parse({
  calendars: {
    office: { timeZone: 'Europe/London', periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }] },
  },
  policies: { P3: { calendar: 'office' } },
});

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };

function allText(blocks: unknown[]): string[] {
  return (blocks as Block[]).flatMap((b) =>
    [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)].filter(
      (t): t is string => typeof t === 'string',
    ),
  );
}

describe('/klaxon sla overview', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  async function open(id: string, minutesAgo: number, priority: Priority, patch: Partial<typeof cases.$inferInsert> = {}): Promise<number> {
    const caseId = (
      await ingestMentions(core.ingest, [parsed(mention({ id, createdAt: new Date(NOW.getTime() - minutesAgo * MIN).toISOString() }))])
    ).opened[0]!;
    core.handle.db
      .update(cases)
      .set({ priority, ...patch })
      .where(eq(cases.id, caseId))
      .run();
    return caseId;
  }

  it('lists breached and at-risk cases, most urgent first, on the clock the card shows', async () => {
    core = makeCore({ now: NOW.toISOString() });
    const p1Late = await open('a', 30, 'P1'); // 15 m target: 15 m overdue
    const p2Risk = await open('b', 50, 'P2'); // 60 m target: at risk (≥ 45 m)
    await open('c', 10, 'P2'); // fine
    const p1Later = await open('d', 20, 'P1'); // 5 m overdue
    // resolution 240 m: overdue
    const answeredLate = await open('e', 300, 'P1', { firstResponseAt: new Date(NOW.getTime() - 290 * MIN), firstResponseVia: 'outside' });
    await open('f', 300, 'P1', { state: 'resolved', resolvedAt: NOW }); // closed: not listed
    await open('g', 300, 'P1', { actionable: false }); // no action: not listed
    const overview = loadSlaOverview(core.handle.db, sla, NOW);
    // Earliest due first: e's resolution was due 60 m ago, a's first response 15 m ago, d's 5 m ago.
    expect(overview.breached.map((v) => v.id)).toEqual([answeredLate, p1Late, p1Later]);
    expect(overview.breached.find((v) => v.id === answeredLate)?.sla.target).toBe('resolution');
    expect(overview.atRisk.map((v) => v.id)).toEqual([p2Risk]);
    expect(overview.breachedTotal).toBe(3);
    expect(overview.policies.find((p) => p.priority === 'P3')).toEqual({
      priority: 'P3',
      firstResponseMinutes: 240,
      resolutionMinutes: 4320,
      calendar: 'office',
      timeZone: 'Europe/London',
    });

    const { text, blocks } = renderSlaBlocks(overview);
    expect(text).toBe('SLA: 3 in breach, 1 at risk');
    const lines = allText(blocks).join('\n');
    expect(lines).toContain('🚨 *In breach* (3)');
    expect(lines).toContain(`*K-${p1Late}* P1`);
    expect(lines).toContain('first response overdue by 15m');
    expect(lines).toContain('resolution overdue by');
    expect(lines).toContain('⚠️ *At risk* (1)');
    expect(lines).toContain('first response due in 10m');
    expect(lines).toContain('business hours (office, Europe/London)');
  });

  it('caps long lists and says how many more; stays within Slack limits', async () => {
    core = makeCore({ now: NOW.toISOString() });
    for (let i = 0; i < 40; i++) await open(`x${i}`, 100 + i, 'P1');
    const overview = loadSlaOverview(core.handle.db, sla, NOW, 15);
    expect(overview.breached).toHaveLength(15);
    expect(overview.breachedTotal).toBe(40);
    const { blocks } = renderSlaBlocks(overview);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const t of allText(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    expect(allText(blocks).join('\n')).toContain('…and 25 more');
  });

  it('says so when nothing is at risk', () => {
    core = makeCore({ now: NOW.toISOString() });
    const { blocks } = renderSlaBlocks(loadSlaOverview(core.handle.db, sla, NOW));
    expect(allText(blocks).join('\n')).toContain('No open case is at risk or in breach');
  });
});
