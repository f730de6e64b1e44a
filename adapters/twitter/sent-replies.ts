import { and, eq } from 'drizzle-orm';
import { mentions } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { ReplyInput } from '../../src/ports.js';
import type { BrandAccount } from './map-tweet.js';

/**
 * Stores a reply Klaxon just posted as the brand's outbound message on its case. When the poller
 * or the stream later reads the same post from X, it is a duplicate — so Klaxon's own reply is
 * never mistaken for one made outside Klaxon — and a customer answering it joins the case.
 */
export function recordSentReply(db: Db, input: ReplyInput, sent: { id: string; url: string; at: Date }, brand: BrandAccount): void {
  db.insert(mentions)
    .values({
      source: 'twitter',
      externalId: sent.id,
      direction: 'outbound',
      authorId: brand.id,
      authorHandle: brand.handle,
      text: input.text,
      url: sent.url,
      createdAt: sent.at,
      receivedAt: sent.at,
      inReplyTo: input.inReplyTo,
      conversationId: input.conversationId ?? null,
      isPrivate: false,
      caseId: input.caseId,
    })
    .onConflictDoNothing()
    .run();
}

/** Records that X will not take a public reply to this post (it refused one), for its case's card. */
export function markNoPublicReply(db: Db, externalId: string, why: string): void {
  db.update(mentions)
    .set({ publicReply: { possible: false, why } })
    .where(and(eq(mentions.source, 'twitter'), eq(mentions.externalId, externalId)))
    .run();
}
