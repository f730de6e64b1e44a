import { and, desc, eq, isNull } from 'drizzle-orm';
import { cases, mentions, type MentionRow } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import type { PublicReply } from '../ports.js';

/**
 * The message a reply on a case answers: the latest message of the case's customer (the author
 * of its first mention). Reposts and other people's messages on the case (a storm's members) are
 * never answered by mistake.
 */
export function replyTarget(db: DbOrTx, caseId: number, first: MentionRow): MentionRow {
  const sameAuthor = first.authorId
    ? eq(mentions.authorId, first.authorId)
    : first.authorHandle
      ? eq(mentions.authorHandle, first.authorHandle)
      : eq(mentions.id, first.id);
  return (
    db
      .select()
      .from(mentions)
      .where(and(eq(mentions.caseId, caseId), eq(mentions.direction, 'inbound'), isNull(mentions.repostOf), sameAuthor))
      .orderBy(desc(mentions.createdAt), desc(mentions.id))
      .limit(1)
      .get() ?? first
  );
}

/** The message a reply on the case answers, found from the case id; null when the case is gone. */
export function replyTargetOf(db: DbOrTx, caseId: number): MentionRow | null {
  const owner = db.select({ firstMentionId: cases.firstMentionId }).from(cases).where(eq(cases.id, caseId)).get();
  const first = owner ? db.select().from(mentions).where(eq(mentions.id, owner.firstMentionId)).get() : undefined;
  return first ? replyTarget(db, caseId, first) : null;
}

/**
 * Whether that message can take a public reply: as its source decided at ingest, else never for a
 * private message (an e-mail, a DM: the answer goes privately), else yes.
 */
export function publicReplyOf(target: Pick<MentionRow, 'publicReply' | 'isPrivate' | 'source'>): PublicReply {
  if (target.publicReply) return target.publicReply;
  if (target.isPrivate) return { possible: false, why: `the message came privately (${target.source}), so the answer goes privately too` };
  return { possible: true, why: null };
}
