import type { ActionsBlock, Button, KnownBlock } from '@slack/types';
import type { CaseAction } from '../../../src/cases/actions.js';
import { caseCardModel, chipsText, sampleAuthor, stormHeadingText, titleFlags } from '../../../src/cases/card-model.js';
import type { CardButton, CardTitle, CaseCardModel } from '../../../src/cases/card-model.js';
import type { CaseView } from '../../../src/ports.js';
import { aiTriageText, authorText, guidanceText, replyCapabilityText, slaText, statusText } from '../../../src/cases/card-text.js';
import type { Markup } from '../../../src/cases/card-text.js';
import { slackMention, slackUserId } from '../ids.js';
import {
  SLACK_MAX,
  collapseBlankLines,
  escapeMrkdwn,
  fitMrkdwn,
  mrkdwn,
  notification,
  plainText,
  quote,
  section,
  slackDate,
  slackLink,
  truncate,
} from './text.js';
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

/** A model button as Block Kit: case verbs by action id, Retry reply and Show full text by their modal actions. */
function button(caseId: number, b: CardButton): Button {
  const [id, value] =
    b.kind === 'retry_reply'
      ? [MODAL_ACTION.retryReply, `${caseId}:${b.outboxId}`]
      : b.kind === 'full_text'
        ? [MODAL_ACTION.fullText, String(caseId)]
        : [actionId(b.kind), String(caseId)];
  return { type: 'button', action_id: id, text: { type: 'plain_text', text: b.label }, value, ...(b.style ? { style: b.style } : {}) };
}

/** The card's buttons (docs/CONTRACT.md §5), plus Retry reply and Show full text where they apply. */
function cardButtons(model: CaseCardModel): ActionsBlock {
  return { type: 'actions', block_id: `case_actions_${model.caseId}`, elements: model.buttons.map((b) => button(model.caseId, b)) };
}

function titleLine(t: CardTitle): string {
  return `${t.emoji} *${t.head}* · ${escapeMrkdwn(truncate(t.source, 40))}${titleFlags(t)}`;
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

function stormSection(model: CaseCardModel): KnownBlock | null {
  if (!model.storm) return null;
  const samples = model.storm.samples.map(
    (m) => `• ${sampleAuthor(m, (h) => escapeMrkdwn(truncate(h, 60)))}: ${escapeMrkdwn(truncate(m.text, 140))}`,
  );
  return section(`${stormHeadingText(model.storm, SLACK_MARKUP)}\n${samples.join('\n')}`);
}

/** The triage card: who, what, why this priority, the SLA clock, the owner, and the buttons. */
export function renderCard(view: CaseView): { text: string; blocks: KnownBlock[] } {
  const message = messageSection(view);
  const model = caseCardModel(view, { textCut: message.cut });
  const aiLine = aiTriageText(view, SLACK_MARKUP);
  const blocks: KnownBlock[] = [section(titleLine(model.title))];
  if (model.mergedNote) blocks.push({ type: 'context', elements: [mrkdwn(model.mergedNote)] });
  const storm = stormSection(model);
  if (storm) blocks.push(storm);
  blocks.push(message.block);
  if (view.url) blocks.push({ type: 'context', elements: [mrkdwn(`🔗 ${slackLink(view.url, `Open on ${view.source}`)}`)] });
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(`*${model.why.label}* (score ${model.why.score}): ${escapeMrkdwn(model.why.reasons)}`, SLACK_MAX.contextText),
      ...(aiLine ? [mrkdwn(aiLine, SLACK_MAX.contextText)] : []),
    ],
  });
  // Harm, language, intent and the agent's guidance (never sent) sit right under the reasons.
  const triage = chipsText(model.chips, SLACK_MARKUP);
  if (triage) blocks.push({ type: 'context', elements: [mrkdwn(triage, SLACK_MAX.contextText)] });
  const guidance = guidanceText(view, SLACK_MARKUP);
  if (guidance) blocks.push(section(guidance));
  blocks.push({
    type: 'context',
    elements: [
      mrkdwn(`${view.state === 'open' ? slaLine(view) : '⏹ SLA clock stopped'}\n${statusText(view, SLACK_MARKUP)}`, SLACK_MAX.contextText),
    ],
  });
  const noPublicReply = replyCapabilityText(view, SLACK_MARKUP);
  if (noPublicReply) blocks.push({ type: 'context', elements: [mrkdwn(noPublicReply, SLACK_MAX.contextText)] });
  blocks.push(cardButtons(model));
  return { text: cardNotification(view), blocks };
}

/**
 * The card posted when Slack refused the full one: a fixed shape of bounded parts — ref,
 * priority, source, the first 500 characters as plain text (nothing to escape, nothing to
 * parse) and the buttons — so the case still reaches the channel and can be worked.
 */
export function renderMinimalCard(view: CaseView, refusedWith: string): { text: string; blocks: KnownBlock[] } {
  const code = /^[a-z_]{1,40}$/.test(refusedWith) ? refusedWith : 'refused';
  const model = caseCardModel(view, { textCut: collapseBlankLines(view.text).length > MINIMAL_TEXT });
  const blocks: KnownBlock[] = [
    section(titleLine(model.title)),
    { type: 'section', text: plainText(truncate(collapseBlankLines(view.text), MINIMAL_TEXT), SLACK_MAX.sectionText) },
    { type: 'context', elements: [mrkdwn(`⚠️ Short form: Slack refused the full card (\`${code}\`). Everything else works as usual.`)] },
    cardButtons(model),
  ];
  return { text: cardNotification(view), blocks };
}
