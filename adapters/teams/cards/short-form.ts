import { PRIORITY_EMOJI } from '../../../src/cases/actions.js';
import { collapseBlankLines } from '../../../src/cases/card-text.js';
import type { CaseView, Notice } from '../../../src/ports.js';
import { caseButtonRows } from './case-card.js';
import {
  actionSet,
  adaptiveCard,
  linkableUrl,
  openUrl,
  plainText,
  textBlock,
  truncate,
  type AdaptiveCard,
  type CardElement,
} from './elements.js';
import { teamsMention } from './notice.js';

/**
 * The short forms sent when Teams refused the full rendering (the core asks for them with
 * `RenderOptions.shortForm`): a fixed shape of bounded parts — reference, priority, source, the
 * first 500 characters as one TextRun (never parsed, nothing to escape), and the case's buttons —
 * built only from elements every Teams client renders (TextBlock, RichTextBlock, ActionSet,
 * Action.Execute with its Action.Submit fallback). Whatever the case holds, the card stays a few
 * kilobytes, far under every limit Teams documents, so the case still reaches the channel and can
 * be worked from it.
 */

/** How much of the customer's text a short form shows; the rest is behind Show full text. */
export const SHORT_TEXT = 500;
const MAX_SOURCE = 40;

/** The platform's error code as shown on the card: bounded, never free text. */
function codeShown(refusedWith: string): string {
  return /^[A-Za-z0-9_]{1,40}$/.test(refusedWith) ? refusedWith : 'refused';
}

function titleOf(view: CaseView): string {
  return (
    `${PRIORITY_EMOJI[view.priority]} ${view.priority} · ${view.ref} · ` +
    `${truncate(view.source, MAX_SOURCE)}${view.state === 'resolved' ? ' · resolved' : ''}` +
    `${view.mentionCount > 1 ? ` · ${view.mentionCount} messages` : ''}`
  );
}

/** The first 500 characters of the customer's words, as text Teams never parses. */
function excerpt(view: CaseView): { element: CardElement; cut: boolean } {
  const text = collapseBlankLines(view.text);
  return { element: plainText(truncate(text, SHORT_TEXT) || '(no text)', { spacing: 'Small' }), cut: text.length > SHORT_TEXT };
}

/** Says why the card looks different, with Teams' code (a run: the code came from outside). */
function refusalLine(what: string, refusedWith: string): CardElement {
  return plainText(
    {
      text: `⚠️ Short form: Teams refused the full ${what} (${codeShown(refusedWith)}). Everything else works as usual.`,
      size: 'Small',
      isSubtle: true,
    },
    { spacing: 'Small' },
  );
}

/** The triage card in short form: ref, priority, source, the first 500 characters, the owner, the buttons. */
export function shortCaseCard(view: CaseView, refusedWith: string): AdaptiveCard {
  const words = excerpt(view);
  const body: CardElement[] = [plainText({ text: titleOf(view), weight: 'Bolder', size: 'Medium' }), words.element];
  // Who owns it, so a card updated in short form after a claim still says so.
  if (view.owner)
    body.push(
      plainText(['👤 Owner: ', { text: truncate(view.owner.name ?? view.owner.id, 100), weight: 'Bolder' }], {
        size: 'Small',
        spacing: 'Small',
      }),
    );
  body.push(refusalLine('card', refusedWith), ...caseButtonRows(view, words.cut));
  return adaptiveCard(body, {
    fallbackText: `${view.priority} ${view.ref} ${truncate(view.source, MAX_SOURCE)}: ${truncate(view.text.replace(/\s+/g, ' '), 150)}`,
  });
}

const NOTICE_HEAD: Record<Notice['kind'], string> = {
  text: 'Message',
  escalation: '🚨 Escalated',
  sla_warning: '⚠️ SLA at risk',
  sla_breach: '🚨 SLA breached',
  handoff: '📨 Handed to you',
  spike: '📈 Spike detected',
};

/**
 * A notice in short form: what happened and to which case, whom it is for (the on-call mention
 * still notifies), the case's first 500 characters, and — for a hand-off — the way to the card.
 * A note is left out: it is whole in the case's history. Plain text stays plain text, cut to 500.
 */
export function shortNotice(notice: Notice, refusedWith: string): AdaptiveCard | string {
  if (notice.kind === 'text') return truncate(notice.text, SHORT_TEXT);
  const mention = 'mention' in notice ? teamsMention(notice.mention) : null;
  const view = 'view' in notice ? notice.view : null;
  // Klaxon's own words, the ref (K-<number>) and the mention's fixed label only: safe as markdown.
  const body: CardElement[] = [
    textBlock(`**${NOTICE_HEAD[notice.kind]}**${view ? ` ${view.ref}` : ''}${mention ? ` ${mention.text}` : ''}`, { size: 'Medium' }),
  ];
  if (view) {
    body.push(plainText({ text: titleOf(view), weight: 'Bolder' }), excerpt(view).element);
    if ((notice.kind === 'escalation' || notice.kind === 'handoff') && notice.note)
      body.push(plainText({ text: 'The note is in the case’s history.', isSubtle: true }, { spacing: 'Small' }));
  } else if (notice.kind === 'spike') {
    const first = notice.alert.triggers[0];
    const what = first
      ? `${first.count} ${first.kind === 'negative' ? 'negative mentions' : `mentions about ${truncate(first.label, 80)}`} in ` +
        `${first.windowMinutes} min`
      : 'unusual volume';
    body.push(plainText(what));
  }
  body.push(refusalLine('message', refusedWith));
  const link = notice.kind === 'handoff' ? linkableUrl(notice.cardLink) : null;
  if (link) body.push(actionSet([openUrl('Open the card', link)]));
  return adaptiveCard(body, {
    fallbackText: `${NOTICE_HEAD[notice.kind]}${view ? ` ${view.ref}` : ''}`,
    ...(mention ? { entities: [mention.entity] } : {}),
  });
}
