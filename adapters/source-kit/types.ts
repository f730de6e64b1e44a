import type { Clock } from '../../src/clock.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import type { ReplySource } from '../../src/ports.js';
import type { Timers } from './timers.js';

/**
 * How the sources that take the core's sink when they start (Bluesky, Mastodon, e-mail, Meta,
 * Google reviews) are built: each is a SinkSource, which its folder's module.ts turns into the
 * declared SourceAdapter of src/ports.ts for the registry (app/registry.ts).
 */

/** What a listener hands the core: declared with the ports (src/ports.ts). */
export type { SourceSink } from '../../src/adapter-modules.js';
import type { SourceSink } from '../../src/adapter-modules.js';

/** Small durable values (cursors, since_id, IMAP UIDVALIDITY/UID) that survive restarts. */
export interface CursorStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
  /** Forgets up to `limit` values whose key starts with `prefix` and that were last set before `before`; returns how many. */
  prune(prefix: string, before: Date, limit: number): Promise<number>;
}

export type SourceSettings<S> = { enabled: true; settings: S } | { enabled: false; reason: string };

export interface ReplyCapability {
  possible: boolean;
  /** Why not (or how it will go, e.g. "sent privately"), in words for the card. */
  why?: string;
  /** Until when it stays possible (a messaging window), when the platform sets a deadline. */
  until?: Date;
}

export interface SourceCapabilities {
  publicReply: ReplyCapability;
  privateReply: ReplyCapability;
}

/** The item a card is about, as far as capabilities need it (declared with the ports). */
export type { CapabilityItem } from '../../src/ports.js';
import type { CapabilityItem } from '../../src/ports.js';

/**
 * A source as its folder builds it: it answers (ReplySource), says what a reply can do, and is
 * handed the core's sink when it starts. Not the port: source-kit/port.ts wraps one into the
 * SourceAdapter of src/ports.ts that the registry wires.
 */
export interface SinkSource extends ReplySource {
  readonly source: string;
  /** Whether a public / private reply is possible for this item, and why not (shown on the card). */
  capabilities(item: CapabilityItem): SourceCapabilities;
  /** Start listening (idempotent); never waits on the remote service; errors are logged and retried. */
  start(sink: SourceSink): Promise<void>;
  /** Stop listening, close connections; resolves when nothing is in flight. */
  stop(): Promise<void>;
  /** Extra HTTP routes on the one server (e.g. POST /ingest/email), or none. */
  readonly routes: readonly HttpRoute[];
}

/** What every source factory receives besides its own settings. */
export interface SourceDeps<S> {
  settings: S;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  cursors: CursorStore;
  /** Injected in tests so every wait runs by hand; real timers otherwise. */
  timers?: Timers;
  /** Jitter for backoff; injected in tests. */
  random?: () => number;
  /** The HTTP client (tests may wrap it); global fetch otherwise. */
  fetch?: typeof globalThis.fetch;
}
