import { createHash } from 'node:crypto';
import { eq } from 'drizzle-orm';
import PQueue from 'p-queue';
import { cases, mentions } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import { applyChange } from '../cases/mutate.js';
import { AI_ACTOR } from '../cases/events.js';
import type { Clock } from '../clock.js';
import { PRIORITIES } from '../domain/priority.js';
import type { Logger } from '../log.js';
import type { Metrics } from '../telemetry.js';
import { TriageModelError, type TriageModel } from '../ports.js';
import type { HarmConfig } from '../scoring/harm/config.js';
import { priorityAfterModel } from './adjust.js';
import type { TriageAnswer } from '../domain/triage.js';
import { transaction } from '../../db/transaction.js';

export interface AiTriageDeps {
  db: Db;
  clock: Clock;
  model: TriageModel;
  /** Budget: model requests per minute, at most (config `llm.perMinute`). */
  perMinute: number;
  metrics: Pick<Metrics, 'aiTriage' | 'aiTriageMoves' | 'aiTriageSeconds'>;
  logger: Logger;
  /** Config `harm`, the one the local scorer uses: the floor of each category (`harm.<id>`). */
  harm: HarmConfig;
  /** Called after a change commits, to wake the outbox worker (the card update). */
  onCommitted?: () => void;
  /** Answers kept by text hash, at most. */
  cacheSize?: number;
  /** Model calls at once. */
  concurrency?: number;
  /** Cases waiting for the model, at most; more keep their local score (counted as backlog). */
  maxWaiting?: number;
}

export type AiTriageOutcome = 'model' | 'cache' | 'timeout' | 'error' | 'malformed' | 'budget' | 'backlog' | 'skipped';

const MINUTE_MS = 60_000;

/**
 * Optional AI triage of new cases (config `llm`). The case already exists with its local score
 * and card when it is scheduled here; the model's answer arrives later and is applied through the
 * case's normal mutation path (row, audit row, card update in place), moving the priority by at
 * most one level and never below a harm floor (adjust.ts). A timeout, an error, a malformed
 * answer, the per-minute budget or a full queue leave the local score as it is, each counted in
 * /metrics. Answers are cached by a hash of the text (bounded), so a repeated text costs no call.
 *
 * Never logged: the customer's text or the model's reason (which may paraphrase it); logs carry
 * the case id, the outcome and timings only.
 */
export class AiTriage {
  readonly #queue: PQueue;
  readonly #cache = new Map<string, TriageAnswer>();
  /** When each request of the last minute started (at most `perMinute` of them). */
  readonly #spent: number[] = [];
  readonly #abort = new AbortController();

  constructor(private readonly deps: AiTriageDeps) {
    this.#queue = new PQueue({ concurrency: deps.concurrency ?? 4 });
  }

  /** Triages newly opened cases in the background (never waited on by ingest). */
  schedule(caseIds: readonly number[]): void {
    for (const caseId of caseIds) {
      if (this.#abort.signal.aborted) return;
      if (this.#queue.size >= (this.deps.maxWaiting ?? 1000)) {
        this.#count(caseId, 'backlog');
        continue;
      }
      void this.#queue
        .add(() => this.#triage(caseId))
        .catch((error: unknown) => this.deps.logger.error('AI triage failed unexpectedly', { caseId, err: error }));
    }
  }

  /** Resolves when every scheduled case has been triaged (tests, shutdown). */
  idle(): Promise<void> {
    return this.#queue.onIdle();
  }

  /** Stops: drops what is waiting and cancels what is in flight (cases keep their local score). */
  async stop(): Promise<void> {
    this.#abort.abort();
    this.#queue.clear();
    await this.#queue.onIdle();
  }

  #count(caseId: number, outcome: AiTriageOutcome, fields: Record<string, unknown> = {}): void {
    this.deps.metrics.aiTriage.inc({ outcome });
    const fallback = outcome !== 'model' && outcome !== 'cache' && outcome !== 'skipped';
    if (fallback) this.deps.logger.warn('AI triage unavailable: the case keeps its local score', { caseId, outcome, ...fields });
  }

  /** Whether one more request fits in the last minute's budget (and books it if so). */
  #withinBudget(nowMs: number): boolean {
    while (this.#spent.length > 0 && nowMs - this.#spent[0]! >= MINUTE_MS) this.#spent.shift();
    if (this.#spent.length >= this.deps.perMinute) return false;
    this.#spent.push(nowMs);
    return true;
  }

  #remember(key: string, answer: TriageAnswer): void {
    this.#cache.delete(key);
    this.#cache.set(key, answer);
    if (this.#cache.size > (this.deps.cacheSize ?? 1000)) this.#cache.delete(this.#cache.keys().next().value!);
  }

  async #triage(caseId: number): Promise<void> {
    const { db } = this.deps;
    const row = db.select({ state: cases.state, firstMentionId: cases.firstMentionId }).from(cases).where(eq(cases.id, caseId)).get();
    if (row?.state !== 'open') return this.#count(caseId, 'skipped');
    const first = db
      .select({ text: mentions.text, themes: mentions.themes })
      .from(mentions)
      .where(eq(mentions.id, row.firstMentionId))
      .get();
    if (!first) return this.#count(caseId, 'skipped');
    const key = createHash('sha256').update(first.text.normalize('NFC').trim()).digest('hex');
    const cached = this.#cache.get(key);
    if (cached) {
      this.#remember(key, cached);
      return await this.#apply(caseId, cached, first.themes, 'cache');
    }
    if (!this.#withinBudget(this.deps.clock.now().getTime())) return this.#count(caseId, 'budget');
    const started = performance.now();
    let answer: TriageAnswer;
    try {
      answer = await this.deps.model.triage(first.text, { signal: this.#abort.signal });
    } catch (error) {
      const failure = error instanceof TriageModelError ? error.failure : 'error';
      // The message says what failed (status, timeout), never the text: see adapters/llm.
      return this.#count(caseId, failure, { reason: error instanceof TriageModelError ? error.message : 'unexpected error' });
    } finally {
      this.deps.metrics.aiTriageSeconds.observe((performance.now() - started) / 1000);
    }
    this.#remember(key, answer);
    await this.#apply(caseId, answer, first.themes, 'model');
  }

  /** The answer moves the case's priority (adjust.ts) and goes on its card, in one transaction. */
  async #apply(caseId: number, answer: TriageAnswer, themes: readonly string[], source: 'model' | 'cache'): Promise<void> {
    const now = this.deps.clock.now();
    const applied = await transaction(this.deps.db, async (tx) => {
      const row = tx.select().from(cases).where(eq(cases.id, caseId)).get();
      // Resolved or merged into a storm while the model thought: nothing to triage any more.
      if (row?.state !== 'open') return null;
      // The case's harm as it is now (a follow-up may have added some since it opened); a case
      // stored before harm was recorded names it only in its first mention's themes.
      const to = priorityAfterModel({ local: row.priority, answer, localHarm: [...row.harm, ...themes], harm: this.deps.harm });
      const moved = to === row.priority ? '' : ` (${row.priority} → ${to})`;
      await applyChange(
        tx,
        row,
        AI_ACTOR,
        {
          patch: to === row.priority ? {} : { priority: to },
          kind: 'ai_triaged',
          detail: {
            model: this.deps.model.model,
            source,
            category: answer.category,
            intent: answer.intent,
            language: answer.language,
            reason: answer.reason,
            from: row.priority,
            to,
          },
          threadText: `🤖 AI triage${moved}: ${answer.reason}`,
        },
        now,
      );
      return { from: row.priority, to };
    });
    if (!applied) {
      this.#count(caseId, 'skipped');
      return;
    }
    this.#count(caseId, source);
    const direction =
      applied.to === applied.from ? 'none' : PRIORITIES.indexOf(applied.to) < PRIORITIES.indexOf(applied.from) ? 'up' : 'down';
    this.deps.metrics.aiTriageMoves.inc({ direction });
    this.deps.logger.info('AI triage applied', { caseId, source, from: applied.from, to: applied.to });
    this.deps.onCommitted?.();
  }
}
