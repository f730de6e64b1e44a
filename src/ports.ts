import type { Priority } from './domain/priority.js';
import type { Digest } from './domain/digest.js';
import type { SpikeAlert } from './domain/spike.js';
import type { SlaStatus } from './domain/sla.js';
import type { TriageAnswer } from './domain/triage.js';
import type { ChatPlatformId, NativeSourceId } from './domain/adapter-ids.js';

/**
 * The ports adapters implement. The core talks to chat platforms and sources only through
 * these; ids that cross the boundary are opaque prefixed strings (`slack:C123:1712.0001`).
 */

export { CHAT_PLATFORM_IDS as PLATFORM_IDS, type ChatPlatformId as PlatformId } from './domain/adapter-ids.js';
type PlatformId = ChatPlatformId;

/**
 * Whether the case's source will take a public reply to it, as decided when the message came in
 * (X, since February 2026, takes a reply only to a post that @mentions or quotes the brand's
 * account). `why` says so in words for the card: why not, or on what grounds.
 */
export interface PublicReply {
  possible: boolean;
  why: string | null;
}

/** Everything a card shows, platform-neutral. Rendering (Block Kit, Adaptive Cards) is the adapter's. */
export interface CaseView {
  id: number;
  /** `K-42`: the short reference people type. */
  ref: string;
  state: 'open' | 'resolved';
  priority: Priority;
  score: number;
  reasons: string[];
  source: string;
  author: { id?: string | null; handle?: string | null; name?: string | null; followers?: number | null; verified?: boolean };
  text: string;
  url?: string | null;
  isPrivate: boolean;
  /**
   * Whether a public reply to the customer's latest message can go out on the source. When it
   * cannot, Reply is left out (or, for a private message, sends privately) and the card says why.
   */
  publicReply: PublicReply;
  createdAt: Date;
  mentionCount: number;
  reach: number;
  owner: { id: string; name: string | null } | null;
  firstResponseAt: Date | null;
  firstResponseVia: 'klaxon' | 'outside' | null;
  resolvedAt: Date | null;
  resolvedBy: string | null;
  sla: SlaStatus;
  /** For a storm: a few recent mentions (the count and reach are `mentionCount` and `reach`). */
  incident: { samples: { handle: string | null; followers: number | null; text: string }[] } | null;
  /** Set when this case was folded into a storm's incident. */
  mergedInto: number | null;
  /**
   * The latest AI triage of the case (optional `llm` config): the model's one-line reason, shown
   * on the card marked as AI, and the priority before and after it.
   */
  ai?: { model: string; reason: string; category: string; intent: string; language: string; from: Priority; to: Priority } | null;
  /** The newest reply sent (or being sent) through Klaxon, so the card shows whether it went out. */
  lastReply: {
    outboxId: number;
    status: 'pending' | 'sending' | 'done' | 'failed' | 'uncertain';
    mode: 'public' | 'private';
    link: string | null;
    error: string | null;
  } | null;
  /**
   * What the case's source allows for a reply right now (a messaging window closing, a token that
   * expired), from the source adapter; null or absent when it has nothing to say.
   */
  sourceNote?: SourceNote | null;
  /** Harm categories found (docs/CONTRACT.md §9), most urgent first, with the card's plain words. */
  harm?: { id: string; label: string }[];
  /** Language of the first mention; `scored: false` means it was "not scored on text". */
  language?: { code: string; name: string; scored: boolean } | null;
  /** What the customer wants: complaint, question, request, praise, irrelevant, spam, other. */
  intent?: string | null;
  /** False when the case is marked "no action" (irrelevant, spam, or resolved as no action). */
  actionable?: boolean;
  /** Guidance for the agent from the harm config. Shown on the card; never sent to the customer. */
  guidance?: string | null;
  /** When the view was computed: "time left" is relative to this. */
  asOf: Date;
  version: number;
}

/** A line a source adds to a card about what a reply can do now. */
export interface SourceNote {
  text: string;
  /** When what it says ends (a window closing), shown as a date the reader's client localises. */
  until?: Date;
}

/** The customer's latest message on a case — what a reply answers — as a source sees it. */
export interface ReplyTarget {
  source: string;
  externalId: string;
  isPrivate: boolean;
  text: string;
  createdAt: Date;
  conversationId: string | null;
}

/** The sources that say on a card what a reply can do now, and what each says. */
export interface SourceNotes {
  /** Whether `source` has anything to say (checked first: most sources never do). */
  has(source: string): boolean;
  /** What the case's source allows now for a reply to `target`; null when it has nothing to add. */
  note(target: ReplyTarget): SourceNote | null;
}

/** A message that is not a case card: the adapter renders each kind its own way. */
export type Notice =
  | { kind: 'text'; text: string }
  | { kind: 'escalation'; view: CaseView; note: string | null; by: string | null; mention: string | null }
  | { kind: 'sla_warning'; view: CaseView; mention: string | null }
  | { kind: 'sla_breach'; view: CaseView; mention: string | null }
  | { kind: 'handoff'; view: CaseView; note: string | null; by: string | null; cardLink: string | null }
  | { kind: 'spike'; alert: SpikeAlert; mention: string | null };

/**
 * How to draw a card or notice. `shortForm` asks for the small fixed rendering that is certain to
 * pass (ref, priority, source, the first 500 characters, the buttons) because the platform
 * refused the full one with this error code.
 */
export interface RenderOptions {
  shortForm?: { refusedWith: string };
}

/** A chat platform (Slack, Teams) as the core sees it. */
export interface ChatPlatform {
  readonly id: PlatformId;
  /** Posts a new card for a case in a channel; returns the card's opaque ref. */
  postCard(target: string, view: CaseView, options?: RenderOptions): Promise<{ ref: string }>;
  /** Replaces a card in place. */
  updateCard(ref: string, view: CaseView, options?: RenderOptions): Promise<void>;
  /** Adds a line to the card's thread (the case history). The text is plain: the adapter escapes it. */
  postInThread(ref: string, text: string): Promise<void>;
  /** Posts a notice to a channel or, for a user id, as a direct message. */
  postNotice(target: string, notice: Notice, options?: RenderOptions): Promise<{ ref: string }>;
  /**
   * Finds a card already posted for a case (after a crash between sending and recording it), so
   * a restart adopts it instead of posting a second card. Optional: a platform that cannot look
   * back re-posts.
   */
  findCard?(target: string, caseId: number, since: Date): Promise<string | null>;
  /** A permalink to a card, when the platform has one. */
  cardLink?(ref: string): Promise<string | null>;
  /**
   * Posts the executive digest with its chart (a PNG) to a channel, as one message when the
   * platform allows it. Optional: the digest handler fails with `not_configured` without it.
   */
  postDigest?(target: string, digest: Digest, chartPng: Buffer): Promise<{ ref: string }>;
}

/** A customer-facing source (X, a webhook) that can answer the customer. */
export interface ReplySource {
  readonly source: string;
  /** Sends a public reply; returns its id and link when the source gives them. */
  replyPublic(input: ReplyInput): Promise<DeliveryResult>;
  /** Sends a private message (DM, email) to the customer. */
  sendPrivate(input: ReplyInput): Promise<DeliveryResult>;
  /** A reason the text cannot be sent on this source (e.g. over X's 280 weighted characters), or null. */
  validate?(text: string, mode: 'public' | 'private'): string | null;
  /** How much of the source's length budget a public reply uses (X counts weighted characters). */
  measure?(text: string): { used: number; limit: number };
  /**
   * Looks on the platform for a reply an earlier attempt may have sent (`since` = when that
   * attempt began), and returns it, or null when it is not there. The outbox calls it before a
   * manual retry, so a source that cannot dedupe by `idempotencyKey` (X, e-mail, Bluesky…) never
   * sends twice. A source whose receiver dedupes by the key (the webhook) leaves it out.
   */
  findDelivered?(input: ReplyInput, mode: 'public' | 'private', since: Date): Promise<DeliveryResult | null>;
}

export interface ReplyInput {
  caseId: number;
  /** The customer message being answered (its id at the source). */
  inReplyTo: string;
  author: { id?: string | null; handle?: string | null; name?: string | null };
  conversationId?: string | null;
  text: string;
  /** A key that stays the same across retries of the same reply (for sources that dedupe). */
  idempotencyKey: string;
}

export interface DeliveryResult {
  id?: string;
  url?: string;
}

/**
 * Where a delivery failed: `connect` = before any byte of the request could reach the other side
 * (DNS, connection refused, TLS); `sent` = after the request was (or may have been) written, so
 * the other side may have acted on it (a timeout, a reset, an HTTP answer).
 */
export type DeliveryPhase = 'connect' | 'sent';

/**
 * What a source adapter throws when a delivery to the customer did not clearly succeed: the facts
 * only (phase, HTTP status, the wait the platform asked for). The outbox alone decides what they
 * mean (src/outbox/delivery-policy.ts): retry, give up, or "uncertain" — so every source follows
 * one rule. A refusal with words for the agent is a KlaxonError('delivery_failed') instead.
 */
export class DeliveryError extends Error {
  constructor(
    message: string,
    readonly phase: DeliveryPhase,
    /** The HTTP status the platform answered; null when no answer came (timeout, reset). */
    readonly status: number | null,
    /** The wait the platform asked for (Retry-After, X's x-rate-limit-reset), if any. */
    readonly retryAfterMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'DeliveryError';
  }
}

/**
 * The platform refused what was sent (Slack's `invalid_blocks`, Teams' `MessageSizeTooBig`…):
 * the same payload will never pass. `code` is the platform's error code, `details` its list of
 * what is wrong (schema messages, never the payload's text).
 */
export class PayloadRefusedError extends Error {
  constructor(
    readonly code: string,
    readonly details: readonly string[] = [],
    options?: { cause?: unknown },
  ) {
    super(`the platform refused the payload (${code})`, options);
    this.name = 'PayloadRefusedError';
  }
}

/**
 * The target cannot receive posts: the channel does not exist, or the bot is not in it and
 * cannot join it (a private channel needs an invitation). The message says what to do.
 */
export class TargetUnavailableError extends Error {
  constructor(
    readonly code: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TargetUnavailableError';
  }
}

/**
 * An error an adapter throws when a call may succeed later. The outbox retries these after
 * `retryAfterMs` (rate limits) or with backoff (server and network errors).
 */
export class RetryableError extends Error {
  constructor(
    message: string,
    readonly retryAfterMs: number | null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'RetryableError';
  }
}

/**
 * An optional AI model that gives a second opinion on a mention (adapters/llm). The core asks it
 * only after the case exists with its local score, and falls back to that score on any error.
 */
export interface TriageModel {
  /** The model's name, shown beside its reasons. */
  readonly model: string;
  /**
   * Classifies one customer message. Rejects with a TriageModelError: `timeout` (no answer in
   * time), `error` (transport, HTTP, refusal) or `malformed` (not the agreed JSON).
   */
  triage(text: string, options?: { signal?: AbortSignal }): Promise<TriageAnswer>;
}

export type TriageFailure = 'timeout' | 'error' | 'malformed';

/** Why a TriageModel gave no usable answer (the cause kept; never the customer's text). */
export class TriageModelError extends Error {
  constructor(
    readonly failure: TriageFailure,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'TriageModelError';
  }
}

/**
 * Whether an adapter is on, from the environment and the config file: on with its settings, or
 * off with the reason the start-up log gives. A setting that is there but wrong is no reason to
 * be off: the settings function throws a ConfigError naming it, and the start stops.
 */
export type AdapterSettings<S> = { enabled: true; settings: S } | { enabled: false; reason: string };

/** The item a card is about, as far as a source's capabilities need it. */
export interface CapabilityItem {
  externalId: string;
  isPrivate: boolean;
  text: string;
  /** When the customer wrote it: windows that run from the customer's last message start here. */
  createdAt?: Date;
}

/** How long a public reply may be on a source, counted as it counts (src/replies/budget.ts). */
export interface ReplyLengthBudget {
  readonly limit: number;
  /** What is counted, for the person reading the count. */
  readonly unit: string;
  measure(text: string): number;
}

/** How the outbox paces posts to one target: at most `cap` calls per `intervalMs`. */
export interface TargetPacing {
  intervalMs: number;
  cap: number;
}

/**
 * A customer-facing source with an adapter of its own (X, e-mail, Facebook, Bluesky…), as the
 * composition root wires it: what it reads, how it answers, what it can answer. `Route` is the
 * HTTP layer's route (src/http/server.ts): the source's webhooks are served on the one server.
 */
export interface SourceAdapter<Route = unknown, Detail = unknown> {
  readonly id: NativeSourceId;
  /**
   * What the source reads. `start` never waits on the remote service (errors are logged and
   * retried) and delivers to the core's sink; `stop` stops reading, before the outbox drains.
   */
  readonly listen: { start(): Promise<void>; stop(): Promise<void> };
  /** Public replies and private messages; null when the source cannot answer (X without user context). */
  readonly reply: ReplySource | null;
  /** Whether a public reply to this item can go out now, and why not in words; null when it has nothing to say. */
  canReplyPublicly(item: CapabilityItem): { possible: boolean; why?: string } | null;
  /**
   * The line a card shows about what a reply can do now (a messaging window closing); absent when
   * the source never has one.
   */
  note?(target: ReplyTarget): SourceNote | null;
  /** The length budget of a public reply, counted as the source counts; null when it has none. */
  readonly replyBudget: ReplyLengthBudget | null;
  /** HTTP routes on the one server (a webhook), or none. The same route object may be shared by sources of one app. */
  readonly routes: readonly Route[];
  /** Releases what replies need (SMTP, connections), after the outbox has drained. */
  close(): Promise<void>;
  /** The adapter's own object, for its tests and the CLI (X's cost estimate, the IMAP listener). */
  readonly detail: Detail;
}

/**
 * A chat platform's adapter (Slack, Teams): its outgoing port, its routes (the HTTP layer's
 * `Route`, as for a source), its pacing, its life.
 */
export interface ChatAdapter<Route = unknown> {
  readonly platform: ChatPlatform;
  readonly routes: readonly Route[];
  /** How the outbox paces posts to one target of this platform. */
  readonly pacing: TargetPacing;
  /** How a channel is written in a message on this platform (`<#C123>` on Slack): the adapter renders, not the core. */
  channelLabel(target: string): string;
  /** Starts after the server listens and before the outbox; stops after the outbox drained. */
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** Where a chat platform's cards, escalations and digest go by default (config). */
export interface ChatTargets {
  triage?: string;
  escalation?: string;
  digest?: string;
}
