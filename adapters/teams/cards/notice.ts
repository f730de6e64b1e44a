import type { CaseView, Notice } from '../../../src/ports.js';
import type { SpikeAlert, SpikeTrigger } from '../../../src/domain/spike.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { bareTeamsId, looksLikeTeamsUser } from '../ids.js';
import { slaLine } from './case-card.js';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import {
  actionSet,
  adaptiveCard,
  cardDate,
  container,
  linkableUrl,
  openUrl,
  plainText,
  textBlock,
  truncate,
  type AdaptiveCard,
  type CardElement,
  type MentionEntity,
} from './elements.js';
import { fitCard, scaled } from './size.js';

/** A note is shown whole up to this length; longer, the rest is in the case's history. */
const MAX_NOTE = 4000;
const QUOTE = 600;

/**
 * A mention Teams notifies: `<at>…</at>` in the text plus an entity naming the person. The
 * on-call setting may hold a Slack id (U…/S…), which means nothing here and is left out.
 */
export function teamsMention(id: string | null, label = 'on-call'): { text: string; entity: MentionEntity } | null {
  if (!id) return null;
  const bare = bareTeamsId(id) ?? id;
  if (!looksLikeTeamsUser(bare)) return null;
  const text = `<at>${label}</at>`;
  return { text, entity: { type: 'mention', text, mentioned: { id: bare, name: label } } };
}

function summary(view: CaseView, scale: number): CardElement[] {
  const who = view.author.handle ? `@${view.author.handle}` : (view.author.name ?? 'unknown author');
  return [
    plainText({ text: `${PRIORITY_EMOJI[view.priority]} ${view.priority} · ${view.ref} · ${view.source} · ${who}`, weight: 'Bolder' }),
    container([plainText({ text: truncate(view.text, scaled(QUOTE, scale)), italic: true })], { style: 'emphasis' }),
    plainText([{ text: 'Why: ', italic: true }, truncate(view.reasons.join(' · ') || 'no strong signal', scaled(600, scale))], {
      size: 'Small',
      isSubtle: true,
    }),
  ];
}

/** "by <name>": a person's name is outside text, so it is a run, never markdown. */
function byLine(by: string | null): CardElement[] {
  return by ? [plainText([{ text: 'by ', isSubtle: true }, by], { spacing: 'None' })] : [];
}

function noteLine(note: string | null, scale: number): CardElement[] {
  if (!note) return [];
  const max = scaled(MAX_NOTE, scale);
  const shown = truncate(note, max);
  return [
    plainText([
      { text: 'Note: ', weight: 'Bolder' },
      shown,
      ...(shown.length < note.length
        ? [{ text: ` (${(note.length - shown.length + 1).toLocaleString('en')} more characters in the case history)`, isSubtle: true }]
        : []),
    ]),
  ];
}

function triggerLine(t: SpikeTrigger): CardElement {
  const what = t.kind === 'negative' ? [' negative mentions (', t.label, ')'] : [' mentions about ', { text: t.label, weight: 'Bolder' }];
  const usual = t.baseline === null ? '' : ` — usually about ${t.baseline < 10 ? t.baseline.toFixed(1) : Math.round(t.baseline)}`;
  return plainText(
    ['• ', { text: String(t.count), weight: 'Bolder' }, ...what, ` in the last ${t.windowMinutes} min${usual} (alert at ≥ ${t.threshold})`],
    { spacing: 'None' },
  );
}

function spikeCard(alert: SpikeAlert, onCall: string | null, scale: number): AdaptiveCard {
  const mention = teamsMention(onCall);
  const body: CardElement[] = [
    textBlock(`📈 **Spike detected**${mention ? ` ${mention.text}` : ''} · ${cardDate(new Date(alert.at))}`, { size: 'Medium' }),
    ...alert.triggers.map(triggerLine),
  ];
  if (alert.samples.length > 0) {
    body.push(textBlock('**Examples**'));
    for (const m of alert.samples) {
      const who = m.authorHandle ? `@${m.authorHandle}` : 'unknown author';
      const reach = m.authorFollowers ? ` · ${formatFollowers(m.authorFollowers)} followers` : '';
      body.push(
        container(
          [
            plainText({ text: truncate(m.text, scaled(280, scale)), italic: true }),
            plainText({ text: `${who} · ${m.source}${reach}${m.caseId ? ` · K-${m.caseId}` : ''}`, size: 'Small' }),
          ],
          { style: 'emphasis' },
        ),
      );
    }
  }
  body.push(
    textBlock('One alert per spike: Klaxon stays quiet about it until the count falls back under the threshold.', {
      size: 'Small',
      isSubtle: true,
    }),
  );
  const first = alert.triggers[0];
  const what = first
    ? `${first.count} ${first.kind === 'negative' ? 'negative mentions' : `mentions about ${first.label}`} in ${first.windowMinutes} min`
    : 'unusual volume';
  const fallback = `Spike: ${what}`;
  return adaptiveCard(body, { fallbackText: fallback, ...(mention ? { entities: [mention.entity] } : {}) });
}

/** Renders a notice (escalation, SLA warning or breach, hand-off, spike) as an Adaptive Card; plain text stays text. */
export function renderNotice(notice: Notice): AdaptiveCard | string {
  switch (notice.kind) {
    case 'text':
      return notice.text;
    case 'escalation': {
      const mention = teamsMention(notice.mention);
      return fitCard((scale) =>
        adaptiveCard(
          [
            textBlock(`🚨 **Escalated** ${notice.view.ref}${mention ? ` — ${mention.text}` : ''}`, { size: 'Medium' }),
            ...byLine(notice.by),
            ...noteLine(notice.note, scale),
            ...summary(notice.view, scale),
            textBlock(slaLine(notice.view), { size: 'Small' }),
          ],
          { fallbackText: `Escalated ${notice.view.ref}`, ...(mention ? { entities: [mention.entity] } : {}) },
        ),
      );
    }
    case 'sla_warning':
    case 'sla_breach': {
      const mention = teamsMention(notice.mention);
      const head = notice.kind === 'sla_warning' ? `⚠️ **SLA at risk** ${notice.view.ref}` : `🚨 **SLA breached** ${notice.view.ref}`;
      return fitCard((scale) =>
        adaptiveCard(
          [
            textBlock(`${head}${mention ? ` ${mention.text}` : ''}`, { size: 'Medium' }),
            textBlock(slaLine(notice.view), { size: 'Small' }),
            ...summary(notice.view, scale),
          ],
          {
            fallbackText: `${notice.kind === 'sla_warning' ? 'SLA at risk' : 'SLA breached'}: ${notice.view.ref}`,
            ...(mention ? { entities: [mention.entity] } : {}),
          },
        ),
      );
    }
    case 'handoff': {
      const link = linkableUrl(notice.cardLink);
      return fitCard((scale) =>
        adaptiveCard(
          [
            textBlock(`📨 ${notice.view.ref} was handed to you.`, { size: 'Medium' }),
            ...byLine(notice.by),
            ...noteLine(notice.note, scale),
            ...summary(notice.view, scale),
            ...(link ? [actionSet([openUrl('Open the card', link)])] : []),
          ],
          { fallbackText: `${notice.view.ref} was handed to you` },
        ),
      );
    }
    case 'spike':
      return fitCard((scale) => spikeCard(notice.alert, notice.mention, scale));
  }
}
