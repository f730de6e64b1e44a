import fc from 'fast-check';
import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { cases, mentions, type NewCaseRow } from '../../db/schema/index.js';
import { PRIORITIES } from '../../src/domain/priority.js';
import { CASE_CSV_COLUMNS, caseCsv } from '../../src/export/cases-csv.js';
import { parseCsv } from '../../scripts/eval/csv.js';
import { parseSince } from '../../src/export/since.js';
import { parseWindow } from '../../src/reports/metrics.js';
import { loadReport } from '../../src/reports/sql-report.js';
import { slaConfigSchema } from '../../src/sla/config.js';

const M = 60_000;
const H = 60 * M;
const D = 24 * H;
const NOW = new Date('2026-11-23T12:30:00Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs);
const SLA = slaConfigSchema.parse({
  calendars: {
    office: { timeZone: 'Europe/London', periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:30' }] },
  },
  policies: { P3: { calendar: 'office' } },
});

let handle: DbHandle;
afterEach(() => handle?.close());

interface Fact {
  createdAgo: number;
  respondAfter: number | null;
  resolveAfter: number | null;
  priority: (typeof PRIORITIES)[number];
  actionable: boolean;
  owner: string | null;
  name: string;
  handle: string | null;
  reasons: string[];
}

function load(facts: Fact[]): void {
  handle = openDatabase(':memory:');
  facts.forEach((f, i) => {
    const id = i + 1;
    const createdAt = at(-f.createdAgo);
    handle.db
      .insert(mentions)
      .values({
        id,
        source: 'twitter',
        externalId: `m${id}`,
        direction: 'inbound',
        authorName: f.name,
        authorHandle: f.handle,
        text: 'x',
        createdAt,
        receivedAt: createdAt,
        caseId: id,
      })
      .run();
    const row: NewCaseRow = {
      id,
      source: 'twitter',
      authorKey: `twitter:${id}`,
      firstMentionId: id,
      priority: f.priority,
      score: 50,
      reasons: f.reasons,
      createdAt,
      openedAt: createdAt,
      updatedAt: createdAt,
      firstResponseAt: f.respondAfter === null ? null : new Date(createdAt.getTime() + f.respondAfter),
      resolvedAt: f.resolveAfter === null ? null : new Date(createdAt.getTime() + f.resolveAfter),
      state: f.resolveAfter === null ? 'open' : 'resolved',
      actionable: f.actionable,
      ownerId: f.owner ? `slack:${f.owner}` : null,
      ownerName: f.owner ? `${f.owner} Name` : null,
    };
    handle.db.insert(cases).values(row).run();
  });
}

const fact = fc.record({
  createdAgo: fc.integer({ min: 0, max: 40 * D }),
  respondAfter: fc.option(fc.integer({ min: 0, max: 3 * D }), { nil: null }),
  resolveAfter: fc.option(fc.integer({ min: 0, max: 5 * D }), { nil: null }),
  priority: fc.constantFrom(...PRIORITIES),
  actionable: fc.integer({ min: 0, max: 4 }).map((n) => n > 0),
  owner: fc.option(fc.constantFrom('UALEX', 'USAM'), { nil: null }),
  name: fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom('=cmd|calc', 'Zoë, "the" customer', '@everyone', '-1')),
  handle: fc.option(fc.stringMatching(/^[a-z0-9_]{1,15}$/), { nil: null }),
  reasons: fc.array(fc.constantFrom('VIP', '48k followers', 'threatens legal action', '+1 again', 'very, very negative'), { maxLength: 3 }),
});

describe('the case export (CSV, one row per case)', () => {
  it('has one row per case the report counts, and its SLA and response columns add up to the report’s numbers', () => {
    fc.assert(
      fc.property(fc.array(fact, { maxLength: 60 }), fc.constantFrom('24h', '7d', '30d' as const), (facts, spec) => {
        load(facts);
        const window = parseWindow(spec, NOW);
        const report = loadReport(handle.db, window, NOW, SLA).overall;
        const [header, ...rows] = parseCsv(caseCsv(handle.db, window, NOW, SLA));
        expect(header).toEqual([...CASE_CSV_COLUMNS]);
        const col = (name: (typeof CASE_CSV_COLUMNS)[number]) => CASE_CSV_COLUMNS.indexOf(name);
        expect(rows).toHaveLength(report.total);
        expect(rows.filter((r) => r[col('actionable')] === 'yes')).toHaveLength(report.actionable);
        expect(rows.filter((r) => r[col('sla_met')] === 'yes')).toHaveLength(report.slaMet);
        expect(rows.filter((r) => r[col('sla_met')] === 'no')).toHaveLength(report.breaches);
        expect(rows.filter((r) => r[col('actionable')] === 'yes' && r[col('first_response')] !== '')).toHaveLength(report.answered);
        // Oldest first, every ref once.
        const created = rows.map((r) => r[col('created')]!);
        expect([...created].sort()).toEqual(created);
        expect(new Set(rows.map((r) => r[col('ref')])).size).toBe(rows.length);
        handle.close();
      }),
      { numRuns: 40 },
    );
  });

  it('writes each column as documented, and customer text never as a formula', () => {
    load([
      {
        createdAgo: 2 * H,
        respondAfter: 10 * M,
        resolveAfter: H,
        priority: 'P1',
        actionable: true,
        owner: 'UALEX',
        name: '=HYPERLINK("http://x","y")',
        handle: 'jane',
        reasons: ['VIP', 'threatens legal action'],
      },
      {
        createdAgo: 3 * D,
        respondAfter: null,
        resolveAfter: null,
        priority: 'P4',
        actionable: true,
        owner: null,
        name: 'Sam, "Okafor"',
        handle: null,
        reasons: [],
      },
      {
        createdAgo: H,
        respondAfter: null,
        resolveAfter: null,
        priority: 'P2',
        actionable: false,
        owner: null,
        name: 'Bot',
        handle: 'spam',
        reasons: ['-1 spam'],
      },
    ]);
    const text = caseCsv(handle.db, parseWindow('7d', NOW), NOW, SLA);
    expect(text.split('\r\n')[0]).toBe(
      'ref,source,author,priority,reasons,created,first_response,frt_minutes,sla_met,owner,state,resolved,actionable',
    );
    const [, old, answered, spam] = parseCsv(text);
    expect(old).toEqual(['K-2', 'twitter', 'Sam, "Okafor"', 'P4', '', at(-3 * D).toISOString(), '', '', 'no', '', 'open', '', 'yes']);
    expect(answered).toEqual([
      'K-1',
      'twitter',
      `'=HYPERLINK("http://x","y") (@jane)`,
      'P1',
      'VIP; threatens legal action',
      at(-2 * H).toISOString(),
      at(-2 * H + 10 * M).toISOString(),
      '10',
      'yes',
      'UALEX Name',
      'resolved',
      at(-H).toISOString(),
      'yes',
    ]);
    expect(spam).toEqual(['K-3', 'twitter', 'Bot (@spam)', 'P2', "'-1 spam", at(-H).toISOString(), '', '', '', '', 'open', '', 'no']);
  });

  it('pages through a long window without dropping or repeating a case (many cases at the same instant)', () => {
    const facts: Fact[] = Array.from({ length: 4500 }, (_, i) => ({
      createdAgo: ((i % 3) + 1) * H,
      respondAfter: null,
      resolveAfter: null,
      priority: 'P3',
      actionable: true,
      owner: null,
      name: `c${i}`,
      handle: null,
      reasons: [],
    }));
    load(facts);
    const rows = parseCsv(caseCsv(handle.db, parseWindow('7d', NOW), NOW, SLA)).slice(1);
    expect(rows).toHaveLength(4500);
    expect(new Set(rows.map((r) => r[0])).size).toBe(4500);
  });
});

describe('--since', () => {
  it('takes spans and dates, and refuses what is not one', () => {
    expect(parseSince('30d', NOW)).toEqual({ ok: true, window: { from: at(-30 * D), to: NOW } });
    expect(parseSince('12h', NOW)).toEqual({ ok: true, window: { from: at(-12 * H), to: NOW } });
    expect(parseSince('2w', NOW)).toEqual({ ok: true, window: { from: at(-14 * D), to: NOW } });
    expect(parseSince('2026-11-01', NOW)).toEqual({ ok: true, window: { from: new Date('2026-11-01T00:00:00Z'), to: NOW } });
    for (const bad of ['30', 'd30', '0d', '2027-01-01', 'yesterday', '100000d', '']) expect(parseSince(bad, NOW).ok, bad).toBe(false);
  });
});
