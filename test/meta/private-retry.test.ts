import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { outbox } from '../../db/schema/index.js';
import type { MetaSourceAdapter } from '../../adapters/meta/index.js';
import { loadLastReply } from '../../src/cases/view.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import { retryReply } from '../../src/cases/verbs/retry-reply.js';
import { silentLogger } from '../../src/log.js';
import { createReplyHandlers } from '../../src/outbox/reply-handlers.js';
import { OutboxWorker } from '../../src/outbox/worker.js';
import { fbComment, fbMessage, igMessage } from './payloads.js';
import { AGENT, caseOf } from './rig.js';
import { startMetaWorld, type MetaWorld } from './world.js';

/**
 * A private message whose request reached Meta but whose answer never came (the call's deadline ran
 * out after the write) may be in the customer's inbox. The outbox's one rule makes it uncertain;
 * a person's "Retry reply" then looks in the conversation first and never sends it twice.
 */
describe('Meta private messages after a timeout once written', () => {
  let w: MetaWorld;
  let worker: OutboxWorker;
  beforeEach(async () => {
    w = await startMetaWorld();
  });
  afterEach(async () => {
    await worker?.stop(1000);
    await w.close();
  });

  async function rig(adapter: MetaSourceAdapter) {
    await adapter.start(w.sink);
    const sources = new Map([[adapter.source, adapter]]);
    worker = new OutboxWorker({
      db: w.core.handle.db,
      clock: w.core.clock,
      logger: silentLogger,
      handlers: createReplyHandlers({ db: w.core.handle.db, clock: w.core.clock, sources }),
      pacing: () => ({ intervalMs: 0, cap: 1 }),
      pollIntervalMs: 10_000,
    });
    await worker.start();
    return { ctx: { ...w.core.cases, replySources: sources } };
  }

  const lastReply = (caseId: number) => loadLastReply(w.core.handle.db, caseId);
  const threadLines = (caseId: number) =>
    w.core.handle.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'thread.post'), eq(outbox.caseId, caseId)))
      .all()
      .map((r) => String((r.payload as { text?: unknown }).text ?? ''));

  /** Sends a reply whose request Meta acts on but never answers; returns once the outbox gave up on it. */
  async function timedOut(ctx: Parameters<typeof replyCase>[0]['ctx'], caseId: number, text: string) {
    w.graph.inject({ method: 'POST', path: /\/messages$/, hang: true, act: true });
    const writes = w.graph.writes().length;
    await replyCase({ ctx, input: { caseId, actor: AGENT, text, mode: 'private' } });
    worker.kick();
    await vi.waitFor(() => expect(w.graph.writes().length).toBe(writes + 1));
    // The Graph call's deadline runs on the injected timers: no real wait.
    w.timers.advance(30_000);
    await vi.waitFor(() => expect(lastReply(caseId)?.status).toBe('uncertain'));
  }

  async function retried(ctx: Parameters<typeof replyCase>[0]['ctx'], caseId: number) {
    const outboxId = lastReply(caseId)!.outboxId;
    expect((await retryReply({ ctx, input: { caseId, actor: AGENT, outboxId } })).changed).toBe(true);
    worker.kick();
    await vi.waitFor(() => expect(['done', 'failed', 'uncertain']).toContain(lastReply(caseId)?.status ?? 'pending'));
    await worker.idle();
  }

  it('Messenger: the retry finds the message in the conversation and does not send it again', async () => {
    const fb = w.facebook();
    const { ctx } = await rig(fb);
    const jane = w.graph.store.fbUser('Jane Doe');
    const dm = fbMessage(w.graph.store, { from: jane, text: 'My bill doubled this month, why?' });
    expect((await w.deliver(dm.payload)).status).toBe(200);
    await w.settle(fb);
    const caseId = caseOf(w.core, 'facebook', dm.mid);
    const text = 'Sorry Jane, we have refunded the difference.';
    await timedOut(ctx, caseId, text);
    expect(w.graph.store.sent.filter((m) => m.text === text)).toHaveLength(1);
    expect(threadLines(caseId).some((l) => l.includes('Delivery uncertain'))).toBe(true);

    await retried(ctx, caseId);
    expect(w.graph.store.sent.filter((m) => m.text === text)).toHaveLength(1);
    expect(lastReply(caseId)?.status).toBe('done');
    expect(threadLines(caseId).some((l) => l.includes('found on facebook, sent by the earlier attempt; not sent again'))).toBe(true);
  });

  it('Messenger: when the timed-out message did not arrive, the retry sends it once', async () => {
    const fb = w.facebook();
    const { ctx } = await rig(fb);
    const jane = w.graph.store.fbUser('Jane Doe');
    const dm = fbMessage(w.graph.store, { from: jane, text: 'Is anyone there?' });
    expect((await w.deliver(dm.payload)).status).toBe(200);
    await w.settle(fb);
    const caseId = caseOf(w.core, 'facebook', dm.mid);
    const text = 'Yes, how can we help?';
    // Meta read the request and never acted on it nor answered.
    w.graph.inject({ method: 'POST', path: /\/messages$/, hang: true });
    await replyCase({ ctx, input: { caseId, actor: AGENT, text, mode: 'private' } });
    worker.kick();
    await vi.waitFor(() => expect(w.graph.writes().length).toBeGreaterThan(0));
    w.timers.advance(30_000);
    await vi.waitFor(() => expect(lastReply(caseId)?.status).toBe('uncertain'));
    expect(w.graph.store.sent.filter((m) => m.text === text)).toHaveLength(0);

    await retried(ctx, caseId);
    expect(w.graph.store.sent.filter((m) => m.text === text)).toHaveLength(1);
    expect(lastReply(caseId)?.status).toBe('done');
  });

  it('Instagram: the retry finds the message and does not send it again', async () => {
    const ig = w.instagram();
    const { ctx } = await rig(ig);
    const omar = w.graph.store.igUser('omar.k');
    const dm = igMessage(w.graph.store, { from: omar, text: 'Where is my order 7781?' });
    expect((await w.deliver(dm.payload)).status).toBe(200);
    await w.settle(ig);
    const caseId = caseOf(w.core, 'instagram', dm.mid);
    const text = 'It ships tomorrow, Omar.';
    await timedOut(ctx, caseId, text);
    await retried(ctx, caseId);
    expect(w.graph.store.sent.filter((m) => m.text === text)).toHaveLength(1);
    expect(lastReply(caseId)?.status).toBe('done');
  });

  it('a private reply to a comment: the retry finds it in the conversation with the commenter', async () => {
    const fb = w.facebook();
    const { ctx } = await rig(fb);
    const jane = w.graph.store.fbUser('Jane Doe');
    const c = fbComment(w.graph.store, { from: jane, message: 'You charged me twice!' });
    expect((await w.deliver(c.payload)).status).toBe(200);
    await w.settle(fb);
    const caseId = caseOf(w.core, 'facebook', c.id);
    const text = 'We have sent you the refund details privately.';
    await timedOut(ctx, caseId, text);
    await retried(ctx, caseId);
    expect(w.graph.store.sent.filter((m) => m.text === text)).toHaveLength(1);
    expect(lastReply(caseId)?.status).toBe('done');
  });
  it('a private reply to a comment whose timed-out attempt did not arrive is sent once on retry', async () => {
    const fb = w.facebook();
    const { ctx } = await rig(fb);
    const jane = w.graph.store.fbUser('Jane Doe');
    const c = fbComment(w.graph.store, { from: jane, message: 'Nobody answers the phone!' });
    expect((await w.deliver(c.payload)).status).toBe(200);
    await w.settle(fb);
    const caseId = caseOf(w.core, 'facebook', c.id);
    const text = 'We will call you back today.';
    // Meta read the request and neither acted on it nor answered.
    w.graph.inject({ method: 'POST', path: /\/messages$/, hang: true });
    await replyCase({ ctx, input: { caseId, actor: AGENT, text, mode: 'private' } });
    worker.kick();
    await vi.waitFor(() => expect(w.graph.writes().length).toBeGreaterThan(0));
    w.timers.advance(30_000);
    await vi.waitFor(() => expect(lastReply(caseId)?.status).toBe('uncertain'));
    await retried(ctx, caseId);
    expect(w.graph.store.sent.filter((m) => m.text === text)).toHaveLength(1);
    expect(lastReply(caseId)?.status).toBe('done');
  });
});
