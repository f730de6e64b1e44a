import { eq } from 'drizzle-orm';
import { outbox, type OutboxRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { recordEvent, SYSTEM_ACTOR } from '../cases/events.js';
import { enqueue } from './enqueue.js';
import { RetryableError, TargetUnavailableError, type CaseView, type ChatPlatform, type PlatformId } from '../ports.js';
import { cardRefOf, codeLabel, platformOf, recordGiveUp, saveCardRef, viewOf, withShortForm, type CardHandlerDeps } from './card-common.js';
import type { OutboxHandler } from './worker.js';
import { transaction } from '../../db/transaction.js';

/** Where and when this row last called the platform to post (kept in its payload). */
interface PostAttempt {
  postAttemptAt?: string;
  postTarget?: string;
}

/**
 * When and where this row last called the platform to post: only that call can have left a card
 * behind (every earlier one was looked for before it was made). A later attempt that failed
 * before posting — a lookup that timed out — does not move it, so the search stays on the post.
 */
function lastPostAttempt(row: OutboxRow): { at: Date; target: string } {
  const p = row.payload as PostAttempt;
  const date = typeof p.postAttemptAt === 'string' ? new Date(p.postAttemptAt) : null;
  return { at: date && !Number.isNaN(date.getTime()) ? date : (row.startedAt ?? row.createdAt), target: p.postTarget ?? row.target };
}

async function markPostAttempt(db: Db, row: OutboxRow, target: string, at: Date): Promise<void> {
  const payload: PostAttempt & Record<string, unknown> = { ...row.payload, postAttemptAt: at.toISOString(), postTarget: target };
  await transaction(db, (tx) => tx.update(outbox).set({ payload }).where(eq(outbox.id, row.id)).run());
  row.payload = payload;
}

/** The card an interrupted post left on the platform (found by its case metadata), recorded. */
async function findPostedCard(deps: CardHandlerDeps, platform: ChatPlatform, row: OutboxRow): Promise<string | null> {
  if (!platform.findCard || row.caseId === null) return null;
  const last = lastPostAttempt(row);
  const ref = await platform.findCard(last.target, row.caseId, last.at);
  if (ref) await saveCardRef(deps.db, row.caseId, row.platform, ref, 0, deps.clock.now());
  return ref;
}

/**
 * An earlier attempt may have reached the platform without the answer reaching us (a crash, a
 * timeout, a start-up check that failed), so look before posting again. A lookup that fails for
 * a passing reason is retried later rather than risking a second card; one that cannot work at
 * all (e.g. a missing history scope) falls back to posting, since a lost card is worse.
 */
async function findBeforeRepost(deps: CardHandlerDeps, platform: ChatPlatform, row: OutboxRow): Promise<string | null> {
  try {
    return await findPostedCard(deps, platform, row);
  } catch (error) {
    if (error instanceof RetryableError) throw error;
    return null;
  }
}

async function postTo(deps: CardHandlerDeps, platform: ChatPlatform, row: OutboxRow, target: string, view: CaseView): Promise<string> {
  await markPostAttempt(deps.db, row, target, deps.clock.now());
  const { ref } = await withShortForm(deps, row, 'card.post', (options) => platform.postCard(target, view, options));
  return ref;
}

/**
 * The routed channel cannot take posts (deleted; private and Klaxon never invited): the card goes
 * to the platform's default channel, so the case still reaches people.
 */
async function postElsewhere(
  deps: CardHandlerDeps,
  platform: ChatPlatform,
  row: OutboxRow,
  view: CaseView,
  refused: TargetUnavailableError,
): Promise<{ ref: string; fallback: string }> {
  const fallback = deps.fallbackTargets?.[row.platform as PlatformId];
  if (!fallback || fallback === row.target) throw refused;
  return { ref: await postTo(deps, platform, row, fallback, view), fallback };
}

/** The case's record, its thread and the metrics say where the card went and why, so someone can fix the routing. */
async function recordReroute(
  deps: CardHandlerDeps,
  row: OutboxRow,
  view: CaseView,
  fallback: string,
  refused: TargetUnavailableError,
): Promise<void> {
  const now = deps.clock.now();
  deps.metrics?.renderFallbacks.inc({ platform: row.platform, kind: 'card.reroute', code: codeLabel(refused.code) });
  deps.logger?.warn('the routed channel cannot take posts; the card went to the default channel', {
    platform: row.platform,
    outboxId: row.id,
    caseId: row.caseId,
    code: refused.code,
  });
  await transaction(deps.db, async (tx) => {
    recordEvent(tx, view.id, SYSTEM_ACTOR, 'card_fallback', now, {
      platform: row.platform,
      kind: 'card.reroute',
      code: refused.code,
      routedTo: row.target,
      postedTo: fallback,
    });
    enqueue(
      tx,
      {
        kind: 'thread.post',
        platform: row.platform as PlatformId,
        target: fallback,
        caseId: view.id,
        text: `⚠️ This case was routed to channel ${row.target}, but Klaxon cannot post there: ${refused.message}`,
      },
      now,
    );
  });
  deps.onCommitted?.();
}

/** `card.post`: a case's card, posted once — found again after a crash, never doubled. */
export function createCardPostHandler(deps: CardHandlerDeps): OutboxHandler {
  return {
    async send(row) {
      const caseId = row.caseId ?? 0;
      const existing = cardRefOf(deps.db, caseId, row.platform);
      if (existing) return { status: 'done', resultRef: existing.ref };
      const view = await viewOf(deps, caseId);
      // A case merged into a storm before its card went out never needs one: the incident has it.
      if (!view || view.mergedInto !== null) return { status: 'done', resultRef: null };
      const platform = platformOf(deps, row);
      if (row.attempts > 0) {
        const found = await findBeforeRepost(deps, platform, row);
        if (found) return { status: 'done', resultRef: found };
      }
      let ref: string;
      let rerouted: { fallback: string; refused: TargetUnavailableError } | null = null;
      try {
        ref = await postTo(deps, platform, row, row.target, view);
      } catch (error) {
        if (!(error instanceof TargetUnavailableError)) throw error;
        const elsewhere = await postElsewhere(deps, platform, row, view, error);
        ref = elsewhere.ref;
        rerouted = { fallback: elsewhere.fallback, refused: error };
      }
      await saveCardRef(deps.db, caseId, row.platform, ref, view.version, deps.clock.now());
      if (rerouted) await recordReroute(deps, row, view, rerouted.fallback, rerouted.refused);
      return { status: 'done', resultRef: ref };
    },
    async recover(row) {
      return findPostedCard(deps, platformOf(deps, row), row);
    },
    onGiveUp: (row, outcome, error) => recordGiveUp(deps, row, outcome, error),
  };
}
