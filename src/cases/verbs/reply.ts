import { eq } from 'drizzle-orm';
import { mentions, processedDeliveries } from '../../../db/schema/index.js';
import type { DbOrTx } from '../../../db/types.js';
import { firstDelivery } from '../deliveries.js';
import { KlaxonError } from '../../errors.js';
import { enqueue } from '../../outbox/enqueue.js';
import { explainFindings, findPrivateData } from '../../replies/privacy.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertOwnerOrLead } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { publicReplyOf, replyTarget } from '../reply-target.js';
import { signReply } from '../signature.js';
import { transaction } from '../../../db/transaction.js';

export interface ReplyCaseInput {
  caseId: number;
  actor: Actor;
  text: string;
  /** `public`: on the case's source (checked by the privacy guard); `private`: a DM/email. */
  mode: 'public' | 'private';
  /** With `private`: a short public note ("We've sent you a DM"), also privacy-checked. */
  publicNote?: string | null;
  /** Append the agent's initials (`^JS`). */
  sign?: boolean;
  /**
   * The form the reply was written in (a Slack view id, a Teams form id), when it came from one:
   * a form sent twice (a double click, a client retry) queues one reply. A refused submission
   * does not use it up, so the agent can correct the text and send again.
   */
  formKey?: string | null;
}

const MAX_REPLY = 10_000;

/** Why a public reply cannot go out, and what can: a DM (if they accept one) or a new post naming them. */
export function noPublicReply(ref: string, source: string, why: string | null): string {
  return (
    `${ref} cannot be answered in public on ${source}${why ? `: ${why}` : ''}. Use Move to DM (it reaches them if they accept ` +
    `direct messages), or write a new post that mentions them.`
  );
}

function alreadySent(ref: string, mode: 'public' | 'private'): string {
  return `This form was already sent: the ${mode === 'public' ? 'reply' : 'private message'} to ${ref} is queued once.`;
}

function formUsed(db: DbOrTx, formKey: string): boolean {
  const key = `reply-form:${formKey}`;
  return db.select({ key: processedDeliveries.key }).from(processedDeliveries).where(eq(processedDeliveries.key, key)).get() !== undefined;
}

function quoteShort(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/**
 * Queues a reply to the customer. Nothing reaches the customer here: the outbox sends it after
 * commit, at most once, and the first response is recorded when the source confirms delivery.
 *
 * The privacy guard runs before any other check: a public reply carrying private data is refused
 * (error `privacy_blocked`, the findings masked) whatever else is wrong, so the caller can offer
 * to send it as a DM instead. What a private message says never goes into the card's thread.
 */
export async function replyCase({
  ctx,
  input,
}: {
  ctx: CaseContext;
  input: ReplyCaseInput;
}): Promise<VerbResult & { mode: 'public' | 'private' }> {
  const now = ctx.clock.now();
  const ref = formatCaseRef(input.caseId);
  const raw = input.text.trim();
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, input.caseId);
    if (input.formKey && formUsed(tx, input.formKey)) {
      return { caseId: row.id, changed: false, mode: input.mode, message: alreadySent(ref, input.mode) };
    }
    const first = tx.select().from(mentions).where(eq(mentions.id, row.firstMentionId)).get();
    // A case that arrived privately (email, DM) is answered privately: there is no public thread.
    const mode = first?.isPrivate ? 'private' : input.mode;
    const text = input.sign && raw ? signReply(raw, input.actor.name) : raw;
    const note = mode === 'private' ? input.publicNote?.trim() || null : null;
    const inPublic = mode === 'public' ? text : note;
    if (inPublic) {
      const findings = findPrivateData(inPublic, ctx.privatePatterns, ctx.replyAllow);
      if (findings.length > 0)
        throw new KlaxonError('privacy_blocked', explainFindings(findings), { details: { kinds: findings.map((f) => f.kind) } });
    }
    if (!raw) throw new KlaxonError('invalid_input', 'The reply is empty.');
    if (raw.length > MAX_REPLY)
      throw new KlaxonError('invalid_input', `The reply is too long (${raw.length} characters; at most ${MAX_REPLY}).`);
    assertOwnerOrLead(input.actor, row.ownerId, row.ownerName, ctx.permissions);
    if (row.state !== 'open') throw new KlaxonError('invalid_state', `${ref} is resolved; reopen it before replying.`);
    const source = ctx.replySources.get(row.source);
    if (!source)
      throw new KlaxonError(
        'not_configured',
        `Replies on ${row.source} are not configured, so Klaxon cannot answer this customer. Reply on ${row.source} directly; ` +
          `the case is marked answered when your reply is ingested.`,
      );
    if (mode === 'public' && first) {
      // Refused here, before anything is queued, when the source will refuse it (X: the post must mention the brand).
      const policy = publicReplyOf(replyTarget(tx, row.id, first));
      if (!policy.possible)
        throw new KlaxonError('invalid_state', noPublicReply(ref, row.source, policy.why), {
          details: { reason: 'public_reply_not_possible' },
        });
    }
    const problem = source.validate?.(text, mode) ?? (note ? source.validate?.(note, 'public') : null);
    if (problem) throw new KlaxonError('invalid_input', problem);
    // Recorded with the reply, in its transaction: concurrent submissions of one form queue one reply.
    if (input.formKey && !firstDelivery(tx, `reply-form:${input.formKey}`, now)) {
      return { caseId: row.id, changed: false, mode, message: alreadySent(ref, mode) };
    }
    const common = { platform: 'source' as const, target: row.source, caseId: row.id, text, by: input.actor.id, byName: input.actor.name };
    enqueue(tx, mode === 'public' ? { kind: 'reply.public', ...common } : { kind: 'reply.private', ...common, publicNote: note }, now);
    // The thread is read by everyone in the channel: a public reply is public anyway, a private
    // message is not — the thread says one was sent, never what it said.
    const threadText =
      mode === 'public'
        ? `💬 Public reply from ${actorLabel(input.actor)} is on its way: “${quoteShort(text)}”`
        : `🔒 Private message from ${actorLabel(input.actor)} is on its way${note ? `, with a public note: “${quoteShort(note)}”` : ''}`;
    await applyChange(tx, row, input.actor, { patch: {}, kind: 'reply_queued', detail: { mode, text, publicNote: note }, threadText }, now);
    const message = mode === 'public' ? `Reply to ${ref} queued.` : `Private message for ${ref} queued.`;
    return { caseId: row.id, changed: true as boolean, mode, message };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}
