import type { Db } from '../db/types.js';
import type { CaseContext } from './cases/context.js';
import type { VipDirectory } from './cases/vip-directory.js';
import type { Clock } from './clock.js';
import type { CommandDeps } from './commands/run.js';
import type { Env } from './config/env.js';
import type { SavedReply } from './config/file.js';
import type { Config } from './config/load.js';
import type { ChatPlatformId, NativeSourceId } from './domain/adapter-ids.js';
import type { ReadBodyOptions } from './http/body.js';
import type { HttpRoute } from './http/server.js';
import type { AmplifyResult, RepostInput } from './ingest/amplify.js';
import type { EditResult, MentionEdit } from './ingest/edit.js';
import type { IngestResult } from './ingest/ingest.js';
import type { MentionInput } from './ingest/schema.js';
import type { Logger } from './log.js';
import type { AdapterSettings, ChatAdapter, ChatTargets, ReplyLengthBudget, SourceAdapter } from './ports.js';
import type { ReplyPolicy } from './ingest/ingest.js';
import type { Metrics } from './telemetry.js';
import type { Timers } from './timers.js';

/**
 * What an adapter folder exports for the registry (app/registry.ts) and what the composition root
 * gives its factory. The adapters' shapes themselves are the ports (src/ports.ts); these are the
 * wiring around them, which names the core's own types (the sink, the case context, the server).
 */

/** What a listener hands the core: each call resolves once the batch is stored (committed). */
export interface SourceSink {
  /** Normalised mentions in the ingest format (src/ingest/schema.ts MentionInput). */
  ingest(batch: readonly MentionInput[]): Promise<IngestResult>;
  /** Reposts, likes, boosts: add reach to an existing mention, never a case (src/ingest/amplify.ts). */
  amplify(batch: readonly RepostInput[]): Promise<AmplifyResult>;
  /**
   * A customer edited a message already ingested (a review's new stars, an edited comment): the
   * mention and its case follow, with an audit row (src/ingest/edit.ts). Optional: a sink without
   * it leaves edits unapplied, and the source logs that it did.
   */
  edit?(batch: readonly MentionEdit[]): Promise<EditResult>;
}

/** The core's sink: every part present (a source may rely on `edit`). */
export interface CoreSink extends SourceSink {
  edit(batch: readonly MentionEdit[]): Promise<EditResult>;
}

/** A chat adapter and a source adapter as the composition root wires them: routes on the one server. */
export type WiredChatAdapter = ChatAdapter<HttpRoute>;
export type WiredSourceAdapter<Detail = unknown> = SourceAdapter<HttpRoute, Detail>;

/** What every chat platform's listeners share: the same verbs, VIPs, saved replies and digest. */
export interface ChatListeners {
  cases: CaseContext;
  vips: VipDirectory;
  savedReplies: readonly SavedReply[];
  /** Default of the "sign with my initials" box and of replies sent by command. */
  signReplies: boolean;
  /** Queues the digest now (null when no digest channel is configured); returns where it goes. */
  requestDigest: (() => Promise<string>) | null;
  /** Signed download links for `report … csv`. */
  exports?: CommandDeps['exports'];
}

/** Test and sandbox overrides the composition root passes on. */
export interface AdapterTuning {
  /** Slack's pause between posts to one channel (the sandbox and tests shorten it). */
  slackChannelIntervalMs?: number;
}

/** What the composition root gives every adapter factory besides its settings. */
export interface AdapterDeps<S> {
  settings: S;
  db: Db;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  /** How routes read bodies before they are authenticated: the shared budget, the time allowed. */
  bodies: ReadBodyOptions;
  /** Timers for background retries; tests drive them with the injected clock. */
  timers?: Timers;
  tuning: AdapterTuning;
  /**
   * One value per key for the whole start, made on first use: sources of one app (Facebook and
   * Instagram share a Meta app) share its connection.
   */
  shared<T>(key: string, make: () => T): T;
}

export interface ChatAdapterDeps<S> extends AdapterDeps<S> {
  listeners: ChatListeners;
}

export interface SourceAdapterDeps<S> extends AdapterDeps<S> {
  sink: CoreSink;
}

/** An adapter folder's module: its settings (on, or off with the reason) and its one factory. */
interface AdapterModule<S, Deps, A> {
  /**
   * On with its settings, or off with the reason the start-up log gives; throws ConfigError for
   * a setting that is there but wrong.
   */
  settings(env: Env, config: Config): AdapterSettings<S>;
  create(deps: Deps): A;
}

export interface ChatAdapterModule<S = unknown, A extends WiredChatAdapter = WiredChatAdapter>
  extends AdapterModule<S, ChatAdapterDeps<S>, A> {
  readonly id: ChatPlatformId;
  /** Default targets from the config, read whether or not the platform is on. */
  targets(config: Config): ChatTargets;
}

export interface SourceAdapterModule<S = unknown, A extends WiredSourceAdapter = WiredSourceAdapter>
  extends AdapterModule<S, SourceAdapterDeps<S>, A> {
  readonly id: NativeSourceId;
  /** What the source's rules mean for its posts when a bridge posts them to /ingest instead. */
  readonly bridged?: BridgedSource;
}

/**
 * A source's rules that hold however its posts arrive: through its own adapter, or from a bridge
 * posting to /ingest and answered through a reply webhook (`sources.<id>.replyWebhook`).
 */
export interface BridgedSource {
  /** Other names a bridge may post the source's mentions under (`x` for X). */
  readonly aliases?: readonly string[];
  /** The length budget of a public reply, counted as the source counts; absent when it has none. */
  readonly replyBudget?: ReplyLengthBudget;
  /** Whether a posted mention takes a public reply (X takes one only to a post that mentions the brand). */
  replyPolicy?(config: Config): ReplyPolicy;
}
