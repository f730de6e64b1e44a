import type { Clock } from '../../src/clock.js';
import type { HttpRoute } from '../../src/http/server.js';
import type { AmplifyResult, RepostInput } from '../../src/ingest/amplify.js';
import type { IngestResult } from '../../src/ingest/ingest.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import type { Logger } from '../../src/log.js';
import type { Metrics } from '../../src/metrics.js';
import type { ReplySource } from '../../src/ports.js';
import type { Timers } from './timers.js';

/**
 * The shape of a source adapter, as drafted for the architecture change (issue #15): that change
 * moves these declarations into src/ports.ts and wires a registry. Until then the new sources
 * implement them from here, exactly, so the move is a change of import paths only.
 */

/** What a listener hands the core. Always `await` the results: storage becomes async later. */
export interface SourceSink {
  /** Normalised mentions in the ingest format (src/ingest/schema.ts MentionInput). */
  ingest(batch: readonly MentionInput[]): Promise<IngestResult> | IngestResult;
  /** Reposts, likes, boosts: add reach to an existing mention, never a case (src/ingest/amplify.ts). */
  amplify(batch: readonly RepostInput[]): Promise<AmplifyResult> | AmplifyResult;
}

/** Small durable values (cursors, since_id, IMAP UIDVALIDITY/UID) that survive restarts. */
export interface CursorStore {
  get(key: string): Promise<string | undefined>;
  set(key: string, value: string): Promise<void>;
}

export type SourceSettings<S> = { enabled: true; settings: S } | { enabled: false; reason: string };

/** Whether a reply of each kind is possible for one item, and why not (shown on the card). */
export interface SourceCapabilities {
  publicReply: { possible: boolean; why?: string };
  privateReply: { possible: boolean; why?: string };
}

export interface SourceAdapter extends ReplySource {
  readonly source: string;
  /** Whether a public / private reply is possible for this item, and why not (shown on the card). */
  capabilities(item: { externalId: string; isPrivate: boolean; text: string }): SourceCapabilities;
  /** Start listening (idempotent); never waits on the remote service; errors are logged and retried. */
  start(sink: SourceSink): Promise<void>;
  /** Stop listening, close connections; resolves when nothing is in flight. */
  stop(): Promise<void>;
  /** Extra HTTP routes on the one server (e.g. POST /ingest/email), or none. */
  readonly routes: readonly HttpRoute[];
}

/** What every adapter factory is given besides its settings. */
export interface SourceDeps<S> {
  settings: S;
  clock: Clock;
  logger: Logger;
  metrics: Metrics;
  cursors: CursorStore;
  timers?: Timers;
  random?: () => number;
}
