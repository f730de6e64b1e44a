import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertOwnerOrLead } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

export interface ResolveInput {
  caseId: number;
  actor: Actor;
  note?: string | null;
  tags?: string[];
  /** Marks the case "no action" (spam, praise): it leaves the response metrics. */
  noAction?: boolean;
}

/** Closes a case. Resolving a resolved case changes nothing (a double click acts once). */
export async function resolveCase({ ctx, input }: { ctx: CaseContext; input: ResolveInput }): Promise<VerbResult> {
  const { caseId, actor } = input;
  const now = ctx.clock.now();
  const ref = formatCaseRef(caseId);
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId);
    if (row.state === 'resolved') return { caseId, changed: false, message: `${ref} is already resolved.` };
    assertOwnerOrLead(actor, row.ownerId, row.ownerName, ctx.permissions);
    const note = input.note?.trim() || null;
    await applyChange(
      tx,
      row,
      actor,
      {
        patch: { state: 'resolved', resolvedAt: now, resolvedBy: actorLabel(actor), ...(input.noAction ? { actionable: false } : {}) },
        kind: 'resolved',
        detail: { note, tags: input.tags ?? [], noAction: input.noAction ?? false },
        threadText: `✅ Resolved by ${actorLabel(actor)}${note ? `: ${note}` : ''}`,
      },
      now,
    );
    return { caseId, changed: true, message: `${ref} resolved.` };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}
