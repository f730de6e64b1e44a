import { and, eq, sql, type SQL } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { caseBatch } from '../cases/store.js';

/**
 * The ingest hot path's mention statements and case reads as drizzle prepared statements (the case
 * writes are the case store's batched path, src/cases/store.ts), with placeholders, built once per database.
 *
 * Why: the query builder re-renders and re-prepares its SQL on every call; for a batch of 1,000
 * mentions that is ~5,000 SQL renders and SQLite prepares, most of the cost of ingest (STACK.md:
 * ~20k rows/s with the builder row by row against ~150k/s prepared). The statements are the same
 * queries the builder produced, so the rows written are the same.
 *
 * Insert values and `eq` operands get the column's encoder (Date → ms, boolean → 0/1, JSON →
 * string) from drizzle. `.set()` of an update has no placeholder type, so those values go through
 * `raw(...)` and the caller passes driver values (JSON already stringified).
 */
const p = sql.placeholder;
/** A placeholder drizzle passes to SQLite as given (no column encoder). */
const raw = (name: string): SQL => sql`${p(name)}`;

function build(db: Db) {
  return {
    /** The case rows, audit rows and card intents: written by the case store's batched path. */
    cases: caseBatch(db),
    insertMention: db
      .insert(mentions)
      .values({
        source: p('source'),
        externalId: p('externalId'),
        direction: p('direction'),
        authorId: p('authorId'),
        authorHandle: p('authorHandle'),
        authorName: p('authorName'),
        authorFollowers: p('authorFollowers'),
        authorVerified: p('authorVerified'),
        text: p('text'),
        url: p('url'),
        createdAt: p('createdAt'),
        receivedAt: p('receivedAt'),
        inReplyTo: p('inReplyTo'),
        conversationId: p('conversationId'),
        isPrivate: p('isPrivate'),
        publicReply: p('publicReply'),
        rating: p('rating'),
      })
      // No RETURNING: run() gives changes (0 = duplicate) and lastInsertRowid, ~4 µs cheaper a row.
      .onConflictDoNothing()
      .prepare(),

    mentionByExternalId: db
      .select()
      .from(mentions)
      .where(and(eq(mentions.source, p('source')), eq(mentions.externalId, p('externalId'))))
      .prepare(),

    /** Values: caseId, score, severity, sentiment, reasons (JSON text), themes (JSON text), id. */
    saveScore: db
      .update(mentions)
      .set({
        caseId: raw('caseId'),
        score: raw('score'),
        severity: raw('severity'),
        sentiment: raw('sentiment'),
        reasons: raw('reasons'),
        themes: raw('themes'),
      })
      .where(eq(mentions.id, p('id')))
      .prepare(),

    caseById: db
      .select()
      .from(cases)
      .where(eq(cases.id, p('id')))
      .prepare(),

    openCaseInConversation: db
      .select()
      .from(cases)
      .where(and(eq(cases.authorKey, p('authorKey')), eq(cases.conversationKey, p('conversationKey')), eq(cases.state, 'open')))
      .prepare(),

    /** A merged case's mentions now belong to the incident. Values: to, from. */
    moveCaseMentions: db
      .update(mentions)
      .set({ caseId: raw('to') })
      .where(eq(mentions.caseId, p('from')))
      .prepare(),
  };
}

export type IngestStatements = ReturnType<typeof build>;

/** The rowid an insert's run() reports, or null when it inserted nothing (a conflict). */
export function insertedId(result: { changes: number; lastInsertRowid: number | bigint }): number | null {
  return result.changes > 0 ? Number(result.lastInsertRowid) : null;
}

// Prepared statements belong to one connection: cache per Db, and let them go with it.
const cache = new WeakMap<Db, IngestStatements>();

/**
 * The prepared ingest statements of `db`. They run on its one connection, so inside
 * `db.transaction(...)` they are part of the transaction (better-sqlite3 is synchronous).
 */
export function ingestStatements(db: Db): IngestStatements {
  let statements = cache.get(db);
  if (!statements) {
    statements = build(db);
    cache.set(db, statements);
  }
  return statements;
}
