import { asc, eq } from 'drizzle-orm';
import { caseEvents, type CaseEventRow } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

/** The audit trail of a case, oldest first: who did what, when, from where. */
export function caseHistory(db: DbOrTx, caseId: number): CaseEventRow[] {
  return db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).orderBy(asc(caseEvents.at), asc(caseEvents.id)).all();
}
