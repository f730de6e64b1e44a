import { KlaxonError } from '../../errors.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertOwnerOrLead } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

/** Gives ownership back to the queue. Only the owner or a lead may release. */
export async function releaseCase({ ctx, input }: { ctx: CaseContext; input: { caseId: number; actor: Actor } }): Promise<VerbResult> {
  const { caseId, actor } = input;
  const now = ctx.clock.now();
  const ref = formatCaseRef(caseId);
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId);
    if (!row.ownerId) return { caseId, changed: false, message: `${ref} has no owner.` };
    assertOwnerOrLead(actor, row.ownerId, row.ownerName, ctx.permissions);
    if (row.state !== 'open') throw new KlaxonError('invalid_state', `${ref} is resolved.`);
    await applyChange(
      tx,
      row,
      actor,
      {
        patch: { ownerId: null, ownerName: null },
        kind: 'released',
        detail: { previousOwner: row.ownerId },
        threadText: `↩️ Released by ${actorLabel(actor)}`,
      },
      now,
    );
    return { caseId, changed: true, message: `${ref} is back in the queue.` };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}
