import type { KnownBlock } from '@slack/types';
import type { Notice } from '../../../src/ports.js';
import { escapeMrkdwn, truncate } from './text.js';
import { slaLine } from './card.js';

function caseSummary(view: Extract<Notice, { view: unknown }>['view']): string {
  const who = view.author.handle ? `@${escapeMrkdwn(view.author.handle)}` : escapeMrkdwn(view.author.name ?? 'unknown author');
  return `*${view.priority} · ${view.ref}* · ${escapeMrkdwn(view.source)} · ${who}\n> ${truncate(escapeMrkdwn(view.text), 600).replace(/\n/g, '\n> ')}\n_Why:_ ${view.reasons.map(escapeMrkdwn).join(' · ')}`;
}

/** Renders a notice (escalation, SLA warning, hand-off, plain text) as a Slack message. */
export function renderNotice(notice: Notice): { text: string; blocks?: KnownBlock[] } {
  switch (notice.kind) {
    case 'text':
      return { text: notice.text };
    case 'escalation': {
      const head = `🚨 *Escalated* ${notice.view.ref}${notice.by ? ` by ${escapeMrkdwn(notice.by)}` : ''}${notice.mention ? ` — ${notice.mention}` : ''}`;
      const note = notice.note ? `\n*Note:* ${escapeMrkdwn(notice.note)}` : '';
      const text = `${head}${note}`;
      return { text: `Escalated ${notice.view.ref}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }, { type: 'context', elements: [{ type: 'mrkdwn', text: slaLine(notice.view) }] }] };
    }
    case 'sla_warning':
      return {
        text: `SLA at risk: ${notice.view.ref}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `⚠️ *SLA at risk* ${notice.view.ref}${notice.mention ? ` ${notice.mention}` : ''}\n${slaLine(notice.view)}` } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }],
      };
    case 'sla_breach':
      return {
        text: `SLA breached: ${notice.view.ref}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `🚨 *SLA breached* ${notice.view.ref}${notice.mention ? ` ${notice.mention}` : ''}\n${slaLine(notice.view)}` } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }],
      };
    case 'handoff': {
      const link = notice.cardLink ? `\n<${notice.cardLink}|Open the card>` : '';
      return {
        text: `${notice.view.ref} was handed to you`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `📨 ${notice.view.ref} was handed to you${notice.by ? ` by ${escapeMrkdwn(notice.by)}` : ''}.${notice.note ? `\n*Note:* ${escapeMrkdwn(notice.note)}` : ''}${link}` } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }],
      };
    }
  }
}
