import type { Logger } from '../../src/log.js';
import { failedBeforeSending, networkErrorCode } from '../source-kit/network.js';
import { systemTimers, type Timers } from '../source-kit/timers.js';
import type { Metrics } from '../../src/telemetry.js';
import { classifyAnswer, GraphError, parseGraphError, refusalText, tokenProblem } from './errors.js';
import type { MetaSettings } from './settings.js';
import { appSecretProof } from './signature.js';
import type { CallKind, UsageGovernor } from './usage.js';

export interface GraphClientDeps {
  settings: Pick<MetaSettings, 'graphUrl' | 'apiVersion' | 'pageToken' | 'appSecret'>;
  logger: Logger;
  metrics: Metrics;
  usage: UsageGovernor;
  /** Scrubs secrets from anything that may end in a log line or an error. */
  redact: (text: string) => string;
  /** Told when Meta refuses the token (a sentence for people) and when it works again (null). */
  tokenState: (problem: string | null) => void;
  fetch?: typeof globalThis.fetch;
  /** How long a call may take in all (connect, answer, body); on the injected timers. */
  timeoutMs?: number;
  timers?: Timers;
}

export type GraphParams = Record<string, string>;

/** One Graph API path segment from an id the payload parser already restricted to `[A-Za-z0-9_]`. */
export const seg = (id: string): string => encodeURIComponent(id);

/**
 * The Graph API over fetch: versioned paths, the Page token as a Bearer header (never in a URL, so
 * never in a log), `appsecret_proof` on every call, the usage headers read from every answer and
 * honoured before each call, and every failure turned into a GraphError that says what it means.
 */
export class GraphClient {
  readonly #d: GraphClientDeps;
  readonly #proof: string;

  constructor(deps: GraphClientDeps) {
    this.#d = deps;
    this.#proof = appSecretProof(deps.settings.appSecret, deps.settings.pageToken);
  }

  /** A read; an optional one (details that only enrich a card) returns null when usage is high. */
  async read<T>(
    source: string,
    op: string,
    path: string,
    params: GraphParams = {},
    kind: Exclude<CallKind, 'write'> = 'read',
  ): Promise<T | null> {
    const decision = this.#d.usage.decide(kind);
    if (!decision.go) {
      if (kind === 'optional-read') return null;
      throw new GraphError(`held back: ${decision.why}`, 'throttled', null, null, decision.waitMs);
    }
    return this.#call<T>(source, op, 'GET', path, params, null);
  }

  async write<T>(source: string, op: string, path: string, body: Record<string, unknown>): Promise<T> {
    const decision = this.#d.usage.decide('write');
    if (!decision.go) throw new GraphError(`held back: ${decision.why}`, 'throttled', null, null, decision.waitMs);
    return (await this.#call<T>(source, op, 'POST', path, {}, body)) as T;
  }

  async #call<T>(
    source: string,
    op: string,
    method: 'GET' | 'POST',
    path: string,
    params: GraphParams,
    body: Record<string, unknown> | null,
  ): Promise<T> {
    const { settings, metrics, usage, redact } = this.#d;
    const url = new URL(`${settings.graphUrl}/${settings.apiVersion}/${path}`);
    for (const [k, v] of Object.entries(params)) url.searchParams.set(k, v);
    url.searchParams.set('appsecret_proof', this.#proof);
    metrics.sourceCalls.inc({ source, op });
    // A deadline on the whole call: a timeout once the request is written is "it may have
    // happened" (after_write), never "it did not" — the caller must not send it again blindly.
    const timers = this.#d.timers ?? systemTimers;
    const timeoutMs = this.#d.timeoutMs ?? 30_000;
    const deadline = new AbortController();
    const timeout = () => deadline.abort(new DOMException(`no answer within ${timeoutMs / 1000} s`, 'TimeoutError'));
    const timer = timers.setTimeout(timeout, timeoutMs);
    let res: Response;
    let text: string;
    try {
      try {
        res = await (this.#d.fetch ?? globalThis.fetch)(url, {
          method,
          headers: {
            authorization: `Bearer ${settings.pageToken}`,
            accept: 'application/json',
            ...(body ? { 'content-type': 'application/json' } : {}),
          },
          body: body ? JSON.stringify(body) : undefined,
          signal: deadline.signal,
        });
      } catch (error) {
        const code = networkErrorCode(error);
        const name = code ?? (error instanceof Error ? error.name : 'error');
        const what = `${name}: ${error instanceof Error ? error.message : String(error)}`;
        const detail = redact(what).slice(0, 300);
        throw new GraphError(detail, failedBeforeSending(error) ? 'connect' : 'after_write', null, null, null, { cause: error });
      }
      try {
        text = await res.text();
      } catch (error) {
        const kind = res.ok ? 'after_write' : 'server';
        throw new GraphError(`the answer was cut off (HTTP ${res.status})`, kind, res.status, null, null, { cause: error });
      }
    } finally {
      timers.clearTimeout(timer);
    }
    let json: unknown = null;
    try {
      json = text ? JSON.parse(text) : null;
    } catch {
      json = null;
    }
    usage.observe(res.headers, res.ok);
    if (res.ok) {
      if (json === null || typeof json !== 'object')
        throw new GraphError(`an unreadable answer (HTTP ${res.status})`, 'after_write', res.status, null);
      this.#d.tokenState(null);
      return json as T;
    }
    const parsedError = parseGraphError(json);
    // Meta's words go to cards and logs: scrub them like everything else.
    const err = parsedError ? { ...parsedError, message: redact(parsedError.message) } : null;
    const kind = classifyAnswer(res.status, err);
    const message = redact(`Graph API ${method} ${op}: HTTP ${res.status} ${refusalText(err, res.status)}`);
    if (kind === 'token') {
      this.#d.tokenState(tokenProblem(err));
      throw new GraphError(message, 'token', res.status, err);
    }
    if (kind === 'throttled' || kind === 'unavailable') {
      const retryAfter = Number(res.headers.get('retry-after'));
      const asked = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null;
      const waitMs = kind === 'throttled' ? usage.throttled(asked, `Meta throttled the app (${refusalText(err, res.status)})`) : asked;
      throw new GraphError(message, kind, res.status, err, waitMs);
    }
    throw new GraphError(message, kind, res.status, err);
  }
}
