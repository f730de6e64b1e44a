import type { Clock } from '../../src/clock.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { AmplifyResult, RepostInput } from '../../src/ingest/amplify.js';
import type { EditResult, MentionEdit } from '../../src/ingest/edit.js';
import type { IngestResult } from '../../src/ingest/ingest.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/telemetry.js';
import type { ReplySource } from '../../src/ports.js';
import type { Timers } from './timers.js';

/**
 * The shape of a customer-facing source (Bluesky, Mastodon, e-mail, …), as the architecture change
 * will declare it in src/ports.ts. Until then the new sources implement it from here, so that
 * change only moves these declarations and wires a registry.
 */

/** What a listener hands the core. Always `await` the results: storage becomes async later. */
export interface SourceSink {
  /** Normalised mentions in the ingest format (src/ingest/schema.ts MentionInput). */
  ingest(batch: readonly MentionInput[]): Promise<IngestResult> | IngestResult;
  /** Reposts, likes, boosts: add reach to an existing mention, never a case (src/ingest/amplify.ts). */
  amplify(batch: readonly RepostInput[]): Promise<AmplifyResult> | AmplifyResult;
  /**
   * A customer edited a message already ingested (a review's new stars, an edited comment): the
   * mention and its case follow, with an audit row (src/ingest/edit.ts). Optional: a sink without
   * it leaves edits unapplied, and the source logs that it did.
   */
  edit?(batch: readonly MentionEdit[]): Promise<EditResult> | EditResult;
}

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

/** The item a card is about, as far as capabilities need it. */
export interface CapabilityItem {
  externalId: string;
  isPrivate: boolean;
  text: string;
  /** When the customer wrote it: windows that run from the customer's last message start here. */
  createdAt?: Date;
}

export interface SourceAdapter extends ReplySource {
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
