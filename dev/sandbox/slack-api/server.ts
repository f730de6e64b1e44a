import { createServer, type IncomingHttpHeaders, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { METHODS, type Args } from './methods.js';
import { ownValue } from '../../../src/own.js';
import { SlackWorkspace } from './store.js';

/** The methods that post, change or show something: a refusal of one of them is a visible failure. */
const WRITES = /^(chat\.|views\.|files\.completeUploadExternal$|conversations\.join$)/;

export interface InjectedFailure {
  status?: number;
  error?: string;
  retryAfterSeconds?: number;
}

export interface SlackApiOptions {
  /** Enforce Slack's per-channel posting rate: more than `perChannelPerSecond` posts → 429. */
  rateLimit?: { perChannelPerSecond: number };
  /** Keep every raw request (headers and body) in `requests`: secret-leak tests scan them. */
  captureRequests?: boolean;
  /** Where a host server mounts the API (the sandbox serves it under `/sandbox`); upload URLs include it. */
  basePath?: string;
}

/** A request exactly as it arrived (kept only with `captureRequests`). */
export interface CapturedRequest {
  method: string;
  headers: IncomingHttpHeaders;
  body: string;
}

/**
 * How long the answer to a method is held back after its effect is applied: a number of
 * milliseconds, or 'until-released' (see `releaseResponses`). Crash and shutdown tests use it to
 * stop the app while a message is already posted but its caller does not know yet.
 */
export type ResponseHold = number | 'until-released';

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

function parseArgs(req: IncomingMessage, body: Buffer): Args {
  const type = req.headers['content-type'] ?? '';
  const text = body.toString('utf8');
  if (type.includes('application/json')) {
    try {
      return JSON.parse(text || '{}') as Args;
    } catch {
      return {};
    }
  }
  const args: Args = {};
  for (const [key, value] of new URLSearchParams(text)) args[key] = value;
  return args;
}

/**
 * A loopback Slack Web API (`POST /api/<method>`) over a SlackWorkspace. Tests point
 * SLACK_API_URL at it; the sandbox serves it to the real Slack adapter.
 */
export class LocalSlackApi {
  readonly workspace: SlackWorkspace;
  readonly #failures = new Map<string, InjectedFailure[]>();
  readonly #posts = new Map<string, number[]>();
  readonly rateLimited: { method: string; channel: string; at: number }[] = [];
  readonly requests: CapturedRequest[] = [];
  readonly #holds = new Map<string, ResponseHold>();
  readonly #waiting = new Set<() => void>();
  #heldCount = 0;
  #options: SlackApiOptions;

  constructor(workspace = new SlackWorkspace(), options: SlackApiOptions = {}) {
    this.workspace = workspace;
    this.#options = options;
  }

  setRateLimit(rateLimit: SlackApiOptions['rateLimit']): void {
    this.#options = { ...this.#options, rateLimit };
  }

  /** Holds the answers to `method` (its effect is already applied); `null` stops holding. */
  holdResponses(method: string, hold: ResponseHold | null): void {
    if (hold === null) this.#holds.delete(method);
    else this.#holds.set(method, hold);
  }

  /** Sends every answer held 'until-released' now. */
  releaseResponses(): void {
    for (const release of [...this.#waiting]) release();
  }

  /** Answers applied but not yet sent: their callers do not know the effect happened. */
  get heldResponses(): number {
    return this.#heldCount;
  }

  async #hold(method: string): Promise<void> {
    const hold = this.#holds.get(method);
    if (hold === undefined || hold === 0) return;
    this.#heldCount += 1;
    try {
      await new Promise<void>((resolve) => {
        const release = () => {
          this.#waiting.delete(release);
          clearTimeout(timer);
          resolve();
        };
        const timer = hold === 'until-released' ? undefined : setTimeout(release, hold);
        this.#waiting.add(release);
      });
    } finally {
      this.#heldCount -= 1;
    }
  }

  /** The next call(s) to `method` fail this way, once per entry. */
  failNext(method: string, ...failures: InjectedFailure[]): void {
    this.#failures.set(method, [...(this.#failures.get(method) ?? []), ...failures]);
  }

  #overRate(method: string, channel: string): boolean {
    const limit = this.#options.rateLimit;
    if (!limit || method !== 'chat.postMessage' || !channel) return false;
    const now = this.workspace.now();
    const recent = (this.#posts.get(channel) ?? []).filter((t) => now - t < 1000);
    if (recent.length >= limit.perChannelPerSecond) {
      this.#posts.set(channel, recent);
      return true;
    }
    recent.push(now);
    this.#posts.set(channel, recent);
    return false;
  }

  /**
   * Receives a file's bytes at the URL files.getUploadURLExternal handed out. The web-api client
   * posts them as multipart form data (one file part); a raw body is accepted too, as Slack does.
   */
  async #upload(req: IncomingMessage, res: ServerResponse, fileId: string): Promise<void> {
    const body = await readBody(req);
    const file = this.workspace.files.get(fileId);
    if (!file || req.method !== 'POST') {
      res.writeHead(404, { 'content-type': 'text/plain' });
      res.end('not found');
      return;
    }
    const type = req.headers['content-type'] ?? '';
    let bytes = body;
    if (type.startsWith('multipart/form-data')) {
      const form = await new Request('http://upload.local/', { method: 'POST', headers: { 'content-type': type }, body }).formData();
      const part = [...form.values()].find((v) => typeof v !== 'string');
      bytes = part && typeof part !== 'string' ? Buffer.from(await part.arrayBuffer()) : Buffer.alloc(0);
    }
    file.bytes = bytes;
    this.workspace.record('upload', { file_id: fileId, bytes: bytes.length });
    res.writeHead(200, { 'content-type': 'text/plain' });
    res.end(`OK - ${bytes.length}`);
  }

  /** Handles `/api/<method>` and `/upload/<file id>`; returns false for other paths so a host server can route them. */
  async handle(req: IncomingMessage, res: ServerResponse, path: string): Promise<boolean> {
    const upload = /^\/upload\/(F[A-Z0-9]+)$/.exec(path);
    if (upload?.[1]) {
      await this.#upload(req, res, upload[1]);
      return true;
    }
    const match = /^\/api\/([a-zA-Z.]+)$/.exec(path);
    if (!match?.[1]) return false;
    const method = match[1];
    const raw = await readBody(req);
    if (this.#options.captureRequests) this.requests.push({ method, headers: { ...req.headers }, body: raw.toString('utf8') });
    const args = parseArgs(req, raw);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { 'content-type': 'application/json', ...headers });
      res.end(JSON.stringify(body));
    };
    if (!req.headers.authorization?.startsWith('Bearer ') && method !== 'auth.test') {
      send(200, { ok: false, error: 'not_authed' });
      return true;
    }
    const failure = this.#failures.get(method)?.shift();
    if (failure) {
      this.workspace.record(`${method}#failed`, args);
      if (failure.status === 429) {
        send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': String(failure.retryAfterSeconds ?? 1) });
        return true;
      }
      if (failure.status) {
        send(failure.status, { ok: false, error: failure.error ?? 'injected' });
        return true;
      }
      send(200, { ok: false, error: failure.error ?? 'injected' });
      return true;
    }
    if (this.#overRate(method, String(args.channel ?? ''))) {
      this.rateLimited.push({ method, channel: String(args.channel), at: this.workspace.now() });
      send(429, { ok: false, error: 'ratelimited' }, { 'retry-after': '1' });
      return true;
    }
    // The method name comes from the URL: `/api/constructor` must be an unknown method, not Object.
    const impl = ownValue(METHODS, method);
    if (!impl) {
      this.workspace.record(method, args);
      send(200, { ok: false, error: 'unknown_method' });
      return true;
    }
    // Upload URLs point back at whichever address the client reached us on.
    const result = impl(this.workspace, args, { baseUrl: `http://${req.headers.host ?? '127.0.0.1'}${this.#options.basePath ?? ''}` });
    this.workspace.record(method, args);
    // A refused write is kept where the sandbox page shows it. Lookups that find nothing
    // (users.info, conversations.info) and a stale modal update are routine, not refusals.
    if (!result.ok && WRITES.test(method) && result.error !== 'hash_conflict')
      this.workspace.refused({ method, error: result.error, errors: Array.isArray(result.errors) ? (result.errors as string[]) : [] });
    await this.#hold(method);
    send(200, result);
    return true;
  }

  /** Serves the API alone on 127.0.0.1 (tests). */
  async listen(port = 0): Promise<{ url: string; server: Server; close: () => Promise<void> }> {
    const server = createServer((req, res) => {
      const path = (req.url ?? '/').split('?')[0] ?? '/';
      this.handle(req, res, path)
        .then((handled) => {
          if (!handled) {
            res.writeHead(404, { 'content-type': 'application/json' });
            res.end('{"ok":false,"error":"not_found"}');
          }
        })
        .catch(() => {
          res.writeHead(500);
          res.end();
        });
    });
    await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
    const { port: bound } = server.address() as AddressInfo;
    return {
      url: `http://127.0.0.1:${bound}/api/`,
      server,
      close: () =>
        new Promise<void>((resolve) => {
          this.releaseResponses();
          server.closeAllConnections();
          server.close(() => resolve());
        }),
    };
  }
}
