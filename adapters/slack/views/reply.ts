import type { KnownBlock, ModalView } from '@slack/types';
import { filledSavedReply, type ReplyFormModel } from '../../../src/chat/forms.js';
import { explainFindings, findPrivateData } from '../../../src/replies/privacy.js';
import { signatureLabel, signReply } from '../../../src/cases/signature.js';
import { SLACK_MAX, escapeMrkdwn, fitMrkdwn, mrkdwn, quote, section, truncate } from '../blocks/text.js';
import { modalTitle } from './forms.js';
import { MODAL_ACTION, VIEW, type ModalMeta } from './ids.js';

/** The Reply form of the core (src/chat/forms.ts) as a modal: `rev` renews the text box's block id when it is refilled. */
export type ReplyModalInput = Omit<ReplyFormModel, 'appliedSaved'> & {
  rev: number;
  /** The saved reply last put in the text box, if any: replacing it unchanged needs no confirmation. */
  appliedSaved?: string | null;
};

/**
 * Whether picking a saved reply would throw away something the person wrote: any text in the box
 * other than the saved reply they last picked, untouched.
 */
export function wouldOverwrite(input: Pick<ReplyModalInput, 'text' | 'saved' | 'view' | 'appliedSaved'>): boolean {
  const typed = input.text.trim();
  if (!typed) return false;
  const applied = input.appliedSaved ? input.saved.find((s) => s.id === input.appliedSaved) : undefined;
  return !applied || filledSavedReply(applied, input.view).trim() !== typed;
}

/** Slack's own confirmation dialog on the saved-reply menu, shown before it replaces typed text. */
const REPLACE_CONFIRM = {
  title: { type: 'plain_text' as const, text: 'Replace your reply?' },
  text: { type: 'plain_text' as const, text: 'The saved reply will replace the text you have written.' },
  confirm: { type: 'plain_text' as const, text: 'Replace it' },
  deny: { type: 'plain_text' as const, text: 'Keep my text' },
};

/** The live preview: exactly what the customer will read, its length budget and any privacy problem. */
export function previewBlocks(input: ReplyModalInput): KnownBlock[] {
  const finalText = input.text.trim() ? (input.sign ? signReply(input.text, input.agentName) : input.text.trim()) : '';
  if (!finalText) return [{ type: 'context', block_id: 'preview', elements: [mrkdwn('_Type a reply to see the preview._')] }];
  // The status lines come first in the budget: the quote is what gets cut.
  const head = `*Preview* (public on ${escapeMrkdwn(truncate(input.view.source, 40))}):`;
  const status: string[] = [];
  if (input.measure) {
    const { used, limit } = input.measure(finalText);
    status.push(used > limit ? `🚫 ${used}/${limit} characters — ${used - limit} too many` : `${used}/${limit} characters`);
  }
  const findings = findPrivateData(finalText, input.privatePatterns, input.allow);
  if (findings.length > 0) status.push(fitMrkdwn(`🔒 ${escapeMrkdwn(explainFindings(findings))}`, 600));
  const tail = status.length ? `\n${status.join('\n')}` : '';
  const quoted = quote(finalText, SLACK_MAX.sectionText - head.length - tail.length - 1);
  return [section(`${head}\n${quoted.text}${tail}`, 'preview')];
}

/** The Reply modal: the customer's message, saved replies, the text, signature, live preview. */
export function replyModal(input: ReplyModalInput): ModalView {
  const v = input.view;
  const who = v.author.handle ? `@${v.author.handle}` : (v.author.name ?? 'the customer');
  const meta: ModalMeta = { caseId: v.id, rev: input.rev, ...(input.appliedSaved ? { saved: input.appliedSaved } : {}) };
  const confirm = wouldOverwrite(input);
  const blocks: KnownBlock[] = [
    {
      type: 'context',
      elements: [
        mrkdwn(
          `${v.priority} · ${v.ref} · replying in public on *${escapeMrkdwn(truncate(v.source, 40))}* to ` +
            `*${escapeMrkdwn(truncate(who, 200))}*`,
        ),
      ],
    },
    section(quote(v.text, SLACK_MAX.sectionText).text),
  ];
  if (input.saved.length > 0) {
    blocks.push({
      type: 'input',
      // A new block id when the confirmation comes or goes, so clients draw the menu afresh.
      block_id: confirm ? 'saved_confirm' : 'saved',
      optional: true,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Saved reply' },
      element: {
        type: 'static_select',
        action_id: MODAL_ACTION.savedReply,
        placeholder: { type: 'plain_text', text: 'Start from a saved reply' },
        options: input.saved
          .slice(0, 100)
          .map((s) => ({ text: { type: 'plain_text', text: truncate(s.title, SLACK_MAX.optionText) }, value: s.id })),
        ...(confirm ? { confirm: REPLACE_CONFIRM } : {}),
      },
    });
  }
  blocks.push(
    {
      type: 'input',
      block_id: `text_${input.rev}`,
      dispatch_action: true,
      label: { type: 'plain_text', text: 'Reply' },
      element: {
        type: 'plain_text_input',
        action_id: MODAL_ACTION.replyText,
        multiline: true,
        max_length: 3000,
        ...(input.text ? { initial_value: truncate(input.text, SLACK_MAX.inputText) } : {}),
        dispatch_action_config: { trigger_actions_on: ['on_character_entered'] },
      },
    },
    {
      type: 'input',
      block_id: 'sign',
      optional: true,
      label: { type: 'plain_text', text: 'Signature' },
      element: {
        type: 'checkboxes',
        action_id: 'sign',
        options: [{ text: { type: 'plain_text', text: signatureLabel(input.agentName) }, value: 'sign' }],
        ...(input.sign
          ? { initial_options: [{ text: { type: 'plain_text', text: signatureLabel(input.agentName) }, value: 'sign' }] }
          : {}),
      },
    },
    ...previewBlocks(input),
  );
  return {
    type: 'modal',
    callback_id: VIEW.reply,
    private_metadata: JSON.stringify(meta),
    title: modalTitle(`Reply to ${v.ref}`),
    submit: { type: 'plain_text', text: 'Send reply' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks,
  };
}

/** Pushed over the Reply modal when the privacy guard refuses it: one click sends it as a DM. */
export function privacyModal(caseRef: string, message: string, meta: ModalMeta): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.replyAsDm,
    private_metadata: JSON.stringify(meta),
    title: { type: 'plain_text', text: 'Private data found' },
    submit: { type: 'plain_text', text: 'Send as DM instead' },
    close: { type: 'plain_text', text: 'Back to edit' },
    blocks: [
      section(
        `🔒 *Not sent.* ${fitMrkdwn(escapeMrkdwn(message), 2500)}\n\nSend it to the customer of ${caseRef} as a private message instead?`,
      ),
    ],
  };
}
