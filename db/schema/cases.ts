import { sql } from 'drizzle-orm';
import { index, integer, real, sqliteTable, text } from 'drizzle-orm/sqlite-core';
import { CASE_KINDS, CASE_STATES, PRIORITIES, RESPONSE_VIAS } from './enums.js';

/**
 * A case is the unit people work: one customer's issue, opened by an inbound mention, joined by
 * the same author's follow-ups on the same conversation. Its id is shown as `K-<id>`.
 */
export const cases = sqliteTable(
  'cases',
  {
    id: integer('id').primaryKey({ autoIncrement: true }),
    state: text('state', { enum: CASE_STATES }).notNull().default('open'),
    /** `single`: one customer's issue; `incident`: a storm of mentions about the same thing. */
    kind: text('kind', { enum: CASE_KINDS }).notNull().default('single'),
    /** For a case merged into a storm: the incident it joined. */
    mergedInto: integer('merged_into'),
    source: text('source').notNull(),
    /** `<source>:<author id or handle>`: who the customer is, across their messages. */
    authorKey: text('author_key').notNull(),
    /** Conversation the case follows; null when the source gives none. */
    conversationKey: text('conversation_key'),
    firstMentionId: integer('first_mention_id').notNull(),
    priority: text('priority', { enum: PRIORITIES }).notNull(),
    score: integer('score').notNull(),
    sentiment: real('sentiment').notNull().default(0),
    reasons: text('reasons', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Routing decision: the channel per platform the card lives in (`{"slack":"C123"}`). */
    route: text('route', { mode: 'json' }).$type<Partial<Record<string, string>>>().notNull().default(sql`'{}'`),
    ownerId: text('owner_id'),
    ownerName: text('owner_name'),
    /** The first mention's createdAt: the SLA clock starts here. */
    createdAt: integer('created_at', { mode: 'timestamp_ms' }).notNull(),
    openedAt: integer('opened_at', { mode: 'timestamp_ms' }).notNull(),
    updatedAt: integer('updated_at', { mode: 'timestamp_ms' }).notNull(),
    firstResponseAt: integer('first_response_at', { mode: 'timestamp_ms' }),
    firstResponseVia: text('first_response_via', { enum: RESPONSE_VIAS }),
    firstResponseBy: text('first_response_by'),
    resolvedAt: integer('resolved_at', { mode: 'timestamp_ms' }),
    resolvedBy: text('resolved_by'),
    /** False when marked "no action": excluded from response metrics. */
    actionable: integer('actionable', { mode: 'boolean' }).notNull().default(true),
    mentionCount: integer('mention_count').notNull().default(1),
    /** Followers of every author on the case, added up. */
    reach: integer('reach').notNull().default(0),
    slaWarnedAt: integer('sla_warned_at', { mode: 'timestamp_ms' }),
    slaBreachedAt: integer('sla_breached_at', { mode: 'timestamp_ms' }),
    /** Harm category ids found in the case's mentions (src/scoring/harm/categories.ts), most urgent first. */
    harm: text('harm', { mode: 'json' }).$type<string[]>().notNull().default(sql`'[]'`),
    /** Language of the first mention (ISO 639-1, or "und"); null for cases from before it was recorded. */
    language: text('language'),
    /** What the customer wants (complaint, question, request, praise, irrelevant, spam, other). */
    intent: text('intent'),
    /** Guidance for the agent from the harm config, shown on the card; never sent to the customer. */
    guidance: text('guidance'),
    /** Bumped on every change; card updates render the latest version only. */
    version: integer('version').notNull().default(1),
  },
  (t) => [
    // The queue's order (src/cases/queue.ts): open cases of one priority by age, with the columns
    // its filters read, so a page walks the index from its start and stops after a page.
    index('cases_queue_order').on(t.state, t.priority, t.createdAt, t.firstResponseAt, t.ownerId),
    index('cases_author_conversation').on(t.authorKey, t.conversationKey, t.state),
    index('cases_created_at').on(t.createdAt),
    // Covering index for reports (src/reports/sql-report.ts): a window's cases are read from this
    // index alone, never from the wide case rows.
    index('cases_report').on(t.createdAt, t.priority, t.source, t.ownerId, t.firstResponseAt, t.resolvedAt, t.actionable, t.sentiment),
  ],
);

export type CaseRow = typeof cases.$inferSelect;
export type NewCaseRow = typeof cases.$inferInsert;
