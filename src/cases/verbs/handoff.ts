import { KlaxonError } from '../../errors.js';
import { enqueue } from '../../outbox/enqueue.js';
import type { PlatformId } from '../../ports.js';
import type { CaseContext, VerbResult } from '../context.js';
import type { Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertOwnerOrLead } from '../permissions.js';
import { formatCaseRef } from '../refs.js';

/** Who receives a hand-off: a person (becomes the owner) or a team channel (back to that queue). */
export type HandoffTarget =
  | { kind: 'user'; platform: PlatformId; /** platform user id, e.g. U123 */ id: string; name: string | null }
  | { kind: 'channel'; platform: PlatformId; id: string; /** e.g. billing-team, when the platform told us */ name?: string | null };

/** How a receiver is named in the thread and in answers: by name, never by a platform id. */
function targetLabel(to: HandoffTarget): string {
  if (to.kind === 'user') return to.name ?? 'a teammate';
  return to.name ? `#${to.name.replace(/^#/, '')}` : 'a team channel';
}

/** Passes a case on, with a note; the receiver is told with a link to the card. */
export function handoffCase({ ctx, input }: { ctx: CaseContext; input: { caseId: number; actor: Actor; to: HandoffTarget; note?: string | null } }): VerbResult {
  const { caseId, actor, to } = input;
  const now = ctx.clock.now();
  const ref = formatCaseRef(caseId);
  const note = input.note?.trim() || null;
  const result = ctx.db.transaction((tx) => {
    const row = loadCase(tx, caseId);
    assertOwnerOrLead(actor, row.ownerId, row.ownerName, ctx.permissions);
    if (row.state !== 'open') throw new KlaxonError('invalid_state', `${ref} is resolved; reopen it first.`);
    const ownerId = to.kind === 'user' ? `${to.platform}:${to.id}` : null;
    const who = targetLabel(to);
    if (to.kind === 'user' && row.ownerId === ownerId) return { caseId, changed: false, message: `${ref} already belongs to ${who}.` };
    applyChange(
      tx,
      row,
      actor,
      {
        patch: to.kind === 'user' ? { ownerId, ownerName: to.name } : { ownerId: null, ownerName: null },
        kind: 'handed_off',
        detail: { to, note },
        threadText: `📨 Handed off to ${who} by ${actorLabel(actor)}${note ? `: ${note}` : ''}`,
      },
      now,
    );
    enqueue(tx, { kind: 'notice', platform: to.platform, target: to.id, caseId, notice: { kind: 'handoff', note, by: actorLabel(actor) } }, now);
    return { caseId, changed: true, message: `${ref} handed off to ${who}.` };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}
