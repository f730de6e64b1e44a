import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertCanAct } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

/** Reopens a resolved case; the owner is kept so it goes back to whoever worked it. */
export async function reopenCase({ ctx, input }: { ctx: CaseContext; input: { caseId: number; actor: Actor } }): Promise<VerbResult> {
  const { caseId, actor } = input;
  assertCanAct(actor, ctx.permissions);
  const now = ctx.clock.now();
  const ref = formatCaseRef(caseId);
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId);
    if (row.state === 'open') return { caseId, changed: false, message: `${ref} is already open.` };
    await applyChange(
      tx,
      row,
      actor,
      {
        patch: { state: 'open', resolvedAt: null, resolvedBy: null, actionable: true },
        kind: 'reopened',
        threadText: `🔁 Reopened by ${actorLabel(actor)}`,
      },
      now,
    );
    return { caseId, changed: true, message: `${ref} reopened.` };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}
