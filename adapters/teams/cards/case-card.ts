import type { CaseAction } from '../../../src/cases/actions.js';
import { caseCardModel, chipsText, sampleAuthor, stormHeadingText, titleFlags } from '../../../src/cases/card-model.js';
import type { CardButton, CaseCardModel } from '../../../src/cases/card-model.js';
import type { CaseView } from '../../../src/ports.js';
import { formatFollowers } from '../../../src/scoring/index.js';
import { aiTriageText, guidanceText, PRIVATE_NOTE, replyCapabilityText, replyText, slaText } from '../../../src/cases/card-text.js';
import type { Markup } from '../../../src/cases/card-text.js';
import { VERB } from '../verbs.js';
import {
  actionSet,
  adaptiveCard,
  banner,
  cardDate,
  container,
  escapeMd,
  execute,
  inert,
  linkableUrl,
  linkRun,
  markupRuns,
  plainText,
  RUN_MARKUP,
  textBlock,
  truncate,
  type AdaptiveCard,
  type CardAction,
  type CardElement,
} from './elements.js';
import { fitCard, scaled } from './size.js';

/** The customer's words on the card; the rest is one click away (Show full text). */
export const MAX_QUOTE = 1500;
const MAX_SAMPLE = 140;

/** The verb each card button sends. */
export const CASE_BUTTON_VERB: Record<CaseAction, string> = {
  claim: VERB.claim,
  reply: VERB.openReply,
  dm: VERB.openDm,
  handoff: VERB.openHandoff,
  escalate: VERB.openEscalate,
  resolve: VERB.openResolve,
  reopen: VERB.reopen,
};

const CONTAINER_STYLE: Record<CaseView['priority'], string> = { P1: 'attention', P2: 'warning', P3: 'default', P4: 'default' };

export function authorRuns(view: CaseView): string {
  const a = view.author;
  const who = a.name && a.handle ? `${a.name} (@${a.handle})` : a.handle ? `@${a.handle}` : (a.name ?? 'unknown author');
  const bits = [who];
  if (a.followers !== null && a.followers !== undefined) bits.push(`${formatFollowers(a.followers)} followers`);
  if (a.verified) bits.push('✔︎ verified');
  // docs/CONTRACT.md §5: where a source has no public reply (DMs, e-mail), the card says Reply goes privately.
  if (view.isPrivate) bits.push(PRIVATE_NOTE);
  return bits.join(' · ');
}

/** Teams markdown for the shared card phrases that carry no outside text (the SLA line). */
export const TEAMS_MARKUP: Markup = {
  bold: (t) => `**${t}**`,
  escape: escapeMd,
  date: cardDate,
  link: (_url, label) => label,
  owner: (o) => `**${escapeMd(o.name ?? o.id)}**`,
};

export const slaLine = (view: CaseView): string => slaText(view, TEAMS_MARKUP);

/**
 * Owner, answer, resolution and the last reply's fate. Names and error texts are outside text,
 * so they go in runs; dates only localise in TextBlocks, so those lines carry no outside text.
 */
function statusElements(view: CaseView): CardElement[] {
  const out: CardElement[] = [
    plainText(view.owner ? ['👤 Owner: ', { text: view.owner.name ?? view.owner.id, weight: 'Bolder' }] : '👤 Unassigned', {
      size: 'Small',
      spacing: 'Small',
    }),
  ];
  if (view.firstResponseAt)
    out.push(
      textBlock(`💬 Answered${view.firstResponseVia === 'outside' ? ' outside Klaxon' : ''} ${cardDate(view.firstResponseAt)}`, {
        size: 'Small',
        spacing: 'None',
      }),
    );
  if (view.state === 'resolved') {
    out.push(textBlock(`✅ Resolved${view.resolvedAt ? ` ${cardDate(view.resolvedAt)}` : ''}`, { size: 'Small', spacing: 'None' }));
    if (view.resolvedBy) out.push(plainText([{ text: 'by ', isSubtle: true }, view.resolvedBy], { size: 'Small', spacing: 'None' }));
  }
  const reply = replyText(view, RUN_MARKUP);
  if (reply) out.push(plainText(markupRuns(reply), { size: 'Small', spacing: 'None' }));
  return out;
}

const BUTTON_STYLE = { primary: 'positive', danger: 'destructive' } as const;

/** A model button as an Action.Execute: case verbs by CASE_BUTTON_VERB, Retry reply and Show full text by their own. */
function button(caseId: number, b: CardButton): CardAction {
  const style = b.style ? { style: BUTTON_STYLE[b.style] } : {};
  if (b.kind === 'retry_reply') return execute(b.label, VERB.retryReply, { caseId, outboxId: b.outboxId }, { ...style, fallback: true });
  if (b.kind === 'full_text') return execute(b.label, VERB.fullText, { caseId, page: 1 }, { ...style, fallback: true });
  return execute(b.label, CASE_BUTTON_VERB[b.kind], { caseId }, { ...style, fallback: true });
}

/**
 * The card's buttons (docs/CONTRACT.md §5), plus Retry reply and Show full text where they apply, in rows
 * of at most three: Teams shows six actions per set, and narrow clients wrap badly.
 */
export function caseButtonRows(view: CaseView, offerFullText: boolean): CardElement[] {
  return buttonRows(caseCardModel(view, { textCut: offerFullText }));
}

function buttonRows(model: CaseCardModel): CardElement[] {
  const buttons = model.buttons.map((b) => button(model.caseId, b));
  const rows: CardElement[] = [];
  for (let i = 0; i < buttons.length; i += 3) rows.push(actionSet(buttons.slice(i, i + 3)));
  return rows;
}

/** The head of every case card and form: priority, reference, source, who, and their words. */
export function caseSummary(view: CaseView, maxQuote = MAX_QUOTE): CardElement[] {
  const t = caseCardModel(view, { textCut: false }).title;
  const title = `${t.emoji} ${t.head} · ${t.source}${titleFlags(t)}`;
  const quote = container([plainText({ text: truncate(view.text, maxQuote), italic: true })], { style: 'emphasis' });
  return [
    container([plainText({ text: title, weight: 'Bolder', size: 'Medium' })], { style: CONTAINER_STYLE[view.priority], bleed: true }),
    plainText(authorRuns(view), { spacing: 'Small' }),
    quote,
  ];
}

/** Whether the card shows less than the whole customer text (then it offers Show full text). */
export function isCut(view: CaseView, maxQuote = MAX_QUOTE): boolean {
  return view.text.length > maxQuote;
}

function buildCaseCard(
  view: CaseView,
  notice: { text: string; color?: 'attention' | 'good' | 'warning' } | undefined,
  scale: number,
): AdaptiveCard {
  const maxQuote = scaled(MAX_QUOTE, scale);
  const model = caseCardModel(view, { textCut: isCut(view, maxQuote) });
  const body: CardElement[] = [];
  if (notice) body.push(banner(truncate(notice.text, scaled(1000, scale)), notice.color ?? 'good'));
  if (model.mergedNote) body.push(textBlock(model.mergedNote, { size: 'Small', isSubtle: true }));
  body.push(...caseSummary(view, maxQuote));
  if (model.storm) {
    body.push(textBlock(stormHeadingText(model.storm, TEAMS_MARKUP), { spacing: 'Medium' }));
    for (const m of model.storm.samples) {
      const sample = truncate(m.text, scaled(MAX_SAMPLE, scale));
      body.push(plainText([{ text: `${sampleAuthor(m)}: `, weight: 'Bolder' }, sample], { size: 'Small', spacing: 'Small' }));
    }
  }
  const url = linkableUrl(view.url);
  if (url) body.push(plainText([linkRun(`Open on ${view.source}`, url)], { size: 'Small', spacing: 'Small' }));
  const reasons = truncate(model.why.reasons, scaled(600, scale));
  const why = [{ text: model.why.label, weight: 'Bolder' }, ` (score ${model.why.score}): `, reasons];
  body.push(plainText(why, { size: 'Small', isSubtle: true }));
  // Harm, language and intent; the guidance note is for the agent only (never sent).
  const triage = chipsText(model.chips, RUN_MARKUP);
  if (triage) body.push(plainText(markupRuns(triage), { size: 'Small', spacing: 'Small' }));
  const guidance = guidanceText(view, RUN_MARKUP);
  if (guidance) body.push(container([plainText(markupRuns(guidance), { size: 'Small' })], { style: 'warning' }));
  // The model's reason is untrusted text: TextRuns, like the customer's words.
  const ai = aiTriageText(view, RUN_MARKUP);
  if (ai) body.push(plainText(markupRuns(ai), { size: 'Small', isSubtle: true, spacing: 'Small' }));
  body.push(textBlock(view.state === 'open' ? slaLine(view) : '⏹ SLA clock stopped', { size: 'Small', spacing: 'Small' }));
  body.push(...statusElements(view));
  const capability = replyCapabilityText(view, RUN_MARKUP);
  if (capability) body.push(plainText(markupRuns(capability), { size: 'Small', spacing: 'Small' }));
  // What the source allows now (a messaging window, a token problem): its words in a run, its time in a TextBlock.
  const note = view.state === 'open' ? view.sourceNote : null;
  if (note) body.push(plainText(truncate(note.text, scaled(400, scale)), { size: 'Small', spacing: 'Small' }));
  if (note?.until) body.push(textBlock(`until ${cardDate(note.until)}`, { size: 'Small', spacing: 'None', isSubtle: true }));

  body.push(...buttonRows(model));
  return adaptiveCard(body, {
    fallbackText: inert(`${view.priority} ${view.ref} ${view.source}: ${truncate(view.text.replace(/\s+/g, ' '), 150)}`),
  });
}

/**
 * The triage card: who, what, why this priority, the SLA clock, the owner, and the buttons of
 * docs/CONTRACT.md §5 (same labels as Slack, from ACTION_LABELS). Every button is an Action.Execute, so
 * Teams shows the card the bot answers with in place. `notice` puts a line on top (a form that
 * was just submitted, a refusal). Whatever the input, the card fits a Teams message.
 */
export function renderCaseCard(view: CaseView, notice?: { text: string; color?: 'attention' | 'good' | 'warning' }): AdaptiveCard {
  return fitCard((scale) => buildCaseCard(view, notice, scale));
}
