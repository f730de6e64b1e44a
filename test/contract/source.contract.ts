import { and, eq, isNull } from 'drizzle-orm';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import type { SinkSource, SourceSink } from '../../adapters/source-kit/types.js';
import { cases, mentions, outbox } from '../../db/schema/index.js';
import { recordReposts } from '../../src/ingest/amplify.js';
import { editMentions } from '../../src/ingest/edit.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { judgeFailure } from '../../src/outbox/delivery-policy.js';
import type { ReplyInput } from '../../src/ports.js';
import type { Core } from '../helpers/core.js';
import type { CapturedLogs } from '../sources/logs.js';
import { replyRig } from '../sources/reply-rig.js';

/**
 * What the contract needs from one source running against a loopback fake of its platform.
 * Adding a source to the suite is one small file that builds this (see *.source.test.ts).
 */
export interface SourceWorld {
  /** The real core on SQLite with the real migrations; the source's items go in here. */
  readonly core: Core;
  readonly logs: CapturedLogs;
  /** Every secret the source was configured with: none may reach a log line, an error or a metric. */
  readonly secrets: readonly string[];
  /** The platform lets the brand answer in public (false for e-mail). */
  readonly hasPublicReply: boolean;
  /** The platform lets the brand answer in private (false for review sites). Default true. */
  readonly hasPrivateReply?: boolean;
  /**
   * What the platform says when the brand writes too fast: `reset` — when its window resets (a
   * 429 with a reset time or Retry-After), which the outbox waits for; `later` — only "try again
   * later" (SMTP's 4xx), which the outbox answers with its own backoff. Default `reset`.
   */
  readonly writeLimit?: 'reset' | 'later';
  /** A new adapter on the same database and durable cursors (calling it again is a restart). */
  adapter(): SinkSource;
  /** Lets the adapter pick up what the platform holds now (runs due timers, waits for streams). */
  settle(adapter: SinkSource): Promise<void>;
  /** The customer writes to the brand (a new item); returns its id at the platform. */
  customerWrites(text: string): Promise<string>;
  /**
   * The customer writes again in the same conversation; returns its id. Where a customer has one
   * item only (a review), the follow-up is that item edited, and its id is returned.
   */
  customerFollowsUp(previousId: string, text: string): Promise<string>;
  /** What the brand sent the customer, in public and in private (texts as the platform holds them). */
  publicReplies(): string[];
  privateMessages(): string[];
  /**
   * The platform refuses the next reply: the private one (the customer does not accept messages),
   * or, where there is no private reply, the public one.
   */
  refuseNextReply(): void;
  /** The platform answers the next write with its rate-limit refusal, the window resetting in `resetInMs`. */
  rateLimitNextWrite(resetInMs: number): void;
  /** Lifts a rate limit that lasts beyond one write (SMTP's busy mailbox). */
  liftRateLimit?(): void;
  /** The Prometheus text the app would serve (for labels: no secret may be one). */
  metricsText(): Promise<string>;
  close(): Promise<void>;
}

/** The core's sink, as the app wires it. */
export function coreSink(core: Core): SourceSink {
  return {
    ingest: (batch) => ingestMentions(core.ingest, batch),
    amplify: (batch) => recordReposts({ db: core.handle.db, clock: core.clock }, batch),
    edit: (batch) => editMentions(core.ingest, batch),
  };
}

/**
 * The source contract: listen → one case per item; nothing twice across a restart; follow-ups
 * join their case; a public reply where the source has one; a private reply; a refusal from the
 * platform shown on the card; the platform's rate limit honoured, measured on the injected clock;
 * no secret ever in a log line, an error or a metric label.
 */
export function sourceContract(name: string, start: () => Promise<SourceWorld>): void {
  describe(`source contract: ${name}`, () => {
    let w: SourceWorld;
    let adapter: SinkSource;
    beforeEach(async () => {
      w = await start();
      adapter = w.adapter();
      await adapter.start(coreSink(w.core));
      await w.settle(adapter);
    });
    afterEach(async () => {
      await adapter.stop();
      await w.close();
    });

    const db = () => w.core.handle.db;
    const inbound = () =>
      db()
        .select()
        .from(mentions)
        .where(and(eq(mentions.source, adapter.source), eq(mentions.direction, 'inbound'), isNull(mentions.repostOf)))
        .all();
    const caseOf = (externalId: string) =>
      db()
        .select()
        .from(mentions)
        .where(and(eq(mentions.source, adapter.source), eq(mentions.externalId, externalId)))
        .get()?.caseId ?? null;
    /** The reply the platform can refuse: private, or public where there is no private reply. */
    const refusedMode = (): 'public' | 'private' => ((w.hasPrivateReply ?? true) ? 'private' : 'public');
    const replyInput = (externalId: string, text: string): ReplyInput => {
      const m = db()
        .select()
        .from(mentions)
        .where(and(eq(mentions.source, adapter.source), eq(mentions.externalId, externalId)))
        .get()!;
      return {
        caseId: m.caseId!,
        inReplyTo: m.externalId,
        author: { id: m.authorId, handle: m.authorHandle, name: m.authorName },
        conversationId: m.conversationId,
        text,
        idempotencyKey: `contract-${externalId}-${text.length}`,
      };
    };

    it('listens: one case per item, from this source', async () => {
      const a = await w.customerWrites('My card was charged twice for order 5512 and nobody answers');
      const b = await w.customerWrites('The app crashes every time I open my invoices 😡');
      await w.settle(adapter);
      expect(
        inbound()
          .map((m) => m.externalId)
          .sort(),
      ).toEqual([a, b].sort());
      expect(caseOf(a)).not.toBeNull();
      expect(caseOf(b)).not.toBeNull();
      expect(caseOf(a)).not.toBe(caseOf(b));
      expect(
        db()
          .select()
          .from(cases)
          .all()
          .every((c) => c.source === adapter.source),
      ).toBe(true);
    });

    it('nothing twice across a restart, and nothing lost while stopped', async () => {
      const a = await w.customerWrites('First message before the restart');
      await w.settle(adapter);
      await adapter.stop();
      const b = await w.customerWrites('Second message while Klaxon was down');
      adapter = w.adapter();
      await adapter.start(coreSink(w.core));
      await w.settle(adapter);
      await w.settle(adapter);
      const ids = inbound().map((m) => m.externalId);
      expect(ids.sort()).toEqual([a, b].sort());
      expect(db().select().from(cases).all()).toHaveLength(2);
    });

    it('a follow-up joins its case', async () => {
      const first = await w.customerWrites('Still no refund for my cancelled flight');
      await w.settle(adapter);
      const next = await w.customerFollowsUp(first, 'Any news? It has been three weeks');
      await w.settle(adapter);
      expect(caseOf(next)).toBe(caseOf(first));
      expect(db().select().from(cases).all()).toHaveLength(1);
      if (next !== first) expect(db().select().from(cases).get()!.mentionCount).toBe(2);
      // One item per customer (a review): the edit is the follow-up, on the same case.
      else expect(inbound().find((m) => m.externalId === first)?.text).toContain('It has been three weeks');
    });

    it('a public reply, where the source has one; a private reply', async () => {
      const id = await w.customerWrites('Where is my parcel? Tracking says delivered but nothing came');
      await w.settle(adapter);
      const caseId = caseOf(id)!;
      const rig = await replyRig(w.core, adapter, w.logs.logger);
      try {
        const caps = adapter.capabilities({ externalId: id, isPrivate: false, text: 'x' });
        expect(caps.publicReply.possible).toBe(w.hasPublicReply);
        if (w.hasPublicReply) {
          const view = await rig.reply(caseId, 'Sorry about this! We are checking with the courier now.', 'public');
          expect(view.lastReply).toMatchObject({ status: 'done', mode: 'public' });
          expect(w.publicReplies().some((t) => t.includes('We are checking with the courier now.'))).toBe(true);
        } else {
          expect(caps.publicReply.why).toBeTruthy();
        }
        expect(caps.privateReply.possible).toBe(w.hasPrivateReply ?? true);
        if (w.hasPrivateReply ?? true) {
          const view = await rig.reply(caseId, 'Could you send us your order number? We will sort it out today.', 'private');
          expect(view.lastReply).toMatchObject({ status: 'done', mode: 'private' });
          expect(w.privateMessages().some((t) => t.includes('We will sort it out today.'))).toBe(true);
        } else {
          expect(caps.privateReply.why).toBeTruthy();
          // Refused before anything is queued, with the reason.
          await expect(rig.reply(caseId, 'Could you send us your order number?', 'private')).rejects.toThrow(/private/i);
          expect(w.privateMessages()).toEqual([]);
        }
        expect(db().select().from(cases).get()!.firstResponseVia).toBe('klaxon');
      } finally {
        await rig.close();
      }
    });

    it("a refusal from the platform is shown on the card, in the platform's terms", async () => {
      const id = await w.customerWrites('Please call me, I cannot use the app');
      await w.settle(adapter);
      const caseId = caseOf(id)!;
      w.refuseNextReply();
      const rig = await replyRig(w.core, adapter, w.logs.logger);
      try {
        const view = await rig.reply(caseId, 'We have sent you a message.', refusedMode());
        expect(view.lastReply?.status).toBe('failed');
        expect(view.lastReply?.error?.length).toBeGreaterThan(10);
        expect(rig.threadLines(caseId).some((l) => l.includes('NOT delivered') && l.includes(view.lastReply!.error!.slice(0, 40)))).toBe(
          true,
        );
        expect([...w.privateMessages(), ...w.publicReplies()].some((t) => t.includes('We have sent you a message.'))).toBe(false);
      } finally {
        await rig.close();
      }
    });

    it('honours the platform\'s rate limit on the injected clock: its reset, or the outbox\'s backoff for "try later"', async () => {
      const id = await w.customerWrites('Hello? Anyone there?');
      await w.settle(adapter);
      w.rateLimitNextWrite(120_000);
      if ((w.writeLimit ?? 'reset') === 'reset') {
        const input = replyInput(id, 'Yes, we are here!');
        const error = await (w.hasPublicReply ? adapter.replyPublic(input) : adapter.sendPrivate(input)).catch((e: unknown) => e);
        // The outbox's one rule reads it: retried after the platform's reset, plus at most a second of margin.
        const verdict = judgeFailure(error, true);
        expect(verdict.kind).toBe('retry');
        const delayMs = verdict.kind === 'retry' ? verdict.delayMs : null;
        expect(delayMs).toBeGreaterThanOrEqual(120_000);
        expect(delayMs).toBeLessThanOrEqual(121_000);
        return;
      }
      // "Try again later" with no time: the outbox waits with its own backoff on the injected clock,
      // sends nothing before, and once after.
      const rig = await replyRig(w.core, adapter, w.logs.logger);
      try {
        const mode = w.hasPublicReply ? 'public' : 'private';
        const sent = () => (mode === 'public' ? w.publicReplies() : w.privateMessages()).filter((t) => t.includes('Yes, we are here!'));
        const { replyCase } = await import('../../src/cases/verbs/reply.js');
        const actor = { id: 'slack:U1', name: 'Ann Agent', platform: 'slack' };
        await replyCase({ ctx: rig.ctx, input: { caseId: caseOf(id)!, actor, text: 'Yes, we are here!', mode } });
        const row = () =>
          db()
            .select()
            .from(outbox)
            .where(and(eq(outbox.caseId, caseOf(id)!), eq(outbox.kind, `reply.${mode}`)))
            .get();
        rig.worker.kick();
        await vi.waitFor(() => expect(row()?.lastError).toBeTruthy());
        expect(row()?.status).toBe('pending');
        const due = row()!.nextAttemptAt.getTime();
        expect(due).toBeGreaterThan(w.core.clock.now().getTime());
        w.liftRateLimit?.();
        rig.worker.kick();
        await rig.worker.idle();
        expect(sent()).toEqual([]);
        w.core.clock.set(due);
        rig.worker.kick();
        await vi.waitFor(() => expect(row()?.status).toBe('done'));
        expect(sent()).toHaveLength(1);
      } finally {
        await rig.close();
      }
    });

    it('never logs a secret, nor puts one in an error or a metric label', async () => {
      const id = await w.customerWrites('My account was hacked, please help');
      await w.settle(adapter);
      const rig = await replyRig(w.core, adapter, w.logs.logger);
      try {
        w.refuseNextReply();
        const refused = await rig.reply(caseOf(id)!, 'Please reset your password now.', refusedMode());
        const metrics = await w.metricsText();
        for (const secret of w.secrets) {
          expect(w.logs.lines.join('\n')).not.toContain(secret);
          expect(refused.lastReply?.error ?? '').not.toContain(secret);
          expect(metrics).not.toContain(secret);
        }
        expect(w.secrets.length).toBeGreaterThan(0);
        expect(w.logs.lines.length).toBeGreaterThan(0);
      } finally {
        await rig.close();
      }
    });
  });
}
