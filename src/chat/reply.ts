import type { CaseContext, VerbResult } from '../cases/context.js';
import type { Actor } from '../cases/events.js';
import { replyCase, type ReplyCaseInput } from '../cases/verbs/reply.js';
import { isKlaxonError } from '../errors.js';
import { saveDraft, takeDraft } from '../replies/drafts.js';

/** What became of a submitted reply: queued for the customer, or refused for private data and kept as a draft. */
export type ReplyOutcome = { kind: 'queued'; result: VerbResult } | { kind: 'privacy_blocked'; message: string; draftKey: string };

/**
 * Submits a reply written in a form or a command: the reply verb checks privacy, the source's
 * budget and who may answer, and queues it. A privacy refusal keeps the refused text server-side
 * (a button carries only its key) so the person can send it privately in one click; every other
 * refusal is thrown as it came.
 */
export async function submitReply(ctx: CaseContext, input: ReplyCaseInput): Promise<ReplyOutcome> {
  try {
    return { kind: 'queued', result: await replyCase({ ctx, input }) };
  } catch (error) {
    if (!isKlaxonError(error, 'privacy_blocked')) throw error;
    const draftKey = saveDraft(ctx.db, { caseId: input.caseId, text: input.text, actorId: input.actor.id }, ctx.clock.now());
    return { kind: 'privacy_blocked', message: error.message, draftKey };
  }
}

/**
 * "Send as DM instead": the draft a privacy refusal kept goes out as a private message, once and
 * only for the person who wrote it. Null when there is no such draft (sent already, or expired).
 */
export async function sendDraftPrivately(ctx: CaseContext, draftKey: string, actor: Actor): Promise<VerbResult | null> {
  const draft = takeDraft(ctx.db, draftKey, actor.id);
  if (!draft) return null;
  return await replyCase({ ctx, input: { caseId: draft.caseId, actor, text: draft.text, mode: 'private' } });
}
