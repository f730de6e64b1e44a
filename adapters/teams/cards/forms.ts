import { signReply } from '../../../src/cases/signature.js';
import type { SavedReply } from '../../../src/config/file.js';
import type { CaseView } from '../../../src/ports.js';
import { explainFindings, findPrivateData, type AllowList, type CustomPattern } from '../../../src/replies/privacy.js';
import { VERB } from '../verbs.js';
import { caseSummary } from './case-card.js';
import { actionSet, adaptiveCard, banner, container, escapeMd, execute, plainText, textBlock, truncate, type AdaptiveCard, type CardElement } from './elements.js';

/**
 * Forms that Slack shows as modals. Teams has no modal push for cards, so a button answers with
 * the form in place of the card — only for the person who clicked (an invoke response replaces
 * the card for the interactor alone) — and submitting answers with the refreshed case card.
 */

const QUOTE_IN_FORM = 600;

function header(view: CaseView, title: string, error: string | null | undefined): CardElement[] {
  const out: CardElement[] = [];
  if (error) out.push(banner(`⚠️ ${escapeMd(error)}`));
  out.push(textBlock(`**${escapeMd(title)}**`, { size: 'Medium' }), ...caseSummary(view, QUOTE_IN_FORM));
  return out;
}

function note(id: string, label: string, value: string | null | undefined, placeholder?: string): CardElement {
  return { type: 'Input.Text', id, label, isMultiline: true, maxLength: 2000, ...(value ? { value } : {}), ...(placeholder ? { placeholder } : {}) };
}

const cancel = (view: CaseView) => execute('Cancel', VERB.cancel, { caseId: view.id });

export interface ReplyFormInput {
  view: CaseView;
  saved: readonly SavedReply[];
  text: string;
  sign: boolean;
  agentName: string | null;
  /** The saved reply whose text is in the box, so Preview only refills it when another is picked. */
  appliedSaved: string | null;
  measure: ((text: string) => { used: number; limit: number }) | null;
  privatePatterns: readonly CustomPattern[];
  /** The brand's own numbers, addresses and links (config `replies.allow`). */
  allow?: AllowList;
  error?: string | null;
}

/** Exactly what the customer will read, its length budget on the source, and any privacy problem. */
export function previewElements(input: ReplyFormInput): CardElement[] {
  const finalText = input.text.trim() ? (input.sign ? signReply(input.text, input.agentName) : input.text.trim()) : '';
  if (!finalText) return [textBlock('_Type a reply and press Preview to see what the customer will read._', { isSubtle: true, size: 'Small' })];
  const items: CardElement[] = [textBlock(`**Preview** (public on ${escapeMd(input.view.source)}):`, { size: 'Small' }), plainText(truncate(finalText, 2500))];
  if (input.measure) {
    const { used, limit } = input.measure(finalText);
    items.push(textBlock(used > limit ? `🚫 ${used}/${limit} characters — ${used - limit} too many` : `${used}/${limit} characters`, { size: 'Small', color: used > limit ? 'attention' : 'default' }));
  }
  const findings = findPrivateData(finalText, input.privatePatterns, input.allow);
  if (findings.length > 0) items.push(textBlock(`🔒 ${escapeMd(explainFindings(findings))}`, { size: 'Small', color: 'attention', wrap: true }));
  return [container(items, { style: 'emphasis', id: 'preview' })];
}

/** The Reply form: the customer's message, saved replies, the text, the signature, the preview. */
export function replyForm(input: ReplyFormInput): AdaptiveCard {
  const v = input.view;
  const who = v.author.handle ? `@${v.author.handle}` : (v.author.name ?? 'the customer');
  const body = header(v, `Reply to ${v.ref}`, input.error);
  body.push(textBlock(`Replying in public on **${escapeMd(v.source)}** to **${escapeMd(who)}**`, { size: 'Small' }));
  if (input.saved.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'saved',
      label: 'Saved reply (press Preview to insert it)',
      style: 'compact',
      placeholder: 'Start from a saved reply',
      value: input.appliedSaved ?? '',
      choices: input.saved.slice(0, 100).map((s) => ({ title: s.title, value: s.id })),
    });
  }
  body.push(
    { type: 'Input.Text', id: 'text', label: 'Reply', isMultiline: true, maxLength: 3000, value: input.text, placeholder: 'What the customer will read' },
    { type: 'Input.Toggle', id: 'sign', title: 'Sign with my initials (^AB)', value: input.sign ? 'true' : 'false', valueOn: 'true', valueOff: 'false' },
    ...previewElements(input),
    actionSet([
      execute('Preview', VERB.replyPreview, { caseId: v.id, appliedSaved: input.appliedSaved }),
      execute('Send reply', VERB.replySend, { caseId: v.id, appliedSaved: input.appliedSaved }, { style: 'positive' }),
      cancel(v),
    ]),
  );
  return adaptiveCard(body, { fallbackText: `Reply to ${v.ref}` });
}

/** Shown instead of sending when the privacy guard refuses a public reply: one click sends it privately. */
export function privacyCard(view: CaseView, message: string, draftKey: string, text: string): AdaptiveCard {
  return adaptiveCard(
    [
      banner('🔒 Not sent.'),
      textBlock(escapeMd(message)),
      textBlock(`Send it to the customer of ${view.ref} as a private message instead?`),
      actionSet([execute('Send as DM instead', VERB.replyAsDm, { caseId: view.id, draftKey }, { style: 'positive' }), execute('Back to edit', VERB.openReply, { caseId: view.id, text })]),
    ],
    { fallbackText: `Not sent: ${message}` },
  );
}

export function dmForm(view: CaseView, values: { text?: string; publicNote?: string | null; error?: string | null } = {}): AdaptiveCard {
  const body = header(view, `Move ${view.ref} to DM`, values.error);
  body.push(
    { type: 'Input.Text', id: 'text', label: 'Private message', isMultiline: true, maxLength: 3000, isRequired: true, errorMessage: 'Write the message', value: values.text ?? '' },
    { type: 'Input.Text', id: 'publicNote', label: 'Public note (leave empty for none) — posted in public after the DM is delivered', maxLength: 280, value: values.publicNote ?? "We've sent you a DM 📩" },
    actionSet([execute('Send DM', VERB.dmSend, { caseId: view.id }, { style: 'positive' }), cancel(view)]),
  );
  return adaptiveCard(body, { fallbackText: `Move ${view.ref} to DM` });
}

/**
 * Hand off to a person (Teams' people picker: the graph users dataset answers with AAD object
 * ids) or to a team channel the bot is in.
 */
export function handoffForm(view: CaseView, channels: { id: string; name: string }[], values: { note?: string | null; error?: string | null } = {}): AdaptiveCard {
  const body = header(view, `Hand off ${view.ref}`, values.error);
  body.push({ type: 'Input.ChoiceSet', id: 'user', label: 'To a person', style: 'filtered', placeholder: 'Type a name', choices: [], 'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' } });
  if (channels.length > 0) {
    body.push({ type: 'Input.ChoiceSet', id: 'channel', label: 'Or to a team channel', style: 'compact', placeholder: 'Choose a channel', choices: channels.slice(0, 100).map((c) => ({ title: c.name, value: c.id })) });
  }
  body.push(note('note', 'Note for the receiver', values.note), actionSet([execute('Hand off', VERB.handoffSend, { caseId: view.id }, { style: 'positive' }), cancel(view)]));
  return adaptiveCard(body, { fallbackText: `Hand off ${view.ref}` });
}

export function escalateForm(view: CaseView, values: { note?: string | null; error?: string | null } = {}): AdaptiveCard {
  const body = header(view, `Escalate ${view.ref}`, values.error);
  body.push(note('note', 'Why is this urgent?', values.note), actionSet([execute('Escalate', VERB.escalateSend, { caseId: view.id }, { style: 'destructive' }), cancel(view)]));
  return adaptiveCard(body, { fallbackText: `Escalate ${view.ref}` });
}

export const RESOLVE_TAGS = [
  { value: 'no_action', title: 'No action needed (spam, praise, not for us)' },
  { value: 'compensated', title: 'Refund or compensation given' },
  { value: 'reported', title: 'Bug or outage reported to the team' },
] as const;

export function resolveForm(view: CaseView, values: { note?: string | null; tags?: string; error?: string | null } = {}): AdaptiveCard {
  const body = header(view, `Resolve ${view.ref}`, values.error);
  body.push(
    note('note', 'Reason (optional)', values.note),
    { type: 'Input.ChoiceSet', id: 'tags', label: 'Tags', isMultiSelect: true, style: 'expanded', value: values.tags ?? '', choices: RESOLVE_TAGS.map((t) => ({ title: t.title, value: t.value })) },
    actionSet([execute('Resolve', VERB.resolveSend, { caseId: view.id }, { style: 'positive' }), cancel(view)]),
  );
  return adaptiveCard(body, { fallbackText: `Resolve ${view.ref}` });
}
