import { and, eq } from 'drizzle-orm';
import { cardRefs, outbox, type OutboxRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { confirmHandoff, revertHandoff } from '../cases/verbs/handoff.js';
import type { CaseView, Notice } from '../ports.js';
import { cardRefOf, platformOf, recordGiveUp, viewOf, withShortForm, type CardHandlerDeps } from './card-common.js';
import { createCardPostHandler } from './card-post.js';
import type { NoticeSpec } from './intents.js';
import type { OutboxHandler, SendOutcome } from './worker.js';
import { transaction } from '../../db/transaction.js';

export type { CardHandlerDeps } from './card-common.js';

/** How long an update waits for its card's first post before looking again. */
const WAIT_FOR_POST_MS = 1000;

function postPending(db: Db, caseId: number, platform: string): boolean {
  const row = db
    .select({ id: outbox.id })
    .from(outbox)
    .where(and(eq(outbox.caseId, caseId), eq(outbox.platform, platform), eq(outbox.kind, 'card.post'), eq(outbox.status, 'pending')))
    .get();
  return row !== undefined;
}

/** Until a card exists, updates and thread lines wait for it; with no post coming they are moot. */
function waitForCard(deps: CardHandlerDeps, row: OutboxRow): SendOutcome {
  return postPending(deps.db, row.caseId ?? 0, row.platform)
    ? { status: 'defer', delayMs: WAIT_FOR_POST_MS }
    : { status: 'done', resultRef: null };
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
    'card.post': createCardPostHandler(deps),
    'card.update': {
      async send(row) {
        const caseId = row.caseId ?? 0;
        const card = cardRefOf(deps.db, caseId, row.platform);
        if (!card) return waitForCard(deps, row);
        const view = await viewOf(deps, caseId);
        const force = (row.payload as { force?: boolean }).force === true;
        if (!view || (view.version <= card.renderedVersion && !force)) return { status: 'done', resultRef: card.ref };
        const platform = platformOf(deps, row);
        await withShortForm(deps, row, 'card.update', (options) => platform.updateCard(card.ref, view, options));
        await transaction(deps.db, (tx) =>
          tx
            .update(cardRefs)
            .set({ renderedVersion: view.version })
            .where(and(eq(cardRefs.caseId, caseId), eq(cardRefs.platform, row.platform)))
            .run(),
        );
        return { status: 'done', resultRef: card.ref };
      },
      onGiveUp: (row, outcome, error) => recordGiveUp(deps, row, outcome, error),
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
        const view = row.caseId === null ? null : await viewOf(deps, row.caseId);
        const platform = platformOf(deps, row);
        const card = row.caseId === null ? undefined : cardRefOf(deps.db, row.caseId, row.platform);
        const link = card && platform.cardLink ? await platform.cardLink(card.ref) : null;
        const notice = toNotice(spec, view, link);
        const { ref } = await withShortForm(deps, row, 'notice', (options) => platform.postNotice(row.target, notice, options));
        if (spec.kind === 'handoff' && spec.pending && row.caseId !== null) {
          await confirmHandoff(deps.db, row.caseId, spec.pending, deps.clock.now());
          deps.onCommitted?.();
        }
        return { status: 'done', resultRef: ref };
      },
      async onGiveUp(row, outcome, error) {
        if (row.caseId === null) return;
        const spec = (row.payload as { notice: NoticeSpec }).notice;
        if (spec.kind === 'handoff' && spec.pending && outcome === 'failed') {
          await revertHandoff(deps.db, row.caseId, spec.pending, error, deps.clock.now());
          deps.onCommitted?.();
          return;
        }
        await recordGiveUp(deps, row, outcome, error);
      },
    },
  };
}
