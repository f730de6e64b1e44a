import { and, eq, inArray } from 'drizzle-orm';
import { outbox } from '../../../db/schema/index.js';
import { KlaxonError } from '../../errors.js';
import { enqueue } from '../../outbox/enqueue.js';
import type { Intent } from '../../outbox/intents.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertOwnerOrLead } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

/**
 * Sends again a reply that failed or whose delivery is uncertain — only when a person asks,
 * after checking the source, because a public reply must never go out twice by itself.
 */
export async function retryReply({
  ctx,
  input,
}: {
  ctx: CaseContext;
  input: { caseId: number; actor: Actor; outboxId: number };
}): Promise<VerbResult> {
  const now = ctx.clock.now();
  const ref = formatCaseRef(input.caseId);
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, input.caseId);
    assertOwnerOrLead(input.actor, row.ownerId, row.ownerName, ctx.permissions);
    const original = tx
      .select()
      .from(outbox)
      .where(and(eq(outbox.id, input.outboxId), eq(outbox.caseId, input.caseId), inArray(outbox.kind, ['reply.public', 'reply.private'])))
      .get();
    if (!original) throw new KlaxonError('not_found', `No such reply on ${ref}.`);
    if (original.status !== 'failed' && original.status !== 'uncertain')
      return { caseId: row.id, changed: false, message: `That reply is ${original.status}; nothing to retry.` };
    const payload = original.payload as Record<string, unknown>;
    // The retry is the same reply: it keeps the first attempt's idempotency key (a receiver that
    // dedupes on it shows it once) and says when that attempt began, so a source without keys
    // (X) looks for it there before sending. A retry of a retry keeps the very first of both.
    const firstAttempt = original.startedAt ?? original.createdAt;
    const sameReply = {
      idempotencyKey: typeof payload.idempotencyKey === 'string' ? payload.idempotencyKey : `klaxon-reply-${original.id}`,
      firstAttemptAt: typeof payload.firstAttemptAt === 'string' ? payload.firstAttemptAt : firstAttempt.toISOString(),
    };
    // One retry per failed reply: the dedupe key makes a double click queue a single copy.
    const queued = enqueue(
      tx,
      {
        kind: original.kind,
        platform: 'source',
        target: original.target,
        ...payload,
        ...sameReply,
        caseId: row.id,
        by: input.actor.id,
        byName: input.actor.name,
      } as Intent,
      now,
      `retry:${original.id}`,
    );
    if (!queued) return { caseId: row.id, changed: false, message: 'That reply was already retried.' };
    await applyChange(
      tx,
      row,
      input.actor,
      { patch: {}, kind: 'reply_retried', detail: { outboxId: original.id }, threadText: `🔁 Reply retried by ${actorLabel(input.actor)}` },
      now,
    );
    return { caseId: row.id, changed: true, message: `Retrying the reply on ${ref}.` };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}
