import { and, gte, lt } from 'drizzle-orm';
import { cases } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import type { CaseFact, Window } from './metrics.js';

/** Reads the facts metrics are computed from, for cases created in the window. */
export function loadCaseFacts(db: DbOrTx, window: Window): CaseFact[] {
  return db
    .select({
      id: cases.id,
      source: cases.source,
      priority: cases.priority,
      createdAt: cases.createdAt,
      firstResponseAt: cases.firstResponseAt,
      resolvedAt: cases.resolvedAt,
      actionable: cases.actionable,
      owner: cases.ownerId,
      sentiment: cases.sentiment,
    })
    .from(cases)
    .where(and(gte(cases.createdAt, window.from), lt(cases.createdAt, window.to)))
    .all();
}
