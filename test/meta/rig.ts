import { and, eq } from 'drizzle-orm';
import { caseEvents, mentions, outbox } from '../../db/schema/index.js';
import type { SinkSource } from '../../adapters/source-kit/types.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { loadLastReply } from '../../src/cases/view.js';
import type { Logger } from '../../src/log.js';
import { createReplyHandlers } from '../../src/outbox/reply-handlers.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import type { ReplyInput } from '../../src/ports.js';
import type { Core } from '../helpers/core.js';

export const AGENT = { id: 'slack:U0AGENT01', name: 'Ann Agent', platform: 'slack' };

/** What the outbox would hand a source for the case of `externalId`. */
export function replyInputFor(core: Core, source: string, externalId: string, text: string): ReplyInput {
  const m = core.handle.db
    .select()
    .from(mentions)
    .where(and(eq(mentions.source, source), eq(mentions.externalId, externalId)))
    .get();
  if (!m?.caseId) throw new Error(`no case for ${source}:${externalId}`);
  return {
    caseId: m.caseId,
    inReplyTo: m.externalId,
    author: { id: m.authorId, handle: m.authorHandle, name: m.authorName },
    conversationId: m.conversationId,
    text,
    idempotencyKey: `test-${externalId}-${text.length}`,
  };
}

export function caseOf(core: Core, source: string, externalId: string): number {
  const id = core.handle.db
    .select()
    .from(mentions)
    .where(and(eq(mentions.source, source), eq(mentions.externalId, externalId)))
    .get()?.caseId;
  if (!id) throw new Error(`no case for ${source}:${externalId}`);
  return id;
}

/** The real reply verb and the real outbox worker, sending through one source. */
export async function replyRig(core: Core, source: SinkSource, logger: Logger) {
  const sources = new Map([[source.source, source]]);
  const ctx = { ...core.cases, replySources: sources };
  const worker = new OutboxWorker({
    db: core.handle.db,
    clock: core.clock,
    logger,
    handlers: createReplyHandlers({ db: core.handle.db, clock: core.clock, sources }),
    pacing: () => ({ intervalMs: 0, cap: 1 }),
    pollIntervalMs: 10_000,
  });
  await worker.start();
  return {
    /** Queues a reply as an agent would and lets the outbox send it; returns the card's view of it. */
    async reply(caseId: number, text: string, mode: 'public' | 'private') {
      await replyCase({ ctx, input: { caseId, actor: AGENT, text, mode } });
      worker.kick();
      await worker.idle();
      return loadLastReply(core.handle.db, caseId);
    },
    threadLines(caseId: number): string[] {
      return core.handle.db
        .select()
        .from(outbox)
        .where(and(eq(outbox.kind, 'thread.post'), eq(outbox.caseId, caseId)))
        .all()
        .map((r) => String((r.payload as { text?: unknown }).text ?? ''));
    },
    events(caseId: number) {
      return core.handle.db.select().from(caseEvents).where(eq(caseEvents.caseId, caseId)).all();
    },
    close: () => worker.stop(1000),
  };
}
