import type { KnownBlock } from '@slack/types';
import { ACTION_LABELS, PRIORITY_EMOJI, caseActions, type CaseAction } from '../../../src/cases/actions.js';
import type { CaseView } from '../../../src/ports.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { aiTriageText, authorText, replyCapabilityText, slaText, statusText, type Markup } from '../../../src/cases/card-text.js';
import { slackMention, slackUserId } from '../ids.js';
import { escapeMrkdwn, slackDate, truncate } from './text.js';
import { MODAL_ACTION } from '../views/ids.js';

/** Action ids carry the verb; the button value carries the case id. */
export const actionId = (action: CaseAction): string => `klaxon_${action}`;
export const CARD_EVENT_TYPE = 'klaxon_case';

/** Slack allows 3,000 characters per section; leave room for the quote marks and author line. */
const MAX_QUOTE = 2600;

function quote(text: string): string {
  return truncate(escapeMrkdwn(text), MAX_QUOTE)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

/** Slack mrkdwn for the shared card phrases. */
export const SLACK_MARKUP: Markup = {
  bold: (t) => `*${t}*`,
  escape: escapeMrkdwn,
  date: slackDate,
  link: (url, label) => `<${url}|${label}>`,
  owner: (o) => (slackUserId(o.id) ? (slackMention(o.id) ?? o.id) : escapeMrkdwn(o.name ?? o.id)),
};

export const slaLine = (view: CaseView): string => slaText(view, SLACK_MARKUP);

/** The triage card: who, what, why this priority, the SLA clock, the owner, and the buttons. */
export function renderCard(view: CaseView): { text: string; blocks: KnownBlock[] } {
  const title = `${PRIORITY_EMOJI[view.priority]} *${view.priority} · ${view.ref}* · ${escapeMrkdwn(view.source)}${view.state === 'resolved' ? ' · resolved' : ''}${view.mentionCount > 1 ? ` · ${view.mentionCount} messages` : ''}`;
  const link = view.url ? `\n<${view.url}|Open on ${escapeMrkdwn(view.source)}>` : '';
  const aiLine = aiTriageText(view, SLACK_MARKUP);
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: title } },
    { type: 'section', text: { type: 'mrkdwn', text: `${authorText(view, SLACK_MARKUP)}\n${quote(view.text)}${link}` } },
    {
      type: 'context',
      elements: [
        { type: 'mrkdwn', text: truncate(`*Why ${view.priority}* (score ${view.score}): ${view.reasons.map(escapeMrkdwn).join(' · ') || 'no strong signal'}`, 2900) },
        ...(aiLine ? [{ type: 'mrkdwn' as const, text: truncate(aiLine, 2900) }] : []),
      ],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${view.state === 'open' ? slaLine(view) : '⏹ SLA clock stopped'}\n${statusText(view, SLACK_MARKUP)}` }] },
    ...(replyCapabilityText(view, SLACK_MARKUP) ? [{ type: 'context' as const, elements: [{ type: 'mrkdwn' as const, text: truncate(replyCapabilityText(view, SLACK_MARKUP)!, 2900) }] }] : []),
    {
      type: 'actions',
      block_id: `case_actions_${view.id}`,
      elements: [
        ...caseActions(view).map((action) => ({
          type: 'button' as const,
          action_id: actionId(action),
          text: { type: 'plain_text' as const, text: ACTION_LABELS[action] },
          value: String(view.id),
          ...(action === 'claim' && !view.owner ? { style: 'primary' as const } : {}),
          ...(action === 'escalate' ? { style: 'danger' as const } : {}),
        })),
        ...(view.lastReply && (view.lastReply.status === 'failed' || view.lastReply.status === 'uncertain')
          ? [{ type: 'button' as const, action_id: MODAL_ACTION.retryReply, text: { type: 'plain_text' as const, text: 'Retry reply' }, value: `${view.id}:${view.lastReply.outboxId}` }]
          : []),
      ],
    },
  ];
  if (view.incident) {
    const samples = view.incident.samples.map((m) => `• ${m.handle ? `@${escapeMrkdwn(m.handle)}` : 'someone'}${m.followers ? ` (${formatFollowers(m.followers)})` : ''}: ${escapeMrkdwn(truncate(m.text.replace(/\s+/g, ' '), 140))}`).join('\n');
    blocks.splice(1, 0, { type: 'section', text: { type: 'mrkdwn', text: `🌪 *Storm: ${view.mentionCount} mentions* · reach ${formatFollowers(view.reach)}\n${samples}` } });
  }
  if (view.mergedInto) blocks.splice(1, 0, { type: 'context', elements: [{ type: 'mrkdwn', text: `🌪 Merged into storm K-${view.mergedInto}` }] });
  const fallback = `${view.priority} ${view.ref} ${view.source}: ${truncate(view.text, 150)}`;
  return { text: fallback, blocks };
}
