import type { MentionInput } from './schema.js';

/** The stored columns of a validated mention, the same for every path that stores one. */
export function mentionRow(m: MentionInput, receivedAt: Date) {
  return {
    source: m.source,
    externalId: m.id,
    direction: m.direction,
    authorId: m.author.id ?? null,
    authorHandle: m.author.handle ?? null,
    authorName: m.author.name ?? null,
    authorFollowers: m.author.followers ?? null,
    authorVerified: m.author.verified ?? false,
    text: m.text,
    url: m.url ?? null,
    createdAt: m.createdAt,
    receivedAt,
    inReplyTo: m.inReplyTo ?? null,
    conversationId: m.conversationId ?? null,
    isPrivate: m.private,
    publicReply: m.publicReply ?? null,
    rating: m.rating ?? null,
  };
}
