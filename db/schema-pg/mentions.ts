import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, pgTable, text, uniqueIndex } from 'drizzle-orm/pg-core';
import { DIRECTIONS } from '../schema/enums.js';
import { epochMs, jsonText } from './columns.js';

/** PostgreSQL twin of db/schema/mentions.ts (kept equal by test/db/schema-equality.test.ts). */
export const mentions = pgTable(
  'mentions',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    source: text('source').notNull(),
    externalId: text('external_id').notNull(),
    direction: text('direction', { enum: DIRECTIONS }).notNull(),
    authorId: text('author_id'),
    authorHandle: text('author_handle'),
    authorName: text('author_name'),
    // bigint: a source reports whatever follower count it likes, and SQLite stores any 64-bit one.
    authorFollowers: bigint('author_followers', { mode: 'number' }),
    authorVerified: boolean('author_verified').notNull().default(false),
    text: text('text').notNull(),
    url: text('url'),
    createdAt: epochMs('created_at').notNull(),
    receivedAt: epochMs('received_at').notNull(),
    inReplyTo: text('in_reply_to'),
    conversationId: text('conversation_id'),
    isPrivate: boolean('is_private').notNull().default(false),
    rating: integer('rating'),
    repostOf: text('repost_of'),
    caseId: bigint('case_id', { mode: 'number' }),
    score: integer('score'),
    // double precision: SQLite's REAL is an 8-byte float; PostgreSQL's `real` would keep 4 bytes.
    severity: doublePrecision('severity'),
    sentiment: doublePrecision('sentiment'),
    reasons: jsonText<string[]>('reasons').notNull().default(sql`'[]'`),
    themes: jsonText<string[]>('themes').notNull().default(sql`'[]'`),
    publicReply: jsonText<{ possible: boolean; why: string | null }>('public_reply'),
  },
  (t) => [
    uniqueIndex('mentions_source_external_id').on(t.source, t.externalId),
    index('mentions_case_id').on(t.caseId),
    index('mentions_created_at').on(t.createdAt),
  ],
);

export type MentionRow = typeof mentions.$inferSelect;
export type NewMentionRow = typeof mentions.$inferInsert;
