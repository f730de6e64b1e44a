import type { KnownBlock } from '@slack/types';
import type { Notice } from '../../../src/ports.js';
import type { SpikeAlert, SpikeTrigger } from '../../../src/domain/spike.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { slackMention } from '../ids.js';
import {
  SLACK_MAX,
  escapeMrkdwn,
  fitMrkdwn,
  mrkdwn,
  notification,
  quote,
  section,
  sections,
  slackDate,
  slackLink,
  textMessage,
  truncate,
} from './text.js';
import { slaLine } from './card.js';

/** A note is shown whole, over as many sections as it needs (a 3,000-character note of `&` is 15,000). */
const NOTE_SECTIONS = 10;

/** Notices carry the raw on-call id (U…, S…); Slack needs it as a mention to notify anyone. */
const mention = (id: string | null): string => {
  const m = slackMention(id);
  return m ? ` ${m}` : '';
};

function triggerLine(t: SpikeTrigger): string {
  const label = escapeMrkdwn(truncate(t.label, 100));
  const what = t.kind === 'negative' ? `negative mentions (${label})` : `mentions about *${label}*`;
  const usual =
    t.baseline === null
      ? ''
      : t.baseline < 0.05
        ? ' — usually none'
        : ` — usually about ${t.baseline < 10 ? t.baseline.toFixed(1) : Math.round(t.baseline)}`;
  return `• *${t.count}* ${what} in the last ${t.windowMinutes} min${usual} (alert at ≥ ${t.threshold})`;
}

/** Lines up to `max` characters in all, whole lines only, saying how many were left out. */
function fitLines(lines: readonly string[], max: number): string {
  let out = '';
  for (const [i, line] of lines.entries()) {
    const next = out ? `${out}\n${line}` : line;
    const more = `\n_…and ${lines.length - i} more_`;
    if (next.length + (i < lines.length - 1 ? more.length : 0) > max) return out ? `${out}${more}` : fitMrkdwn(line, max);
    out = next;
  }
  return out;
}

function renderSpike(alert: SpikeAlert, onCall: string | null): { text: string; blocks: KnownBlock[] } {
  const head = `📈 *Spike detected*${mention(onCall)} · ${slackDate(new Date(alert.at))}`;
  const blocks: KnownBlock[] = [section(`${head}\n${fitLines(alert.triggers.map(triggerLine), SLACK_MAX.sectionText - head.length - 1)}`)];
  if (alert.samples.length > 0) {
    const share = Math.floor((SLACK_MAX.sectionText - 20) / alert.samples.length);
    const samples = alert.samples.map((m) => {
      const who = m.authorHandle ? `@${escapeMrkdwn(truncate(m.authorHandle, 60))}` : 'unknown author';
      const reach = m.authorFollowers ? ` · ${formatFollowers(m.authorFollowers)} followers` : '';
      const ref = m.caseId ? ` · K-${m.caseId}` : '';
      const byline = `${who} · ${escapeMrkdwn(truncate(m.source, 40))}${reach}${ref}`;
      return `${quote(truncate(m.text, 280), share - byline.length - 1).text}\n${byline}`;
    });
    blocks.push(section(`*Examples*\n${samples.join('\n')}`));
  }
  blocks.push({
    type: 'context',
    elements: [mrkdwn('One alert per spike: Klaxon stays quiet about it until the count falls back under the threshold.')],
  });
  const first = alert.triggers[0];
  const what = first
    ? `${first.count} ${first.kind === 'negative' ? 'negative mentions' : `mentions about ${first.label}`} in ${first.windowMinutes} min`
    : 'unusual volume';
  return { text: notification(`Spike: ${what}`), blocks };
}

/** The case a notice is about: ref, source, who, the start of the text quoted, and why. */
function caseSummary(view: Extract<Notice, { view: unknown }>['view']): KnownBlock {
  const who = view.author.handle
    ? `@${escapeMrkdwn(truncate(view.author.handle, 100))}`
    : escapeMrkdwn(truncate(view.author.name ?? 'unknown author', 200));
  const head = `*${view.priority} · ${view.ref}* · ${escapeMrkdwn(truncate(view.source, 40))} · ${who}`;
  const why = fitMrkdwn(`_Why:_ ${view.reasons.map(escapeMrkdwn).join(' · ')}`, 600);
  const quoted = quote(truncate(view.text, 600), SLACK_MAX.sectionText - head.length - why.length - 2);
  return section(`${head}\n${quoted.text}\n${why}`);
}

/** A heading line, then the person's note in full (escaped, over several sections when long). */
function withNote(headline: string, note: string | null): KnownBlock[] {
  if (!note) return [section(headline)];
  const body = escapeMrkdwn(note);
  const inline = `${headline}\n*Note:* ${body}`;
  if (inline.length <= SLACK_MAX.sectionText) return [section(inline)];
  return [section(`${headline}\n*Note:*`), ...sections(body, NOTE_SECTIONS)];
}

/** Renders a notice (escalation, SLA warning, hand-off, plain text) as a Slack message. */
export function renderNotice(notice: Notice): { text: string; blocks?: KnownBlock[] } {
  switch (notice.kind) {
    case 'text':
      return textMessage(notice.text);
    case 'escalation': {
      const head =
        `🚨 *Escalated* ` +
        `${notice.view.ref}${notice.by ? ` by ${escapeMrkdwn(truncate(notice.by, 200))}` : ''}` +
        `${notice.mention ? ` —${mention(notice.mention)}` : ''}`;
      return {
        text: notification(`Escalated ${notice.view.ref}`),
        blocks: [...withNote(head, notice.note), caseSummary(notice.view), { type: 'context', elements: [mrkdwn(slaLine(notice.view))] }],
      };
    }
    case 'sla_warning':
      return {
        text: notification(`SLA at risk: ${notice.view.ref}`),
        blocks: [
          section(`⚠️ *SLA at risk* ${notice.view.ref}${mention(notice.mention)}\n${slaLine(notice.view)}`),
          caseSummary(notice.view),
        ],
      };
    case 'sla_breach':
      return {
        text: notification(`SLA breached: ${notice.view.ref}`),
        blocks: [
          section(`🚨 *SLA breached* ${notice.view.ref}${mention(notice.mention)}\n${slaLine(notice.view)}`),
          caseSummary(notice.view),
        ],
      };
    case 'handoff': {
      const head =
        `📨 ${notice.view.ref} was handed to ` +
        `you${notice.by ? ` by ${escapeMrkdwn(truncate(notice.by, 200))}` : ''}.` +
        `${notice.cardLink ? ` ${slackLink(notice.cardLink, 'Open the card')}` : ''}`;
      return {
        text: notification(`${notice.view.ref} was handed to you`),
        blocks: [...withNote(head, notice.note), caseSummary(notice.view)],
      };
    }
    case 'spike':
      return renderSpike(notice.alert, notice.mention);
  }
}

/**
 * The notice posted when Slack refused the full one: a fixed, bounded shape that still says
 * what happened and to which case, so an escalation or hand-off is never lost to a refusal.
 */
export function renderMinimalNotice(notice: Notice): { text: string; blocks: KnownBlock[] } {
  const what: Record<Notice['kind'], string> = {
    text: 'Message',
    escalation: '🚨 Escalated',
    sla_warning: '⚠️ SLA at risk',
    sla_breach: '🚨 SLA breached',
    handoff: '📨 Handed to you',
    spike: '📈 Spike detected',
  };
  const ref = 'view' in notice ? ` ${notice.view.ref}` : '';
  const who = 'mention' in notice ? mention(notice.mention) : '';
  const body =
    notice.kind === 'text'
      ? escapeMrkdwn(truncate(notice.text, 500))
      : 'The full message was refused by Slack; open the case for its details.';
  return { text: notification(`${what[notice.kind]}${ref}`), blocks: [section(`*${what[notice.kind]}${ref}*${who}\n${body}`)] };
}
