import { and, eq } from 'drizzle-orm';
import { vi } from 'vitest';
import { outbox } from '../../db/schema/index.js';
import type { CaseContext } from '../../src/cases/context.js';
import { loadCaseView } from '../../src/cases/view.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import type { Logger } from '../../src/log.js';
import { silentLogger } from '../../src/log.js';
import { createReplyHandlers } from '../../src/outbox/reply-handlers.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import type { CaseView, ReplySource } from '../../src/ports.js';
import type { Core } from '../helpers/core.js';

export const AGENT = { id: 'slack:U1', name: 'Ann Agent', platform: 'slack' };

export interface ReplyRig {
  ctx: CaseContext;
  worker: OutboxWorker;
  /** Queues a reply through the real verb, lets the real outbox send it, and returns the card's view. */
  reply(caseId: number, text: string, mode: 'public' | 'private', publicNote?: string): Promise<CaseView>;
  /** The lines the case's card thread got (delivery confirmations and refusals). */
  threadLines(caseId: number): string[];
  close(): Promise<void>;
}

/** The core's reply path — verb, outbox row, worker, reply handlers — in front of one source. */
export async function replyRig(core: Core, source: ReplySource, logger: Logger = silentLogger): Promise<ReplyRig> {
  const { db } = core.handle;
  const sources = new Map([[source.source, source]]);
  const ctx: CaseContext = { ...core.cases, replySources: sources };
  const worker = new OutboxWorker({
    db,
    clock: core.clock,
    logger,
    handlers: createReplyHandlers({ db, clock: core.clock, sources }),
    pacing: () => ({ intervalMs: 0, cap: 1 }),
    pollIntervalMs: 20,
  });
  await worker.start();
  const view = (caseId: number) => loadCaseView(db, caseId, core.clock.now(), core.cases.sla)!;
  return {
    ctx,
    worker,
    async reply(caseId, text, mode, publicNote) {
      await replyCase({ ctx, input: { caseId, actor: AGENT, text, mode, ...(publicNote ? { publicNote } : {}) } });
      worker.kick();
      await vi.waitFor(() => {
        const status = view(caseId).lastReply?.status;
        if (status === 'pending' || status === 'sending' || status === undefined) throw new Error(`reply still ${status ?? 'not queued'}`);
      });
      return view(caseId);
    },
    threadLines(caseId) {
      return db
        .select()
        .from(outbox)
        .where(and(eq(outbox.kind, 'thread.post'), eq(outbox.caseId, caseId)))
        .all()
        .map((r) => (r.payload as { text: string }).text);
    },
    close: () => worker.stop(1000),
  };
}
