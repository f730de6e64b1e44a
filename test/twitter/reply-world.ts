import { cases } from '../../db/schema/index.js';
import type { CaseContext } from '../../src/cases/context.js';
import { silentLogger } from '../../src/log.js';
import { createReplyHandlers } from '../../src/outbox/reply-handlers.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { startXWorld, type XWorld } from './setup.js';

export interface ReplyWorld {
  x: XWorld;
  worker: OutboxWorker;
  /** The case context with the X adapter's reply source, for the verbs. */
  ctx: CaseContext;
  /** The case opened by the customer's complaint. */
  caseId: number;
  close(): Promise<void>;
}

/**
 * A customer's complaint on the fake X, polled into a case, and the real reply outbox (verb →
 * outbox → X reply source → fake X) running over it.
 */
export async function startReplyWorld(): Promise<ReplyWorld> {
  const x = await startXWorld();
  x.fake.tweet(x.jane, '@AcmeCare two weeks and no refund');
  const adapter = x.adapter();
  await adapter.poller!.pollOnce();
  const caseId = x.core.handle.db.select().from(cases).get()!.id;
  const sources = new Map([['twitter', adapter.replySource!]]);
  const ctx: CaseContext = { ...x.core.cases, replySources: sources };
  const { db } = x.core.handle;
  const worker = new OutboxWorker({
    db,
    clock: x.core.clock,
    logger: silentLogger,
    handlers: createReplyHandlers({ db, clock: x.core.clock, sources }),
    pacing: () => ({ intervalMs: 0, cap: 1 }),
    pollIntervalMs: 20,
  });
  await worker.start();
  return {
    x,
    worker,
    ctx,
    caseId,
    async close() {
      await worker.stop(1000);
      await x.close();
    },
  };
}
