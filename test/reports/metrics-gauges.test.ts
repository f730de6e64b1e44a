import { afterEach, describe, expect, it } from 'vitest';
import { openDatabase, type DbHandle } from '../../db/client.js';
import { cases, type NewCaseRow } from '../../db/schema/index.js';
import { collectGauges } from '../../src/http/gauges.js';
import { Metrics } from '../../src/telemetry.js';
import { parseWindow } from '../../src/reports/metrics.js';
import { loadReport } from '../../src/reports/sql-report.js';
import { slaConfigSchema } from '../../src/sla/config.js';

/** /metrics publishes the contract's figures from the same ReportBuilder as `/klaxon report 7d`. */

const M = 60_000;
const H = 60 * M;
const NOW = new Date('2026-11-23T12:30:00Z');
const sla = slaConfigSchema.parse({});

let handle: DbHandle;
afterEach(() => handle?.close());

function caseRow(id: number, ageMs: number, c: Partial<NewCaseRow> = {}): NewCaseRow {
  const createdAt = new Date(NOW.getTime() - ageMs);
  return {
    id,
    source: 'twitter',
    authorKey: `twitter:id:${id}`,
    firstMentionId: id,
    priority: 'P2',
    score: 70,
    openedAt: createdAt,
    updatedAt: createdAt,
    createdAt,
    ...c,
  };
}

const sample = (body: string, name: string, priority: string): number | undefined => {
  const line = body.split('\n').find((l) => l.startsWith(`${name}{priority="${priority}"} `));
  return line === undefined ? undefined : Number(line.slice(line.lastIndexOf(' ') + 1));
};

describe('contract metrics on /metrics', () => {
  it('equal the 7-day report, overall and by priority; undefined figures have no sample', async () => {
    handle = openDatabase(':memory:');
    const answered = (id: number, ageMs: number, frtMs: number, priority: 'P1' | 'P2' = 'P2') =>
      caseRow(id, ageMs, { priority, firstResponseAt: new Date(NOW.getTime() - ageMs + frtMs) });
    handle.db
      .insert(cases)
      .values([
        answered(1, 30 * H, 10 * M),
        answered(2, 50 * H, 30 * H),
        caseRow(3, 40 * H),
        caseRow(4, 2 * H),
        answered(5, 3 * H, 5 * M, 'P1'),
      ])
      .run();
    const metrics = new Metrics();
    collectGauges(metrics, handle.db, [], { sla, now: () => NOW });
    const { body } = await metrics.render();
    const report = loadReport(handle.db, parseWindow('7d', NOW), NOW, sla);

    expect(sample(body, 'klaxon_response_rate_24h', 'all')).toBeCloseTo(report.overall.responseRate24h as number, 12);
    expect(sample(body, 'klaxon_response_rate_24h', 'P2')).toBeCloseTo(report.byPriority.P2.responseRate24h as number, 12);
    expect(report.byPriority.P2.responseRate24h).toBeCloseTo(1 / 3, 12); // 1 of answered 1, 2 and unanswered 3
    expect(sample(body, 'klaxon_sla_attainment', 'P1')).toBe(1);
    expect(sample(body, 'klaxon_first_response_median_seconds', 'P1')).toBe(300);
    // No P3 or P4 cases: no rate, no attainment, no median — not a misleading zero.
    expect(sample(body, 'klaxon_response_rate_24h', 'P3')).toBeUndefined();
    expect(sample(body, 'klaxon_first_response_median_seconds', 'P4')).toBeUndefined();
  });

  it('leaves the figures out when no report inputs are given', async () => {
    handle = openDatabase(':memory:');
    const metrics = new Metrics();
    collectGauges(metrics, handle.db);
    const { body } = await metrics.render();
    expect(body).not.toMatch(/^klaxon_response_rate_24h\{/m);
  });
});
