import { eq } from 'drizzle-orm';
import { cases, type CaseRow } from '../../db/schema/index.js';
import type { Tx } from '../../db/types.js';
import { KlaxonError } from '../errors.js';
import { enqueue } from '../outbox/enqueue.js';
import type { PlatformId } from '../ports.js';
import { formatCaseRef } from './refs.js';
import { recordEvent, type Actor, type CaseEventKind } from './events.js';

export function loadCase(tx: Tx, caseId: number): CaseRow {
  const row = tx.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new KlaxonError('not_found', `${formatCaseRef(caseId)} does not exist.`);
  return row;
}

export interface Change {
  patch: Partial<Omit<CaseRow, 'id' | 'version' | 'updatedAt'>>;
  kind: CaseEventKind;
  detail?: Record<string, unknown>;
  /** The line added to the card's thread, so the history is visible where people work (null: none). */
  threadText: string | null;
}

/**
 * Applies one change to a case inside the caller's transaction: the row (version bumped), the
 * audit row, and the card update and thread line in the outbox. If any insert fails, the whole
 * transaction rolls back, audit included.
 */
export function applyChange(tx: Tx, row: CaseRow, actor: Actor, change: Change, now: Date): CaseRow {
  const next = { ...row, ...change.patch, version: row.version + 1, updatedAt: now };
  tx.update(cases)
    .set({ ...change.patch, version: next.version, updatedAt: now })
    .where(eq(cases.id, row.id))
    .run();
  recordEvent(tx, row.id, actor, change.kind, now, change.detail);
  notifyCardChanged(tx, next, now, change.threadText);
  return next;
}

/** Queues the in-place card update and the thread line on every platform showing the case. */
export function notifyCardChanged(tx: Tx, row: Pick<CaseRow, 'id' | 'route'>, now: Date, threadText: string | null): void {
  for (const [platform, target] of Object.entries(row.route)) {
    if (!target) continue;
    const p = platform as PlatformId;
    enqueue(tx, { kind: 'card.update', platform: p, target, caseId: row.id }, now);
    if (threadText) enqueue(tx, { kind: 'thread.post', platform: p, target, caseId: row.id, text: threadText }, now);
  }
}

/**
 * How a person is named in thread lines and notices. Adapters resolve names (Slack's users.info,
 * Teams' activity); when none is known the line says "a teammate" rather than show a platform id.
 */
export function actorLabel(actor: Actor): string {
  return actor.name ?? (actor.id.includes(':') ? 'a teammate' : actor.id);
}
