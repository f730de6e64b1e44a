import type { mastodon } from 'masto';
import WebSocket from 'ws';
import type { Clock } from '../../src/clock.js';
import { isKlaxonError } from '../../src/errors.js';
import type { RepostInput } from '../../src/ingest/amplify.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import { deliverToSink } from '../source-kit/deliver.js';
import { listenFailure } from '../source-kit/failures.js';
import { sourceGauges } from '../source-kit/rate-gauges.js';
import { RepeatingTask } from '../source-kit/repeating-task.js';
import { backoffDelay, type TimerHandle, type Timers } from '../source-kit/timers.js';
import type { CursorStore, SourceSink } from '../source-kit/types.js';
import { recordRateLimit, type MastodonRest } from './client.js';
import { classifyMastodonError } from './errors.js';
import type { BrandAccount, MastodonIdentity } from './identity.js';
import { amplification, camelize, compareIds, notificationSchema, SOURCE, statusToMention, type NotificationJson } from './map-status.js';
import type { SentReplies } from './sent-replies.js';

export interface MastodonListenerDeps {
  rest: MastodonRest;
  identity: MastodonIdentity;
  sent: SentReplies;
  cursors: CursorStore;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  timers: Timers;
  random?: () => number;
  accessToken: string;
  /** Between reads while the stream is down. */
  pollIntervalMs: number;
  /** Between safety reads while the stream is up (a stalled stream says nothing). */
  safetyPollMs?: number;
}

const CURSOR_KEY = 'notifications:since_id';
const TYPES = ['mention', 'reblog', 'favourite'] as const satisfies readonly mastodon.v1.NotificationType[];
const PAGE = 40;
/** Pages read in one poll; a longer backlog continues on the next (the cursor moves per page). */
const MAX_PAGES = 25;

/**
 * Listens to the brand's notifications: live from the user notification stream (WebSocket), with
 * the REST API read from the saved `since_id` whenever the stream (re)connects, every minute while
 * it is down, and every few minutes while it is up, in case it stalled. Every read and every
 * streamed notification goes through one queue, so the cursor only ever moves forward past
 * notifications already handed to the core; a streamed notification moves it only once a read has
 * caught up since the stream opened, so a gap is always read, never skipped.
 */
export class MastodonListener {
  readonly #d: MastodonListenerDeps;
  readonly #task: RepeatingTask;
  #sink: SourceSink | null = null;
  #queue: Promise<unknown> = Promise.resolve();
  #ws: WebSocket | null = null;
  #stopped = true;
  #streamFailures = 0;
  #reconnect: TimerHandle | null = null;
  #caughtUp = false;
  /** Counts stream openings: a read catches the stream up only if it began after the latest one. */
  #openings = 0;

  constructor(deps: MastodonListenerDeps) {
    this.#d = deps;
    this.#task = new RepeatingTask({
      timers: deps.timers,
      run: async () => {
        const opening = this.connected ? this.#openings : -1;
        await this.#serial(() => this.pollOnce());
        if (opening === this.#openings && this.connected) this.#caughtUp = true;
        return this.connected ? (deps.safetyPollMs ?? 5 * 60_000) : deps.pollIntervalMs;
      },
      onError: (error, failures) => this.#failureDelay(error, failures),
    });
  }

  get connected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  start(sink: SourceSink): void {
    if (!this.#stopped) return;
    this.#stopped = false;
    this.#sink = sink;
    this.#task.start(0);
    void this.#d.identity.ensure().then(
      () => this.#connect(),
      () => this.#scheduleReconnect(),
    );
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    if (this.#reconnect !== null) this.#d.timers.clearTimeout(this.#reconnect);
    this.#reconnect = null;
    this.#ws?.terminate();
    this.#ws = null;
    await this.#task.stop();
    await this.#queue;
  }

  async idle(): Promise<void> {
    await this.#task.idle();
    await this.#queue;
  }

  /**
   * Reads every notification after the saved `since_id`, oldest first, following the Link
   * header's `prev` pages; each page is handed to the core before the cursor moves past it.
   * The first read ever takes the latest page only.
   */
  async pollOnce(): Promise<number> {
    const brand = await this.#d.identity.ensure();
    const since = await this.#d.cursors.get(CURSOR_KEY);
    const { rest, metrics, logger } = this.#d;
    if (!since) {
      metrics.sourceCalls.inc({ source: SOURCE, op: 'notifications' });
      const first = await rest.v1.notifications.list.$raw({ limit: PAGE, types: [...TYPES] });
      recordRateLimit(metrics, 'notifications', first.headers);
      const page = this.#parse(first.data);
      await this.#handle(page, brand, true);
      if (page.length > 0)
        logger.info(`first Mastodon read: starting from the latest ${page.length} notifications; older ones are not imported`);
      return page.length;
    }
    let read = 0;
    let pages = 0;
    const paginator = rest.v1.notifications.list.$raw({ minId: since, limit: PAGE, types: [...TYPES] }).setDirection('prev');
    for await (const res of paginator) {
      metrics.sourceCalls.inc({ source: SOURCE, op: 'notifications' });
      recordRateLimit(metrics, 'notifications', res.headers);
      const page = this.#parse(res.data);
      if (page.length === 0) break;
      await this.#handle(page, brand, true);
      read += page.length;
      pages += 1;
      if (pages >= MAX_PAGES) {
        logger.info('Mastodon backlog larger than one read; continuing on the next', { read });
        break;
      }
    }
    if (read > 0) logger.info('Mastodon notifications read', { read });
    return read;
  }

  #parse(list: readonly unknown[]): NotificationJson[] {
    const out: NotificationJson[] = [];
    for (const item of list) {
      const parsed = notificationSchema.safeParse(item);
      if (parsed.success) out.push(parsed.data);
      else
        this.#d.logger.warn('Mastodon notification skipped: unexpected shape', {
          issues: parsed.error.issues.slice(0, 3).map((i) => `${i.path.join('.')} ${i.message}`),
        });
    }
    return out;
  }

  /** Hands notifications to the core (oldest first) and, when allowed, moves the cursor past them. */
  async #handle(list: readonly NotificationJson[], brand: BrandAccount, moveCursor: boolean): Promise<void> {
    const sink = this.#sink;
    if (!sink || list.length === 0) return;
    const ordered = [...list].sort((a, b) => compareIds(a.id, b.id));
    const mentions: MentionInput[] = [];
    const reach: RepostInput[] = [];
    for (const n of ordered) {
      if (!n.status) continue;
      if (n.type === 'mention' || n.type === 'quote') {
        const answered = await this.#d.sent.get(n.status.inReplyToId);
        const mapped = statusToMention(n.status, {
          brandId: brand.id,
          conversationOf: answered?.conversation ?? answered?.answers ?? null,
          seenAt: n.createdAt,
        });
        if (mapped.ok) mentions.push(mapped.mention);
        else this.#d.logger.warn('Mastodon status skipped: it does not fit the ingest format', { id: n.status.id, reason: mapped.reason });
      } else if (n.type === 'reblog' || n.type === 'favourite') {
        const answered = await this.#d.sent.get(n.status.id);
        const item = answered ? amplification(n, answered.answers) : null;
        if (item) reach.push(item);
      }
    }
    await deliverToSink({ sink, metrics: this.#d.metrics, source: SOURCE }, mentions, reach);
    if (moveCursor) {
      const newest = ordered.at(-1)!.id;
      const current = await this.#d.cursors.get(CURSOR_KEY);
      if (!current || compareIds(newest, current) > 0) await this.#d.cursors.set(CURSOR_KEY, newest);
    }
  }

  #serial<T>(task: () => Promise<T>): Promise<T> {
    const run = this.#queue.then(task, task);
    this.#queue = run.catch(() => undefined);
    return run;
  }

  #connect(): void {
    if (this.#stopped || this.#ws) return;
    const url = `${this.#d.identity.streamingBase()}/api/v1/streaming?stream=user:notification`;
    // The token travels in the Authorization header, never in the URL (URLs end up in logs).
    const ws = new WebSocket(url, { headers: { authorization: `Bearer ${this.#d.accessToken}` }, handshakeTimeout: 30_000 });
    this.#ws = ws;
    ws.on('open', () => {
      this.#streamFailures = 0;
      this.#caughtUp = false;
      this.#openings += 1;
      sourceGauges(this.#d.metrics).connected.set({ source: SOURCE, channel: 'stream' }, 1);
      this.#d.logger.info('Mastodon notification stream connected');
      // Whatever arrived while the stream was down is read now.
      this.#task.soon();
    });
    ws.on('message', (data) => this.#onMessage(String(data)));
    ws.on('unexpected-response', (_req, res) => {
      this.#d.logger.warn('the Mastodon streaming API refused the connection', { status: res.statusCode });
      ws.terminate();
    });
    ws.on('error', (error) => this.#d.logger.warn('Mastodon stream error', { detail: error.message }));
    ws.on('close', () => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      this.#caughtUp = false;
      sourceGauges(this.#d.metrics).connected.set({ source: SOURCE, channel: 'stream' }, 0);
      if (this.#stopped) return;
      this.#task.soon();
      this.#scheduleReconnect();
    });
  }

  #scheduleReconnect(): void {
    if (this.#stopped) return;
    this.#streamFailures += 1;
    const waitMs = backoffDelay(this.#streamFailures, { baseMs: 1000, maxMs: 5 * 60_000 }, this.#d.random);
    this.#d.logger.info('Mastodon stream down; reading by polling and reconnecting', { attempt: this.#streamFailures, waitMs });
    if (this.#reconnect !== null) this.#d.timers.clearTimeout(this.#reconnect);
    this.#reconnect = this.#d.timers.setTimeout(() => {
      this.#reconnect = null;
      void this.#d.identity.ensure().then(
        () => this.#connect(),
        () => this.#scheduleReconnect(),
      );
    }, waitMs);
  }

  #onMessage(frame: string): void {
    let notification: NotificationJson | null = null;
    try {
      const message = JSON.parse(frame) as { event?: unknown; payload?: unknown };
      if (message.event !== 'notification' || typeof message.payload !== 'string') return;
      const parsed = notificationSchema.safeParse(camelize(JSON.parse(message.payload)));
      notification = parsed.success ? parsed.data : null;
    } catch {
      notification = null;
    }
    if (!notification) return;
    const n = notification;
    void this.#serial(async () => {
      const brand = await this.#d.identity.ensure();
      const since = await this.#d.cursors.get(CURSOR_KEY);
      // Already read by a poll.
      if (since && compareIds(n.id, since) <= 0) return;
      await this.#handle([n], brand, this.#caughtUp);
    }).catch((error: unknown) => {
      // Not lost: the cursor did not move, so the next read fetches it. Until that read has caught
      // up, later streamed notifications must not move the cursor past this one.
      this.#caughtUp = false;
      this.#d.logger.warn('a streamed Mastodon notification could not be delivered; the next read fetches it', { err: error });
      this.#task.soon();
    });
  }

  #failureDelay(error: unknown, failures: number): number | { delayMs: number; hold: true } {
    const failure = isKlaxonError(error) ? null : classifyMastodonError(error, this.#d.clock);
    return listenFailure(this.#d, 'Mastodon listening', error, failure, failures, this.#d.pollIntervalMs);
  }
}
