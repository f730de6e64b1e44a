import { and, eq } from 'drizzle-orm';
import { cardRefs } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';

/** The case whose card is the given message (a thread reply to it is a note on that case). */
export function caseIdForCard(db: DbOrTx, platform: string, ref: string): number | null {
  return (
    db
      .select({ caseId: cardRefs.caseId })
      .from(cardRefs)
      .where(and(eq(cardRefs.platform, platform), eq(cardRefs.ref, ref)))
      .get()?.caseId ?? null
  );
}
