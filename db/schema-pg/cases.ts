import { sql } from 'drizzle-orm';
import { bigint, boolean, doublePrecision, index, integer, pgTable, text } from 'drizzle-orm/pg-core';
import { CASE_KINDS, CASE_STATES, PRIORITIES, RESPONSE_VIAS } from '../schema/enums.js';
import { epochMs, jsonText } from './columns.js';

/** PostgreSQL twin of db/schema/cases.ts (kept equal by test/db/schema-equality.test.ts). */
export const cases = pgTable(
  'cases',
  {
    id: bigint('id', { mode: 'number' }).primaryKey().generatedByDefaultAsIdentity(),
    state: text('state', { enum: CASE_STATES }).notNull().default('open'),
    kind: text('kind', { enum: CASE_KINDS }).notNull().default('single'),
    mergedInto: bigint('merged_into', { mode: 'number' }),
    source: text('source').notNull(),
    authorKey: text('author_key').notNull(),
    conversationKey: text('conversation_key'),
    firstMentionId: bigint('first_mention_id', { mode: 'number' }).notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    score: integer('score').notNull(),
    sentiment: doublePrecision('sentiment').notNull().default(0),
    reasons: jsonText<string[]>('reasons').notNull().default(sql`'[]'`),
    route: jsonText<Partial<Record<string, string>>>('route').notNull().default(sql`'{}'`),
    ownerId: text('owner_id'),
    ownerName: text('owner_name'),
    createdAt: epochMs('created_at').notNull(),
    openedAt: epochMs('opened_at').notNull(),
    updatedAt: epochMs('updated_at').notNull(),
    firstResponseAt: epochMs('first_response_at'),
    firstResponseVia: text('first_response_via', { enum: RESPONSE_VIAS }),
    firstResponseBy: text('first_response_by'),
    resolvedAt: epochMs('resolved_at'),
    resolvedBy: text('resolved_by'),
    actionable: boolean('actionable').notNull().default(true),
    mentionCount: integer('mention_count').notNull().default(1),
    // bigint: the followers of every author on a storm, added up, can pass 2^31.
    reach: bigint('reach', { mode: 'number' }).notNull().default(0),
    slaWarnedAt: epochMs('sla_warned_at'),
    slaBreachedAt: epochMs('sla_breached_at'),
    harm: jsonText<string[]>('harm').notNull().default(sql`'[]'`),
    language: text('language'),
    intent: text('intent'),
    guidance: text('guidance'),
    version: integer('version').notNull().default(1),
  },
  (t) => [
    index('cases_queue_order').on(t.state, t.priority, t.createdAt, t.firstResponseAt, t.ownerId),
    index('cases_author_conversation').on(t.authorKey, t.conversationKey, t.state),
    index('cases_created_at').on(t.createdAt),
    index('cases_report').on(t.createdAt, t.priority, t.source, t.ownerId, t.firstResponseAt, t.resolvedAt, t.actionable, t.sentiment),
  ],
);

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
