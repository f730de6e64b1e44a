import type { CaseView, Notice } from '../../../src/ports.js';
import type { SpikeAlert, SpikeTrigger } from '../../../src/reports/spike-types.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { bareTeamsId, looksLikeTeamsUser } from '../ids.js';
import { slaLine } from './case-card.js';
import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import { actionSet, adaptiveCard, cardDate, container, escapeMd, openUrl, plainText, textBlock, truncate, type AdaptiveCard, type CardElement, type MentionEntity } from './elements.js';

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

function summary(view: CaseView): CardElement[] {
  const who = view.author.handle ? `@${view.author.handle}` : (view.author.name ?? 'unknown author');
  return [
    plainText({ text: `${PRIORITY_EMOJI[view.priority]} ${view.priority} · ${view.ref} · ${view.source} · ${who}`, weight: 'Bolder' }),
    container([plainText({ text: truncate(view.text, 600), italic: true })], { style: 'emphasis' }),
    textBlock(`_Why:_ ${escapeMd(view.reasons.join(' · ') || 'no strong signal')}`, { size: 'Small', isSubtle: true }),
  ];
}

function triggerLine(t: SpikeTrigger): string {
  const what = t.kind === 'negative' ? `negative mentions (${escapeMd(t.label)})` : `mentions about **${escapeMd(t.label)}**`;
  const usual = t.baseline === null ? '' : ` — usually about ${t.baseline < 10 ? t.baseline.toFixed(1) : Math.round(t.baseline)}`;
  return `- **${t.count}** ${what} in the last ${t.windowMinutes} min${usual} (alert at ≥ ${t.threshold})`;
}

function spikeCard(alert: SpikeAlert, onCall: string | null): AdaptiveCard {
  const mention = teamsMention(onCall);
  const body: CardElement[] = [
    textBlock(`📈 **Spike detected**${mention ? ` ${mention.text}` : ''} · ${cardDate(new Date(alert.at))}`, { size: 'Medium' }),
    textBlock(alert.triggers.map(triggerLine).join('\n')),
  ];
  if (alert.samples.length > 0) {
    body.push(textBlock('**Examples**'));
    for (const m of alert.samples) {
      const who = m.authorHandle ? `@${m.authorHandle}` : 'unknown author';
      const reach = m.authorFollowers ? ` · ${formatFollowers(m.authorFollowers)} followers` : '';
      body.push(container([plainText({ text: truncate(m.text, 280), italic: true }), plainText({ text: `${who} · ${m.source}${reach}${m.caseId ? ` · K-${m.caseId}` : ''}`, size: 'Small' })], { style: 'emphasis' }));
    }
  }
  body.push(textBlock('One alert per spike: Klaxon stays quiet about it until the count falls back under the threshold.', { size: 'Small', isSubtle: true }));
  const first = alert.triggers[0];
  const fallback = `Spike: ${first ? `${first.count} ${first.kind === 'negative' ? 'negative mentions' : `mentions about ${first.label}`} in ${first.windowMinutes} min` : 'unusual volume'}`;
  return adaptiveCard(body, { fallbackText: fallback, ...(mention ? { entities: [mention.entity] } : {}) });
}

/** Renders a notice (escalation, SLA warning or breach, hand-off, spike) as an Adaptive Card; plain text stays text. */
export function renderNotice(notice: Notice): AdaptiveCard | string {
  switch (notice.kind) {
    case 'text':
      return notice.text;
    case 'escalation': {
      const mention = teamsMention(notice.mention);
      const head = `🚨 **Escalated** ${notice.view.ref}${notice.by ? ` by ${escapeMd(notice.by)}` : ''}${mention ? ` — ${mention.text}` : ''}`;
      const body = [textBlock(head, { size: 'Medium' }), ...(notice.note ? [textBlock(`**Note:** ${escapeMd(notice.note)}`)] : []), ...summary(notice.view), textBlock(slaLine(notice.view), { size: 'Small' })];
      return adaptiveCard(body, { fallbackText: `Escalated ${notice.view.ref}`, ...(mention ? { entities: [mention.entity] } : {}) });
    }
    case 'sla_warning':
    case 'sla_breach': {
      const mention = teamsMention(notice.mention);
      const head = notice.kind === 'sla_warning' ? `⚠️ **SLA at risk** ${notice.view.ref}` : `🚨 **SLA breached** ${notice.view.ref}`;
      const body = [textBlock(`${head}${mention ? ` ${mention.text}` : ''}`, { size: 'Medium' }), textBlock(slaLine(notice.view), { size: 'Small' }), ...summary(notice.view)];
      return adaptiveCard(body, { fallbackText: `${notice.kind === 'sla_warning' ? 'SLA at risk' : 'SLA breached'}: ${notice.view.ref}`, ...(mention ? { entities: [mention.entity] } : {}) });
    }
    case 'handoff': {
      const body = [
        textBlock(`📨 ${notice.view.ref} was handed to you${notice.by ? ` by ${escapeMd(notice.by)}` : ''}.`, { size: 'Medium' }),
        ...(notice.note ? [textBlock(`**Note:** ${escapeMd(notice.note)}`)] : []),
        ...summary(notice.view),
        ...(notice.cardLink ? [actionSet([openUrl('Open the card', notice.cardLink)])] : []),
      ];
      return adaptiveCard(body, { fallbackText: `${notice.view.ref} was handed to you` });
    }
    case 'spike':
      return spikeCard(notice.alert, notice.mention);
  }
}
