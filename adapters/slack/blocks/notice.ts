import type { KnownBlock } from '@slack/types';
import type { Notice } from '../../../src/ports.js';
import type { SpikeAlert, SpikeTrigger } from '../../../src/reports/spike-types.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { slackMention } from '../ids.js';
import { escapeMrkdwn, slackDate, truncate } from './text.js';
import { slaLine } from './card.js';

/** Notices carry the raw on-call id (U…, S…); Slack needs it as a mention to notify anyone. */
const mention = (id: string | null): string => {
  const m = slackMention(id);
  return m ? ` ${m}` : '';
};

function triggerLine(t: SpikeTrigger): string {
  const what = t.kind === 'negative' ? `negative mentions (${escapeMrkdwn(t.label)})` : `mentions about *${escapeMrkdwn(t.label)}*`;
  const usual = t.baseline === null ? '' : t.baseline < 0.05 ? ' — usually none' : ` — usually about ${t.baseline < 10 ? t.baseline.toFixed(1) : Math.round(t.baseline)}`;
  return `• *${t.count}* ${what} in the last ${t.windowMinutes} min${usual} (alert at ≥ ${t.threshold})`;
}

function renderSpike(alert: SpikeAlert, onCall: string | null): { text: string; blocks: KnownBlock[] } {
  const head = `📈 *Spike detected*${mention(onCall)} · ${slackDate(new Date(alert.at))}\n${alert.triggers.map(triggerLine).join('\n')}`;
  const blocks: KnownBlock[] = [{ type: 'section', text: { type: 'mrkdwn', text: truncate(head, 2900) } }];
  if (alert.samples.length > 0) {
    const samples = alert.samples.map((m) => {
      const who = m.authorHandle ? `@${escapeMrkdwn(m.authorHandle)}` : 'unknown author';
      const reach = m.authorFollowers ? ` · ${formatFollowers(m.authorFollowers)} followers` : '';
      const ref = m.caseId ? ` · K-${m.caseId}` : '';
      return `> ${truncate(escapeMrkdwn(m.text), 280).replace(/\n/g, '\n> ')}\n${who} · ${escapeMrkdwn(m.source)}${reach}${ref}`;
    });
    blocks.push({ type: 'section', text: { type: 'mrkdwn', text: truncate(`*Examples*\n${samples.join('\n')}`, 2900) } });
  }
  blocks.push({ type: 'context', elements: [{ type: 'mrkdwn', text: 'One alert per spike: Klaxon stays quiet about it until the count falls back under the threshold.' }] });
  const first = alert.triggers[0];
  return { text: `Spike: ${first ? `${first.count} ${first.kind === 'negative' ? 'negative mentions' : `mentions about ${first.label}`} in ${first.windowMinutes} min` : 'unusual volume'}`, blocks };
}

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
      const head = `🚨 *Escalated* ${notice.view.ref}${notice.by ? ` by ${escapeMrkdwn(notice.by)}` : ''}${notice.mention ? ` —${mention(notice.mention)}` : ''}`;
      const note = notice.note ? `\n*Note:* ${escapeMrkdwn(notice.note)}` : '';
      const text = `${head}${note}`;
      return { text: `Escalated ${notice.view.ref}`, blocks: [{ type: 'section', text: { type: 'mrkdwn', text } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }, { type: 'context', elements: [{ type: 'mrkdwn', text: slaLine(notice.view) }] }] };
    }
    case 'sla_warning':
      return {
        text: `SLA at risk: ${notice.view.ref}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `⚠️ *SLA at risk* ${notice.view.ref}${mention(notice.mention)}\n${slaLine(notice.view)}` } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }],
      };
    case 'sla_breach':
      return {
        text: `SLA breached: ${notice.view.ref}`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `🚨 *SLA breached* ${notice.view.ref}${mention(notice.mention)}\n${slaLine(notice.view)}` } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }],
      };
    case 'handoff': {
      const link = notice.cardLink ? `\n<${notice.cardLink}|Open the card>` : '';
      return {
        text: `${notice.view.ref} was handed to you`,
        blocks: [{ type: 'section', text: { type: 'mrkdwn', text: `📨 ${notice.view.ref} was handed to you${notice.by ? ` by ${escapeMrkdwn(notice.by)}` : ''}.${notice.note ? `\n*Note:* ${escapeMrkdwn(notice.note)}` : ''}${link}` } }, { type: 'section', text: { type: 'mrkdwn', text: caseSummary(notice.view) } }],
      };
    }
    case 'spike':
      return renderSpike(notice.alert, notice.mention);
  }
}
