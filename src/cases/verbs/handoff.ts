import { eq } from 'drizzle-orm';
import { cases } from '../../../db/schema/index.js';
import type { Db } from '../../../db/types.js';
import { splitActorId } from '../../actor-ids.js';
import { KlaxonError } from '../../errors.js';
import { enqueue } from '../../outbox/enqueue.js';
import type { PlatformId } from '../../ports.js';
import type { CaseContext, VerbResult } from '../context.js';
import { recordEvent, SYSTEM_ACTOR, type Actor } from '../events.js';
import { actorLabel, applyChange, loadCase } from '../mutate.js';
import { assertOwnerOrLead, canAct } from '../permissions.js';
import { formatCaseRef } from '../refs.js';
import { transaction } from '../../../db/transaction.js';

/** Who receives a hand-off: a person (becomes the owner) or a team channel (back to that queue). */
export type HandoffTarget =
  | { kind: 'user'; platform: PlatformId /** platform user id, e.g. U123 */; id: string; name: string | null }
  | { kind: 'channel'; platform: PlatformId; id: string /** e.g. billing-team, when the platform told us */; name?: string | null };

/** How a receiver is named in the thread and in answers: by name, never by a platform id. */
function targetLabel(to: HandoffTarget): string {
  if (to.kind === 'user') return to.name ?? 'a teammate';
  return to.name ? `#${to.name.replace(/^#/, '')}` : 'a team channel';
}

/**
 * A person who receives a case becomes its owner, so they must be someone who may act on cases
 * (an agent or a lead; with no agents configured, anyone). A case handed to anyone else would
 * sit with an owner who cannot reply, resolve or even hand it back.
 */
function assertCanReceive(to: HandoffTarget, ctx: CaseContext): void {
  if (to.kind !== 'user') return;
  const receiver = { id: `${to.platform}:${to.id}`, name: to.name, platform: to.platform };
  if (canAct(receiver, ctx.permissions)) return;
  throw new KlaxonError(
    'forbidden',
    `${to.name ?? 'That person'} is not an agent, so they cannot own cases. ` +
      'Hand the case to someone on permissions.agents (or a lead), or to a team channel; a lead can add them to permissions.agents.',
  );
}

/**
 * A hand-off waiting for its notice to reach the receiver, carried by that notice: enough to
 * confirm it when the post succeeds, or to put the case back and tell the person when the
 * platform refuses it.
 */
export interface PendingHandoff {
  to: HandoffTarget;
  /** The actor id of the person who handed off, and their name. */
  by: string;
  byName: string | null;
  note: string | null;
  /** The owner before the hand-off, restored if it fails. */
  previousOwner: { id: string; name: string | null } | null;
}

/**
 * Passes a case on, with a note. The change is made at once (a person becomes the owner; a
 * channel hand-off returns the case to the queue) but recorded as pending: the receiver's notice
 * confirms it when it is delivered, and a refusal undoes it (see `revertHandoff`).
 */
export async function handoffCase({
  ctx,
  input,
}: {
  ctx: CaseContext;
  input: { caseId: number; actor: Actor; to: HandoffTarget; note?: string | null };
}): Promise<VerbResult> {
  const { caseId, actor, to } = input;
  const now = ctx.clock.now();
  const ref = formatCaseRef(caseId);
  const note = input.note?.trim() || null;
  const result = await transaction(ctx.db, async (tx) => {
    const row = await loadCase(tx, caseId);
    assertOwnerOrLead(actor, row.ownerId, row.ownerName, ctx.permissions);
    assertCanReceive(to, ctx);
    if (row.state !== 'open') throw new KlaxonError('invalid_state', `${ref} is resolved; reopen it first.`);
    const ownerId = to.kind === 'user' ? `${to.platform}:${to.id}` : null;
    const who = targetLabel(to);
    if (to.kind === 'user' && row.ownerId === ownerId) return { caseId, changed: false, message: `${ref} already belongs to ${who}.` };
    const pending: PendingHandoff = {
      to,
      by: actor.id,
      byName: actor.name,
      note,
      previousOwner: row.ownerId ? { id: row.ownerId, name: row.ownerName } : null,
    };
    await applyChange(
      tx,
      row,
      actor,
      {
        patch: to.kind === 'user' ? { ownerId, ownerName: to.name } : { ownerId: null, ownerName: null },
        kind: 'handed_off',
        detail: { to, note, status: 'pending' },
        // The history line goes under the card once the receiver has been told (confirmHandoff).
        threadText: null,
      },
      now,
    );
    enqueue(
      tx,
      { kind: 'notice', platform: to.platform, target: to.id, caseId, notice: { kind: 'handoff', note, by: actorLabel(actor), pending } },
      now,
    );
    return { caseId, changed: true, message: `${ref} handed off to ${who}.` };
  });
  if (result.changed) ctx.onCommitted?.();
  return result;
}

/** Who handed off, as people read it (a name, never an id). */
const byLabel = (pending: PendingHandoff): string => actorLabel({ id: pending.by, name: pending.byName, platform: 'chat' });

/** The receiver was told: the hand-off stands, and the card's thread says so. */
export async function confirmHandoff(db: Db, caseId: number, pending: PendingHandoff, now: Date): Promise<void> {
  await transaction(db, async (tx) => {
    const row = tx.select().from(cases).where(eq(cases.id, caseId)).get();
    if (!row) return;
    recordEvent(tx, caseId, SYSTEM_ACTOR, 'handoff_confirmed', now, { to: pending.to });
    const line = `📨 Handed off to ${targetLabel(pending.to)} by ${byLabel(pending)}${pending.note ? `: ${pending.note}` : ''}`;
    for (const [platform, target] of Object.entries(row.route)) {
      if (target) enqueue(tx, { kind: 'thread.post', platform: platform as PlatformId, target, caseId, text: line }, now);
    }
  });
}

/**
 * The platform refused the hand-off's notice (a channel Klaxon is not in, a person it cannot
 * message): the owner goes back to who had the case — unless someone changed it meanwhile —
 * the card and its thread say what happened, and the person who handed off is told privately.
 */
export async function revertHandoff(db: Db, caseId: number, pending: PendingHandoff, reason: string, now: Date): Promise<void> {
  const ref = formatCaseRef(caseId);
  await transaction(db, async (tx) => {
    const row = tx.select().from(cases).where(eq(cases.id, caseId)).get();
    if (!row) return;
    const handedTo = pending.to.kind === 'user' ? `${pending.to.platform}:${pending.to.id}` : null;
    const untouched = row.ownerId === handedTo;
    const back = pending.previousOwner;
    const restored = untouched
      ? back
        ? ` ${ref} is back with ${actorLabel({ id: back.id, name: back.name, platform: 'chat' })}.`
        : ` ${ref} is back in the queue.`
      : '';
    await applyChange(
      tx,
      row,
      SYSTEM_ACTOR,
      {
        patch: untouched ? { ownerId: back?.id ?? null, ownerName: back?.name ?? null } : {},
        kind: 'handoff_failed',
        detail: { to: pending.to, reason, restored: untouched },
        threadText: `⚠️ Hand-off to ${targetLabel(pending.to)} by ${byLabel(pending)} did not go through: ${reason}${restored}`,
      },
      now,
    );
    const person = splitActorId(pending.by);
    if (person) {
      const text = `Your hand-off of ${ref} to ${targetLabel(pending.to)} did not go through. ${reason}${restored}`;
      enqueue(tx, { kind: 'notice', platform: person.platform, target: person.id, caseId, notice: { kind: 'text', text } }, now);
    }
  });
}
