import type { KnownBlock } from '@slack/types';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import { PRIORITIES } from '../../../src/domain/priority.js';
import type { Digest, DigestCase } from '../../../src/domain/digest.js';
import { countOf, formatPercent } from '../../../src/reports/format.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { duration, linesToSections, rateText, sentimentText, slaText } from './report.js';
import { SLACK_MAX, escapeMrkdwn, mrkdwn, slackDate, truncate } from './text.js';

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];
const WEEKDAYS = ['Sun', 'Mon', 'Tue', 'Wed', 'Thu', 'Fri', 'Sat'];

/** "Mon 23 Nov 2026" from a local day key. */
export function dayTitle(day: string): string {
  const [y, m, d] = day.split('-').map(Number);
  const weekday = WEEKDAYS[new Date(Date.UTC(y ?? 1970, (m ?? 1) - 1, d ?? 1)).getUTCDay()] ?? '';
  return `${weekday} ${d} ${MONTHS[(m ?? 1) - 1] ?? ''} ${y}`;
}

/** "▲ 12 (+40%)", "▼ 3 (−10%)", "no change". */
function change(absolute: number, ratio: number | null): string {
  if (absolute === 0) return 'no change';
  const arrow = absolute > 0 ? '▲' : '▼';
  const pct = ratio === null ? '' : ` (${absolute > 0 ? '+' : '−'}${Math.abs(Math.round(ratio * 100))}%)`;
  return `${arrow} ${Math.abs(absolute)}${pct}`;
}

function caseLine(c: DigestCase): string {
  const who = c.authorHandle
    ? `@${escapeMrkdwn(truncate(c.authorHandle, 60))}`
    : escapeMrkdwn(truncate(c.authorName ?? 'unknown author', 100));
  const reach = c.reach > 0 ? ` · ${formatFollowers(c.reach)} reach` : '';
  const status = c.state === 'resolved' ? '✅ resolved' : c.answered ? '💬 answered' : '⏳ awaiting reply';
  return (
    `${PRIORITY_EMOJI[c.priority]} *${c.ref}* ${who}${c.vip ? ' ⭐ VIP' : ''}${reach} · ${escapeMrkdwn(truncate(c.source, 40))} · ` +
    `${status}\n      _${escapeMrkdwn(truncate(c.text.replace(/\s+/g, ' '), 100))}_`
  );
}

/** The executive digest as Block Kit: headline numbers as fields, then lists, then the backlog. */
export function renderDigestBlocks(digest: Digest): { text: string; blocks: KnownBlock[] } {
  const c = digest.current;
  const p = digest.previous;
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: `📊 Daily digest · ${dayTitle(digest.day)}` } },
    {
      type: 'context',
      elements: [
        mrkdwn(`Last 24 hours to ${slackDate(digest.window.to)}, compared with the 24 hours before (${escapeMrkdwn(digest.timeZone)})`),
      ],
    },
    {
      type: 'section',
      fields: [
        mrkdwn(
          `*Volume*\n${countOf(c.total, 'case')} · ${change(digest.volumeChange.absolute, digest.volumeChange.ratio)} vs ${p.total}`,
          SLACK_MAX.field,
        ),
        mrkdwn(
          `*24-hour response rate*\n${rateText(c, digest.pendingOverdue)}\n_before: ${formatPercent(p.responseRate24h)}_`,
          SLACK_MAX.field,
        ),
        mrkdwn(
          `*First response*\nmedian ${duration(c.frtMedianMs)} · p90 ${duration(c.frtP90Ms)}\n_before: median ${duration(p.frtMedianMs)}_`,
          SLACK_MAX.field,
        ),
        mrkdwn(`*SLA attainment*\n${slaText(c)}\n_before: ${formatPercent(p.slaAttainment)}_`, SLACK_MAX.field),
        mrkdwn(`*Breaches*\n${c.breaches} (before: ${p.breaches})`, SLACK_MAX.field),
        mrkdwn(`*Sentiment*\n${sentimentText(c.sentiment)}`, SLACK_MAX.field),
      ],
    },
    { type: 'divider' },
  ];
  const themes = digest.topThemes.map((t) => `${escapeMrkdwn(t.label)} *${t.count}*`).join(' · ');
  blocks.push({ type: 'section', text: mrkdwn(`*Top themes*\n${themes || '_no complaint themes_'}`) });
  if (digest.influencers.length > 0) blocks.push(...linesToSections('*Biggest reach*', digest.influencers.map(caseLine)));
  if (digest.vipCases.length > 0) blocks.push(...linesToSections('*VIP cases*', digest.vipCases.map(caseLine)));
  const b = digest.backlog;
  const byPriority = PRIORITIES.map((pr) => `${PRIORITY_EMOJI[pr]} ${pr} ${b.byPriority[pr]}`).join(' · ');
  blocks.push({
    type: 'section',
    text: mrkdwn(`*Open backlog*\n${b.open} open · ${b.unanswered} awaiting a first reply · ${b.overdue} overdue\n${byPriority}`),
  });
  if (digest.competitors) {
    const lines = digest.competitors.map((x) => `@${escapeMrkdwn(x.handle)} *${x.count}* (before: ${x.previous})`).join(' · ');
    blocks.push({ type: 'section', text: mrkdwn(`*Competitor mentions*\n${lines}`) });
  }
  blocks.push({ type: 'context', elements: [mrkdwn('📈 Attached: cases per day and 24-hour response rate for the last 14 days.')] });
  const text =
    `Daily digest ${digest.day}: ${countOf(c.total, 'case')} (${change(digest.volumeChange.absolute, digest.volumeChange.ratio)}), ` +
    `24h response rate ${formatPercent(c.responseRate24h)}, FRT median ${duration(c.frtMedianMs)}, ` +
    `SLA ${formatPercent(c.slaAttainment)}, ${countOf(c.breaches, 'breach')}, ${b.open} open`;
  return { text, blocks: blocks.slice(0, 50) };
}

/** The chart's file name and alt text, shared by the upload and the tests. */
export function digestChartFile(digest: Digest): { filename: string; title: string; altText: string } {
  const last = digest.daily.at(-1);
  const alt = `Bar chart of cases per day with a line for the 24-hour response rate, ${digest.daily[0]?.day ?? ''} to ${last?.day ?? ''}`;
  return {
    filename: `klaxon-digest-${digest.day}.png`,
    title: `Cases and 24-hour response rate, last ${digest.daily.length} days`,
    altText: alt,
  };
}
