import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import { ACTION_LABELS, PRIORITY_EMOJI, caseActions, type CaseAction } from '../../../src/cases/actions.js';
import type { CaseView } from '../../../src/ports.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { aiTriageText, authorText, guidanceText, replyCapabilityText, slaText, statusText, triageText, type Markup } from '../../../src/cases/card-text.js';
import { slackMention, slackUserId } from '../ids.js';
import { SLACK_MAX, collapseBlankLines, escapeMrkdwn, fitMrkdwn, mrkdwn, notification, plainText, quote, section, slackDate, slackLink, truncate } from './text.js';
import { MODAL_ACTION } from '../views/ids.js';

/** Action ids carry the verb; the button value carries the case id. */
export const actionId = (action: CaseAction): string => `klaxon_${action}`;
export const CARD_EVENT_TYPE = 'klaxon_case';
/** How much of the text the short-form card shows. */
const MINIMAL_TEXT = 500;

/** Slack mrkdwn for the shared card phrases. */
export const SLACK_MARKUP: Markup = {
  bold: (t) => `*${t}*`,
  escape: escapeMrkdwn,
  date: slackDate,
  // Links a source hands back (a reply's address) are outside text: shown, never made a link.
  link: (url) => escapeMrkdwn(truncate(url, 300)),
  owner: (o) => (slackUserId(o.id) ? (slackMention(o.id) ?? escapeMrkdwn(o.id)) : escapeMrkdwn(o.name ?? o.id)),
};

export const slaLine = (view: CaseView): string => slaText(view, SLACK_MARKUP);

const button = (id: string, label: string, value: string, style?: 'primary' | 'danger'): Button => ({
  type: 'button',
  action_id: id,
  text: { type: 'plain_text', text: label },
  value,
  ...(style ? { style } : {}),
});

/** The card's buttons (docs/CONTRACT.md §5), plus Retry reply and Show full text where they apply. */
function cardButtons(view: CaseView, fullText: boolean): ActionsBlock {
  const elements: Button[] = caseActions(view).map((action) =>
    button(actionId(action), ACTION_LABELS[action], String(view.id), action === 'claim' && !view.owner ? 'primary' : action === 'escalate' ? 'danger' : undefined),
  );
  if (view.lastReply && (view.lastReply.status === 'failed' || view.lastReply.status === 'uncertain')) elements.push(button(MODAL_ACTION.retryReply, 'Retry reply', `${view.id}:${view.lastReply.outboxId}`));
  if (fullText) elements.push(button(MODAL_ACTION.fullText, 'Show full text', String(view.id)));
  return { type: 'actions', block_id: `case_actions_${view.id}`, elements };
}

function titleLine(view: CaseView): string {
  return `${PRIORITY_EMOJI[view.priority]} *${view.priority} · ${view.ref}* · ${escapeMrkdwn(truncate(view.source, 40))}${view.state === 'resolved' ? ' · resolved' : ''}${view.mentionCount > 1 ? ` · ${view.mentionCount} messages` : ''}`;
}

/** The notification line of a card: priority, ref, source and the start of the text, escaped. */
function cardNotification(view: CaseView): string {
  return notification(`${view.priority} ${view.ref} ${view.source}: ${truncate(view.text.replace(/\s+/g, ' '), 150)}`);
}

/** The customer's words on the card: the author line, then as much of the text as fits, quoted. */
function messageSection(view: CaseView): { block: KnownBlock; cut: boolean } {
  const author = fitMrkdwn(authorText(view, SLACK_MARKUP), 800);
  const quoted = quote(view.text, SLACK_MAX.sectionText - author.length - 1);
  return { block: section(`${author}\n${quoted.text}`), cut: quoted.cut };
}

function stormSection(view: CaseView): KnownBlock | null {
  if (!view.incident) return null;
  const samples = view.incident.samples.map(
    (m) => `• ${m.handle ? `@${escapeMrkdwn(truncate(m.handle, 60))}` : 'someone'}${m.followers ? ` (${formatFollowers(m.followers)})` : ''}: ${escapeMrkdwn(truncate(m.text.replace(/\s+/g, ' '), 140))}`,
  );
  return section(`🌪 *Storm: ${view.mentionCount} mentions* · reach ${formatFollowers(view.reach)}\n${samples.join('\n')}`);
}

/** The triage card: who, what, why this priority, the SLA clock, the owner, and the buttons. */
export function renderCard(view: CaseView): { text: string; blocks: KnownBlock[] } {
  const message = messageSection(view);
  const aiLine = aiTriageText(view, SLACK_MARKUP);
  const blocks: KnownBlock[] = [section(titleLine(view))];
  if (view.mergedInto) blocks.push({ type: 'context', elements: [mrkdwn(`🌪 Merged into storm K-${view.mergedInto}`)] });
  const storm = stormSection(view);
  if (storm) blocks.push(storm);
  blocks.push(message.block);
  if (view.url) blocks.push({ type: 'context', elements: [mrkdwn(`🔗 ${slackLink(view.url, `Open on ${view.source}`)}`)] });
  blocks.push(
    {
      type: 'context',
      elements: [
        mrkdwn(`*Why ${view.priority}* (score ${view.score}): ${view.reasons.map(escapeMrkdwn).join(' · ') || 'no strong signal'}`, SLACK_MAX.contextText),
        ...(aiLine ? [mrkdwn(aiLine, SLACK_MAX.contextText)] : []),
      ],
    },
  );
  // Harm, language, intent and the agent's guidance (never sent) sit right under the reasons.
  const triage = triageText(view, SLACK_MARKUP);
  if (triage) blocks.push({ type: 'context', elements: [mrkdwn(triage, SLACK_MAX.contextText)] });
  const guidance = guidanceText(view, SLACK_MARKUP);
  if (guidance) blocks.push(section(guidance));
  blocks.push({ type: 'context', elements: [mrkdwn(`${view.state === 'open' ? slaLine(view) : '⏹ SLA clock stopped'}\n${statusText(view, SLACK_MARKUP)}`, SLACK_MAX.contextText)] });
  const noPublicReply = replyCapabilityText(view, SLACK_MARKUP);
  if (noPublicReply) blocks.push({ type: 'context', elements: [mrkdwn(noPublicReply, SLACK_MAX.contextText)] });
  blocks.push(cardButtons(view, message.cut));
  return { text: cardNotification(view), blocks };
}

/**
 * The card posted when Slack refused the full one: a fixed shape of bounded parts — ref,
 * priority, source, the first 500 characters as plain text (nothing to escape, nothing to
 * parse) and the buttons — so the case still reaches the channel and can be worked.
 */
export function renderMinimalCard(view: CaseView, refusedWith: string): { text: string; blocks: KnownBlock[] } {
  const code = /^[a-z_]{1,40}$/.test(refusedWith) ? refusedWith : 'refused';
  const blocks: KnownBlock[] = [
    section(titleLine(view)),
    { type: 'section', text: plainText(truncate(collapseBlankLines(view.text), MINIMAL_TEXT), SLACK_MAX.sectionText) },
    { type: 'context', elements: [mrkdwn(`⚠️ Short form: Slack refused the full card (\`${code}\`). Everything else works as usual.`)] },
    cardButtons(view, collapseBlankLines(view.text).length > MINIMAL_TEXT),
  ];
  return { text: cardNotification(view), blocks };
}
