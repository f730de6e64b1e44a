import WebSocket from 'ws';
import type { RepostInput } from '../../src/ingest/amplify.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import { deliverToSink } from '../source-kit/deliver.js';
import { sourceGauges } from '../source-kit/rate-gauges.js';
import { backoffDelay, type TimerHandle } from '../source-kit/timers.js';
import type { SourceSink } from '../source-kit/types.js';
import {
  atUrisIn,
  BrandFilter,
  frameTime,
  jetstreamEventSchema,
  LIKE,
  parsePost,
  POST,
  REPOST,
  subjectOf,
  type JetstreamEvent,
} from './jetstream-filter.js';
import { listenFailureDelay, type Listener, type ListenerDeps } from './listen-common.js';
import { amplification, postToMention, SOURCE, type PostAuthor } from './map-post.js';
import type { BrandIdentity } from './session.js';

const CURSOR_KEY = 'jetstream:cursor';
/** Jetstream sends the whole network's posts: a minute of silence means the connection is dead. */
const DEFAULT_SILENCE_MS = 60_000;
/** How often (in stream time) the position is saved when nothing concerning the brand arrives. */
const SAVE_EVERY_US = 5_000_000;
const BATCH = 25;

/** Where a Jetstream subscription starts: the whole posts, likes and reposts collections. */
export function subscribeUrl(base: string, cursor: number | null): string {
  const url = new URL(base);
  if (!url.pathname.endsWith('/subscribe')) url.pathname = `${url.pathname.replace(/\/$/, '')}/subscribe`;
  url.search = '';
  for (const collection of [POST, LIKE, REPOST]) url.searchParams.append('wantedCollections', collection);
  if (cursor !== null) url.searchParams.set('cursor', String(cursor));
  return url.href;
}

/**
 * Listens on Jetstream over WebSocket. The position (`time_us` of the last event handled) is
 * saved in the cursor store and a reconnect or restart resumes from it, skipping what was already
 * handled; it is never saved past an event still waiting to be delivered, so nothing is lost in a
 * crash. The brand's posts are picked out on our side (jetstream-filter.ts); mentions are looked
 * up (followers) and delivered in small batches, in order.
 */
export class JetstreamListener implements Listener {
  readonly #d: ListenerDeps;
  readonly #baseUrl: string;
  readonly #silenceMs: number;
  #sink: SourceSink | null = null;
  #ws: WebSocket | null = null;
  #stopped = true;
  #failures = 0;
  #reconnectTimer: TimerHandle | null = null;
  #silenceTimer: TimerHandle | null = null;
  #brand: BrandIdentity | null = null;
  #filter: BrandFilter | null = null;
  /** Newest event seen, newest saved, and the events waiting (in order) to be delivered. */
  #seen = 0;
  #saved = 0;
  #pending: JetstreamEvent[] = [];
  #inFlightFrom: number | null = null;
  #draining: Promise<void> = Promise.resolve();
  #connecting: Promise<void> | null = null;

  constructor(deps: ListenerDeps, baseUrl: string, options: { silenceMs?: number } = {}) {
    this.#d = deps;
    this.#baseUrl = baseUrl;
    this.#silenceMs = options.silenceMs ?? DEFAULT_SILENCE_MS;
  }

  start(sink: SourceSink): void {
    if (!this.#stopped) return;
    this.#sink = sink;
    this.#stopped = false;
    this.#connecting = this.#connect();
  }

  async stop(): Promise<void> {
    this.#stopped = true;
    this.#clearTimers();
    this.#ws?.terminate();
    this.#ws = null;
    await this.#connecting;
    await this.#draining;
    await this.#save();
  }

  async idle(): Promise<void> {
    await this.#connecting;
    await this.#draining;
  }

  /** Whether a connection is open (tests, /metrics). */
  get connected(): boolean {
    return this.#ws?.readyState === WebSocket.OPEN;
  }

  async #connect(): Promise<void> {
    if (this.#stopped) return;
    try {
      this.#brand = await this.#d.session.ensure();
      this.#filter = new BrandFilter(this.#brand);
      await this.#d.ownPosts.load();
      const stored = Number(await this.#d.cursors.get(CURSOR_KEY));
      if (Number.isSafeInteger(stored) && stored > this.#seen) this.#seen = this.#saved = stored;
    } catch (error) {
      this.#scheduleReconnect(listenFailureDelay(this.#d, error, ++this.#failures, 1000, 'Bluesky Jetstream'));
      return;
    }
    if (this.#stopped) return;
    const url = subscribeUrl(this.#baseUrl, this.#seen > 0 ? this.#seen : null);
    if (this.#seen === 0) this.#d.logger.info('first Jetstream connection: starting from now; earlier posts are not imported');
    const ws = new WebSocket(url, { handshakeTimeout: 30_000 });
    this.#ws = ws;
    ws.on('open', () => {
      this.#failures = 0;
      sourceGauges(this.#d.metrics).connected.set({ source: SOURCE, channel: 'jetstream' }, 1);
      this.#d.logger.info('Bluesky Jetstream connected', { resumeFrom: this.#seen || null });
      this.#armSilence();
    });
    ws.on('message', (data) => {
      this.#armSilence();
      this.#onFrame(String(data));
    });
    ws.on('error', (error) => this.#d.logger.warn('Bluesky Jetstream connection error', { detail: error.message }));
    ws.on('close', () => {
      if (this.#ws !== ws) return;
      this.#ws = null;
      sourceGauges(this.#d.metrics).connected.set({ source: SOURCE, channel: 'jetstream' }, 0);
      if (this.#stopped) return;
      this.#failures += 1;
      const waitMs = backoffDelay(this.#failures, { baseMs: 1000, maxMs: 60_000 }, this.#d.random);
      this.#d.logger.warn('Bluesky Jetstream connection closed; reconnecting', { attempt: this.#failures, waitMs });
      this.#scheduleReconnect(waitMs);
    });
  }

  #scheduleReconnect(ms: number): void {
    if (this.#stopped) return;
    this.#clearTimers();
    this.#reconnectTimer = this.#d.timers.setTimeout(() => {
      this.#reconnectTimer = null;
      this.#connecting = this.#connect();
    }, ms);
  }

  #armSilence(): void {
    if (this.#silenceTimer !== null) this.#d.timers.clearTimeout(this.#silenceTimer);
    this.#silenceTimer = this.#d.timers.setTimeout(() => {
      this.#silenceTimer = null;
      this.#d.logger.warn(`Bluesky Jetstream silent for ${this.#silenceMs / 1000} s; reconnecting`);
      this.#ws?.terminate();
    }, this.#silenceMs);
  }

  #clearTimers(): void {
    if (this.#reconnectTimer !== null) this.#d.timers.clearTimeout(this.#reconnectTimer);
    if (this.#silenceTimer !== null) this.#d.timers.clearTimeout(this.#silenceTimer);
    this.#reconnectTimer = this.#silenceTimer = null;
  }

  #onFrame(frame: string): void {
    const time = frameTime(frame);
    // A resumed stream starts at the saved event itself: it was handled already.
    if (time === null || time <= this.#seen) return;
    this.#seen = time;
    if (this.#concerns(frame)) {
      let event: JetstreamEvent | null = null;
      try {
        const parsed = jetstreamEventSchema.safeParse(JSON.parse(frame));
        event = parsed.success ? parsed.data : null;
      } catch {
        event = null;
      }
      if (event && event.commit.operation === 'create') {
        this.#pending.push(event);
        this.#drain();
        return;
      }
    }
    if (this.#seen - this.#saved >= SAVE_EVERY_US) void this.#save();
  }

  #concerns(frame: string): boolean {
    if (!this.#filter) return false;
    if (frame.includes(`"collection":"${POST}"`)) return this.#filter.mightConcernBrand(frame);
    if (frame.includes(`"collection":"${LIKE}"`) || frame.includes(`"collection":"${REPOST}"`))
      return atUrisIn(frame).some((uri) => this.#d.ownPosts.isTracked(uri));
    return false;
  }

  /** Delivers waiting events in order, a batch at a time (one profile lookup per batch). */
  #drain(): void {
    this.#draining = this.#draining.then(async () => {
      while (this.#pending.length > 0) {
        const batch = this.#pending.splice(0, BATCH);
        this.#inFlightFrom = batch[0]!.time_us;
        try {
          await this.#deliver(batch);
        } catch (error) {
          // The saved position is still before these events: drop what is waiting and reconnect
          // from it, so Jetstream sends them again rather than Klaxon holding them in memory.
          this.#pending = [];
          this.#inFlightFrom = null;
          this.#seen = this.#saved;
          listenFailureDelay(this.#d, error, 1, 1000, 'Bluesky Jetstream delivery');
          this.#ws?.terminate();
          return;
        }
        this.#inFlightFrom = null;
        await this.#save();
      }
    });
  }

  async #deliver(events: readonly JetstreamEvent[]): Promise<void> {
    const sink = this.#sink;
    const brand = this.#brand;
    if (!sink || !brand || !this.#filter) return;
    const profiles = await this.#d.profiles.lookup(events.map((e) => e.did));
    const mentions: MentionInput[] = [];
    const reach: RepostInput[] = [];
    for (const event of events) {
      const uri = `at://${event.did}/${event.commit.collection}/${event.commit.rkey}`;
      const author: PostAuthor = profiles.get(event.did) ?? { did: event.did };
      const seenAt = new Date(Math.floor(event.time_us / 1000)).toISOString();
      if (event.commit.collection === POST) {
        const record = parsePost(event.commit.record);
        if (!record) continue;
        if (event.did === brand.did) {
          // The brand's own post matters only as an answer made outside Klaxon (its own replies are known).
          if (!record.reply || (await this.#d.ownPosts.answeredBy(uri))) continue;
        } else if (!this.#filter.concernsBrand(record)) continue;
        const mapped = postToMention({ uri, record, author, seenAt, brandDid: brand.did });
        if (mapped.ok) mentions.push(mapped.mention);
        else this.#d.logger.warn('Bluesky post skipped: it does not fit the ingest format', { uri, reason: mapped.reason });
      } else {
        const subject = subjectOf(event.commit.record);
        if (!subject) continue;
        const customerPost = (await this.#d.ownPosts.answeredBy(subject)) ?? subject;
        const item = amplification({
          uri,
          kind: event.commit.collection === LIKE ? 'like' : 'repost',
          subjectUri: customerPost,
          author,
          seenAt,
        });
        if (item) reach.push(item);
      }
    }
    await deliverToSink({ sink, metrics: this.#d.metrics, source: SOURCE }, mentions, reach);
    await this.#d.ownPosts.track(mentions.filter((m) => m.direction === 'inbound').map((m) => m.id));
  }

  /** Saves the position, never past an event not yet delivered. */
  async #save(): Promise<void> {
    const waiting = this.#inFlightFrom ?? this.#pending[0]?.time_us ?? null;
    const safe = waiting === null ? this.#seen : Math.min(this.#seen, waiting - 1);
    if (safe <= this.#saved) return;
    this.#saved = safe;
    await this.#d.cursors.set(CURSOR_KEY, String(safe));
  }
}
