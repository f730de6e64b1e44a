import { KlaxonError } from '../../errors.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertCanAct } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

/**
 * An internal note: stored on the case, never sent to the customer. A note typed in the card's
 * thread is already visible there, so it is not echoed back (`fromThread`).
 */
export async function noteCase({
  ctx,
  input,
}: {
  ctx: CaseContext;
  input: { caseId: number; actor: Actor; text: string; fromThread?: boolean };
}): Promise<VerbResult> {
  const { caseId, actor } = input;
  assertCanAct(actor, ctx.permissions);
  const text = input.text.trim();
  if (!text) throw new KlaxonError('invalid_input', 'The note is empty.');
  const now = ctx.clock.now();
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId);
    await applyChange(
      tx,
      row,
      actor,
      {
        patch: {},
        kind: 'note',
        detail: { text, fromThread: input.fromThread ?? false },
        threadText: input.fromThread ? null : `📝 Note from ${actorLabel(actor)}: ${text}`,
      },
      now,
    );
    return { caseId, changed: true, message: `Note added to ${formatCaseRef(caseId)}.` };
  });
  ctx.onCommitted?.();
  return result;
}
