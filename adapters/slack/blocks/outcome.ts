import type { KnownBlock } from '@slack/types';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import { answerAudience } from '../../../src/commands/audience.js';
import { queueSpan } from '../../../src/commands/queue-page.js';
import type { CommandOutcome } from '../../../src/commands/run.js';
import type { CaseView } from '../../../src/ports.js';
import { linesToSections, renderReportBlocks, spanLabel } from './report.js';
import { countOf } from '../../../src/reports/format.js';
import { renderSlaBlocks } from './sla.js';
import { formatDuration } from '../../../src/sla/status.js';
import { slackMention } from '../ids.js';
import { SLACK_MAX, escapeMrkdwn, section, slackDate, truncate } from './text.js';
import { MODAL_ACTION } from '../views/ids.js';

export interface SlackMessage {
  text: string;
  blocks?: KnownBlock[];
  /** In the channel for everyone, or only to the person who asked. */
  response_type: 'ephemeral' | 'in_channel';
}

/** One line per case, as in `queue` and the App Home: priority, ref, who, SLA time left, why. */
export function caseLine(v: CaseView): string {
  const who = v.author.handle
    ? `@${escapeMrkdwn(truncate(v.author.handle, 60))}`
    : escapeMrkdwn(truncate(v.author.name ?? 'customer', 100));
  const sla =
    v.sla.phase === 'breached'
      ? `🚨 overdue ${formatDuration(-v.sla.remainingMs)}`
      : v.sla.phase === 'at_risk'
        ? `⚠️ ${formatDuration(v.sla.remainingMs)} left`
        : v.sla.phase === 'ok'
          ? `⏱ ${formatDuration(v.sla.remainingMs)} left`
          : '✅ answered';
  const owner = v.owner
    ? ` · ${v.owner.id.startsWith('slack:') ? slackMention(v.owner.id) : escapeMrkdwn(truncate(v.owner.name ?? v.owner.id, 100))}`
    : ' · unassigned';
  return (
    `${PRIORITY_EMOJI[v.priority]} *${v.ref}* ${escapeMrkdwn(truncate(v.source, 40))} ${who} · ${sla}${owner}\n      ` +
    `_${escapeMrkdwn(truncate(v.reasons.slice(0, 3).join(' · '), 120))}_ — ` +
    `${escapeMrkdwn(truncate(v.text.replace(/\s+/g, ' '), 90))}`
  );
}

/** The queue's paging buttons; the value says which list and page to show (`P1:2`). */
export const QUEUE_PAGE_ACTION = { previous: 'klaxon_queue_previous', next: 'klaxon_queue_next' } as const;

function queueBlocks(outcome: Extract<CommandOutcome, { kind: 'queue' }>): KnownBlock[] {
  const { page, size, range, next } = queueSpan(outcome);
  // The page's lines packed into as few sections as fit; the paging buttons always stay.
  const blocks: KnownBlock[] = linesToSections(
    `*${escapeMrkdwn(outcome.title)}* (${outcome.total})${range}`,
    outcome.views.map(caseLine),
  ).slice(0, SLACK_MAX.messageBlocks - 1);
  const filter = outcome.filter ?? 'all';
  const buttons = [];
  if (page > 1)
    buttons.push({
      type: 'button' as const,
      action_id: QUEUE_PAGE_ACTION.previous,
      text: { type: 'plain_text' as const, text: `‹ Previous ${size}` },
      value: `${filter}:${page - 1}`,
    });
  if (next > 0) {
    buttons.push({
      type: 'button' as const,
      action_id: QUEUE_PAGE_ACTION.next,
      text: { type: 'plain_text' as const, text: `Next ${next} ›` },
      value: `${filter}:${page + 1}`,
    });
  }
  if (buttons.length > 0) blocks.push({ type: 'actions', elements: buttons });
  return blocks;
}

/**
 * A command's answer is Klaxon's own sentence, but names in it come from elsewhere (a person's
 * display name, a handle typed in the command): escaped, except the channel reference Klaxon
 * writes itself (`<#C123>`, "the digest is on its way to …").
 */
function escapeKeepingChannels(text: string): string {
  return escapeMrkdwn(text).replace(/&lt;#([CG][A-Z0-9]{2,20})&gt;/g, '<#$1>');
}

/** In the channel only when the answer is meant to be shared (the core's rule for every platform); else for the asker. */
const inChannel = (outcome: CommandOutcome): SlackMessage['response_type'] =>
  answerAudience(outcome) === 'shared' ? 'in_channel' : 'ephemeral';

/** Renders a command's outcome as a slash-command response. */
export function renderOutcome(outcome: CommandOutcome): SlackMessage {
  switch (outcome.kind) {
    case 'help': {
      const head = outcome.error ? `⚠️ ${escapeMrkdwn(outcome.error)}\n\n*Usage:* ` : '*Klaxon commands* ';
      const list = outcome.lines
        .map((l) => `• \`${escapeMrkdwn(l.split(' — ')[0] ?? l)}\` — ${escapeMrkdwn(l.split(' — ')[1] ?? '')}`)
        .join('\n');
      return {
        response_type: 'ephemeral',
        text: escapeMrkdwn(outcome.error ?? 'Klaxon commands'),
        blocks: [section(`${head}\`/klaxon <command>\`\n${list}`)],
      };
    }
    case 'text':
      return { response_type: inChannel(outcome), text: escapeKeepingChannels(outcome.text) };
    case 'queue': {
      if (outcome.total === 0) return { response_type: 'ephemeral', text: `${escapeMrkdwn(outcome.title)}: none. 🎉` };
      if (outcome.views.length === 0) {
        const pages = Math.ceil(outcome.total / (outcome.pageSize ?? outcome.total));
        return {
          response_type: 'ephemeral',
          text:
            `${escapeMrkdwn(outcome.title)}: there is no page ${outcome.page ?? 1} (${outcome.total} cases fill ${pages} ` +
            `page${pages === 1 ? '' : 's'}).`,
        };
      }
      return { response_type: 'ephemeral', text: `${escapeMrkdwn(outcome.title)}: ${outcome.total}`, blocks: queueBlocks(outcome) };
    }
    case 'report':
      return { response_type: inChannel(outcome), ...renderReportBlocks(outcome.report) };
    case 'export':
      // The file follows through files.uploadV2 (see the /klaxon listener); this is the answer at once.
      return {
        response_type: 'ephemeral',
        text:
          `📎 Exporting ${countOf(outcome.rows, 'case')} opened in the last ${spanLabel(outcome.window.from, outcome.window.to)} as ` +
          `CSV: the file arrives ${outcome.public ? 'in this channel' : 'in your direct messages with Klaxon'} in a moment.`,
      };
    case 'sla':
      return { response_type: 'ephemeral', ...renderSlaBlocks(outcome.overview) };
    case 'history': {
      const lines = outcome.events.map(
        (e) =>
          `${slackDate(e.at)} · *${escapeMrkdwn(e.kind.replace(/_/g, ' '))}* by ` +
          `${e.actor.startsWith('slack:') ? slackMention(e.actor) : escapeMrkdwn(e.actorName ?? e.actor)} ` +
          `(${escapeMrkdwn(e.platform)})`,
      );
      return {
        response_type: 'ephemeral',
        text: `History of ${outcome.ref}`,
        blocks: linesToSections(`*History of ${outcome.ref}*`, lines.slice(-100)).slice(-SLACK_MAX.messageBlocks),
      };
    }
    case 'vips':
      return {
        response_type: 'ephemeral',
        text: outcome.list.length
          ? `VIPs: ${escapeMrkdwn(outcome.list.map((v) => `@${v.handle}`).join(', '))}`
          : 'No VIPs yet. Add one with `/klaxon vip add @handle`.',
      };
    case 'privacy_blocked':
      return {
        response_type: 'ephemeral',
        text: escapeMrkdwn(outcome.message),
        blocks: [
          section(`🔒 *Not sent.* ${escapeMrkdwn(outcome.message)}`),
          {
            type: 'actions',
            elements: [
              {
                type: 'button',
                action_id: MODAL_ACTION.sendAsDm,
                text: { type: 'plain_text', text: 'Send as DM instead' },
                style: 'primary',
                value: outcome.draftKey,
              },
            ],
          },
        ],
      };
  }
}
