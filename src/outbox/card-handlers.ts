import { and, eq } from 'drizzle-orm';
import { cardRefs, outbox, type OutboxRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { replyTargetOf } from '../cases/reply-target.js';
import { loadCaseView } from '../cases/view.js';
import { recordEvent, SYSTEM_ACTOR } from '../cases/events.js';
import { KlaxonError } from '../errors.js';
import { RetryableError, type CaseView, type ChatPlatform, type Notice, type PlatformId, type SourceNotes } from '../ports.js';
import type { SlaConfig } from '../sla/config.js';
import type { NoticeSpec } from './intents.js';
import type { OutboxHandler, SendOutcome } from './worker.js';

export interface CardHandlerDeps {
  db: Db;
  clock: Clock;
  sla: SlaConfig;
  platforms: ReadonlyMap<PlatformId, ChatPlatform>;
  /** What each case's source allows now, for the card (a messaging window, a token problem). */
  sourceNotes?: SourceNotes;
}

/** How long an update waits for its card's first post before looking again. */
const WAIT_FOR_POST_MS = 1000;

function platformOf(deps: CardHandlerDeps, row: OutboxRow): ChatPlatform {
  const platform = deps.platforms.get(row.platform as PlatformId);
  if (!platform) throw new KlaxonError('not_configured', `chat platform ${row.platform} is not configured`);
  return platform;
}

function cardRefOf(db: Db, caseId: number, platform: string) {
  return db.select().from(cardRefs).where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, platform))).get();
}

function postPending(db: Db, caseId: number, platform: string): boolean {
  const row = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.platform, platform), eq(outbox.kind, 'card.post'), eq(outbox.status, 'pending')))
    .get();
  return row !== undefined;
}

function viewOf(deps: CardHandlerDeps, caseId: number): CaseView | null {
  const view = loadCaseView(deps.db, caseId, deps.clock.now(), deps.sla);
  if (!view || view.state !== 'open' || !deps.sourceNotes?.has(view.source)) return view;
  const latest = replyTargetOf(deps.db, caseId);
  if (!latest) return view;
  const target = { source: latest.source, externalId: latest.externalId, isPrivate: latest.isPrivate, text: latest.text, createdAt: latest.createdAt, conversationId: latest.conversationId };
  return { ...view, sourceNote: deps.sourceNotes.note(target) };
}

/** Until a card exists, updates and thread lines wait for it; with no post coming they are moot. */
function waitForCard(deps: CardHandlerDeps, row: OutboxRow): SendOutcome {
  return postPending(deps.db, row.caseId ?? 0, row.platform) ? { status: 'defer', delayMs: WAIT_FOR_POST_MS } : { status: 'done', resultRef: null };
}

function saveCardRef(db: Db, caseId: number, platform: string, ref: string, version: number, at: Date): void {
  db.insert(cardRefs).values({ caseId, platform, ref, renderedVersion: version, postedAt: at }).onConflictDoNothing().run();
}

/** The card an interrupted post left on the platform (found by its case metadata), recorded. */
async function findPostedCard(deps: CardHandlerDeps, platform: ChatPlatform, row: OutboxRow): Promise<string | null> {
  if (!platform.findCard || row.caseId === null) return null;
  const ref = await platform.findCard(row.target, row.caseId, row.startedAt ?? row.createdAt);
  if (ref) saveCardRef(deps.db, row.caseId, row.platform, ref, 0, deps.clock.now());
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

export function toNotice(spec: NoticeSpec, view: CaseView | null, cardLink: string | null): Notice {
  // Neither is about one case: they pass through as they are.
  if (spec.kind === 'text' || spec.kind === 'spike') return spec;
  if (!view) return { kind: 'text', text: `(case no longer exists) ${spec.kind}` };
  switch (spec.kind) {
    case 'escalation':
      return { kind: 'escalation', view, note: spec.note, by: spec.by, mention: spec.mention };
    case 'sla_warning':
      return { kind: 'sla_warning', view, mention: spec.mention };
    case 'sla_breach':
      return { kind: 'sla_breach', view, mention: spec.mention };
    case 'handoff':
      return { kind: 'handoff', view, note: spec.note, by: spec.by, cardLink };
  }
}

/** Handlers for the card-related outbox kinds, shared by every chat platform. */
export function createCardHandlers(deps: CardHandlerDeps): Record<'card.post' | 'card.update' | 'thread.post' | 'notice', OutboxHandler> {
  return {
    'card.post': {
      async send(row) {
        const caseId = row.caseId ?? 0;
        const existing = cardRefOf(deps.db, caseId, row.platform);
        if (existing) return { status: 'done', resultRef: existing.ref };
        const view = viewOf(deps, caseId);
        // A case merged into a storm before its card went out never needs one: the incident has it.
        if (!view || view.mergedInto !== null) return { status: 'done', resultRef: null };
        const platform = platformOf(deps, row);
        if (row.attempts > 0) {
          const found = await findBeforeRepost(deps, platform, row);
          if (found) return { status: 'done', resultRef: found };
        }
        const { ref } = await platform.postCard(row.target, view);
        saveCardRef(deps.db, caseId, row.platform, ref, view.version, deps.clock.now());
        return { status: 'done', resultRef: ref };
      },
      async recover(row) {
        return findPostedCard(deps, platformOf(deps, row), row);
      },
    },
    'card.update': {
      async send(row) {
        const caseId = row.caseId ?? 0;
        const card = cardRefOf(deps.db, caseId, row.platform);
        if (!card) return waitForCard(deps, row);
        const view = viewOf(deps, caseId);
        const force = (row.payload as { force?: boolean }).force === true;
        if (!view || (view.version <= card.renderedVersion && !force)) return { status: 'done', resultRef: card.ref };
        await platformOf(deps, row).updateCard(card.ref, view);
        deps.db
          .update(cardRefs)
          .set({ renderedVersion: view.version })
          .where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, row.platform)))
          .run();
        return { status: 'done', resultRef: card.ref };
      },
    },
    'thread.post': {
      async send(row) {
        const card = cardRefOf(deps.db, row.caseId ?? 0, row.platform);
        if (!card) return waitForCard(deps, row);
        await platformOf(deps, row).postInThread(card.ref, String((row.payload as { text?: unknown }).text ?? ''));
        return { status: 'done', resultRef: card.ref };
      },
    },
    notice: {
      async send(row) {
        const spec = (row.payload as { notice: NoticeSpec }).notice;
        const view = row.caseId === null ? null : viewOf(deps, row.caseId);
        const platform = platformOf(deps, row);
        const card = row.caseId === null ? undefined : cardRefOf(deps.db, row.caseId, row.platform);
        const link = card && platform.cardLink ? await platform.cardLink(card.ref) : null;
        const { ref } = await platform.postNotice(row.target, toNotice(spec, view, link));
        return { status: 'done', resultRef: ref };
      },
      onGiveUp(row, outcome, error) {
        if (row.caseId === null) return;
        recordEvent(deps.db, row.caseId, SYSTEM_ACTOR, outcome === 'failed' ? 'delivery_failed' : 'delivery_uncertain', deps.clock.now(), { outboxId: row.id, kind: row.kind, error });
      },
    },
  };
}
