import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ManualClock } from '../../../src/clock.js';
import { countLength, mentionsIn, renderContent } from './content.js';

export interface FakeAccount {
  id: string;
  username: string;
  /** `user` on this instance, `user@domain` elsewhere. */
  acct: string;
  display_name: string;
  followers_count: number;
  url: string;
}

export interface FakeStatus {
  id: string;
  account: FakeAccount;
  text: string;
  content: string;
  visibility: 'public' | 'unlisted' | 'private' | 'direct';
  in_reply_to_id: string | null;
  spoiler_text: string;
  created_at: string;
  media: number;
}

export interface FakeNotification {
  id: string;
  type: 'mention' | 'reblog' | 'favourite' | 'follow';
  recipient: string;
  account: FakeAccount;
  status: FakeStatus | null;
  created_at: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
}

const HOST = 'social.example';
const RATE_LIMIT = 300;
const RATE_WINDOW_MS = 5 * 60_000;

/**
 * A loopback Mastodon instance: the REST API Klaxon uses (verify_credentials, /api/v2/instance,
 * notifications with since_id/min_id/max_id and Link pagination, statuses with Idempotency-Key)
 * and the streaming API over WebSocket. It refuses what Mastodon refuses: a bad token (401), a
 * reply to a status that is gone (404), a status over the instance's limit (422), more than 300
 * requests in five minutes (429 with X-RateLimit-Reset). JSON keys are snake_case, as Mastodon's.
 */
export class FakeMastodon {
  readonly accounts = new Map<string, FakeAccount>();
  readonly tokens = new Map<string, string>();
  readonly statuses = new Map<string, FakeStatus>();
  readonly notifications: FakeNotification[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly streams = new Map<WebSocket, string>();
  /** Every streaming connection's account id, in order (refused ones as null). */
  readonly streamConnections: (string | null)[] = [];
  maxCharacters = 500;
  #idempotency = new Map<string, string>();
  #seq = 109_000_000_000_000_000n;
  #calls = new Map<string, { windowStart: number; count: number }>();
  #injections: { method: string; path: RegExp; status: number; body: unknown; headers: Record<string, string>; times: number }[] = [];
  #losing: { method: string; path: RegExp; times: number }[] = [];
  #server: Server | null = null;
  #wss: WebSocketServer | null = null;
  #url = '';

  constructor(readonly clock: ManualClock) {}

  get url(): string {
    return this.#url;
  }

  account(username: string, options: { domain?: string; displayName?: string; followers?: number; token?: string } = {}): FakeAccount {
    const id = this.#nextId();
    const account: FakeAccount = {
      id,
      username,
      acct: options.domain ? `${username}@${options.domain}` : username,
      display_name: options.displayName ?? username,
      followers_count: options.followers ?? 0,
      url: `https://${options.domain ?? HOST}/@${username}`,
    };
    this.accounts.set(id, account);
    if (options.token) this.tokens.set(options.token, id);
    return account;
  }

  /** A status by `author`; every account it @mentions gets a mention notification (streamed too). */
  post(
    author: FakeAccount,
    text: string,
    options: { replyTo?: FakeStatus; visibility?: FakeStatus['visibility']; spoiler?: string; media?: number } = {},
  ): FakeStatus {
    const status: FakeStatus = {
      id: this.#nextId(),
      account: author,
      text,
      content: renderContent(text, HOST),
      visibility: options.visibility ?? 'public',
      in_reply_to_id: options.replyTo?.id ?? null,
      spoiler_text: options.spoiler ?? '',
      created_at: this.clock.now().toISOString(),
      media: options.media ?? 0,
    };
    this.statuses.set(status.id, status);
    for (const m of mentionsIn(text)) {
      const local = m.domain === null || m.domain.toLowerCase() === HOST;
      const target = [...this.accounts.values()].find(
        (a) =>
          a.username.toLowerCase() === m.username.toLowerCase() &&
          (local ? !a.acct.includes('@') : a.acct.toLowerCase() === `${m.username}@${m.domain}`.toLowerCase()),
      );
      if (target && target.id !== author.id) this.#notify(target.id, 'mention', author, status);
    }
    return status;
  }

  favourite(by: FakeAccount, status: FakeStatus): void {
    this.#notify(status.account.id, 'favourite', by, status);
  }

  reblog(by: FakeAccount, status: FakeStatus): void {
    this.#notify(status.account.id, 'reblog', by, status);
  }

  statusesBy(account: FakeAccount): FakeStatus[] {
    return [...this.statuses.values()].filter((s) => s.account.id === account.id);
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  inject(method: string, path: RegExp, answer: { status: number; body?: unknown; headers?: Record<string, string> }, times = 1): void {
    this.#injections.push({
      method,
      path,
      status: answer.status,
      body: answer.body ?? { error: 'Internal server error' },
      headers: answer.headers ?? {},
      times,
    });
  }

  /** The next matching requests take effect, but their answers are lost (connection cut). */
  loseAnswers(method: string, path: RegExp, times = 1): void {
    this.#losing.push({ method, path, times });
  }

  dropStreams(): void {
    for (const ws of this.streams.keys()) ws.terminate();
  }

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => this.#json(res, 500, { error: String(error) }));
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      const url = new URL(req.url ?? '/', 'http://fake');
      const token = (req.headers.authorization ?? '').replace(/^Bearer /, '') || url.searchParams.get('access_token') || '';
      const accountId = this.tokens.get(token);
      if (url.pathname !== '/api/v1/streaming' || !accountId || url.searchParams.get('stream') !== 'user:notification') {
        this.streamConnections.push(null);
        socket.write('HTTP/1.1 401 Unauthorized\r\ncontent-type: application/json\r\n\r\n{"error":"Error: Missing access token"}');
        socket.destroy();
        return;
      }
      wss.handleUpgrade(req, socket, head, (ws) => {
        this.streamConnections.push(accountId);
        this.streams.set(ws, accountId);
        ws.on('close', () => this.streams.delete(ws));
      });
    });
    this.#server = server;
    this.#wss = wss;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async close(): Promise<void> {
    for (const ws of this.streams.keys()) ws.terminate();
    this.#wss?.close();
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #nextId(): string {
    this.#seq += 1000n;
    return this.#seq.toString();
  }

  #notify(recipient: string, type: FakeNotification['type'], by: FakeAccount, status: FakeStatus | null): void {
    const n: FakeNotification = { id: this.#nextId(), type, recipient, account: by, status, created_at: this.clock.now().toISOString() };
    this.notifications.push(n);
    for (const [ws, account] of this.streams) {
      if (account === recipient)
        ws.send(
          JSON.stringify({ stream: ['user:notification'], event: 'notification', payload: JSON.stringify(this.#notificationJson(n)) }),
        );
    }
  }

  #statusJson(s: FakeStatus) {
    return {
      id: s.id,
      uri: `https://${HOST}/users/${s.account.username}/statuses/${s.id}`,
      url: `https://${HOST}/@${s.account.acct}/${s.id}`,
      created_at: s.created_at,
      account: s.account,
      content: s.content,
      visibility: s.visibility,
      sensitive: s.spoiler_text !== '',
      spoiler_text: s.spoiler_text,
      media_attachments: Array.from({ length: s.media }, (_, i) => ({ id: `${s.id}${i}`, type: 'image' })),
      in_reply_to_id: s.in_reply_to_id,
      in_reply_to_account_id: s.in_reply_to_id ? (this.statuses.get(s.in_reply_to_id)?.account.id ?? null) : null,
      mentions: [],
      tags: [],
      emojis: [],
      reblogs_count: 0,
      favourites_count: 0,
      replies_count: 0,
    };
  }

  #notificationJson(n: FakeNotification) {
    return {
      id: n.id,
      type: n.type,
      created_at: n.created_at,
      group_key: `ungrouped-${n.id}`,
      account: n.account,
      status: n.status ? this.#statusJson(n.status) : null,
    };
  }

  #json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
    res.end(JSON.stringify(body));
  }

  #rateHeaders(token: string): { headers: Record<string, string>; exceeded: boolean } {
    const now = this.clock.now().getTime();
    const current = this.#calls.get(token);
    const window =
      current && now - current.windowStart < RATE_WINDOW_MS
        ? current
        : { windowStart: Math.floor(now / RATE_WINDOW_MS) * RATE_WINDOW_MS, count: 0 };
    window.count += 1;
    this.#calls.set(token, window);
    const headers = {
      'x-ratelimit-limit': String(RATE_LIMIT),
      'x-ratelimit-remaining': String(Math.max(0, RATE_LIMIT - window.count)),
      'x-ratelimit-reset': new Date(window.windowStart + RATE_WINDOW_MS).toISOString(),
    };
    return { headers, exceeded: window.count > RATE_LIMIT };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const method = req.method ?? 'GET';
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return this.#json(res, 400, { error: 'Invalid JSON' });
      }
    }
    this.requests.push({ method, path: url.pathname, query: url.searchParams, body, headers: req.headers });
    const losing = this.#losing.find((l) => l.method === method && l.path.test(url.pathname) && l.times > 0);
    if (losing) losing.times -= 1;
    const injection = this.#injections.find((i) => i.method === method && i.path.test(url.pathname) && i.times > 0);
    if (injection) {
      injection.times -= 1;
      return this.#json(res, injection.status, injection.body, injection.headers);
    }
    const token = (req.headers.authorization ?? '').replace(/^Bearer /, '');
    const me = this.tokens.get(token);
    if (!me) return this.#json(res, 401, { error: 'The access token is invalid' });
    const { headers, exceeded } = this.#rateHeaders(token);
    if (exceeded) return this.#json(res, 429, { error: 'Too many requests' }, headers);
    const answer = this.#route(method, url, body, req.headers, this.accounts.get(me)!);
    if (losing) {
      res.socket?.destroy();
      return;
    }
    this.#json(res, answer.status, answer.body, { ...headers, ...answer.headers });
  }

  #route(
    method: string,
    url: URL,
    body: unknown,
    headers: IncomingMessage['headers'],
    me: FakeAccount,
  ): { status: number; body: unknown; headers?: Record<string, string> } {
    const path = url.pathname;
    let m: RegExpExecArray | null;
    if (method === 'GET' && path === '/api/v1/accounts/verify_credentials')
      return { status: 200, body: { ...me, source: { privacy: 'public' } } };
    if (method === 'GET' && path === '/api/v2/instance') {
      return {
        status: 200,
        body: {
          domain: HOST,
          title: 'Social Example',
          version: '4.3.2',
          configuration: {
            urls: { streaming: this.#url.replace(/^http/, 'ws') },
            statuses: { max_characters: this.maxCharacters, max_media_attachments: 4, characters_reserved_per_url: 23 },
          },
        },
      };
    }
    if (method === 'GET' && path === '/api/v1/notifications') return this.#listNotifications(url, me);
    if (method === 'GET' && (m = /^\/api\/v1\/statuses\/(\d+)$/.exec(path))) {
      const status = this.statuses.get(m[1]!);
      return status ? { status: 200, body: this.#statusJson(status) } : { status: 404, body: { error: 'Record not found' } };
    }
    if (method === 'GET' && (m = /^\/api\/v1\/accounts\/(\d+)\/statuses$/.exec(path))) {
      const limit = Math.min(40, Number(url.searchParams.get('limit') ?? 20));
      const list = [...this.statuses.values()]
        .filter((s) => s.account.id === m![1])
        .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1))
        .slice(0, limit);
      return { status: 200, body: list.map((s) => this.#statusJson(s)) };
    }
    if (method === 'POST' && path === '/api/v1/statuses') {
      const b = (body ?? {}) as { status?: unknown; in_reply_to_id?: unknown; visibility?: unknown };
      const key = typeof headers['idempotency-key'] === 'string' ? `${me.id}:${headers['idempotency-key']}` : null;
      const known = key ? this.#idempotency.get(key) : undefined;
      if (known) return { status: 200, body: this.#statusJson(this.statuses.get(known)!) };
      if (typeof b.status !== 'string' || b.status.trim() === '')
        return { status: 422, body: { error: "Validation failed: Text can't be blank" } };
      if (countLength(b.status) > this.maxCharacters)
        return { status: 422, body: { error: `Validation failed: Text character limit of ${this.maxCharacters} exceeded` } };
      const parent = typeof b.in_reply_to_id === 'string' ? this.statuses.get(b.in_reply_to_id) : undefined;
      if (b.in_reply_to_id != null && !parent) return { status: 404, body: { error: 'Record not found' } };
      const visibility = ['public', 'unlisted', 'private', 'direct'].includes(String(b.visibility))
        ? (b.visibility as FakeStatus['visibility'])
        : 'public';
      const status = this.post(me, b.status, { ...(parent ? { replyTo: parent } : {}), visibility });
      if (key) this.#idempotency.set(key, status.id);
      return { status: 200, body: this.#statusJson(status) };
    }
    return { status: 404, body: { error: `${method} ${path} is not faked` } };
  }

  /** Mastodon's notification paging: max_id (older), since_id (newest above), min_id (just above, paging forward). */
  #listNotifications(url: URL, me: FakeAccount): { status: number; body: unknown; headers?: Record<string, string> } {
    const q = url.searchParams;
    const types = q.getAll('types[]');
    const limit = Math.min(80, Math.max(1, Number(q.get('limit') ?? 40)));
    const id = (name: string) => (q.get(name) ? BigInt(q.get(name)!) : null);
    const [maxId, sinceId, minId] = [id('max_id'), id('since_id'), id('min_id')];
    let list = this.notifications.filter((n) => n.recipient === me.id && (types.length === 0 || types.includes(n.type)));
    list = list.filter(
      (n) =>
        (maxId === null || BigInt(n.id) < maxId) &&
        (sinceId === null || BigInt(n.id) > sinceId) &&
        (minId === null || BigInt(n.id) > minId),
    );
    list.sort((a, b) => (BigInt(a.id) < BigInt(b.id) ? -1 : 1));
    // min_id takes the oldest `limit` above it; otherwise the newest `limit`. Either way newest first.
    const page = (minId !== null ? list.slice(0, limit) : list.slice(-limit)).reverse();
    const headers: Record<string, string> = {};
    if (page.length > 0) {
      const params = types.map((t) => `types[]=${encodeURIComponent(t)}`).join('&');
      const base = `${this.#url}/api/v1/notifications?${params ? `${params}&` : ''}limit=${limit}`;
      headers.link = `<${base}&max_id=${page.at(-1)!.id}>; rel="next", <${base}&min_id=${page[0]!.id}>; rel="prev"`;
    }
    return { status: 200, body: page.map((n) => this.#notificationJson(n)), headers };
  }
}
