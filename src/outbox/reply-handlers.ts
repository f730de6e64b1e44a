import { and, desc, eq, isNull } from 'drizzle-orm';
import { cases, mentions, type OutboxRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { recordEvent, SYSTEM_ACTOR, type Actor } from '../cases/events.js';
import { notifyCardChanged } from '../cases/mutate.js';
import type { Clock } from '../clock.js';
import { KlaxonError } from '../errors.js';
import type { DeliveryResult, ReplyInput, ReplySource } from '../ports.js';
import { enqueue } from './enqueue.js';
import type { Intent } from './intents.js';
import type { OutboxHandler } from './worker.js';

export interface ReplyHandlerDeps {
  db: Db;
  clock: Clock;
  sources: ReadonlyMap<string, ReplySource>;
}

interface ReplyPayload {
  text: string;
  by: string;
  byName: string | null;
  publicNote?: string | null;
}

/**
 * What the source needs to answer: the latest message of the case's customer (the author of its
 * first mention). Reposts and other people's messages on the case (a storm's members) are never
 * answered by mistake.
 */
function replyInput(db: Db, row: OutboxRow, text: string, suffix: string): ReplyInput {
  const caseId = row.caseId ?? 0;
  const owner = db.select({ firstMentionId: cases.firstMentionId }).from(cases).where(eq(cases.id, caseId)).get();
  const first = owner ? db.select().from(mentions).where(eq(mentions.id, owner.firstMentionId)).get() : undefined;
  if (!first) throw new KlaxonError('not_found', `case ${caseId} has no customer message to answer`);
  const sameAuthor = first.authorId ? eq(mentions.authorId, first.authorId) : first.authorHandle ? eq(mentions.authorHandle, first.authorHandle) : eq(mentions.id, first.id);
  const latest =
    db
      .select()
      .from(mentions)
      .where(and(eq(mentions.caseId, caseId), eq(mentions.direction, 'inbound'), isNull(mentions.repostOf), sameAuthor))
      .orderBy(desc(mentions.createdAt), desc(mentions.id))
      .limit(1)
      .get() ?? first;
  return {
    caseId,
    inReplyTo: latest.externalId,
    author: { id: latest.authorId, handle: latest.authorHandle, name: latest.authorName },
    conversationId: latest.conversationId,
    text,
    idempotencyKey: `klaxon-reply-${row.id}${suffix}`,
  };
}

function sourceOf(deps: ReplyHandlerDeps, row: OutboxRow): ReplySource {
  const source = deps.sources.get(row.target);
  if (!source) throw new KlaxonError('not_configured', `replies on ${row.target} are not configured`);
  return source;
}

/** Records a delivered reply: the case's first response (if it is the first), audit, card, thread. */
function recordDelivered(deps: ReplyHandlerDeps, row: OutboxRow, payload: ReplyPayload, result: DeliveryResult, mode: 'public' | 'private', followUp?: Intent): void {
  const now = deps.clock.now();
  const actor: Actor = { id: payload.by, name: payload.byName, platform: payload.by.split(':')[0] ?? 'chat' };
  deps.db.transaction((tx) => {
    const current = tx.select().from(cases).where(eq(cases.id, row.caseId ?? 0)).get();
    if (!current) return;
    const first = current.firstResponseAt === null;
    tx.update(cases)
      .set({
        ...(first ? { firstResponseAt: now, firstResponseVia: 'klaxon' as const, firstResponseBy: payload.byName ?? payload.by } : {}),
        version: current.version + 1,
        updatedAt: now,
      })
      .where(eq(cases.id, current.id))
      .run();
    recordEvent(tx, current.id, actor, mode === 'public' ? 'replied' : 'dm_sent', now, { outboxId: row.id, id: result.id ?? null, url: result.url ?? null, firstResponse: first });
    const where = result.url ? `: ${result.url}` : '';
    notifyCardChanged(tx, current, now, mode === 'public' ? `✅ Public reply delivered${where}` : `✅ Private message delivered${where}`);
    if (followUp) enqueue(tx, followUp, now);
  });
}

function giveUp(deps: ReplyHandlerDeps, row: OutboxRow, outcome: 'failed' | 'uncertain', error: string): void {
  const now = deps.clock.now();
  deps.db.transaction((tx) => {
    const current = tx.select().from(cases).where(eq(cases.id, row.caseId ?? 0)).get();
    if (!current) return;
    tx.update(cases).set({ version: current.version + 1, updatedAt: now }).where(eq(cases.id, current.id)).run();
    recordEvent(tx, current.id, SYSTEM_ACTOR, outcome === 'failed' ? 'delivery_failed' : 'delivery_uncertain', now, { outboxId: row.id, kind: row.kind, error });
    const line =
      outcome === 'failed'
        ? `⚠️ The reply was NOT delivered: ${error}`
        : '❓ Delivery uncertain — Klaxon stopped while sending this reply. Check on the source and retry only if it is missing.';
    notifyCardChanged(tx, current, now, line);
  });
}

/**
 * Sends replies through the case's source. These kinds are at most once: the worker never
 * resends one left mid-send by a crash (it becomes `uncertain` and people are told).
 */
export function createReplyHandlers(deps: ReplyHandlerDeps): Record<'reply.public' | 'reply.private', OutboxHandler> {
  return {
    'reply.public': {
      async send(row) {
        const payload = row.payload as unknown as ReplyPayload;
        const result = await sourceOf(deps, row).replyPublic(replyInput(deps.db, row, payload.text, ''));
        recordDelivered(deps, row, payload, result, 'public');
        return { status: 'done', resultRef: result.url ?? result.id ?? null };
      },
      onGiveUp: (row, outcome, error) => giveUp(deps, row, outcome, error),
    },
    'reply.private': {
      async send(row) {
        const payload = row.payload as unknown as ReplyPayload;
        const source = sourceOf(deps, row);
        const result = await source.sendPrivate(replyInput(deps.db, row, payload.text, ''));
        // The public note ("We've sent you a DM") is its own at-most-once row, queued only once
        // the DM is out: a failed note can never resend the DM, and the customer never reads
        // "check your DMs" about a message that failed.
        const note: Intent | undefined = payload.publicNote
          ? { kind: 'reply.public', platform: 'source', target: row.target, caseId: row.caseId ?? 0, text: payload.publicNote, by: payload.by, byName: payload.byName }
          : undefined;
        recordDelivered(deps, row, payload, result, 'private', note);
        return { status: 'done', resultRef: result.url ?? result.id ?? null };
      },
      onGiveUp: (row, outcome, error) => giveUp(deps, row, outcome, error),
    },
  };
}
