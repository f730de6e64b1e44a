import type { ConfigurationBotFrameworkAuthentication } from 'botbuilder';
import PQueue from 'p-queue';
import type { Logger } from '../../src/log.js';
import { RetryableError } from '../../src/ports.js';
import { baseConversationId } from './ids.js';
import { SlidingWindowPacer, TEAMS_LIMITS, type ConversationLimits, type PacerClock } from './pacer.js';

/** The HTTP client slot of botbuilder's connector options (core-http-compat's RequestPolicy shape). */
type ConnectorOptions = NonNullable<ConstructorParameters<typeof ConfigurationBotFrameworkAuthentication>[4]>;
export type ConnectorHttpClient = NonNullable<ConnectorOptions['httpClient']>;
type WebResource = Parameters<ConnectorHttpClient['sendRequest']>[0];
type CompatResponse = Awaited<ReturnType<ConnectorHttpClient['sendRequest']>>;
type HeadersLike = CompatResponse['headers'];

/** The outbox's pacing of Teams targets (the transport enforces Teams' exact limits below it). */
export interface TeamsPacing {
  intervalMs: number;
  cap: number;
}
export const TEAMS_PACING: TeamsPacing = { intervalMs: 1000, cap: 7 };

/** How long a 429 without a usable Retry-After pauses a conversation. */
const DEFAULT_RETRY_AFTER_MS = 1000;
const REQUEST_TIMEOUT_MS = 30_000;

/** A case-insensitive header bag in the shape the connector pipeline converts back and forth. */
class Headers implements HeadersLike {
  readonly #map = new Map<string, { name: string; value: string }>();
  constructor(raw: Record<string, string> = {}) {
    for (const [name, value] of Object.entries(raw)) this.set(name, value);
  }
  set(name: string, value: string | number): void {
    this.#map.set(name.toLowerCase(), { name, value: String(value) });
  }
  get(name: string): string | undefined {
    return this.#map.get(name.toLowerCase())?.value;
  }
  contains(name: string): boolean {
    return this.#map.has(name.toLowerCase());
  }
  remove(name: string): boolean {
    return this.#map.delete(name.toLowerCase());
  }
  rawHeaders(): Record<string, string> {
    return this.toJson();
  }
  headersArray(): { name: string; value: string }[] {
    return [...this.#map.values()];
  }
  headerNames(): string[] {
    return this.headersArray().map((h) => h.name);
  }
  headerValues(): string[] {
    return this.headersArray().map((h) => h.value);
  }
  clone(): Headers {
    return new Headers(this.toJson({ preserveCase: true }));
  }
  toJson(options?: { preserveCase?: boolean }): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [key, h] of this.#map) out[options?.preserveCase ? h.name : key] = h.value;
    return out;
  }
}

/**
 * Retry-After as the connector may send it: `retry-after-ms` / `x-ms-retry-after-ms` in
 * milliseconds, else `Retry-After` in seconds or as an HTTP date.
 */
export function retryAfterMs(headers: { get(name: string): string | null }, now: number): number {
  for (const name of ['retry-after-ms', 'x-ms-retry-after-ms']) {
    const ms = Number(headers.get(name));
    if (headers.get(name) !== null && Number.isFinite(ms) && ms >= 0) return ms;
  }
  const raw = headers.get('retry-after');
  if (raw !== null && raw.trim() !== '') {
    const seconds = Number(raw);
    if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
    const date = Date.parse(raw);
    if (Number.isFinite(date)) return Math.max(0, date - now);
  }
  return DEFAULT_RETRY_AFTER_MS;
}

/** The conversation a connector URL acts on (`/v3/conversations/<id>/activities…`), for pacing. */
export function conversationOfUrl(url: string): string {
  const match = /\/v3\/conversations\/([^/?]+)/.exec(new URL(url).pathname);
  return match?.[1] ? baseConversationId(decodeURIComponent(match[1])) : '(service)';
}

/**
 * Every call botbuilder makes to the Bot Framework connector goes through here: one queue per
 * conversation, paced within Teams' sliding limits, and errors the outbox understands. botbuilder's own
 * pipeline would retry a 429 by sleeping inside the call; throwing a non-RestError skips that, so
 * the durable outbox decides when to try again (and a restart does not lose the wait).
 */
export class ConnectorTransport {
  readonly #queues = new Map<string, PQueue>();
  readonly #pacer: SlidingWindowPacer | null;
  readonly #logger: Logger;
  readonly #now: () => number;

  constructor(options: { logger: Logger; limits?: ConversationLimits | null; pacerClock?: PacerClock; now?: () => number }) {
    this.#pacer = options.limits === null ? null : new SlidingWindowPacer(options.limits ?? TEAMS_LIMITS, options.pacerClock);
    this.#logger = options.logger;
    this.#now = options.now ?? Date.now;
  }

  /** The client to hand botbuilder as `connectorClientOptions.httpClient`. */
  readonly httpClient: ConnectorHttpClient = {
    sendRequest: (request: WebResource) => {
      const conversation = conversationOfUrl(request.url);
      return this.#queueFor(conversation).add(() =>
        this.#pacer ? this.#pacer.run(conversation, () => this.#send(request)) : this.#send(request),
      );
    },
  };

  /** Waits for every queued call (shutdown). */
  async idle(): Promise<void> {
    await Promise.all([...this.#queues.values()].map((q) => q.onIdle()));
  }

  #queueFor(conversation: string): PQueue {
    let queue = this.#queues.get(conversation);
    if (!queue) {
      // One call at a time per conversation: the pacer's check and count never interleave.
      queue = new PQueue({ concurrency: 1 });
      this.#queues.set(conversation, queue);
    }
    return queue;
  }

  /** A 429 pauses the whole conversation: every call to it would be refused until then. */
  #pause(conversation: string, ms: number): void {
    const queue = this.#queueFor(conversation);
    queue.pause();
    setTimeout(() => queue.start(), ms).unref();
  }

  async #send(request: WebResource): Promise<CompatResponse> {
    const conversation = conversationOfUrl(request.url);
    let res: Response;
    try {
      res = await fetch(request.url, {
        method: request.method,
        headers: request.headers.toJson({ preserveCase: true }),
        body:
          typeof request.body === 'string' || request.body === undefined || request.body === null
            ? (request.body ?? undefined)
            : JSON.stringify(request.body),
        signal: AbortSignal.timeout(request.timeout || REQUEST_TIMEOUT_MS),
      });
    } catch (error) {
      throw new RetryableError('Teams connector unreachable', null, { cause: error });
    }
    const bodyAsText = await res.text();
    if (res.status === 429) {
      const wait = retryAfterMs(res.headers, this.#now());
      this.#pause(conversation, wait);
      this.#logger.warn('Teams rate limit (429); pausing the conversation', { conversation, retryAfterMs: wait });
      throw new RetryableError('Teams rate limit (429)', wait);
    }
    if (res.status >= 500 || res.status === 408) {
      const wait = res.headers.get('retry-after') !== null ? retryAfterMs(res.headers, this.#now()) : null;
      throw new RetryableError(`Teams connector HTTP ${res.status}`, wait, { cause: new Error(bodyAsText.slice(0, 300)) });
    }
    const headers = new Headers();
    res.headers.forEach((value, name) => {
      headers.set(name, value);
    });
    return { status: res.status, headers, bodyAsText, request };
  }
}
