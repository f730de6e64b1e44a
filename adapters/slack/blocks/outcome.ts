import type { KnownBlock } from '@slack/types';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import type { CommandOutcome } from '../../../src/commands/run.js';
import type { CaseView } from '../../../src/ports.js';
import { renderReportBlocks } from './report.js';
import { renderSlaBlocks } from './sla.js';
import { formatDuration } from '../../../src/sla/status.js';
import { slackMention } from '../ids.js';
import { escapeMrkdwn, slackDate, truncate } from './text.js';
import { MODAL_ACTION } from '../views/ids.js';

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
  /** In the channel for everyone, or only to the person who asked. */
  response_type: 'ephemeral' | 'in_channel';
}

/** One line per case, as in `queue` and the App Home: priority, ref, who, SLA time left, why. */
export function caseLine(v: CaseView): string {
  const who = v.author.handle ? `@${escapeMrkdwn(v.author.handle)}` : escapeMrkdwn(v.author.name ?? 'customer');
  const sla = v.sla.phase === 'breached' ? `🚨 overdue ${formatDuration(-v.sla.remainingMs)}` : v.sla.phase === 'at_risk' ? `⚠️ ${formatDuration(v.sla.remainingMs)} left` : v.sla.phase === 'ok' ? `⏱ ${formatDuration(v.sla.remainingMs)} left` : '✅ answered';
  const owner = v.owner ? ` · ${v.owner.id.startsWith('slack:') ? slackMention(v.owner.id) : escapeMrkdwn(v.owner.name ?? v.owner.id)}` : ' · unassigned';
  return `${PRIORITY_EMOJI[v.priority]} *${v.ref}* ${escapeMrkdwn(v.source)} ${who} · ${sla}${owner}\n      _${escapeMrkdwn(truncate(v.reasons.slice(0, 3).join(' · '), 120))}_ — ${escapeMrkdwn(truncate(v.text.replace(/\s+/g, ' '), 90))}`;
}

function section(text: string): KnownBlock {
  return { type: 'section', text: { type: 'mrkdwn', text: truncate(text, 2990) } };
}

/** Renders a command's outcome as a slash-command response. */
export function renderOutcome(outcome: CommandOutcome): SlackMessage {
  switch (outcome.kind) {
    case 'help': {
      const head = outcome.error ? `⚠️ ${escapeMrkdwn(outcome.error)}\n\n*Usage:* ` : '*Klaxon commands* ';
      return { response_type: 'ephemeral', text: `${outcome.error ?? 'Klaxon commands'}`, blocks: [section(`${head}\`/klaxon <command>\`\n${outcome.lines.map((l) => `• \`${escapeMrkdwn(l.split(' — ')[0] ?? l)}\` — ${escapeMrkdwn(l.split(' — ')[1] ?? '')}`).join('\n')}`)] };
    }
    case 'text':
      return { response_type: outcome.public ? 'in_channel' : 'ephemeral', text: outcome.text };
    case 'queue': {
      if (outcome.views.length === 0) return { response_type: 'ephemeral', text: `${outcome.title}: none. 🎉` };
      const blocks: KnownBlock[] = [section(`*${outcome.title}* (${outcome.total}${outcome.total > outcome.views.length ? `, showing ${outcome.views.length}` : ''})`)];
      for (const v of outcome.views) blocks.push(section(caseLine(v)));
      return { response_type: 'ephemeral', text: `${outcome.title}: ${outcome.total}`, blocks };
    }
    case 'report':
      return { response_type: outcome.public ? 'in_channel' : 'ephemeral', ...renderReportBlocks(outcome.report) };
    case 'sla':
      return { response_type: 'ephemeral', ...renderSlaBlocks(outcome.overview) };
    case 'history': {
      const lines = outcome.events.map((e) => `${slackDate(e.at)} · *${escapeMrkdwn(e.kind.replace(/_/g, ' '))}* by ${e.actor.startsWith('slack:') ? slackMention(e.actor) : escapeMrkdwn(e.actorName ?? e.actor)} (${escapeMrkdwn(e.platform)})`);
      return { response_type: 'ephemeral', text: `History of ${outcome.ref}`, blocks: [section(`*History of ${outcome.ref}*\n${lines.slice(-40).join('\n')}`)] };
    }
    case 'vips':
      return { response_type: 'ephemeral', text: outcome.list.length ? `VIPs: ${outcome.list.map((v) => `@${v.handle}`).join(', ')}` : 'No VIPs yet. Add one with `/klaxon vip add @handle`.' };
    case 'privacy_blocked':
      return {
        response_type: 'ephemeral',
        text: outcome.message,
        blocks: [
          section(`🔒 *Not sent.* ${escapeMrkdwn(outcome.message)}`),
          { type: 'actions', elements: [{ type: 'button', action_id: MODAL_ACTION.sendAsDm, text: { type: 'plain_text', text: 'Send as DM instead' }, style: 'primary', value: outcome.draftKey }] },
        ],
      };
  }
}
