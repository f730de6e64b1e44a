import type { KnownBlock, MrkdwnElement } from '@slack/types';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import type { CaseView } from '../../../src/ports.js';
import type { SlaOverview, SlaPolicyLine } from '../../../src/reports/sla-overview.js';
import { formatDuration } from '../../../src/sla/status.js';
import { slackMention, slackUserId } from '../ids.js';
import { linesToSections } from './report.js';
import { SLACK_MAX, escapeMrkdwn, mrkdwn, section, truncate } from './text.js';

const minutes = (m: number): string => formatDuration(m * 60_000);

function policyField(p: SlaPolicyLine): MrkdwnElement {
  const hours = p.calendar ? `business hours (${escapeMrkdwn(p.calendar)}${p.timeZone ? `, ${escapeMrkdwn(p.timeZone)}` : ''})` : '24x7';
  return mrkdwn(
    `${PRIORITY_EMOJI[p.priority]} *${p.priority}*\nFirst response ${minutes(p.firstResponseMinutes)} · resolution ` +
      `${minutes(p.resolutionMinutes)}\n_${hours}_`,
    SLACK_MAX.field,
  );
}

/** One line per case: who, which clock, how late or how long left, who owns it. */
export function slaCaseLine(view: CaseView): string {
  const who = view.author.handle ? `@${escapeMrkdwn(view.author.handle)}` : escapeMrkdwn(view.author.name ?? 'unknown author');
  const clock = view.sla.target === 'first_response' ? 'first response' : 'resolution';
  const when =
    view.sla.phase === 'breached'
      ? `${clock} overdue by ${formatDuration(-view.sla.remainingMs)}`
      : `${clock} due in ${formatDuration(view.sla.remainingMs)}`;
  const owner = view.owner
    ? slackUserId(view.owner.id)
      ? slackMention(view.owner.id)
      : escapeMrkdwn(view.owner.name ?? view.owner.id)
    : 'unassigned';
  const snippet = escapeMrkdwn(truncate(view.text.replace(/\s+/g, ' '), 80));
  return (
    `${PRIORITY_EMOJI[view.priority]} *${view.ref}* ${view.priority} · ${escapeMrkdwn(view.source)} · ${who} — ${when} · 👤 ` +
    `${owner}\n      _${snippet}_`
  );
}

function caseList(title: string, views: readonly CaseView[], total: number): KnownBlock[] {
  const lines = views.map(slaCaseLine);
  if (total > views.length) lines.push(`_…and ${total - views.length} more_`);
  return linesToSections(`${title} (${total})`, lines);
}

/** `/klaxon sla`: the policies, then the cases in breach and at risk, most urgent first. */
export function renderSlaBlocks(overview: SlaOverview): { text: string; blocks: KnownBlock[] } {
  const blocks: KnownBlock[] = [
    { type: 'header', text: { type: 'plain_text', text: '⏱ SLA policies and cases' } },
    overview.policies.length > 0
      ? { type: 'section', fields: overview.policies.slice(0, 10).map(policyField) }
      : section('_No SLA policies are configured._'),
    {
      type: 'context',
      elements: [
        mrkdwn(
          `A case is at risk once ${Math.round(overview.warnAt * 100)}% of its target has passed. ` +
            `Cases are judged on first response until answered, then on resolution.`,
        ),
      ],
    },
    { type: 'divider' },
  ];
  if (overview.breachedTotal === 0 && overview.atRiskTotal === 0) {
    blocks.push({ type: 'section', text: mrkdwn('✅ No open case is at risk or in breach.') });
  } else {
    if (overview.breachedTotal > 0) blocks.push(...caseList('🚨 *In breach*', overview.breached, overview.breachedTotal));
    if (overview.atRiskTotal > 0) blocks.push(...caseList('⚠️ *At risk*', overview.atRisk, overview.atRiskTotal));
  }
  const text = `SLA: ${overview.breachedTotal} in breach, ${overview.atRiskTotal} at risk`;
  return { text, blocks: blocks.slice(0, 50) };
}
