import type { ModalView, SectionBlock } from '@slack/types';
import type { CaseView } from '../../../src/ports.js';
import { SLACK_MAX, escapeMrkdwn, fitMrkdwn, quote, section, truncate } from '../blocks/text.js';
import { VIEW, type ModalMeta } from './ids.js';

/** The case at the top of a form: who and where, and the start of what they wrote. */
export function caseSummary(v: CaseView, quoteChars = 600): SectionBlock {
  const who = v.author.handle ? `@${v.author.handle}` : (v.author.name ?? 'customer');
  const head = fitMrkdwn(
    `*${v.priority} · ${v.ref}* · ${escapeMrkdwn(truncate(v.source, 40))} · ${escapeMrkdwn(truncate(who, 200))}`,
    1200,
  );
  return section(`${head}\n${quote(truncate(v.text, quoteChars), SLACK_MAX.sectionText - head.length - 1).text}`);
}

/** A modal title, cut to Slack's 24 characters. */
export const modalTitle = (text: string) => ({ type: 'plain_text' as const, text: truncate(text, SLACK_MAX.modalTitle) });

function meta(v: CaseView, channel?: string): string {
  const m: ModalMeta = { caseId: v.id, ...(channel ? { channel } : {}) };
  return JSON.stringify(m);
}

/** Notes may be as long as Slack lets anyone type into one box; notices show them whole. */
const NOTE_MAX = SLACK_MAX.inputText;

const noteInput = (label: string, optional: boolean, initial?: string) => ({
  type: 'input' as const,
  block_id: 'note',
  optional,
  label: { type: 'plain_text' as const, text: label },
  element: {
    type: 'plain_text_input' as const,
    action_id: 'note',
    multiline: true,
    max_length: NOTE_MAX,
    ...(initial ? { initial_value: truncate(initial, NOTE_MAX) } : {}),
  },
});

export function dmModal(v: CaseView, channel?: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.dm,
    private_metadata: meta(v, channel),
    title: modalTitle(`Move ${v.ref} to DM`),
    submit: { type: 'plain_text', text: 'Send DM' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      caseSummary(v),
      {
        type: 'input',
        block_id: 'text',
        label: { type: 'plain_text', text: 'Private message' },
        element: { type: 'plain_text_input', action_id: 'text', multiline: true, max_length: 3000 },
      },
      {
        type: 'input',
        block_id: 'public_note',
        optional: true,
        label: { type: 'plain_text', text: 'Public note' },
        hint: { type: 'plain_text', text: 'Posted in public after the DM is delivered. Leave it empty for none.' },
        element: { type: 'plain_text_input', action_id: 'public_note', max_length: 280, initial_value: "We've sent you a DM 📩" },
      },
    ],
  };
}

export function handoffModal(v: CaseView, channel?: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.handoff,
    private_metadata: meta(v, channel),
    title: modalTitle(`Hand off ${v.ref}`),
    submit: { type: 'plain_text', text: 'Hand off' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      caseSummary(v),
      {
        type: 'input',
        block_id: 'user',
        optional: true,
        label: { type: 'plain_text', text: 'To a person' },
        element: { type: 'users_select', action_id: 'user' },
      },
      {
        type: 'input',
        block_id: 'channel',
        optional: true,
        label: { type: 'plain_text', text: 'Or to a team channel' },
        element: {
          type: 'conversations_select',
          action_id: 'channel',
          filter: { include: ['public', 'private'], exclude_bot_users: true },
        },
      },
      noteInput('Note for the receiver', true),
    ],
  };
}

export function escalateModal(v: CaseView, channel?: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.escalate,
    private_metadata: meta(v, channel),
    title: modalTitle(`Escalate ${v.ref}`),
    submit: { type: 'plain_text', text: 'Escalate' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [caseSummary(v), noteInput('Why is this urgent?', true)],
  };
}

export function resolveModal(v: CaseView, channel?: string): ModalView {
  return {
    type: 'modal',
    callback_id: VIEW.resolve,
    private_metadata: meta(v, channel),
    title: modalTitle(`Resolve ${v.ref}`),
    submit: { type: 'plain_text', text: 'Resolve' },
    close: { type: 'plain_text', text: 'Cancel' },
    blocks: [
      caseSummary(v),
      // Slack marks optional inputs "(optional)" itself.
      noteInput('Reason', true),
      {
        type: 'input',
        block_id: 'tags',
        optional: true,
        label: { type: 'plain_text', text: 'Tags' },
        element: {
          type: 'checkboxes',
          action_id: 'tags',
          options: [
            { text: { type: 'plain_text', text: 'No action needed (spam, praise, not for us)' }, value: 'no_action' },
            { text: { type: 'plain_text', text: 'Refund or compensation given' }, value: 'compensated' },
            { text: { type: 'plain_text', text: 'Bug or outage reported to the team' }, value: 'reported' },
          ],
        },
      },
    ],
  };
}
