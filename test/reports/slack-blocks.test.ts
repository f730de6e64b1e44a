import { describe, expect, it } from 'vitest';
import { renderNotice } from '../../adapters/slack/blocks/notice.js';
import { renderReportBlocks } from '../../adapters/slack/blocks/report.js';
import { computeReport, parseWindow, type CaseFact } from '../../src/reports/metrics.js';
import { loadCaseView } from '../../src/cases/view.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import type { SpikeAlert } from '../../src/domain/spike.js';
import { slaConfigSchema } from '../../src/sla/config.js';
import { makeCore, parsed } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

type Block = { type: string; text?: { text: string }; fields?: { text: string }[]; elements?: { text: string }[] };
const MIN = 60_000;
const NOW = new Date('2026-11-23T12:00:00Z');

function texts(blocks: unknown[]): string[] {
  return (blocks as Block[]).flatMap((b) =>
    [b.text?.text, ...(b.fields ?? []).map((f) => f.text), ...(b.elements ?? []).map((e) => e.text)].filter(
      (t): t is string => typeof t === 'string',
    ),
  );
}

function fact(i: number, o: Partial<CaseFact> = {}): CaseFact {
  return {
    id: i,
    source: 'twitter',
    priority: 'P3',
    createdAt: new Date(NOW.getTime() - (60 + i) * MIN),
    firstResponseAt: null,
    resolvedAt: null,
    actionable: true,
    owner: null,
    sentiment: -0.5,
    ...o,
  };
}

describe('/klaxon report blocks', () => {
  it('shows the contract metrics overall, by priority and by source, compactly', () => {
    const facts = [
      fact(1, { priority: 'P1', firstResponseAt: new Date(NOW.getTime() - 50 * MIN) }), // 11 m
      fact(2, { priority: 'P1', source: 'review', firstResponseAt: new Date(NOW.getTime() - 30 * MIN) }), // 32 m
      fact(3, { sentiment: 0.4 }),
      fact(4, { createdAt: new Date(NOW.getTime() - 30 * 3_600_000) }), // outside 24 h
    ];
    const report = computeReport(facts, parseWindow('24h', NOW), NOW, slaConfigSchema.parse({}));
    const { text, blocks } = renderReportBlocks(report);
    expect(text).toContain('3 cases');
    const all = texts(blocks).join('\n');
    // Two answered within 24 h; the third is an hour old and unanswered: pending, outside the rate.
    expect(all).toContain('*24-hour response rate*\n100.0% (2 of 2 answered within 24 h) · 1 pending (no reply yet, under 24 h old)');
    expect(all).toContain('📊 Report · last 24 hours');
    expect(all).toContain('*By priority*');
    expect(all).toContain('🔴 *P1* · 2 cases');
    expect(all).toContain('*review* · 1 case');
    expect(all).toContain('median 21m');
    expect(blocks.length).toBeLessThanOrEqual(50);
  });

  it('stays within Slack limits with hundreds of sources', () => {
    const facts = Array.from({ length: 400 }, (_, i) => fact(i, { source: `source-${i}-${'x'.repeat(20)}` }));
    const report = computeReport(facts, parseWindow('30d', NOW), NOW, slaConfigSchema.parse({}));
    const { blocks } = renderReportBlocks(report);
    expect(blocks.length).toBeLessThanOrEqual(50);
    for (const t of texts(blocks)) expect(t.length).toBeLessThanOrEqual(3000);
    expect(texts(blocks).join('\n')).toContain('and 390 more sources');
  });
});

describe('spike notice rendering', () => {
  const alert: SpikeAlert = {
    at: '2026-11-23T12:00:00.000Z',
    triggers: [
      { kind: 'negative', scope: 'all', label: 'all sources', count: 64, windowMinutes: 15, baseline: 7.4, threshold: 23 },
      { kind: 'theme', scope: 'outage', label: 'outage', count: 30, windowMinutes: 60, baseline: null, threshold: 15 },
    ],
    samples: [
      {
        source: 'twitter',
        authorHandle: 'jane',
        authorFollowers: 48_000,
        text: 'App <down> again & again',
        createdAt: '2026-11-23T11:58:00.000Z',
        caseId: 42,
      },
    ],
  };

  it('shows the numbers, the samples (escaped) and mentions the on-call group', () => {
    const { text, blocks } = renderNotice({ kind: 'spike', alert, mention: 'S0LEADS' });
    expect(text).toBe('Spike: 64 negative mentions in 15 min');
    const all = texts(blocks!).join('\n');
    expect(all).toContain('<!subteam^S0LEADS>');
    expect(all).toContain('*64* negative mentions (all sources) in the last 15 min — usually about 7.4 (alert at ≥ 23)');
    expect(all).toContain('*30* mentions about *outage* in the last 60 min (alert at ≥ 15)');
    expect(all).toContain('App &lt;down&gt; again &amp; again');
    expect(all).toContain('@jane · twitter · 48k followers · K-42');
  });

  it('SLA notices turn a raw on-call id into a Slack mention', async () => {
    // A real view from a real case, so the fixture follows CaseView as it grows.
    const core = makeCore({ now: NOW.toISOString() });
    await ingestMentions(core.ingest, [parsed(mention({ id: 'v1', createdAt: new Date(NOW.getTime() - 60 * MIN).toISOString() }))]);
    const view = loadCaseView(core.handle.db, 1, NOW, slaConfigSchema.parse({}))!;
    core.handle.close();
    expect(JSON.stringify(renderNotice({ kind: 'sla_breach', view, mention: 'U0LEAD' }).blocks)).toContain('<@U0LEAD>');
    expect(JSON.stringify(renderNotice({ kind: 'sla_breach', view, mention: null }).blocks)).not.toContain('<@');
  });
});
