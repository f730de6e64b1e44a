/**
 * Plain-text rendering of a Report, for the CLI `report` command and as the chat fallback when
 * rich blocks are not available. Fixed-width columns: chat callers wrap it in a code block.
 * Every number comes from the Report; nothing is recomputed here.
 */
import { PRIORITIES } from '../domain/priority.js';
import { formatDuration } from '../sla/status.js';
import type { MetricsSummary, Report } from './metrics.js';

const NONE = '—';

/** "1 case", "2 cases", "1 breach", "3 breaches": a count with its noun in the right number. */
export function countOf(n: number, singular: string, plural = /(s|x|ch|sh)$/.test(singular) ? `${singular}es` : `${singular}s`): string {
  return `${n} ${n === 1 ? singular : plural}`;
}

/** Share 0..1 → "92.3%"; null → "—". */
export function formatPercent(share: number | null): string {
  return share === null || !Number.isFinite(share) ? NONE : `${(share * 100).toFixed(1)}%`;
}

/**
 * The 24-hour response rate as one line that cannot be misread: the rate with the counts it is
 * made of (docs/CONTRACT.md §7), then on the same line the cases it does not count yet — pending, and how
 * many of those are already past their first-response target. "100% (1 of 1)" next to a separate
 * "5 overdue" reads as all is well; it is not.
 */
export function responseRateLine(s: MetricsSummary, pendingOverdue: number | null = null): string {
  const decided = s.actionable - s.pending24h;
  const rate = `${formatPercent(s.responseRate24h)} (${s.answeredWithin24h} of ${decided} answered within 24 h)`;
  if (s.pending24h === 0) return rate;
  const overdue = pendingOverdue ? `, ${pendingOverdue} of them overdue` : '';
  return `${rate} · ${s.pending24h} pending (no reply yet, under 24 h old)${overdue}`;
}

function duration(ms: number | null): string {
  return ms === null ? NONE : formatDuration(ms);
}

/** "2026-11-23 10:00Z": minute precision is enough for a report header. */
function stamp(d: Date): string {
  return `${d.toISOString().slice(0, 16).replace('T', ' ')}Z`;
}

function headline(s: MetricsSummary): string[] {
  // The rate's denominator (answered + unanswered older than 24 h) is every actionable case
  // that is not pending.
  const rateDenominator = s.actionable - s.pending24h;
  return [
    `Cases: ${s.total} (${s.actionable} actionable, ${s.answered} answered, ${s.resolved} resolved)`,
    `24h response rate: ${formatPercent(s.responseRate24h)} ` +
      `(${s.answeredWithin24h}/${rateDenominator} answered within 24h; ${s.pending24h} pending)`,
    `First response: median ${duration(s.frtMedianMs)} · p90 ${duration(s.frtP90Ms)}`,
    `SLA attainment: ${formatPercent(s.slaAttainment)} (${s.slaMet}/${s.slaEligible} met) · breaches ${s.breaches}`,
    `Resolution: median ${duration(s.resolutionMedianMs)}`,
    `Sentiment: ${s.sentiment.negative} negative · ${s.sentiment.neutral} neutral · ${s.sentiment.positive} positive`,
  ];
}

/** act = actionable, 24h = 24-hour response rate, pend = pending (< 24 h, unanswered). */
const COLUMNS = ['cases', 'act', '24h', 'pend', 'frt med', 'frt p90', 'sla', 'breach', 'neg/neu/pos'] as const;

function row(s: MetricsSummary): string[] {
  return [
    String(s.total),
    String(s.actionable),
    formatPercent(s.responseRate24h),
    String(s.pending24h),
    duration(s.frtMedianMs),
    duration(s.frtP90Ms),
    formatPercent(s.slaAttainment),
    String(s.breaches),
    `${s.sentiment.negative}/${s.sentiment.neutral}/${s.sentiment.positive}`,
  ];
}

/** A left-aligned name column followed by right-aligned numeric columns. */
function table(title: string, rows: [string, MetricsSummary][]): string[] {
  const cells = [[title, ...COLUMNS], ...rows.map(([name, s]) => [name, ...row(s)])];
  const widths = cells[0]?.map((_, i) => Math.max(...cells.map((r) => (r[i] ?? '').length))) ?? [];
  return cells.map((r) =>
    r
      .map((cell, i) => (i === 0 ? cell.padEnd(widths[i] ?? 0) : cell.padStart(widths[i] ?? 0)))
      .join('  ')
      .trimEnd(),
  );
}

export function formatReportText(report: Report): string {
  const { window, overall } = report;
  const lines = [
    `Klaxon report ${stamp(window.from)} → ${stamp(window.to)} (generated ${stamp(report.generatedAt)})`,
    ...headline(overall),
    '',
    ...table(
      'priority',
      PRIORITIES.map((p) => [p, report.byPriority[p]]),
    ),
  ];
  const sources = Object.entries(report.bySource);
  lines.push('');
  if (sources.length === 0) lines.push('source: no cases in this window');
  else lines.push(...table('source', sources));
  return lines.join('\n');
}
