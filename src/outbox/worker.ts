import { and, asc, count, eq, lte, notInArray } from 'drizzle-orm';
import PQueue from 'p-queue';
import { outbox, type OutboxRow } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../telemetry.js';
import { judgeFailure } from './delivery-policy.js';
import { isAtMostOnce, type IntentKind } from './intents.js';
import { transaction } from '../../db/transaction.js';

/** What a handler tells the worker. `defer` = not yet possible (e.g. the card is not posted yet). */
export type SendOutcome = { status: 'done'; resultRef?: string | null } | { status: 'defer'; delayMs: number };

export interface OutboxHandler {
  send(row: OutboxRow): Promise<SendOutcome>;
  /**
   * Called at start-up for a row left `sending` by a crash. Returns the remote ref when the
   * action is found to have happened (so it is not repeated), null to send it again.
   * Absent for at-most-once kinds, which become `uncertain` instead.
   */
  recover?(row: OutboxRow): Promise<string | null>;
  /** Told when a row is given up (failed or uncertain), to mark the case and tell people. */
  onGiveUp?(row: OutboxRow, outcome: 'failed' | 'uncertain', error: string): void | Promise<void>;
}

export interface Pacing {
  /** At most `cap` calls per `intervalMs` to one target (Slack: ~1 message/s/channel). */
  intervalMs: number;
  cap: number;
}

export interface OutboxWorkerOptions {
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics?: Metrics;
  handlers: Partial<Record<IntentKind, OutboxHandler>>;
  pacing: (platform: string) => Pacing;
  /** Attempts before a row is given up. */
  maxAttempts?: number;
  /** How often due rows are looked for when nobody kicks the worker. */
  pollIntervalMs?: number;
  /** Rows held in memory per target at most: a storm waits in the database, not in RAM. */
  maxInFlightPerTarget?: number;
}

const BATCH = 500;

/** Exponential backoff with full jitter, capped at five minutes. */
export function backoffMs(attempt: number, random: () => number = Math.random): number {
  const ceiling = Math.min(300_000, 1000 * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (random() * ceiling) / 2);
}

/**
 * Sends outbox rows after their transaction commits: one paced queue per platform and target,
 * retries with backoff on retryable errors, honours rate-limit pauses, and never resends an
 * at-most-once action (a public reply) whose delivery is uncertain after a crash.
 */
export class OutboxWorker {
  readonly #o: Required<Omit<OutboxWorkerOptions, 'metrics'>> & { metrics?: Metrics };
  readonly #queues = new Map<string, PQueue>();
  readonly #inFlight = new Set<number>();
  #timer: NodeJS.Timeout | null = null;
  #pumping: Promise<void> | null = null;
  #again = false;
  #stopped = true;

  constructor(options: OutboxWorkerOptions) {
    this.#o = { maxAttempts: 8, pollIntervalMs: 1000, maxInFlightPerTarget: 20, ...options };
  }

  /** Recovers rows a crash left mid-send, then starts sending. */
  async start(): Promise<void> {
    this.#stopped = false;
    await this.#recover();
    this.#schedule();
    this.kick();
  }

  /** Looks for due rows now (called after every commit that wrote to the outbox). */
  kick(): void {
    if (this.#stopped) return;
    if (this.#pumping) {
      this.#again = true;
      return;
    }
    this.#pumping = this.#pump().finally(() => {
      this.#pumping = null;
      if (this.#again) {
        this.#again = false;
        this.kick();
      }
    });
  }

  /** Resolves when nothing due is left to send (rows waiting for a later retry do not count). */
  async idle(): Promise<void> {
    for (;;) {
      if (this.#pumping) await this.#pumping;
      await Promise.all([...this.#queues.values()].map((q) => q.onIdle()));
      if (!this.#pumping && this.#inFlight.size === 0 && !this.#hasDue()) return;
      this.kick();
      await new Promise((r) => setImmediate(r));
    }
  }

  /** Stops taking rows and waits for the ones in flight, up to `deadlineMs`. */
  async stop(deadlineMs = 5000): Promise<void> {
    this.#stopped = true;
    if (this.#timer) clearInterval(this.#timer);
    this.#timer = null;
    const drained = Promise.all([...this.#queues.values()].map((q) => q.onIdle()));
    let timeout: NodeJS.Timeout | undefined;
    await Promise.race([drained, new Promise((r) => (timeout = setTimeout(r, deadlineMs)))]);
    clearTimeout(timeout);
    for (const q of this.#queues.values()) q.clear();
  }

  /** Sends whatever is due, draining until nothing due is left (used by tests and shutdown). */
  async drain(deadlineMs = 5000): Promise<void> {
    const deadline = Date.now() + deadlineMs;
    while (Date.now() < deadline) {
      this.kick();
      await this.idle();
      if (!this.#hasDue()) return;
    }
  }

  pendingCount(): number {
    return this.#o.db.select({ n: count() }).from(outbox).where(eq(outbox.status, 'pending')).get()?.n ?? 0;
  }

  #schedule(): void {
    if (this.#timer) return;
    this.#timer = setInterval(() => this.kick(), this.#o.pollIntervalMs);
    this.#timer.unref();
  }

  #hasDue(): boolean {
    const now = this.#o.clock.now();
    const ids = [...this.#inFlight];
    const row = this.#o.db
      .select({ id: outbox.id })
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), ids.length ? notInArray(outbox.id, ids) : undefined))
      .limit(1)
      .get();
    return row !== undefined;
  }

  async #pump(): Promise<void> {
    const now = this.#o.clock.now();
    const ids = [...this.#inFlight];
    const due = this.#o.db
      .select()
      .from(outbox)
      .where(and(eq(outbox.status, 'pending'), lte(outbox.nextAttemptAt, now), ids.length ? notInArray(outbox.id, ids) : undefined))
      .orderBy(asc(outbox.id))
      .limit(BATCH)
      .all();
    for (const row of due) {
      if (this.#stopped) return;
      const queue = this.#queueFor(row.platform, row.target);
      if (queue.size + queue.pending >= this.#o.maxInFlightPerTarget) continue;
      this.#inFlight.add(row.id);
      void queue.add(() => this.#send(row)).finally(() => this.#inFlight.delete(row.id));
    }
  }

  #queueFor(platform: string, target: string): PQueue {
    const key = `${platform}\u0000${target}`;
    let queue = this.#queues.get(key);
    if (!queue) {
      const pacing = this.#o.pacing(platform);
      queue =
        pacing.intervalMs > 0
          ? new PQueue({ concurrency: 1, interval: pacing.intervalMs, intervalCap: pacing.cap })
          : new PQueue({ concurrency: 1 });
      this.#queues.set(key, queue);
    }
    return queue;
  }

  async #send(row: OutboxRow): Promise<void> {
    const handler = this.#o.handlers[row.kind as IntentKind];
    const { db, clock, logger, metrics } = this.#o;
    if (!handler) {
      await this.#finish(row, 'failed', `no handler for ${row.kind}`);
      return;
    }
    // Recorded before the call: if the process dies mid-call, start-up knows it may have happened.
    const attempts = row.attempts + 1;
    // Each state change takes its turn with the transactions (db/transaction.ts), never joining one.
    await transaction(db, (tx) =>
      tx.update(outbox).set({ status: 'sending', attempts, startedAt: clock.now() }).where(eq(outbox.id, row.id)).run(),
    );
    try {
      const outcome = await handler.send(row);
      if (outcome.status === 'defer') {
        await transaction(db, (tx) =>
          tx
            .update(outbox)
            .set({ status: 'pending', attempts: row.attempts, nextAttemptAt: new Date(clock.now().getTime() + outcome.delayMs) })
            .where(eq(outbox.id, row.id))
            .run(),
        );
        return;
      }
      await transaction(db, (tx) =>
        tx
          .update(outbox)
          .set({ status: 'done', sentAt: clock.now(), resultRef: outcome.resultRef ?? null, lastError: null })
          .where(eq(outbox.id, row.id))
          .run(),
      );
      metrics?.outboundSent.inc({ kind: row.kind, platform: row.platform });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      const verdict = judgeFailure(error, isAtMostOnce(row.kind as IntentKind));
      if (verdict.kind === 'retry' && attempts < this.#o.maxAttempts) {
        const delay = verdict.delayMs ?? backoffMs(attempts);
        if (verdict.delayMs) this.#pause(row.platform, row.target, verdict.delayMs);
        await transaction(db, (tx) =>
          tx
            .update(outbox)
            .set({ status: 'pending', nextAttemptAt: new Date(clock.now().getTime() + delay), lastError: message })
            .where(eq(outbox.id, row.id))
            .run(),
        );
        metrics?.outboundErrors.inc({ kind: row.kind, platform: row.platform, outcome: 'retry' });
        logger.warn('outbound call will be retried', {
          kind: row.kind,
          platform: row.platform,
          outboxId: row.id,
          attempts,
          delayMs: delay,
          err: message,
        });
        return;
      }
      if (verdict.kind === 'uncertain') {
        // It may have arrived: never repeated by itself. People are told and may retry by hand.
        logger.warn('delivery uncertain; not retrying by itself', {
          kind: row.kind,
          platform: row.platform,
          outboxId: row.id,
          caseId: row.caseId,
          attempts,
          err: message,
        });
        await this.#finish(row, 'uncertain', message);
        return;
      }
      logger.error('outbound call failed; giving up', { kind: row.kind, platform: row.platform, outboxId: row.id, attempts, err: error });
      await this.#finish(row, 'failed', message);
    }
  }

  /** A 429 pauses the whole target's queue, not just the one row (Slack's limit is per channel). */
  #pause(platform: string, target: string, ms: number): void {
    const queue = this.#queueFor(platform, target);
    queue.pause();
    setTimeout(() => queue.start(), ms).unref();
  }

  async #finish(row: OutboxRow, outcome: 'failed' | 'uncertain', error: string): Promise<void> {
    await transaction(this.#o.db, (tx) => tx.update(outbox).set({ status: outcome, lastError: error }).where(eq(outbox.id, row.id)).run());
    this.#o.metrics?.outboundErrors.inc({ kind: row.kind, platform: row.platform, outcome });
    try {
      await this.#o.handlers[row.kind as IntentKind]?.onGiveUp?.(row, outcome, error);
    } catch (giveUpError) {
      this.#o.logger.error('could not record a failed delivery on its case', { outboxId: row.id, err: giveUpError });
    }
  }

  async #recover(): Promise<void> {
    const stuck = this.#o.db.select().from(outbox).where(eq(outbox.status, 'sending')).all();
    for (const row of stuck) {
      const kind = row.kind as IntentKind;
      const handler = this.#o.handlers[kind];
      if (isAtMostOnce(kind)) {
        this.#o.logger.warn('delivery uncertain after a restart; not resending', { kind, outboxId: row.id, caseId: row.caseId });
        await this.#finish(row, 'uncertain', 'Klaxon stopped while sending it');
        continue;
      }
      let found: string | null = null;
      try {
        found = (await handler?.recover?.(row)) ?? null;
      } catch (error) {
        this.#o.logger.warn('could not check whether an interrupted send happened; sending again', { kind, outboxId: row.id, err: error });
      }
      const settled = found ? { status: 'done' as const, sentAt: this.#o.clock.now(), resultRef: found } : { status: 'pending' as const };
      await transaction(this.#o.db, (tx) => tx.update(outbox).set(settled).where(eq(outbox.id, row.id)).run());
    }
  }
}
