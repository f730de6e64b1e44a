import { and, eq } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import type { Db, Tx } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { INGEST_ACTOR } from '../cases/events.js';
import { applyChange } from '../cases/store.js';
import { mentionRow } from './mention-row.js';
import type { MentionInput } from './schema.js';
import { transaction } from '../../db/transaction.js';

export interface AmplifyDeps {
  db: Db;
  clock: Clock;
  /** Called after a batch commits, to wake the outbox worker. */
  onCommitted?: () => void;
}

/** A plain repost (an X retweet) of a message seen at the same source. */
export interface RepostInput {
  /** The repost itself, stored once per (source, id) like any mention. */
  mention: MentionInput;
  /** The id, at the same source, of the message reposted. */
  originalId: string;
}

export interface AmplifyResult {
  accepted: number;
  duplicates: number;
  /** Cases whose reach and volume grew. */
  touched: number[];
  /** Reposts of a message Klaxon has no case for: stored, no case opened. */
  orphans: number;
}

function originalCaseId(tx: Tx, source: string, originalId: string): number | null {
  const row = tx
    .select({ caseId: mentions.caseId })
    .from(mentions)
    .where(and(eq(mentions.source, source), eq(mentions.externalId, originalId)))
    .get();
  return row?.caseId ?? null;
}

/**
 * Records reposts without ever opening a case: each is stored as a mention (so a repeat is a
 * duplicate) against the original's case, whose reach grows by the reposter's followers and
 * whose volume by one, with an audit row and a card update — all in one transaction. A repost
 * of a message with no case is stored with no case.
 */
export async function recordReposts(deps: AmplifyDeps, batch: readonly RepostInput[]): Promise<AmplifyResult> {
  const now = deps.clock.now();
  const result: AmplifyResult = { accepted: 0, duplicates: 0, touched: [], orphans: 0 };
  await transaction(deps.db, async (tx) => {
    for (const { mention: m, originalId } of batch) {
      const caseId = originalCaseId(tx, m.source, originalId);
      const stored = tx
        .insert(mentions)
        .values({
          ...mentionRow(m, now),
          // A repost answers nothing: the link to the original is the case it counts toward.
          inReplyTo: null,
          caseId,
          repostOf: originalId,
        })
        .onConflictDoNothing()
        .returning({ id: mentions.id })
        .get();
      if (!stored) {
        result.duplicates += 1;
        continue;
      }
      result.accepted += 1;
      const row = caseId === null ? undefined : tx.select().from(cases).where(eq(cases.id, caseId)).get();
      if (!row) {
        result.orphans += 1;
        continue;
      }
      const followers = m.author.followers ?? 0;
      const detail = { mentionId: stored.id, retweet: true, originalId, followers };
      // No thread line: a viral post would flood the card's thread; the card shows the totals.
      const patch = { reach: row.reach + followers, mentionCount: row.mentionCount + 1 };
      await applyChange(tx, row, INGEST_ACTOR, { patch, kind: 'mention_added', detail, threadText: null }, now);
      if (!result.touched.includes(row.id)) result.touched.push(row.id);
    }
  });
  if (result.accepted > 0) deps.onCommitted?.();
  return result;
}
