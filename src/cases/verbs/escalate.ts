import { KlaxonError } from '../../errors.js';
import { enqueue } from '../../outbox/enqueue.js';
import type { PlatformId } from '../../ports.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertCanAct } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

/** Raises a case to the escalation channel, mentioning the on-call lead, with the case's context. */
export async function escalateCase({
  ctx,
  input,
}: {
  ctx: CaseContext;
  input: { caseId: number; actor: Actor; note?: string | null };
}): Promise<VerbResult> {
  const { caseId, actor } = input;
  assertCanAct(actor, ctx.permissions);
  const now = ctx.clock.now();
  const ref = formatCaseRef(caseId);
  const note = input.note?.trim() || null;
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId);
    // Escalate on every platform that shows the case and has an escalation channel; with none of
    // those, on any platform that has one.
    const routed = Object.keys(row.route) as PlatformId[];
    let targets = routed.filter((p) => ctx.escalation.targets[p]);
    if (targets.length === 0) targets = (Object.keys(ctx.escalation.targets) as PlatformId[]).filter((p) => ctx.escalation.targets[p]);
    if (targets.length === 0)
      throw new KlaxonError(
        'not_configured',
        'No escalation channel is configured: set ESCALATION_CHANNEL (or platforms.slack.escalation in the config file).',
      );
    await applyChange(
      tx,
      row,
      actor,
      { patch: {}, kind: 'escalated', detail: { note }, threadText: `🚨 Escalated by ${actorLabel(actor)}${note ? `: ${note}` : ''}` },
      now,
    );
    for (const platform of targets) {
      const target = ctx.escalation.targets[platform]!;
      enqueue(
        tx,
        {
          kind: 'notice',
          platform,
          target,
          caseId,
          notice: { kind: 'escalation', note, by: actorLabel(actor), mention: ctx.escalation.onCall },
        },
        now,
      );
    }
    return { caseId, changed: true, message: `${ref} escalated.` };
  });
  ctx.onCommitted?.();
  return result;
}
