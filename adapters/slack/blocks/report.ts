import type { KnownBlock, MrkdwnElement } from '@slack/types';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import { PRIORITIES } from '../../../src/domain/priority.js';
import { countOf, formatPercent, responseRateLine } from '../../../src/reports/format.js';
import type { MetricsSummary, Report } from '../../../src/reports/metrics.js';
import { formatDuration } from '../../../src/sla/status.js';
import { SLACK_MAX, escapeMrkdwn, fitMrkdwn, mrkdwn, slackDate, truncate } from './text.js';

/** Slack's limit per section text, with room for nothing: every piece is measured. */
export const MAX_SECTION = SLACK_MAX.sectionText;
const MAX_SOURCES = 10;

export const duration = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));

/** "24 hours" / "7 days": the window's span as people say it. */
export function spanLabel(from: Date, to: Date): string {
  const hours = Math.round((to.getTime() - from.getTime()) / 3_600_000);
  return hours <= 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

export function sentimentText(s: MetricsSummary['sentiment']): string {
  return `😠 ${s.negative} negative · 😐 ${s.neutral} neutral · 🙂 ${s.positive} positive`;
}

/** The rate with the counts behind it and, on the same line, what it does not count yet. */
export function rateText(s: MetricsSummary, pendingOverdue: number | null = null): string {
  return escapeMrkdwn(responseRateLine(s, pendingOverdue));
}

export function slaText(s: MetricsSummary): string {
  return `${formatPercent(s.slaAttainment)} (${s.slaMet}/${s.slaEligible} met)`;
}

function overallFields(s: MetricsSummary): MrkdwnElement[] {
  return [
    mrkdwn(`*Cases*\n${s.total} (${s.actionable} actionable · ${s.answered} answered · ${s.resolved} resolved)`, SLACK_MAX.field),
    mrkdwn(`*24-hour response rate*\n${rateText(s)}`, SLACK_MAX.field),
    mrkdwn(`*First response*\nmedian ${duration(s.frtMedianMs)} · p90 ${duration(s.frtP90Ms)}`, SLACK_MAX.field),
    mrkdwn(`*SLA attainment*\n${slaText(s)} · ${s.breaches} breach${s.breaches === 1 ? '' : 'es'}`, SLACK_MAX.field),
    mrkdwn(`*Resolution*\nmedian ${duration(s.resolutionMedianMs)}`, SLACK_MAX.field),
    mrkdwn(`*Sentiment*\n${sentimentText(s.sentiment)}`, SLACK_MAX.field),
  ];
}

/** One compact line per group: volume, rate, FRT, SLA. */
function groupLine(label: string, s: MetricsSummary): string {
  return (
    `${label} · ${s.total} case${s.total === 1 ? '' : 's'} · rate ${formatPercent(s.responseRate24h)} · FRT ` +
    `${duration(s.frtMedianMs)} / p90 ${duration(s.frtP90Ms)} · SLA ${formatPercent(s.slaAttainment)} · ${s.breaches} ` +
    `breach${s.breaches === 1 ? '' : 'es'} · 😠 ${s.sentiment.negative}`
  );
}

/** Lines into as few sections as fit Slack's per-section limit. */
export function linesToSections(title: string, lines: readonly string[]): KnownBlock[] {
  const blocks: KnownBlock[] = [];
  let current = title;
  for (const line of lines) {
    const next = `${current}\n${line}`;
    if (next.length > MAX_SECTION && current !== title) {
      blocks.push({ type: 'section', text: mrkdwn(current) });
      current = fitMrkdwn(line, MAX_SECTION);
    } else {
      current = fitMrkdwn(next, MAX_SECTION);
    }
  }
  blocks.push({ type: 'section', text: mrkdwn(current) });
  return blocks;
}

/** `/klaxon report`: the contract's metrics (section 7) overall, by priority and by source. */
export function renderReportBlocks(report: Report): { text: string; blocks: KnownBlock[] } {
  const o = report.overall;
  const span = spanLabel(report.window.from, report.window.to);
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `📊 Report · last ${span}` } },
    { type: 'context', elements: [mrkdwn(`Cases opened ${slackDate(report.window.from)} → ${slackDate(report.window.to)}`)] },
    { type: 'section', fields: overallFields(o) },
    { type: 'divider' },
  ];
  const byPriority = PRIORITIES.filter((p) => report.byPriority[p].total > 0).map((p) =>
    groupLine(`${PRIORITY_EMOJI[p]} *${p}*`, report.byPriority[p]),
  );
  blocks.push(...linesToSections('*By priority*', byPriority.length ? byPriority : ['_no cases_']));
  const sources = Object.entries(report.bySource);
  const bySource = sources.slice(0, MAX_SOURCES).map(([source, s]) => groupLine(`*${escapeMrkdwn(truncate(source, 40))}*`, s));
  if (sources.length > MAX_SOURCES) bySource.push(`_and ${sources.length - MAX_SOURCES} more sources_`);
  blocks.push(...linesToSections('*By source*', bySource.length ? bySource : ['_no cases_']));
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(
        'Rate = answered within 24 h ÷ (answered + unanswered older than 24 h); younger unanswered cases are pending. ' +
          'FRT = first response − mention time. SLA in business hours where a policy has them.',
      ),
    ],
  });
  const text =
    `Report, last ${span}: ${countOf(o.total, 'case')}, 24h response rate ${formatPercent(o.responseRate24h)}, ` +
    `FRT median ${duration(o.frtMedianMs)}, SLA ${formatPercent(o.slaAttainment)}, ${countOf(o.breaches, 'breach')}`;
  return { text, blocks: blocks.slice(0, 50) };
}
