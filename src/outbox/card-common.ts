import { and, eq } from 'drizzle-orm';
import { cardRefs, type OutboxRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { recordEvent, SYSTEM_ACTOR } from '../cases/events.js';
import { replyTargetOf } from '../cases/reply-target.js';
import { loadCaseView } from '../cases/view.js';
import { KlaxonError } from '../errors.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../telemetry.js';
import { PayloadRefusedError, type CaseView, type ChatPlatform, type PlatformId, type RenderOptions, type SourceNotes } from '../ports.js';
import type { SlaConfig } from '../sla/config.js';
import { transaction } from '../../db/transaction.js';

/** What the card, thread and notice handlers share; the same for every chat platform. */
export interface CardHandlerDeps {
  db: Db;
  clock: Clock;
  sla: SlaConfig;
  platforms: ReadonlyMap<PlatformId, ChatPlatform>;
  /** What each case's source allows now, for the card (a messaging window, a token problem). */
  sourceNotes?: SourceNotes;
  /**
   * Each platform's default (triage) channel: a card whose routed channel cannot take posts —
   * deleted, or private and Klaxon never invited — goes there instead of nowhere.
   */
  fallbackTargets?: Partial<Record<PlatformId, string>>;
  /** Counts cards and notices sent in short form or elsewhere (`klaxon_card_fallbacks_total`). */
  metrics?: Metrics;
  logger?: Logger;
  /** Wakes the worker when a handler queued more (a hand-off's history line, a notice to a person). */
  onCommitted?: () => void;
}

export type RenderedKind = 'card.post' | 'card.update' | 'notice';

export function platformOf(deps: CardHandlerDeps, row: OutboxRow): ChatPlatform {
  const platform = deps.platforms.get(row.platform as PlatformId);
  if (!platform) throw new KlaxonError('not_configured', `chat platform ${row.platform} is not configured`);
  return platform;
}

export function cardRefOf(db: Db, caseId: number, platform: string) {
  return db
    .select()
    .from(cardRefs)
    .where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, platform)))
    .get();
}

/** Records a posted card, in its own turn with the transactions: a lost ref would mean a second card. */
export async function saveCardRef(db: Db, caseId: number, platform: string, ref: string, version: number, at: Date): Promise<void> {
  await transaction(db, (tx) =>
    tx.insert(cardRefs).values({ caseId, platform, ref, renderedVersion: version, postedAt: at }).onConflictDoNothing().run(),
  );
}

/**
 * The case as a card shows it, read in its own turn with the transactions (db/transaction.ts):
 * never in the middle of another flow's change, whose case row may be written and its reply's
 * outbox row not yet.
 */
export async function viewOf(deps: CardHandlerDeps, caseId: number): Promise<CaseView | null> {
  return transaction(deps.db, (tx) => consistentView(deps, tx, caseId));
}

function consistentView(deps: CardHandlerDeps, db: Db, caseId: number): CaseView | null {
  const view = loadCaseView(db, caseId, deps.clock.now(), deps.sla);
  if (view?.state !== 'open' || !deps.sourceNotes?.has(view.source)) return view;
  const latest = replyTargetOf(db, caseId);
  if (!latest) return view;
  const target = {
    source: latest.source,
    externalId: latest.externalId,
    isPrivate: latest.isPrivate,
    text: latest.text,
    createdAt: latest.createdAt,
    conversationId: latest.conversationId,
  };
  return { ...view, sourceNote: deps.sourceNotes.note(target) };
}

/** A platform error code as a metric label: bounded, never free text. */
export const codeLabel = (code: string): string => (/^[A-Za-z0-9_]{1,40}$/.test(code) ? code : 'other');

/**
 * Sends the full rendering; when the platform refuses the payload itself (PayloadRefusedError,
 * which every chat adapter throws for its own refusals), sends the short form that is certain
 * to pass, and says so: a metric, a log line with the platform's error code (never the text)
 * and an audit row on the case. A case is never lost to a card the platform will not take.
 */
export async function withShortForm<T>(
  deps: CardHandlerDeps,
  row: OutboxRow,
  kind: RenderedKind,
  send: (options: RenderOptions) => Promise<T>,
): Promise<T> {
  try {
    return await send({});
  } catch (error) {
    if (!(error instanceof PayloadRefusedError)) throw error;
    const result = await send({ shortForm: { refusedWith: error.code } });
    const code = codeLabel(error.code);
    deps.metrics?.renderFallbacks.inc({ platform: row.platform, kind, code });
    deps.logger?.warn('the platform refused the full rendering; the short form was sent instead', {
      platform: row.platform,
      kind,
      outboxId: row.id,
      caseId: row.caseId,
      code,
      errors: error.details,
    });
    if (row.caseId !== null)
      recordEvent(deps.db, row.caseId, SYSTEM_ACTOR, 'card_fallback', deps.clock.now(), { platform: row.platform, kind, code });
    return result;
  }
}

/** A card that could not be posted or updated at all is on the case's record, not only in a log. */
export async function recordGiveUp(deps: CardHandlerDeps, row: OutboxRow, outcome: 'failed' | 'uncertain', error: string): Promise<void> {
  const caseId = row.caseId;
  if (caseId === null) return;
  await transaction(deps.db, (tx) =>
    recordEvent(tx, caseId, SYSTEM_ACTOR, outcome === 'failed' ? 'delivery_failed' : 'delivery_uncertain', deps.clock.now(), {
      outboxId: row.id,
      kind: row.kind,
      platform: row.platform,
      error,
    }),
  );
}
