import { randomUUID } from 'node:crypto';
import { eq, like, lt, and } from 'drizzle-orm';
import { kvState } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/**
 * A reply refused in public waits here until the agent clicks "Send as DM instead": chat
 * buttons carry only a short value, and the text must not travel through the chat platform's
 * interactive payloads more than needed.
 */
export interface Draft {
  caseId: number;
  text: string;
  actorId: string;
}

const PREFIX = 'draft:';
const KEEP_MS = 24 * 60 * 60 * 1000;

export function saveDraft(db: Db, draft: Draft, now: Date): string {
  const key = randomUUID();
  db.delete(kvState)
    .where(and(like(kvState.key, `${PREFIX}%`), lt(kvState.updatedAt, new Date(now.getTime() - KEEP_MS))))
    .run();
  db.insert(kvState)
    .values({ key: `${PREFIX}${key}`, value: JSON.stringify(draft), updatedAt: now })
    .run();
  return key;
}

/** Returns the draft once (a second click finds nothing), only to the person who wrote it. */
export function takeDraft(db: Db, key: string, actorId: string): Draft | null {
  const row = db
    .select()
    .from(kvState)
    .where(eq(kvState.key, `${PREFIX}${key}`))
    .get();
  if (!row) return null;
  const draft = JSON.parse(row.value) as Draft;
  if (draft.actorId !== actorId) return null;
  // The delete decides who takes it: of two clicks at once, only one deletes the row. One statement,
  // atomic on its own, so no transaction (db/transaction.ts) is needed for it.
  const taken = db.delete(kvState).where(eq(kvState.key, row.key)).returning({ key: kvState.key }).get();
  return taken ? draft : null;
}
