import { and, desc, eq, isNull } from 'drizzle-orm';
import { mentions, type MentionRow } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import type { PublicReply } from '../ports.js';

/**
 * The message a reply on a case answers: the latest message of the case's customer (the author
 * of its first mention). Reposts and other people's messages on the case (a storm's members) are
 * never answered by mistake.
 */
export function replyTarget(db: DbOrTx, caseId: number, first: MentionRow): MentionRow {
  const sameAuthor = first.authorId ? eq(mentions.authorId, first.authorId) : first.authorHandle ? eq(mentions.authorHandle, first.authorHandle) : eq(mentions.id, first.id);
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

/**
 * Whether that message can take a public reply: as its source decided at ingest, else never for a
 * private message (an e-mail, a DM: the answer goes privately), else yes.
 */
export function publicReplyOf(target: Pick<MentionRow, 'publicReply' | 'isPrivate' | 'source'>): PublicReply {
  if (target.publicReply) return target.publicReply;
  if (target.isPrivate) return { possible: false, why: `the message came privately (${target.source}), so the answer goes privately too` };
  return { possible: true, why: null };
}
