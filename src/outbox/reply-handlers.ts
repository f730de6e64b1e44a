import { eq } from 'drizzle-orm';
import { cases, mentions, outbox, type OutboxRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { SYSTEM_ACTOR, type Actor } from '../cases/events.js';
import { applyChange } from '../cases/store.js';
import { replyTarget } from '../cases/reply-target.js';
import type { Clock } from '../clock.js';
import { KlaxonError } from '../errors.js';
import type { DeliveryResult, ReplyInput, ReplySource } from '../ports.js';
import { enqueue } from './enqueue.js';
import type { Intent } from './intents.js';
import type { OutboxHandler } from './worker.js';
import { transaction } from '../../db/transaction.js';

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
  /** Set on a manual retry: the key of the first attempt, so the receiver can dedupe. */
  idempotencyKey?: string;
  /** Set on a manual retry: when the first attempt began (where to look for it on the source). */
  firstAttemptAt?: string;
}

/**
 * The key a reply keeps across every attempt, automatic and manual: the first attempt's row id.
 * A receiver that dedupes on `Idempotency-Key` then sees one reply, however often it is sent.
 */
function idempotencyKeyOf(row: OutboxRow, payload: ReplyPayload): string {
  return typeof payload.idempotencyKey === 'string' && payload.idempotencyKey ? payload.idempotencyKey : `klaxon-reply-${row.id}`;
}

/** What the source needs to answer: the customer's latest message on the case (replyTarget). */
function replyInput(db: Db, row: OutboxRow, text: string, idempotencyKey: string): ReplyInput {
  const caseId = row.caseId ?? 0;
  const owner = db.select({ firstMentionId: cases.firstMentionId }).from(cases).where(eq(cases.id, caseId)).get();
  const first = owner ? db.select().from(mentions).where(eq(mentions.id, owner.firstMentionId)).get() : undefined;
  if (!first) throw new KlaxonError('not_found', `case ${caseId} has no customer message to answer`);
  const latest = replyTarget(db, caseId, first);
  return {
    caseId,
    inReplyTo: latest.externalId,
    author: { id: latest.authorId, handle: latest.authorHandle, name: latest.authorName },
    conversationId: latest.conversationId,
    text,
    idempotencyKey,
  };
}

function sourceOf(deps: ReplyHandlerDeps, row: OutboxRow): ReplySource {
  const source = deps.sources.get(row.target);
  if (!source) throw new KlaxonError('not_configured', `replies on ${row.target} are not configured`);
  return source;
}

/** Records a delivered reply: the case's first response (if it is the first), audit, card, thread. */
async function recordDelivered(
  deps: ReplyHandlerDeps,
  row: OutboxRow,
  payload: ReplyPayload,
  result: DeliveryResult,
  mode: 'public' | 'private',
  options: { followUp?: Intent; foundEarlier?: boolean } = {},
): Promise<void> {
  const now = deps.clock.now();
  const actor: Actor = { id: payload.by, name: payload.byName, platform: payload.by.split(':')[0] ?? 'chat' };
  await transaction(deps.db, async (tx) => {
    const current = tx
      .select()
      .from(cases)
      .where(eq(cases.id, row.caseId ?? 0))
      .get();
    if (!current) return;
    const first = current.firstResponseAt === null;
    const where = result.url ? `: ${result.url}` : '';
    const what = mode === 'public' ? 'Public reply' : 'Private message';
    const earlier = options.foundEarlier ? { foundEarlier: true } : {};
    await applyChange(
      tx,
      current,
      actor,
      {
        patch: first ? { firstResponseAt: now, firstResponseVia: 'klaxon' as const, firstResponseBy: payload.byName ?? payload.by } : {},
        kind: mode === 'public' ? 'replied' : 'dm_sent',
        detail: { outboxId: row.id, id: result.id ?? null, url: result.url ?? null, firstResponse: first, ...earlier },
        threadText: options.foundEarlier
          ? `✅ ${what} found on ${row.target}, sent by the earlier attempt; not sent again${where}`
          : `✅ ${what} delivered${where}`,
      },
      now,
    );
    if (options.followUp) enqueue(tx, options.followUp, now);
    // The row is done in the same commit as the change it caused: a card rendered after this commit
    // (its update is queued above) shows the reply delivered, not still sending. The worker marks
    // it done again when the handler returns; the values agree.
    tx.update(outbox)
      .set({ status: 'done', sentAt: now, resultRef: result.url ?? result.id ?? null, lastError: null })
      .where(eq(outbox.id, row.id))
      .run();
  });
}

async function giveUp(deps: ReplyHandlerDeps, row: OutboxRow, outcome: 'failed' | 'uncertain', error: string): Promise<void> {
  const now = deps.clock.now();
  await transaction(deps.db, async (tx) => {
    const current = tx
      .select()
      .from(cases)
      .where(eq(cases.id, row.caseId ?? 0))
      .get();
    if (!current) return;
    const kind = outcome === 'failed' ? 'delivery_failed' : 'delivery_uncertain';
    const line =
      outcome === 'failed'
        ? `⚠️ The reply was NOT delivered: ${error}`
        : `❓ Delivery uncertain — ${error}. It may have reached the customer, so Klaxon will not send it again by itself; ` +
          `Retry reply resends it without doubling it (the same idempotency key, or a look on ${row.target} first).`;
    await applyChange(
      tx,
      current,
      SYSTEM_ACTOR,
      { patch: {}, kind, detail: { outboxId: row.id, kind: row.kind, error }, threadText: line },
      now,
    );
  });
}

/**
 * Sends replies through the case's source. These kinds are at most once: the worker never
 * resends one left mid-send by a crash (it becomes `uncertain` and people are told).
 */
export function createReplyHandlers(deps: ReplyHandlerDeps): Record<'reply.public' | 'reply.private', OutboxHandler> {
  /**
   * A manual retry first asks the source whether the earlier attempt arrived after all, where the
   * source can look (X); a source that dedupes by key (the webhook) gets the same key instead.
   */
  const findEarlier = async (
    _row: OutboxRow,
    payload: ReplyPayload,
    source: ReplySource,
    input: ReplyInput,
    mode: 'public' | 'private',
  ): Promise<DeliveryResult | null> => {
    if (!payload.firstAttemptAt || !source.findDelivered) return null;
    return source.findDelivered(input, mode, new Date(payload.firstAttemptAt));
  };
  return {
    'reply.public': {
      async send(row) {
        const payload = row.payload as unknown as ReplyPayload;
        const source = sourceOf(deps, row);
        const input = replyInput(deps.db, row, payload.text, idempotencyKeyOf(row, payload));
        const earlier = await findEarlier(row, payload, source, input, 'public');
        const result = earlier ?? (await source.replyPublic(input));
        await recordDelivered(deps, row, payload, result, 'public', { foundEarlier: earlier !== null });
        return { status: 'done', resultRef: result.url ?? result.id ?? null };
      },
      onGiveUp: (row, outcome, error) => giveUp(deps, row, outcome, error),
    },
    'reply.private': {
      async send(row) {
        const payload = row.payload as unknown as ReplyPayload;
        const source = sourceOf(deps, row);
        const input = replyInput(deps.db, row, payload.text, idempotencyKeyOf(row, payload));
        const earlier = await findEarlier(row, payload, source, input, 'private');
        const result = earlier ?? (await source.sendPrivate(input));
        // The public note ("We've sent you a DM") is its own at-most-once row, queued only once
        // the DM is out: a failed note can never resend the DM, and the customer never reads
        // "check your DMs" about a message that failed.
        const followUp: Intent | undefined = payload.publicNote
          ? {
              kind: 'reply.public',
              platform: 'source',
              target: row.target,
              caseId: row.caseId ?? 0,
              text: payload.publicNote,
              by: payload.by,
              byName: payload.byName,
            }
          : undefined;
        await recordDelivered(deps, row, payload, result, 'private', { followUp, foundEarlier: earlier !== null });
        return { status: 'done', resultRef: result.url ?? result.id ?? null };
      },
      onGiveUp: (row, outcome, error) => giveUp(deps, row, outcome, error),
    },
  };
}
