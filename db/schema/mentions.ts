import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text, uniqueIndex } from 'drizzle-orm/sqlite-core';
import { DIRECTIONS } from './enums.js';

/** Every message ingested, inbound or outbound, exactly once per (source, externalId). */
export const mentions = sqliteTable(
  'mentions',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    authorId: text('author_id'),
    authorHandle: text('author_handle'),
    authorName: text('author_name'),
    authorFollowers: integer('author_followers'),
    authorVerified: integer('author_verified', { mode: 'boolean' }).notNull().default(false),
    text: text('text').notNull(),
    url: text('url'),
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    receivedAt: integer('received_at', { mode: 'timestamp_ms' }).notNull(),
    inReplyTo: text('in_reply_to'),
    conversationId: text('conversation_id'),
    isPrivate: integer('is_private', { mode: 'boolean' }).notNull().default(false),
    /** Review sources: the star rating, 1–5 (a scoring signal; kept so an edit knows what changed). */
    rating: integer('rating'),
    /** For a plain repost (retweet): the id of the original. Reposts add reach, never a case. */
    repostOf: text('repost_of'),
    caseId: integer('case_id'),
    score: integer('score'),
    severity: real('severity'),
    sentiment: real('sentiment'),
    /** JSON array of plain-words reasons, as shown on the card. */
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    themes: text('themes', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /**
     * Whether the source takes a public reply to this message, decided when it came in (X takes
     * one only when the post @mentions or quotes the brand). Null: the source sets no such rule.
     */
    publicReply: text('public_reply', { mode: 'json' }).$type<{ possible: boolean; why: string | null }>(),
  },
  (t) => [
    uniqueIndex('mentions_source_external_id').on(t.source, t.externalId),
    index('mentions_case_id').on(t.caseId),
    index('mentions_created_at').on(t.createdAt),
  ],
);

export type MentionRow = typeof mentions.$inferSelect;
export type NewMentionRow = typeof mentions.$inferInsert;
