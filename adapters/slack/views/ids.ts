/** Callback ids of Klaxon's modals and the action ids inside them. */
export const VIEW = {
  reply: 'klaxon_reply_modal',
  replyAsDm: 'klaxon_reply_as_dm',
  dm: 'klaxon_dm_modal',
  handoff: 'klaxon_handoff_modal',
  escalate: 'klaxon_escalate_modal',
  resolve: 'klaxon_resolve_modal',
  fullText: 'klaxon_full_text_modal',
} as const;

export const MODAL_ACTION = {
  savedReply: 'klaxon_saved_reply',
  replyText: 'klaxon_reply_text',
  sendAsDm: 'klaxon_send_as_dm',
  retryReply: 'klaxon_retry_reply',
  /** On a card whose text is longer than it shows: opens the whole text in a modal. */
  fullText: 'klaxon_full_text',
  /** The Previous / Next buttons of a full text longer than one modal holds. */
  fullTextPage: 'klaxon_full_text_page',
} as const;

export interface ModalMeta {
  caseId: number;
  /** Bumped when the text box is refilled, so Slack does not keep the old typed value. */
  rev?: number;
  draftKey?: string;
  channel?: string;
  /** Reply modal: the id of the saved reply last put in the text box. */
  saved?: string;
}

export function parseMeta(raw: string | undefined): ModalMeta {
  try {
    const meta = JSON.parse(raw ?? '{}') as ModalMeta;
    return { ...meta, caseId: Number(meta.caseId) };
  } catch {
    return { caseId: 0 };
  }
}

type StateValues = Record<
  string,
  Record<
    string,
    {
      type: string;
      value?: string | null;
      selected_option?: { value: string } | null;
      selected_options?: { value: string }[];
      selected_user?: string | null;
      selected_conversation?: string | null;
      selected_channel?: string | null;
    }
  >
>;

/** Reads one input's value from a view's state, whatever its block id revision. */
export function stateValue(values: StateValues | undefined, blockPrefix: string, actionId: string) {
  if (!values) return undefined;
  const blockId = Object.keys(values).find((id) => id === blockPrefix || id.startsWith(`${blockPrefix}_`));
  return blockId ? values[blockId]?.[actionId] : undefined;
}
export type { StateValues };
