import { and, eq, sql, type SQL } from 'drizzle-orm';
import { caseEvents, cases, mentions, outbox } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';

/**
 * The ingest hot path as drizzle prepared statements with placeholders, built once per database.
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
      .set({ caseId: raw('caseId'), score: raw('score'), severity: raw('severity'), sentiment: raw('sentiment'), reasons: raw('reasons'), themes: raw('themes') })
      .where(eq(mentions.id, p('id')))
      .prepare(),

    caseById: db.select().from(cases).where(eq(cases.id, p('id'))).prepare(),

    openCaseInConversation: db
      .select()
      .from(cases)
      .where(and(eq(cases.authorKey, p('authorKey')), eq(cases.conversationKey, p('conversationKey')), eq(cases.state, 'open')))
      .prepare(),

    insertCase: db
      .insert(cases)
      .values({
        kind: p('kind'),
        source: p('source'),
        authorKey: p('authorKey'),
        conversationKey: p('conversationKey'),
        firstMentionId: p('firstMentionId'),
        priority: p('priority'),
        score: p('score'),
        sentiment: p('sentiment'),
        reasons: p('reasons'),
        route: p('route'),
        createdAt: p('createdAt'),
        openedAt: p('openedAt'),
        updatedAt: p('updatedAt'),
        reach: p('reach'),
        harm: p('harm'),
        language: p('language'),
        intent: p('intent'),
        guidance: p('guidance'),
        actionable: p('actionable'),
      })
      .prepare(),

    /** A mention joined the case; its score did not raise the case's. Values: mentionCount, updatedAt (ms), version, id. */
    joinCase: db
      .update(cases)
      .set({ mentionCount: raw('mentionCount'), updatedAt: raw('updatedAt'), version: raw('version') })
      .where(eq(cases.id, p('id')))
      .prepare(),

    /** As `joinCase`, and the case takes the mention's higher score. Adds score, priority, reasons (JSON text), sentiment. */
    joinCaseRaised: db
      .update(cases)
      .set({
        mentionCount: raw('mentionCount'),
        updatedAt: raw('updatedAt'),
        version: raw('version'),
        score: raw('score'),
        priority: raw('priority'),
        reasons: raw('reasons'),
        sentiment: raw('sentiment'),
      })
      .where(eq(cases.id, p('id')))
      .prepare(),

    /** A storm mention joined its incident (storms/incident.ts joinIncident). Values: mentionCount, reach, updatedAt (ms), version, id. */
    joinIncident: db
      .update(cases)
      .set({ mentionCount: raw('mentionCount'), reach: raw('reach'), updatedAt: raw('updatedAt'), version: raw('version') })
      .where(eq(cases.id, p('id')))
      .prepare(),

    /** As `joinIncident`, and the incident takes the mention's higher score. Adds score, priority, reasons (JSON text). */
    joinIncidentRaised: db
      .update(cases)
      .set({ mentionCount: raw('mentionCount'), reach: raw('reach'), updatedAt: raw('updatedAt'), version: raw('version'), score: raw('score'), priority: raw('priority'), reasons: raw('reasons') })
      .where(eq(cases.id, p('id')))
      .prepare(),

    /** A case folded into a storm's incident (storms/incident.ts mergeIntoIncident). Values: resolvedAt (ms), mergedInto, version, updatedAt (ms), id. */
    mergeCase: db
      .update(cases)
      .set({ state: 'resolved', resolvedAt: raw('resolvedAt'), resolvedBy: 'Klaxon (storm)', actionable: false, mergedInto: raw('mergedInto'), version: raw('version'), updatedAt: raw('updatedAt') })
      .where(eq(cases.id, p('id')))
      .prepare(),

    /** An incident absorbed merged cases (storms/incident.ts absorbIntoIncident). Values: mentionCount, reach, id. */
    growIncident: db.update(cases).set({ mentionCount: raw('mentionCount'), reach: raw('reach') }).where(eq(cases.id, p('id'))).prepare(),

    /** A merged case's mentions now belong to the incident. Values: to, from. */
    moveCaseMentions: db.update(mentions).set({ caseId: raw('to') }).where(eq(mentions.caseId, p('from'))).prepare(),

    /** A card update already waiting for this case and platform (then another is not needed). */
    pendingCardUpdate: db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.caseId, p('caseId')), eq(outbox.kind, 'card.update'), eq(outbox.platform, p('platform')), eq(outbox.status, 'pending')))
      .prepare(),

    /** The audit row `recordEvent` writes (src/cases/events.ts), for the ingest actor's events. */
    insertEvent: db
      .insert(caseEvents)
      .values({ caseId: p('caseId'), at: p('at'), actor: p('actor'), actorName: p('actorName'), platform: p('platform'), kind: p('kind'), detail: p('detail') })
      .prepare(),

    /** The outbox row `enqueue` writes for a keyed intent (src/outbox/enqueue.ts); a repeated key is a no-op. */
    insertOutbox: db
      .insert(outbox)
      .values({
        kind: p('kind'),
        platform: p('platform'),
        target: p('target'),
        caseId: p('caseId'),
        payload: p('payload'),
        nextAttemptAt: p('nextAttemptAt'),
        createdAt: p('createdAt'),
        dedupeKey: p('dedupeKey'),
      })
      .onConflictDoNothing()
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
