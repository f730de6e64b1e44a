import { signatureLabel, signReply } from '../../../src/cases/signature.js';
import type { ReplyFormModel } from '../../../src/chat/forms.js';
import type { CaseView } from '../../../src/ports.js';
import { explainFindings, findPrivateData } from '../../../src/replies/privacy.js';
import { VERB } from '../verbs.js';
import { caseSummary } from './case-card.js';
import {
  actionSet,
  adaptiveCard,
  banner,
  container,
  execute,
  plainText,
  textBlock,
  truncate,
  type AdaptiveCard,
  type CardElement,
} from './elements.js';
import { fitCard } from './size.js';

/**
 * Forms that Slack shows as modals. Teams has no modal push for cards, so a button answers with
 * the form in place of the card — only for the person who clicked (an invoke response replaces
 * the card for the interactor alone) — and submitting answers with the refreshed case card.
 */

const QUOTE_IN_FORM = 600;
const NOTE_MAX = 2000;
const TEXT_MAX = 3000;
const PREVIEW_MAX = 2500;

/** A value typed into a form, echoed back into it: never longer than the input allows. */
const echo = (value: string | null | undefined, max: number): string => (value ? truncate(value, max) : '');

function header(view: CaseView, title: string, error: string | null | undefined): CardElement[] {
  const out: CardElement[] = [];
  if (error) out.push(banner(`⚠️ ${truncate(error, 1000)}`));
  out.push(textBlock(`**${title}**`, { size: 'Medium' }), ...caseSummary(view, QUOTE_IN_FORM));
  return out;
}

function note(id: string, label: string, value: string | null | undefined, placeholder?: string): CardElement {
  const shown = echo(value, NOTE_MAX);
  return {
    type: 'Input.Text',
    id,
    label,
    isMultiline: true,
    maxLength: NOTE_MAX,
    ...(shown ? { value: shown } : {}),
    ...(placeholder ? { placeholder } : {}),
  };
}

const formIdData = (formId: string | null | undefined): Record<string, string> => (formId ? { formId } : {});

const cancel = (view: CaseView) => execute('Cancel', VERB.cancel, { caseId: view.id });

/** The Reply form of the core (src/chat/forms.ts) as a card, with a refusal on top and which opening of the form it is. */
export interface ReplyFormInput extends ReplyFormModel {
  error?: string | null;
  /** Which opening of the form this is: carried by Preview and Send, so a form sent twice queues one reply. */
  formId?: string | null;
}

/** Exactly what the customer will read, its length budget on the source, and any privacy problem. */
export function previewElements(input: ReplyFormInput): CardElement[] {
  const finalText = input.text.trim() ? (input.sign ? signReply(input.text, input.agentName) : input.text.trim()) : '';
  if (!finalText)
    return [textBlock('_Type a reply and press Preview to see what the customer will read._', { isSubtle: true, size: 'Small' })];
  const items: CardElement[] = [
    plainText([{ text: 'Preview', weight: 'Bolder' }, ` (public on ${input.view.source}):`], { size: 'Small' }),
    plainText(truncate(finalText, PREVIEW_MAX)),
  ];
  if (input.measure) {
    const { used, limit } = input.measure(finalText);
    items.push(
      textBlock(used > limit ? `🚫 ${used}/${limit} characters — ${used - limit} too many` : `${used}/${limit} characters`, {
        size: 'Small',
        color: used > limit ? 'attention' : 'default',
      }),
    );
  }
  const findings = findPrivateData(finalText, input.privatePatterns, input.allow);
  if (findings.length > 0)
    items.push(plainText({ text: `🔒 ${truncate(explainFindings(findings), 1000)}`, color: 'attention' }, { size: 'Small' }));
  return [container(items, { style: 'emphasis', id: 'preview' })];
}

/** The Reply form: the customer's message, saved replies, the text, the signature, the preview. */
export function replyForm(input: ReplyFormInput): AdaptiveCard {
  const v = input.view;
  const who = v.author.handle ? `@${v.author.handle}` : (v.author.name ?? 'the customer');
  const body = header(v, `Reply to ${v.ref}`, input.error);
  body.push(
    plainText(['Replying in public on ', { text: v.source, weight: 'Bolder' }, ' to ', { text: who, weight: 'Bolder' }], { size: 'Small' }),
  );
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
    {
      type: 'Input.Text',
      id: 'text',
      label: 'Reply',
      isMultiline: true,
      maxLength: TEXT_MAX,
      value: echo(input.text, TEXT_MAX),
      placeholder: 'What the customer will read',
    },
    {
      type: 'Input.Toggle',
      id: 'sign',
      title: signatureLabel(input.agentName),
      value: input.sign ? 'true' : 'false',
      valueOn: 'true',
      valueOff: 'false',
    },
    ...previewElements(input),
    actionSet([
      execute('Preview', VERB.replyPreview, { caseId: v.id, appliedSaved: input.appliedSaved, ...formIdData(input.formId) }),
      execute(
        'Send reply',
        VERB.replySend,
        { caseId: v.id, appliedSaved: input.appliedSaved, ...formIdData(input.formId) },
        {
          style: 'positive',
        },
      ),
      cancel(v),
    ]),
  );
  return fitCard(() => adaptiveCard(body, { fallbackText: `Reply to ${v.ref}` }));
}

/** Shown instead of sending when the privacy guard refuses a public reply: one click sends it privately. */
export function privacyCard(view: CaseView, message: string, draftKey: string, text: string): AdaptiveCard {
  return adaptiveCard(
    [
      banner('🔒 Not sent.'),
      plainText(truncate(message, 1000)),
      textBlock(`Send it to the customer of ${view.ref} as a private message instead?`),
      actionSet([
        execute('Send as DM instead', VERB.replyAsDm, { caseId: view.id, draftKey }, { style: 'positive' }),
        execute('Back to edit', VERB.openReply, { caseId: view.id, text: echo(text, TEXT_MAX) }),
      ]),
    ],
    { fallbackText: `Not sent: ${message}` },
  );
}

export function dmForm(
  view: CaseView,
  values: { text?: string; publicNote?: string | null; error?: string | null; formId?: string | null } = {},
): AdaptiveCard {
  const body = header(view, `Move ${view.ref} to DM`, values.error);
  body.push(
    {
      type: 'Input.Text',
      id: 'text',
      label: 'Private message',
      isMultiline: true,
      maxLength: TEXT_MAX,
      isRequired: true,
      errorMessage: 'Write the message',
      value: echo(values.text, TEXT_MAX),
    },
    {
      type: 'Input.Text',
      id: 'publicNote',
      label: 'Public note (leave empty for none) — posted in public after the DM is delivered',
      maxLength: 280,
      value: values.publicNote === undefined ? "We've sent you a DM 📩" : echo(values.publicNote, 280),
    },
    actionSet([execute('Send DM', VERB.dmSend, { caseId: view.id, ...formIdData(values.formId) }, { style: 'positive' }), cancel(view)]),
  );
  return adaptiveCard(body, { fallbackText: `Move ${view.ref} to DM` });
}

/**
 * Hand off to a person (Teams' people picker: the graph users dataset answers with AAD object
 * ids) or to a team channel the bot is in.
 */
export function handoffForm(
  view: CaseView,
  channels: { id: string; name: string }[],
  values: { note?: string | null; error?: string | null } = {},
): AdaptiveCard {
  const body = header(view, `Hand off ${view.ref}`, values.error);
  body.push({
    type: 'Input.ChoiceSet',
    id: 'user',
    label: 'To a person',
    style: 'filtered',
    placeholder: 'Type a name',
    choices: [],
    'choices.data': { type: 'Data.Query', dataset: 'graph.microsoft.com/users' },
  });
  if (channels.length > 0) {
    body.push({
      type: 'Input.ChoiceSet',
      id: 'channel',
      label: 'Or to a team channel',
      style: 'compact',
      placeholder: 'Choose a channel',
      choices: channels.slice(0, 100).map((c) => ({ title: c.name, value: c.id })),
    });
  }
  body.push(
    note('note', 'Note for the receiver', values.note),
    actionSet([execute('Hand off', VERB.handoffSend, { caseId: view.id }, { style: 'positive' }), cancel(view)]),
  );
  return adaptiveCard(body, { fallbackText: `Hand off ${view.ref}` });
}

export function escalateForm(view: CaseView, values: { note?: string | null; error?: string | null } = {}): AdaptiveCard {
  const body = header(view, `Escalate ${view.ref}`, values.error);
  body.push(
    note('note', 'Why is this urgent?', values.note),
    actionSet([execute('Escalate', VERB.escalateSend, { caseId: view.id }, { style: 'destructive' }), cancel(view)]),
  );
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
    {
      type: 'Input.ChoiceSet',
      id: 'tags',
      label: 'Tags',
      isMultiSelect: true,
      style: 'expanded',
      value: values.tags ?? '',
      choices: RESOLVE_TAGS.map((t) => ({ title: t.title, value: t.value })),
    },
    actionSet([execute('Resolve', VERB.resolveSend, { caseId: view.id }, { style: 'positive' }), cancel(view)]),
  );
  return adaptiveCard(body, { fallbackText: `Resolve ${view.ref}` });
}
