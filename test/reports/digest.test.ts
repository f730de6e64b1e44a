import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import type { Priority } from '../../src/domain/priority.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { buildDigest } from '../../src/reports/digest.js';
import { loadCaseFacts } from '../../src/reports/load-facts.js';
import { computeReport } from '../../src/reports/metrics.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const MIN = 60_000;
const NOW = new Date('2026-11-23T09:00:00Z'); // Mon 04:00 in New York (UTC−5 in November)
const TZ = 'America/New_York';
const sla = slaConfigSchema.parse({});

interface Seed {
  id: string;
  handle: string;
  followers?: number;
  createdAt: string;
  answeredAt?: string;
  priority: Priority;
  sentiment: number;
  themes?: string[];
  text?: string;
  resolved?: boolean;
}

/**
 * A hand-made day. Current window [22 Nov 09:00Z, 23 Nov 09:00Z): c1 (250k followers, answered in
 * 10 min), c2 (VIP, unanswered, 21 h old, P2 → overdue), c3 (6 h old, pending; 22 Nov 22:00 in
 * New York but 23 Nov in UTC), c4 (answered in 2 h). Previous window: p1 (answered in 30 min,
 * resolved), p2 (unanswered, 42 h old, P4 → overdue). Older: o1 (answered after 25 h).
 */
const SEEDS: Seed[] = [
  {
    id: 'c1',
    handle: 'bigstar',
    followers: 250_000,
    createdAt: '2026-11-22T10:00:00Z',
    answeredAt: '2026-11-22T10:10:00Z',
    priority: 'P1',
    sentiment: -0.6,
    themes: ['delay', 'refund'],
  },
  { id: 'c2', handle: 'vipguy', followers: 300, createdAt: '2026-11-22T12:00:00Z', priority: 'P2', sentiment: -0.3, themes: ['delay'] },
  {
    id: 'c3',
    handle: 'norm1',
    createdAt: '2026-11-23T03:00:00Z',
    priority: 'P4',
    sentiment: 0.5,
    text: 'Honestly @RivalCo is better than you',
  },
  {
    id: 'c4',
    handle: 'norm2',
    createdAt: '2026-11-22T20:00:00Z',
    answeredAt: '2026-11-22T22:00:00Z',
    priority: 'P3',
    sentiment: 0,
    themes: ['billing'],
    text: '@rivalcorp charges less and bills right',
  },
  {
    id: 'p1',
    handle: 'old1',
    createdAt: '2026-11-21T10:00:00Z',
    answeredAt: '2026-11-21T10:30:00Z',
    priority: 'P3',
    sentiment: -0.2,
    text: '@rivalco is down again, are you too?',
    resolved: true,
  },
  { id: 'p2', handle: 'old2', createdAt: '2026-11-21T15:00:00Z', priority: 'P4', sentiment: -0.1 },
  { id: 'o1', handle: 'older', createdAt: '2026-11-15T12:00:00Z', answeredAt: '2026-11-16T13:00:00Z', priority: 'P4', sentiment: 0 },
];

async function seed(core: Core): Promise<void> {
  for (const s of SEEDS) {
    const opened = (
      await ingestMentions(core.ingest, [
        parsed(
          mention({
            id: s.id,
            author: { id: s.handle, handle: s.handle, followers: s.followers ?? 50 },
            createdAt: s.createdAt,
            ...(s.text ? { text: s.text } : {}),
          }),
        ),
      ])
    ).opened[0]!;
    if (s.answeredAt)
      await ingestMentions(core.ingest, [
        parsed(
          mention({
            id: `${s.id}-reply`,
            direction: 'outbound',
            inReplyTo: s.id,
            author: { handle: 'brand' },
            text: 'Sorry, DM us',
            createdAt: s.answeredAt,
          }),
        ),
      ]);
    // Scores come from the scorer; the test pins what it asserts on.
    core.handle.db
      .update(cases)
      .set({
        priority: s.priority,
        sentiment: s.sentiment,
        ...(s.resolved ? { state: 'resolved' as const, resolvedAt: new Date(Date.parse(s.answeredAt!) + MIN) } : {}),
      })
      .where(eq(cases.id, opened))
      .run();
    core.handle.db
      .update(mentions)
      .set({ themes: s.themes ?? [] })
      .where(eq(mentions.externalId, s.id))
      .run();
  }
}

describe('executive digest (real database, hand-made day)', () => {
  let core: Core;
  afterEach(() => core.handle.close());

  async function digest(competitors: string[] = ['rivalco', 'rivalcorp']) {
    core = makeCore({ now: NOW.toISOString() });
    await seed(core);
    return buildDigest(core.handle.db, NOW, { sla, timeZone: TZ, competitors, vips: (h) => h === 'vipguy' });
  }

  it('compares the last 24 hours with the 24 before, with the contract metrics', async () => {
    const d = await digest();
    expect(d.day).toBe('2026-11-23');
    expect(d.window).toEqual({ from: new Date('2026-11-22T09:00:00Z'), to: NOW });
    expect(d.current).toMatchObject({
      total: 4,
      actionable: 4,
      answered: 2,
      answeredWithin24h: 2,
      pending24h: 2,
      responseRate24h: 1,
      frtMedianMs: 65 * MIN,
    });
    expect(d.current.sentiment).toEqual({ negative: 2, neutral: 1, positive: 1 });
    expect(d.previous).toMatchObject({ total: 2, answered: 1, pending24h: 0, responseRate24h: 0.5, frtMedianMs: 30 * MIN });
    expect(d.volumeChange).toEqual({ absolute: 2, ratio: 1 });
    // One implementation of the definitions: the digest's numbers are computeReport's.
    const facts = loadCaseFacts(core.handle.db, { from: new Date(0), to: NOW });
    expect(d.current).toEqual(computeReport(facts, d.window, NOW, sla).overall);
    expect(d.previous).toEqual(computeReport(facts, d.previousWindow, NOW, sla).overall);
    // c2 (P2, 21 h unanswered) missed its 1-hour target; c1 (P1, 10 min) and c4 (P3, 2 h) met theirs; c3 is not due.
    expect(d.current.breaches).toBe(1);
    expect(d.current.slaAttainment).toBeCloseTo(2 / 3, 12);
    // Of the two pending cases (c2, c3), c2 is past its target: said beside the rate.
    expect(d.pendingOverdue).toBe(1);
  });

  it('names the top themes, the biggest reach, the VIP cases, the backlog and competitor volume', async () => {
    const d = await digest();
    expect(d.topThemes).toEqual([
      { theme: 'delay', label: 'delay', count: 2 },
      { theme: 'billing', label: 'billing', count: 1 },
      { theme: 'refund', label: 'refund', count: 1 },
    ]);
    expect(d.influencers.map((c) => [c.authorHandle, c.reach, c.answered])).toEqual([['bigstar', 250_000, true]]);
    expect(d.vipCases.map((c) => [c.authorHandle, c.vip, c.priority, c.answered])).toEqual([['vipguy', true, 'P2', false]]);
    expect(d.backlog).toEqual({ open: 6, unanswered: 3, overdue: 2, byPriority: { P1: 1, P2: 1, P3: 1, P4: 3 } });
    // "@rivalcorp" is not a mention of @rivalco: handles match whole.
    expect(d.competitors).toEqual([
      { handle: 'rivalco', count: 1, previous: 1 },
      { handle: 'rivalcorp', count: 1, previous: 0 },
    ]);
    expect((await digest([])).competitors).toBeNull();
  });

  // Changed by issue #14: the series ends with today (marked partial) instead of yesterday, so a
  // digest after a busy morning shows that morning.
  it('charts the 14 local days ending with the digest day (today so far, marked partial), in the digest time zone', async () => {
    const d = await digest();
    expect(d.daily).toHaveLength(14);
    expect(d.daily[0]!.day).toBe('2026-11-10');
    expect(d.daily.at(-1)).toEqual({ day: '2026-11-23', volume: 0, responseRate: null, partial: true });
    expect(d.daily.slice(0, -1).every((x) => !x.partial)).toBe(true);
    const byDay = Object.fromEntries(d.daily.map((x) => [x.day, x]));
    // c3 at 03:00Z on the 23rd is 22:00 on the 22nd in New York.
    expect(byDay['2026-11-22']).toEqual({ day: '2026-11-22', volume: 4, responseRate: 1, partial: false });
    expect(byDay['2026-11-21']).toEqual({ day: '2026-11-21', volume: 2, responseRate: 0.5, partial: false });
    expect(byDay['2026-11-15']).toEqual({ day: '2026-11-15', volume: 1, responseRate: 0, partial: false });
    expect(byDay['2026-11-20']).toEqual({ day: '2026-11-20', volume: 0, responseRate: null, partial: false });
    expect(d.daily.reduce((n, x) => n + x.volume, 0)).toBe(7);
  });

  it('counts cases opened today in today’s bar', async () => {
    core = makeCore({ now: NOW.toISOString() });
    // 29 cases this morning (New York), none before: the chart must not be empty.
    await ingestMentions(
      core.ingest,
      Array.from({ length: 29 }, (_, i) =>
        parsed(
          mention({
            id: `t${i}`,
            author: { id: `t${i}`, handle: `t${i}` },
            createdAt: new Date(NOW.getTime() - (i + 1) * 5 * MIN).toISOString(),
          }),
        ),
      ),
    );
    const d = buildDigest(core.handle.db, new Date('2026-11-23T17:00:00Z'), { sla, timeZone: TZ, competitors: [], vips: () => false });
    expect(d.daily.at(-1)).toMatchObject({ day: '2026-11-23', volume: 29, partial: true });
  });
});
