import type { KnownBlock } from '@slack/types';
import { ACTION_LABELS, PRIORITY_EMOJI, actionsFor, type CaseAction } from '../../../src/cases/actions.js';
import type { CaseView } from '../../../src/ports.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { formatDuration } from '../../../src/sla/status.js';
import { slackMention, slackUserId } from '../ids.js';
import { escapeMrkdwn, slackDate, truncate } from './text.js';
import { MODAL_ACTION } from '../views/ids.js';

/** Action ids carry the verb; the button value carries the case id. */
export const actionId = (action: CaseAction): string => `klaxon_${action}`;
export const CARD_EVENT_TYPE = 'klaxon_case';

/** Slack allows 3,000 characters per section; leave room for the quote marks and author line. */
const MAX_QUOTE = 2600;

function authorLine(view: CaseView): string {
  const a = view.author;
  const who = a.name && a.handle ? `*${escapeMrkdwn(a.name)}* (@${escapeMrkdwn(a.handle)})` : a.handle ? `*@${escapeMrkdwn(a.handle)}*` : a.name ? `*${escapeMrkdwn(a.name)}*` : '*unknown author*';
  const bits = [who];
  if (a.followers !== null && a.followers !== undefined) bits.push(`${formatFollowers(a.followers)} followers`);
  if (a.verified) bits.push('✔︎ verified');
  if (view.isPrivate) bits.push('🔒 private');
  return bits.join(' · ');
}

function quote(text: string): string {
  return truncate(escapeMrkdwn(text), MAX_QUOTE)
    .split('\n')
    .map((line) => `> ${line}`)
    .join('\n');
}

export function slaLine(view: CaseView): string {
  const sla = view.sla;
  const what = sla.target === 'first_response' ? 'First response' : 'Resolution';
  const due = slackDate(sla.dueAt);
  switch (sla.phase) {
    case 'ok':
      return `⏱ ${what} due ${due} (${formatDuration(sla.remainingMs)} left)`;
    case 'at_risk':
      return `⚠️ *${what} due soon*: ${due} (${formatDuration(sla.remainingMs)} left)`;
    case 'breached':
      return `🚨 *${what} overdue* since ${due} (${formatDuration(-sla.remainingMs)} ago)`;
    case 'met':
      return `✅ ${what} within SLA`;
    case 'missed':
      return `⌛ ${what} missed the SLA`;
  }
}

function replyLine(view: CaseView): string | null {
  const r = view.lastReply;
  if (!r) return null;
  const what = r.mode === 'public' ? 'Reply' : 'Private message';
  switch (r.status) {
    case 'pending':
    case 'sending':
      return `📤 ${what} sending…`;
    case 'done':
      return r.link ? `📨 ${what} sent: <${r.link}|view it>` : `📨 ${what} sent`;
    case 'failed':
      return `⚠️ *${what} not delivered*${r.error ? `: ${escapeMrkdwn(truncate(r.error, 300))}` : ''}`;
    case 'uncertain':
      return `❓ *${what} delivery uncertain — check and retry*`;
  }
}

function statusLine(view: CaseView): string {
  const owner = view.owner ? `👤 Owner: ${slackUserId(view.owner.id) ? slackMention(view.owner.id) : escapeMrkdwn(view.owner.name ?? view.owner.id)}` : '👤 Unassigned';
  const parts = [owner];
  if (view.firstResponseAt) parts.push(view.firstResponseVia === 'outside' ? `💬 Answered outside Klaxon ${slackDate(view.firstResponseAt)}` : `💬 Answered ${slackDate(view.firstResponseAt)}`);
  if (view.state === 'resolved') parts.push(`✅ Resolved${view.resolvedBy ? ` by ${escapeMrkdwn(view.resolvedBy)}` : ''}${view.resolvedAt ? ` ${slackDate(view.resolvedAt)}` : ''}`);
  const reply = replyLine(view);
  return reply ? `${parts.join('  ·  ')}\n${reply}` : parts.join('  ·  ');
}

/** The triage card: who, what, why this priority, the SLA clock, the owner, and the buttons. */
export function renderCard(view: CaseView): { text: string; blocks: KnownBlock[] } {
  const title = `${PRIORITY_EMOJI[view.priority]} *${view.priority} · ${view.ref}* · ${escapeMrkdwn(view.source)}${view.state === 'resolved' ? ' · resolved' : ''}${view.mentionCount > 1 ? ` · ${view.mentionCount} messages` : ''}`;
  const link = view.url ? `\n<${view.url}|Open on ${escapeMrkdwn(view.source)}>` : '';
  const blocks: KnownBlock[] = [
    { type: 'section', text: { type: 'mrkdwn', text: title } },
    { type: 'section', text: { type: 'mrkdwn', text: `${authorLine(view)}\n${quote(view.text)}${link}` } },
    {
      type: 'context',
      elements: [{ type: 'mrkdwn', text: truncate(`*Why ${view.priority}* (score ${view.score}): ${view.reasons.map(escapeMrkdwn).join(' · ') || 'no strong signal'}`, 2900) }],
    },
    { type: 'context', elements: [{ type: 'mrkdwn', text: `${view.state === 'open' ? slaLine(view) : '⏹ SLA clock stopped'}\n${statusLine(view)}` }] },
    {
      type: 'actions',
      block_id: `case_actions_${view.id}`,
      elements: [
        ...actionsFor(view.state).map((action) => ({
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
