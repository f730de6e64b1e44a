import { KlaxonError } from '../../errors.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { claimOwner } from '../store.js';
import { assertCanAct } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

/**
 * Takes ownership. Atomic: the update only applies while the case has no owner, so when two
 * people click at once exactly one wins and the other is told who owns it.
 */
export async function claimCase({ ctx, input }: { ctx: CaseContext; input: { caseId: number; actor: Actor } }): Promise<VerbResult> {
  const { caseId, actor } = input;
  assertCanAct(actor, ctx.permissions);
  const now = ctx.clock.now();
  const ref = formatCaseRef(caseId);
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId);
    if (row.state !== 'open') throw new KlaxonError('invalid_state', `${ref} is resolved; reopen it first.`);
    if (row.ownerId === actor.id) return { caseId, changed: false, message: `You already own ${ref}.` };
    if (row.ownerId)
      throw new KlaxonError('conflict', `${ref} is already claimed by ${row.ownerName ?? 'another agent'}.`, {
        details: { ownerId: row.ownerId },
      });
    // The store's compare-and-set: only while the case has no owner, even across processes.
    if (!(await claimOwner(tx, caseId, actor.id))) throw new KlaxonError('conflict', `${ref} was just claimed by someone else.`);
    await applyChange(
      tx,
      row,
      actor,
      { patch: { ownerId: actor.id, ownerName: actor.name }, kind: 'claimed', threadText: `✋ Claimed by ${actorLabel(actor)}` },
      now,
    );
    return { caseId, changed: true, message: `You own ${ref} now.` };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}
