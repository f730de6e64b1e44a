import type { CaseContext } from '../cases/context.js';
import type { Actor } from '../cases/events.js';
import { assertCanAct } from '../cases/permissions.js';
import { fillTemplate } from '../cases/signature.js';
import { noPublicReply } from '../cases/verbs/reply.js';
import { loadCaseView } from '../cases/view.js';
import type { SavedReply } from '../config/file.js';
import { ERROR_CODES, isKlaxonError } from '../errors.js';
import type { CaseView } from '../ports.js';
import type { AllowList, CustomPattern } from '../replies/privacy.js';
import type { ChatDeps } from './deps.js';
import { CHAT_TEXT } from './text.js';

/** The forms a case card opens (a Slack modal, a Teams card in place of the case card). */
export type FormKind = 'reply' | 'dm' | 'handoff' | 'escalate' | 'resolve';

/** Everything the Reply form shows: the case, saved replies, what is typed, and how the preview judges it. */
export interface ReplyFormModel {
  view: CaseView;
  saved: readonly SavedReply[];
  text: string;
  sign: boolean;
  agentName: string | null;
  /** The saved reply whose text was last put in the box, if any. */
  appliedSaved: string | null;
  /** The source's own count of a public reply (null: the source sets no limit). */
  measure: ((text: string) => { used: number; limit: number }) | null;
  privatePatterns: readonly CustomPattern[];
  /** The brand's own numbers, addresses and links (config `replies.allow`). */
  allow?: AllowList;
}

/** A form ready to show, or the sentence that says why it is not shown. */
export type PreparedForm = { ok: true; view: CaseView; reply: ReplyFormModel | null } | { ok: false; message: string };

/** The case as cards show it now, or null when there is no such case. */
export function caseViewOf(ctx: CaseContext, caseId: number): CaseView | null {
  return loadCaseView(ctx.db, caseId, ctx.clock.now(), ctx.sla);
}

/** The Reply form for a case with what is typed so far; the preview's rules come from the case's source and the config. */
export function replyFormModel(
  deps: Pick<ChatDeps, 'cases' | 'savedReplies'>,
  view: CaseView,
  agentName: string | null,
  state: { text: string; sign: boolean; appliedSaved: string | null },
): ReplyFormModel {
  const source = deps.cases.replySources.get(view.source);
  return {
    view,
    saved: deps.savedReplies,
    ...state,
    agentName,
    measure: source?.measure ? (text) => source.measure!(text) : null,
    privatePatterns: deps.cases.privatePatterns,
    allow: deps.cases.replyAllow,
  };
}

/** A saved reply's text as it goes in the box for this case (its variables filled in). */
export function filledSavedReply(saved: SavedReply, view: CaseView): string {
  return fillTemplate(saved.text, { name: view.author.name, handle: view.author.handle, caseRef: view.ref });
}

/** The saved reply picked in the menu, filled in for the case; null when the id names none. */
export function pickSavedReply(
  saved: readonly SavedReply[],
  id: string | null | undefined,
  view: CaseView,
): { id: string; text: string } | null {
  const found = id ? saved.find((s) => s.id === id) : undefined;
  return found ? { id: found.id, text: filledSavedReply(found, view) } : null;
}

/**
 * Opening a form on a case: nothing changes until it is submitted. People who may not act, a case
 * that is gone, a resolved case (only Resolve applies) and a Reply the source will not take in
 * public are told at once instead of filling a form that will be refused.
 */
export function prepareForm(
  deps: Pick<ChatDeps, 'cases' | 'savedReplies' | 'signReplies'>,
  kind: FormKind,
  caseId: number,
  actor: Actor,
  /** What the Reply box starts with ("Back to edit" after a privacy refusal brings the refused text back). */
  text = '',
): PreparedForm {
  try {
    assertCanAct(actor, deps.cases.permissions);
  } catch (error) {
    if (isKlaxonError(error)) return { ok: false, message: error.message };
    throw error;
  }
  const view = caseViewOf(deps.cases, caseId);
  if (!view) return { ok: false, message: ERROR_CODES.not_found };
  if (view.state === 'resolved' && kind !== 'resolve') return { ok: false, message: CHAT_TEXT.resolved(view.ref) };
  // A card posted before the source said no (or a stale one) may still show Reply: say why at once.
  if (kind === 'reply' && !view.publicReply.possible && !view.isPrivate)
    return { ok: false, message: noPublicReply(view.ref, view.source, view.publicReply.why) };
  const reply = kind === 'reply' ? replyFormModel(deps, view, actor.name, { text, sign: deps.signReplies, appliedSaved: null }) : null;
  return { ok: true, view, reply };
}
