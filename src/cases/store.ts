/**
 * The case store: the one place that writes a case row, its version, its audit row and its card
 * intents. Every other module changes a case by calling it, inside `transaction(db, async (tx) => …)`
 * (db/transaction.ts), so when the engine changes (issue 16: PostgreSQL) only this file and db/
 * learn the new driver, and no verb or job is rewritten: the builder path returns Promises, which
 * on SQLite settle at once (its statements are synchronous).
 *
 * Two paths write the same rows:
 *  - the builder path (`loadCase`, `applyChange`, `claimOwner`, `markIfStill`, `patchCase`) inside
 *    the caller's transaction, for verbs, jobs and delivery;
 *  - the batched path (`caseBatch`) of prepared statements, for ingest, where the query builder's
 *    per-call render and prepare would be most of the cost (STACK.md). It writes row for row what
 *    the builder path writes (test/bench/ingest-equivalence.test.ts compares every table).
 */
import { and, eq, isNull, sql, type SQL } from 'drizzle-orm';
import { caseEvents, cases, outbox, type CaseRow } from '../../db/schema/index.js';
import type { Db, Tx } from '../../db/types.js';
import { KlaxonError } from '../errors.js';
import { enqueue } from '../outbox/enqueue.js';
import type { PlatformId } from '../ports.js';
import { formatCaseRef } from './refs.js';
import { recordEvent, type Actor, type CaseEventKind } from './events.js';

export async function loadCase(tx: Tx, caseId: number): Promise<CaseRow> {
  const row = tx.select().from(cases).where(eq(cases.id, caseId)).get();
  if (!row) throw new KlaxonError('not_found', `${formatCaseRef(caseId)} does not exist.`);
  return row;
}

/** The fields a change may set; id, version and updatedAt are the store's to write. */
export type CasePatch = Partial<Omit<CaseRow, 'id' | 'version' | 'updatedAt'>>;

export interface Change {
  patch: CasePatch;
  kind: CaseEventKind;
  detail?: Record<string, unknown>;
  /** The line added to the card's thread, so the history is visible where people work (null: none). */
  threadText: string | null;
}

/**
 * Applies one change to a case inside the caller's transaction: the row (version bumped), the
 * audit row, and the card update and thread line in the outbox. If any insert fails, the whole
 * transaction rolls back, audit included.
 */
export async function applyChange(tx: Tx, row: CaseRow, actor: Actor, change: Change, now: Date): Promise<CaseRow> {
  const next = { ...row, ...change.patch, version: row.version + 1, updatedAt: now };
  tx.update(cases)
    .set({ ...change.patch, version: next.version, updatedAt: now })
    .where(eq(cases.id, row.id))
    .run();
  recordEvent(tx, row.id, actor, change.kind, now, change.detail);
  await notifyCardChanged(tx, next, now, change.threadText);
  return next;
}

/**
 * Queues the in-place card update and the thread line on every platform showing the case.
 * `force`: the card re-renders although no field it versions changed (an SLA phase it shows).
 */
export async function notifyCardChanged(
  tx: Tx,
  row: Pick<CaseRow, 'id' | 'route'>,
  now: Date,
  threadText: string | null,
  options: { force?: boolean } = {},
): Promise<void> {
  for (const [platform, target] of Object.entries(row.route)) {
    if (!target) continue;
    const p = platform as PlatformId;
    enqueue(tx, { kind: 'card.update', platform: p, target, caseId: row.id, ...(options.force ? { force: true } : {}) }, now);
    if (threadText) enqueue(tx, { kind: 'thread.post', platform: p, target, caseId: row.id, text: threadText }, now);
  }
}

/**
 * The claim's compare-and-set: the owner is written only while the case has none, so when two
 * people click at once (even in two processes) exactly one wins. True when this call took it; the
 * caller then records the claim through `applyChange`.
 */
export async function claimOwner(tx: Tx, caseId: number, ownerId: string): Promise<boolean> {
  return (
    tx
      .update(cases)
      .set({ ownerId })
      .where(and(eq(cases.id, caseId), isNull(cases.ownerId)))
      .run().changes === 1
  );
}

/**
 * Sets `patch` on the case only while `still` holds (a compare-and-set on any condition): the SLA
 * ticker marks a warning or breach once, however many ticks race. True when the row changed. The
 * caller records the audit row and card intents of the mark it won.
 */
export async function markIfStill(tx: Tx, caseId: number, patch: CasePatch, still: SQL | undefined): Promise<boolean> {
  return (
    tx
      .update(cases)
      .set(patch)
      .where(and(eq(cases.id, caseId), still))
      .run().changes === 1
  );
}

/**
 * Writes fields that belong to a change already recorded in the same transaction (its version,
 * audit row and card intents are written by that change): the harm a follow-up reveals, a new
 * incident's storm totals, a history case closed on arrival. Not a change of its own.
 */
export async function patchCase(tx: Tx, caseId: number, patch: CasePatch): Promise<void> {
  tx.update(cases).set(patch).where(eq(cases.id, caseId)).run();
}

const p = sql.placeholder;
/** A placeholder drizzle passes to SQLite as given (no column encoder): `.set()` has no placeholder type. */
const raw = (name: string): SQL => sql`${p(name)}`;

function prepare(db: Db) {
  return {
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
    joinCase: db
      .update(cases)
      .set({ mentionCount: raw('mentionCount'), updatedAt: raw('updatedAt'), version: raw('version') })
      .where(eq(cases.id, p('id')))
      .prepare(),
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
    joinIncident: db
      .update(cases)
      .set({ mentionCount: raw('mentionCount'), reach: raw('reach'), updatedAt: raw('updatedAt'), version: raw('version') })
      .where(eq(cases.id, p('id')))
      .prepare(),
    joinIncidentRaised: db
      .update(cases)
      .set({
        mentionCount: raw('mentionCount'),
        reach: raw('reach'),
        updatedAt: raw('updatedAt'),
        version: raw('version'),
        score: raw('score'),
        priority: raw('priority'),
        reasons: raw('reasons'),
      })
      .where(eq(cases.id, p('id')))
      .prepare(),
    mergeCase: db
      .update(cases)
      .set({
        state: 'resolved',
        resolvedAt: raw('resolvedAt'),
        resolvedBy: 'Klaxon (storm)',
        actionable: false,
        mergedInto: raw('mergedInto'),
        version: raw('version'),
        updatedAt: raw('updatedAt'),
      })
      .where(eq(cases.id, p('id')))
      .prepare(),
    growIncident: db
      .update(cases)
      .set({ mentionCount: raw('mentionCount'), reach: raw('reach') })
      .where(eq(cases.id, p('id')))
      .prepare(),
    pendingCardUpdate: db
      .select({ id: outbox.id })
      .from(outbox)
      .where(
        and(
          eq(outbox.caseId, p('caseId')),
          eq(outbox.kind, 'card.update'),
          eq(outbox.platform, p('platform')),
          eq(outbox.status, 'pending'),
        ),
      )
      .prepare(),
    insertEvent: db
      .insert(caseEvents)
      .values({
        caseId: p('caseId'),
        at: p('at'),
        actor: p('actor'),
        actorName: p('actorName'),
        platform: p('platform'),
        kind: p('kind'),
        detail: p('detail'),
      })
      .prepare(),
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
      // A repeated key (a card already posted) is a no-op, as in `enqueue`.
      .onConflictDoNothing()
      .prepare(),
  };
}

/** What a new case is opened with (the columns `insertCase` takes, in their domain types). */
// A type alias, not an interface: prepared statements take a record of values.
export type NewCase = {
  kind: CaseRow['kind'];
  source: string;
  authorKey: string;
  conversationKey: string | null;
  firstMentionId: number;
  priority: CaseRow['priority'];
  score: number;
  sentiment: number;
  reasons: CaseRow['reasons'];
  route: CaseRow['route'];
  createdAt: Date;
  openedAt: Date;
  updatedAt: Date;
  reach: number;
  harm: CaseRow['harm'];
  language: CaseRow['language'];
  intent: CaseRow['intent'];
  guidance: CaseRow['guidance'];
  actionable: boolean;
};

/** A mention joined a case or incident: the new count (and reach), version and time. */
export interface Joined {
  id: number;
  mentionCount: number;
  version: number;
  updatedAt: Date;
}

function buildBatch(db: Db) {
  const st = prepare(db);
  const queueCardUpdate = (caseId: number, platform: string, target: string, now: Date): void => {
    // What enqueue(tx, { kind: 'card.update', … }) writes: nothing while one is pending.
    if (st.pendingCardUpdate.get({ caseId, platform })) return;
    st.insertOutbox.run({
      kind: 'card.update',
      platform,
      target,
      caseId,
      payload: { caseId },
      nextAttemptAt: now,
      createdAt: now,
      dedupeKey: null,
    });
  };
  return {
    /** Inserts a case; returns its id. */
    open(values: NewCase): number {
      const result = st.insertCase.run(values);
      if (result.changes === 0) throw new Error('inserting a case inserted no row');
      return Number(result.lastInsertRowid);
    },
    /** A mention joined the case; `raised`: it also takes the mention's higher score. */
    join(change: Joined, raised?: { score: number; priority: CaseRow['priority']; reasons: CaseRow['reasons']; sentiment: number }): void {
      const base = { id: change.id, mentionCount: change.mentionCount, version: change.version, updatedAt: change.updatedAt.getTime() };
      if (raised) st.joinCaseRaised.run({ ...base, ...raised, reasons: JSON.stringify(raised.reasons) });
      else st.joinCase.run(base);
    },
    /** A storm mention joined its incident; `raised`: the incident takes its higher score. */
    joinIncident(
      change: Joined & { reach: number },
      raised?: { score: number; priority: CaseRow['priority']; reasons: CaseRow['reasons'] },
    ): void {
      const base = {
        id: change.id,
        mentionCount: change.mentionCount,
        reach: change.reach,
        version: change.version,
        updatedAt: change.updatedAt.getTime(),
      };
      if (raised) st.joinIncidentRaised.run({ ...base, ...raised, reasons: JSON.stringify(raised.reasons) });
      else st.joinIncident.run(base);
    },
    /** A case folded into a storm's incident: resolved, not actionable on its own, pointing at it. */
    mergeInto(member: Pick<CaseRow, 'id' | 'version'>, incidentId: number, now: Date): void {
      st.mergeCase.run({
        resolvedAt: now.getTime(),
        mergedInto: incidentId,
        version: member.version + 1,
        updatedAt: now.getTime(),
        id: member.id,
      });
    },
    /** An incident's totals after absorbing merged cases (their own merge rows carry the audit). */
    growIncident(incidentId: number, totals: { mentionCount: number; reach: number }): void {
      st.growIncident.run({ ...totals, id: incidentId });
    },
    /** What `recordEvent` writes. */
    recordEvent(caseId: number, actor: Actor, kind: CaseEventKind, at: Date, detail: Record<string, unknown>): void {
      st.insertEvent.run({ caseId, at, actor: actor.id, actorName: actor.name, platform: actor.platform, kind, detail });
    },
    /** What `notifyCardChanged` writes: a card update (unless one is pending) and the thread line, per platform. */
    notifyCardChanged(row: Pick<CaseRow, 'id' | 'route'>, now: Date, threadText: string | null): void {
      for (const [platform, target] of Object.entries(row.route)) {
        if (!target) continue;
        queueCardUpdate(row.id, platform, target, now);
        if (threadText) {
          const payload = { caseId: row.id, text: threadText };
          st.insertOutbox.run({
            kind: 'thread.post',
            platform,
            target,
            caseId: row.id,
            payload,
            nextAttemptAt: now,
            createdAt: now,
            dedupeKey: null,
          });
        }
      }
    },
    /** The card posts for a case, one per platform; a repeated key (an earlier post) is a no-op. */
    postCards(caseId: number, route: CaseRow['route'], now: Date): void {
      for (const [platform, target] of Object.entries(route)) {
        if (!target) continue;
        // What enqueue(tx, { kind: 'card.post', platform, target, caseId }, now, key) writes.
        const dedupeKey = `card.post:${platform}:${caseId}`;
        st.insertOutbox.run({
          kind: 'card.post',
          platform,
          target,
          caseId,
          payload: { caseId },
          nextAttemptAt: now,
          createdAt: now,
          dedupeKey,
        });
      }
    },
  };
}

/** The batched case writes of ingest, on `db`'s one connection (inside its transaction when one is open). */
export type CaseBatch = ReturnType<typeof buildBatch>;

// Prepared statements belong to one connection: cache per Db, and let them go with it.
const batches = new WeakMap<Db, CaseBatch>();

export function caseBatch(db: Db): CaseBatch {
  let batch = batches.get(db);
  if (!batch) {
    batch = buildBatch(db);
    batches.set(db, batch);
  }
  return batch;
}
