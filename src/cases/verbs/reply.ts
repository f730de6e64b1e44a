import { eq } from 'drizzle-orm';
import { mentions } from '../../../db/schema/index.js';
import { KlaxonError } from '../../errors.js';
import { enqueue } from '../../outbox/enqueue.js';
import { explainFindings, findPrivateData } from '../../replies/privacy.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertOwnerOrLead } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { signReply } from '../signature.js';

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
}

const MAX_REPLY = 10_000;

function quoteShort(text: string): string {
  return text.length > 140 ? `${text.slice(0, 139)}…` : text;
}

/**
 * Queues a reply to the customer. Nothing reaches the customer here: the outbox sends it after
 * commit, at most once, and the first response is recorded when the source confirms delivery.
 * A public reply carrying private data is refused (error `privacy_blocked`) with the findings,
 * so the caller can offer to send it as a DM instead.
 */
export function replyCase({ ctx, input }: { ctx: CaseContext; input: ReplyCaseInput }): VerbResult & { mode: 'public' | 'private' } {
  const now = ctx.clock.now();
  const ref = formatCaseRef(input.caseId);
  const raw = input.text.trim();
  if (!raw) throw new KlaxonError('invalid_input', 'The reply is empty.');
  if (raw.length > MAX_REPLY) throw new KlaxonError('invalid_input', `The reply is too long (${raw.length} characters; at most ${MAX_REPLY}).`);
  const result = ctx.db.transaction((tx) => {
    const row = loadCase(tx, input.caseId);
    assertOwnerOrLead(input.actor, row.ownerId, row.ownerName, ctx.permissions);
    if (row.state !== 'open') throw new KlaxonError('invalid_state', `${ref} is resolved; reopen it before replying.`);
    const source = ctx.replySources.get(row.source);
    if (!source) throw new KlaxonError('not_configured', `Replies on ${row.source} are not configured, so Klaxon cannot answer this customer. Reply on ${row.source} directly; the case is marked answered when your reply is ingested.`);
    const first = tx.select({ isPrivate: mentions.isPrivate }).from(mentions).where(eq(mentions.id, row.firstMentionId)).get();
    // A case that arrived privately (email, DM) is answered privately: there is no public thread.
    const mode = first?.isPrivate ? 'private' : input.mode;
    const text = input.sign ? signReply(raw, input.actor.name) : raw;
    const note = mode === 'private' ? input.publicNote?.trim() || null : null;
    if (mode === 'public' || note) {
      const findings = findPrivateData(mode === 'public' ? text : (note ?? ''), ctx.privatePatterns);
      if (findings.length > 0) throw new KlaxonError('privacy_blocked', explainFindings(findings), { details: { findings } });
    }
    const problem = source.validate?.(text, mode) ?? (note ? source.validate?.(note, 'public') : null);
    if (problem) throw new KlaxonError('invalid_input', problem);
    const common = { platform: 'source' as const, target: row.source, caseId: row.id, text, by: input.actor.id, byName: input.actor.name };
    enqueue(tx, mode === 'public' ? { kind: 'reply.public', ...common } : { kind: 'reply.private', ...common, publicNote: note }, now);
    applyChange(
      tx,
      row,
      input.actor,
      {
        patch: {},
        kind: 'reply_queued',
        detail: { mode, text, publicNote: note },
        threadText: `${mode === 'public' ? '💬 Public reply' : '🔒 Private message'} from ${actorLabel(input.actor)} is on its way: “${quoteShort(text)}”`,
      },
      now,
    );
    return { caseId: row.id, changed: true, mode, message: mode === 'public' ? `Reply to ${ref} queued.` : `Private message for ${ref} queued.` };
  });
  ctx.onCommitted?.();
  return result;
}
