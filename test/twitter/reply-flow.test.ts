import { and, eq } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { cases, outbox } from '../../db/schema/index.js';
import type { CaseContext } from '../../src/cases/context.js';
import { loadLastReply } from '../../src/cases/view.js';
import { replyCase } from '../../src/cases/verbs/reply.js';
import type { OutboxWorker } from '../../src/outbox/worker.js';
import { startReplyWorld, type ReplyWorld } from './reply-world.js';
import type { XWorld } from './setup.js';

const agent = { id: 'slack:U1', name: 'Ann Agent', platform: 'slack' };

describe('a reply from the card to X, through the real verb and outbox', () => {
  let world: ReplyWorld;
  let x: XWorld;
  let worker: OutboxWorker;
  let ctx: CaseContext;
  let caseId: number;

  beforeEach(async () => {
    world = await startReplyWorld();
    ({ x, worker, ctx, caseId } = world);
  });
  afterEach(async () => {
    await world.close();
  });

  const lastReply = () => loadLastReply(x.core.handle.db, caseId);

  it('posts the reply on X, marks the first response, and shows the link on the card', async () => {
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Sorry Jane, your refund is on its way.', mode: 'public' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    const posted = x.fake.tweets.at(-1)!;
    expect(lastReply()?.link).toBe(`https://x.com/acmecare/status/${posted.id}`);
    expect(x.core.handle.db.select().from(cases).get()).toMatchObject({ firstResponseVia: 'klaxon' });
    const thread = x.core.handle.db
      .select()
      .from(outbox)
      .where(eq(outbox.kind, 'thread.post'))
      .all()
      .map((r) => (r.payload as { text: string }).text);
    expect(thread.some((t) => t.includes(posted.id))).toBe(true);
  });

  it("refuses an over-long reply at once, before anything is queued (X's weighted count)", async () => {
    await expect(
      replyCase({ ctx, input: { caseId, actor: agent, text: `${'x'.repeat(260)} https://example.com/${'p'.repeat(40)}`, mode: 'public' } }),
    ).rejects.toThrow(/4 characters over X's limit of 280/);
    expect(x.core.handle.db.select().from(outbox).where(eq(outbox.kind, 'reply.public')).all()).toHaveLength(0);
  });

  it('tells the agent on the card when X refuses a duplicate text', async () => {
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'We are looking into it.', mode: 'public' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'We are looking into it.', mode: 'public' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('failed'));
    expect(lastReply()?.error).toBe('X refused this reply because it is identical to an earlier one; reword it');
    const lines = x.core.handle.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.kind, 'thread.post'), eq(outbox.caseId, caseId)))
      .all()
      .map((r) => (r.payload as { text: string }).text);
    expect(lines.some((t) => t.includes('NOT delivered') && t.includes('identical to an earlier one'))).toBe(true);
  });

  it('moves the conversation to a DM', async () => {
    await replyCase({ ctx, input: { caseId, actor: agent, text: 'Hi Jane, what is your order number?', mode: 'private' } });
    worker.kick();
    await vi.waitFor(() => expect(lastReply()?.status).toBe('done'));
    expect(x.fake.dms).toEqual([expect.objectContaining({ participantId: '42', text: 'Hi Jane, what is your order number?' })]);
    expect(lastReply()?.link).toBe('https://x.com/messages/900-42');
  });

  it('with a public note, sends the DM and then the note as a public reply', async () => {
    await replyCase({
      ctx,
      input: {
        caseId,
        actor: agent,
        text: 'Hi Jane, what is your order number?',
        mode: 'private',
        publicNote: "We've sent you a DM, Jane.",
      },
    });
    worker.kick();
    await vi.waitFor(() => expect(x.fake.tweets.some((t) => t.text === "We've sent you a DM, Jane.")).toBe(true));
    expect(x.fake.dms).toHaveLength(1);
  });
});
