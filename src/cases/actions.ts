/**
 * The buttons every triage card carries, labelled exactly as docs/CONTRACT.md §5. Shared by every chat
 * adapter so Slack and Teams cards can never drift apart.
 */
export const CASE_ACTIONS = ['claim', 'reply', 'dm', 'handoff', 'escalate', 'resolve', 'reopen'] as const;
export type CaseAction = (typeof CASE_ACTIONS)[number];

export const ACTION_LABELS: Record<CaseAction, string> = {
  claim: 'Claim',
  reply: 'Reply',
  dm: 'Move to DM',
  handoff: 'Hand off',
  escalate: 'Escalate',
  resolve: 'Resolve',
  reopen: 'Reopen',
};

/** Which buttons a card shows in each state: an open case is worked, a resolved one reopened. */
export function actionsFor(state: 'open' | 'resolved'): CaseAction[] {
  return state === 'open' ? ['claim', 'reply', 'dm', 'handoff', 'escalate', 'resolve'] : ['reopen'];
}

export const PRIORITY_EMOJI: Record<'P1' | 'P2' | 'P3' | 'P4', string> = { P1: '🔴', P2: '🟠', P3: '🟡', P4: '⚪' };

/**
 * The buttons of a case's card. Where the source will not take a public reply (an X post that
 * neither mentions nor quotes the brand) Reply is left out; for a private message (e-mail, DM)
 * it stays and answers privately. The card says which (replyCapabilityText).
 */
export function caseActions(view: { state: 'open' | 'resolved'; isPrivate: boolean; publicReply: { possible: boolean } }): CaseAction[] {
  const actions = actionsFor(view.state);
  return view.publicReply.possible || view.isPrivate ? actions : actions.filter((a) => a !== 'reply');
}
