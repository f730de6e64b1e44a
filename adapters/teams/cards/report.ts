import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import { PRIORITIES } from '../../../src/domain/priority.js';
import type { Digest, DigestCase } from '../../../src/domain/digest.js';
import { countOf, formatPercent, responseRateLine } from '../../../src/reports/format.js';
import type { MetricsSummary, Report } from '../../../src/reports/metrics.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { formatDuration } from '../../../src/sla/status.js';
import {
  adaptiveCard,
  cardDate,
  container,
  escapeMd,
  factSet,
  plainText,
  textBlock,
  truncate,
  type AdaptiveCard,
  type CardElement,
} from './elements.js';

const MAX_SOURCES = 10;

const duration = (ms: number | null): string => (ms === null ? '—' : formatDuration(ms));
const rate = (s: MetricsSummary, pendingOverdue: number | null = null): string => responseRateLine(s, pendingOverdue);
const sla = (s: MetricsSummary): string => `${formatPercent(s.slaAttainment)} (${s.slaMet}/${s.slaEligible} met)`;
const sentiment = (s: MetricsSummary['sentiment']): string => `😠 ${s.negative} · 😐 ${s.neutral} · 🙂 ${s.positive}`;

function spanLabel(from: Date, to: Date): string {
  const hours = Math.round((to.getTime() - from.getTime()) / 3_600_000);
  return hours <= 48 ? `${hours} hours` : `${Math.round(hours / 24)} days`;
}

function groupLine(label: string, s: MetricsSummary): string {
  return (
    `${label} · ${s.total} case${s.total === 1 ? '' : 's'} · rate ${formatPercent(s.responseRate24h)} · FRT ` +
    `${duration(s.frtMedianMs)} / p90 ${duration(s.frtP90Ms)} · SLA ${formatPercent(s.slaAttainment)} · ${s.breaches} ` +
    `breach${s.breaches === 1 ? '' : 'es'}`
  );
}

/** `report`: the contract's metrics (section 7) overall, by priority and by source. */
export function reportCard(report: Report): AdaptiveCard {
  const o = report.overall;
  const span = spanLabel(report.window.from, report.window.to);
  const body: CardElement[] = [
    textBlock(`📊 **Report · last ${span}**`, { size: 'Medium' }),
    textBlock(`Cases opened ${cardDate(report.window.from)} → ${cardDate(report.window.to)}`, { size: 'Small', isSubtle: true }),
    factSet([
      ['Cases', `${o.total} (${o.actionable} actionable · ${o.answered} answered · ${o.resolved} resolved)`],
      ['24h response rate', rate(o)],
      ['First response', `median ${duration(o.frtMedianMs)} · p90 ${duration(o.frtP90Ms)}`],
      ['SLA attainment', `${sla(o)} · ${o.breaches} breach${o.breaches === 1 ? '' : 'es'}`],
      ['Resolution', `median ${duration(o.resolutionMedianMs)}`],
      ['Sentiment', sentiment(o.sentiment)],
    ]),
  ];
  const byPriority = PRIORITIES.filter((p) => report.byPriority[p].total > 0).map(
    (p) => `- ${groupLine(`${PRIORITY_EMOJI[p]} **${p}**`, report.byPriority[p])}`,
  );
  body.push(textBlock(`**By priority**\n${byPriority.join('\n') || '_no cases_'}`, { separator: true }));
  // Source names come from outside (ingest): runs, not markdown.
  const sources = Object.entries(report.bySource);
  body.push(textBlock('**By source**', { spacing: 'Medium' }));
  if (sources.length === 0) body.push(textBlock('_no cases_', { spacing: 'None' }));
  for (const [source, s] of sources.slice(0, MAX_SOURCES))
    body.push(plainText(['• ', { text: source, weight: 'Bolder' }, groupLine('', s)], { spacing: 'None' }));
  if (sources.length > MAX_SOURCES) body.push(textBlock(`_and ${sources.length - MAX_SOURCES} more sources_`, { spacing: 'None' }));
  body.push(
    textBlock(
      'Rate = answered within 24 h ÷ (answered + unanswered older than 24 h); younger unanswered cases are pending. ' +
        'FRT = first response − mention time. SLA in business hours where a policy has them.',
      { size: 'Small', isSubtle: true },
    ),
  );
  return adaptiveCard(body, {
    fallbackText: `Report, last ${span}: ${countOf(o.total, 'case')}, 24h response rate ${formatPercent(o.responseRate24h)}`,
  });
}

function change(absolute: number, ratio: number | null): string {
  if (absolute === 0) return 'no change';
  const pct = ratio === null ? '' : ` (${absolute > 0 ? '+' : '−'}${Math.abs(Math.round(ratio * 100))}%)`;
  return `${absolute > 0 ? '▲' : '▼'} ${Math.abs(absolute)}${pct}`;
}

function digestCase(c: DigestCase): CardElement {
  const who = c.authorHandle ? `@${c.authorHandle}` : (c.authorName ?? 'unknown author');
  const status = c.state === 'resolved' ? '✅ resolved' : c.answered ? '💬 answered' : '⏳ awaiting reply';
  return container([
    plainText({
      text:
        `${PRIORITY_EMOJI[c.priority]} ${c.ref} ` +
        `${who}${c.vip ? ' ⭐ VIP' : ''}${c.reach > 0 ? ` · ${formatFollowers(c.reach)} reach` : ''} · ${c.source} · ${status}`,
      weight: 'Bolder',
      size: 'Small',
    }),
    plainText({ text: truncate(c.text.replace(/\s+/g, ' '), 100), italic: true, size: 'Small' }),
  ]);
}

/**
 * The executive digest as one card, the chart (PNG) inline as a base64 data URI: Teams counts a
 * bot message's size without its base64 images (learn.microsoft.com, "Format your bot
 * messages"), so a 50–90 KB chart fits beside the numbers, and nothing needs a public URL.
 */
export function digestCard(digest: Digest, chartPng: Buffer | null): AdaptiveCard {
  const c = digest.current;
  const p = digest.previous;
  const b = digest.backlog;
  const body: CardElement[] = [
    textBlock(`📊 **Daily digest · ${digest.day}**`, { size: 'Medium' }),
    textBlock(`Last 24 hours to ${cardDate(digest.window.to)}, compared with the 24 hours before (${escapeMd(digest.timeZone)})`, {
      size: 'Small',
      isSubtle: true,
    }),
    factSet([
      ['Volume', `${countOf(c.total, 'case')} · ${change(digest.volumeChange.absolute, digest.volumeChange.ratio)} vs ${p.total}`],
      ['24h response rate', `${rate(c, digest.pendingOverdue)} · before ${formatPercent(p.responseRate24h)}`],
      ['First response', `median ${duration(c.frtMedianMs)} · p90 ${duration(c.frtP90Ms)} · before ${duration(p.frtMedianMs)}`],
      ['SLA attainment', `${sla(c)} · before ${formatPercent(p.slaAttainment)}`],
      ['Breaches', `${c.breaches} (before: ${p.breaches})`],
      ['Sentiment', sentiment(c.sentiment)],
      ['Open backlog', `${b.open} open · ${b.unanswered} awaiting a first reply · ${b.overdue} overdue`],
      ['By priority', PRIORITIES.map((pr) => `${pr} ${b.byPriority[pr]}`).join(' · ')],
    ]),
  ];
  const themes = digest.topThemes.flatMap((t, i) => [
    ...(i > 0 ? [' · '] : []),
    `${t.label} `,
    { text: String(t.count), weight: 'Bolder' },
  ]);
  body.push(
    plainText([{ text: 'Top themes: ', weight: 'Bolder' }, ...(themes.length ? themes : [{ text: 'no complaint themes', italic: true }])], {
      separator: true,
    }),
  );
  if (digest.influencers.length > 0) body.push(textBlock('**Biggest reach**'), ...digest.influencers.map(digestCase));
  if (digest.vipCases.length > 0) body.push(textBlock('**VIP cases**'), ...digest.vipCases.map(digestCase));
  if (digest.competitors) {
    const runs = digest.competitors.flatMap((x, i) => [
      ...(i > 0 ? [' · '] : []),
      `@${x.handle} `,
      { text: String(x.count), weight: 'Bolder' },
      ` (before: ${x.previous})`,
    ]);
    body.push(plainText([{ text: 'Competitor mentions: ', weight: 'Bolder' }, ...runs]));
  }
  if (chartPng) {
    body.push({
      type: 'Image',
      url: `data:image/png;base64,${chartPng.toString('base64')}`,
      altText: `Cases per day and 24-hour response rate, last ${digest.daily.length} days`,
      size: 'Stretch',
    });
  }
  return adaptiveCard(body, {
    fallbackText: `Daily digest ${digest.day}: ${countOf(c.total, 'case')}, 24h response rate ${formatPercent(c.responseRate24h)}`,
  });
}
