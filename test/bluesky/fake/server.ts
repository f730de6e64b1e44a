import { randomBytes } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { WebSocketServer, type WebSocket } from 'ws';
import type { ManualClock } from '../../../src/clock.js';
import { chatRoutes, CHAT_PROXY, type ChatState } from './chat.js';
import { mentionFacets, postRecordProblem, type Refusal } from './rules.js';
import { FakeNetwork, type FakeAccount, type FakeRecord, type PostRecordJson } from './store.js';

export interface RecordedCall {
  nsid: string;
  method: string;
  query: URLSearchParams;
  body: unknown;
  /** The account whose session made the call (null: none or refused). */
  did: string | null;
  proxy: string | null;
}

interface Injection {
  nsid: string;
  status: number;
  body: Record<string, unknown>;
  headers: Record<string, string>;
  times: number;
}

export interface Session {
  did: string;
  dm: boolean;
  expiresAt: number;
}

export interface XrpcContext {
  fake: FakeBluesky;
  session: Session | null;
  query: URLSearchParams;
  body: unknown;
  headers: IncomingMessage['headers'];
}

export type XrpcAnswer = { status: number; body: unknown; headers?: Record<string, string> };
export type XrpcRoute = (ctx: XrpcContext) => XrpcAnswer | Promise<XrpcAnswer>;

const ACCESS_TTL_MS = 2 * 60 * 60_000;
const READ_LIMIT = 3000;
const READ_WINDOW_S = 300;

function refusal(r: Refusal, headers: Record<string, string> = {}): XrpcAnswer {
  return { status: r.status, body: { error: r.error, message: r.message }, headers };
}

/**
 * A loopback Bluesky: a PDS and AppView speaking XRPC (sessions, notifications, posts, profiles,
 * handle resolution, records), the chat service behind the PDS's atproto-proxy, and Jetstream
 * over WebSocket. It refuses what Bluesky refuses: bad credentials, expired tokens, records that
 * break the lexicon, reply refs to posts that do not exist, chat without the DM scope or to
 * people who do not accept messages, and writes past the hourly points budget (429 with
 * ratelimit-* headers). Every call is recorded.
 */
export class FakeBluesky {
  readonly net: FakeNetwork;
  readonly calls: RecordedCall[] = [];
  readonly chat: ChatState = { convos: new Map(), seq: 0 };
  readonly sessions = new Map<string, Session>();
  readonly refreshTokens = new Map<string, { did: string; dm: boolean }>();
  /** Write points an account may spend an hour (Bluesky: 5,000; tests lower it). */
  pointsPerHour = 5000;
  readonly pointsSpent = new Map<string, { hourStart: number; points: number }>();
  readonly jetstreamClients = new Set<WebSocket>();
  /** Query strings of every Jetstream connection, in order. */
  readonly jetstreamConnections: URLSearchParams[] = [];
  #reads = { windowStart: 0, count: 0 };
  #injections: Injection[] = [];
  #losing = new Map<string, number>();
  #server: Server | null = null;
  #wss: WebSocketServer | null = null;
  #url = '';

  constructor(readonly clock: ManualClock) {
    this.net = new FakeNetwork(() => clock.now());
  }

  get url(): string {
    return this.#url;
  }

  get jetstreamUrl(): string {
    return `${this.#url.replace(/^http/, 'ws')}/subscribe`;
  }

  account(options: Parameters<FakeNetwork['addAccount']>[0] & { appPassword?: string; dm?: boolean }): FakeAccount {
    const account = this.net.addAccount(options);
    if (options.appPassword) account.appPasswords.set(options.appPassword, { dm: options.dm ?? true });
    return account;
  }

  /** A post by `author` as the Bluesky app makes it: @handles of known accounts become mention facets. */
  post(author: FakeAccount, text: string, options: { replyTo?: FakeRecord; quote?: FakeRecord; facets?: boolean } = {}): FakeRecord {
    const facets = options.facets === false ? [] : mentionFacets(text, (h) => this.net.byHandle(h)?.did);
    const parent = options.replyTo;
    const root = parent ? ((parent.value as PostRecordJson).reply?.root ?? { uri: parent.uri, cid: parent.cid }) : undefined;
    const value: PostRecordJson = {
      $type: 'app.bsky.feed.post',
      text,
      createdAt: this.clock.now().toISOString(),
      ...(facets.length ? { facets } : {}),
      ...(parent && root ? { reply: { root, parent: { uri: parent.uri, cid: parent.cid } } } : {}),
      ...(options.quote ? { embed: { $type: 'app.bsky.embed.record', record: { uri: options.quote.uri, cid: options.quote.cid } } } : {}),
    };
    return this.publish(author.did, 'app.bsky.feed.post', value);
  }

  like(author: FakeAccount, subject: FakeRecord): FakeRecord {
    return this.publish(author.did, 'app.bsky.feed.like', {
      $type: 'app.bsky.feed.like',
      subject: { uri: subject.uri, cid: subject.cid },
      createdAt: this.clock.now().toISOString(),
    });
  }

  repost(author: FakeAccount, subject: FakeRecord): FakeRecord {
    return this.publish(author.did, 'app.bsky.feed.repost', {
      $type: 'app.bsky.feed.repost',
      subject: { uri: subject.uri, cid: subject.cid },
      createdAt: this.clock.now().toISOString(),
    });
  }

  /** The brand's posts (what Klaxon replied), newest last. */
  postsBy(account: FakeAccount): FakeRecord[] {
    return [...this.net.records.values()].filter((r) => r.did === account.did && r.collection === 'app.bsky.feed.post');
  }

  callsTo(nsid: string): RecordedCall[] {
    return this.calls.filter((c) => c.nsid === nsid);
  }

  /** The next `times` calls to `nsid` get this answer instead. */
  inject(nsid: string, answer: { status: number; body?: Record<string, unknown>; headers?: Record<string, string> }, times = 1): void {
    this.#injections.push({
      nsid,
      status: answer.status,
      body: answer.body ?? { error: 'InternalServerError', message: 'Internal Server Error' },
      headers: answer.headers ?? {},
      times,
    });
  }

  /** The next `times` calls to `nsid` take effect, but the answer is lost (the connection is cut). */
  loseAnswers(nsid: string, times = 1): void {
    this.#losing.set(nsid, (this.#losing.get(nsid) ?? 0) + times);
  }

  /** Every access token expires now (the client must refresh its session). */
  expireAccessTokens(): void {
    for (const s of this.sessions.values()) s.expiresAt = 0;
  }

  /** Cuts every Jetstream connection, as a network failure or a Jetstream restart would. */
  dropJetstream(): void {
    for (const ws of this.jetstreamClients) ws.terminate();
  }

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) =>
        this.#send(res, { status: 500, body: { error: 'InternalServerError', message: String(error) } }),
      );
    });
    const wss = new WebSocketServer({ noServer: true });
    server.on('upgrade', (req, socket, head) => {
      if (!req.url?.startsWith('/subscribe')) return socket.destroy();
      wss.handleUpgrade(req, socket, head, (ws) => this.#jetstream(ws, new URL(req.url ?? '/', 'http://fake').searchParams));
    });
    this.#server = server;
    this.#wss = wss;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    this.#url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    return this.#url;
  }

  async close(): Promise<void> {
    for (const ws of this.jetstreamClients) ws.terminate();
    this.#wss?.close();
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  /** Writes a record into `did`'s repository and sends it to every Jetstream listener. */
  publish(did: string, collection: string, value: Record<string, unknown>): FakeRecord {
    const record = this.net.write(did, collection, value);
    const event = this.net.events.at(-1)!;
    for (const ws of this.jetstreamClients) {
      const wanted = (ws as WebSocket & { wanted?: string[] }).wanted ?? [];
      if (wanted.length === 0 || wanted.includes(collection)) ws.send(JSON.stringify(event));
    }
    return record;
  }

  #jetstream(ws: WebSocket, query: URLSearchParams): void {
    this.jetstreamConnections.push(query);
    const wanted = query.getAll('wantedCollections');
    (ws as WebSocket & { wanted?: string[] }).wanted = wanted;
    this.jetstreamClients.add(ws);
    ws.on('close', () => this.jetstreamClients.delete(ws));
    const cursor = Number(query.get('cursor'));
    if (query.has('cursor') && Number.isFinite(cursor)) {
      // Jetstream replays from the cursor itself onwards.
      for (const event of this.net.events)
        if (event.time_us >= cursor && (wanted.length === 0 || wanted.includes(event.commit.collection))) ws.send(JSON.stringify(event));
    }
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const nsid = url.pathname.replace(/^\/xrpc\//, '');
    const chunks: Buffer[] = [];
    for await (const chunk of req) chunks.push(chunk as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: unknown = null;
    if (raw) {
      try {
        body = JSON.parse(raw);
      } catch {
        return this.#send(res, { status: 400, body: { error: 'InvalidRequest', message: 'body is not JSON' } });
      }
    }
    const session = this.#sessionOf(req.headers.authorization);
    const proxy = typeof req.headers['atproto-proxy'] === 'string' ? req.headers['atproto-proxy'] : null;
    this.calls.push({
      nsid,
      method: req.method ?? 'GET',
      query: url.searchParams,
      body,
      did: session && session.expiresAt > this.clock.now().getTime() ? session.did : null,
      proxy,
    });
    const losing = this.#losing.get(nsid) ?? 0;
    if (losing > 0) this.#losing.set(nsid, losing - 1);
    const injection = this.#injections.find((i) => i.nsid === nsid && i.times > 0);
    let answer: XrpcAnswer;
    if (injection) {
      injection.times -= 1;
      answer = { status: injection.status, body: injection.body, headers: injection.headers };
    } else {
      answer = await this.#route(nsid, { fake: this, session, query: url.searchParams, body, headers: req.headers });
    }
    if (losing > 0) {
      res.socket?.destroy();
      return;
    }
    this.#send(res, answer);
  }

  #sessionOf(authorization: string | undefined): Session | null {
    if (!authorization?.startsWith('Bearer ')) return null;
    return this.sessions.get(authorization.slice(7)) ?? null;
  }

  #readHeaders(): Record<string, string> {
    const now = Math.floor(this.clock.now().getTime() / 1000);
    if (now - this.#reads.windowStart >= READ_WINDOW_S) this.#reads = { windowStart: now, count: 0 };
    this.#reads.count += 1;
    return {
      'ratelimit-limit': String(READ_LIMIT),
      'ratelimit-remaining': String(Math.max(0, READ_LIMIT - this.#reads.count)),
      'ratelimit-reset': String(this.#reads.windowStart + READ_WINDOW_S),
      'ratelimit-policy': `${READ_LIMIT};w=${READ_WINDOW_S}`,
    };
  }

  async #route(nsid: string, ctx: XrpcContext): Promise<XrpcAnswer> {
    const headers = this.#readHeaders();
    if (nsid === 'com.atproto.server.createSession') return this.#createSession(ctx.body, headers);
    if (nsid === 'com.atproto.server.refreshSession') return this.#refreshSession(ctx.headers.authorization, headers);
    if (nsid.startsWith('chat.bsky.')) {
      if (ctx.headers['atproto-proxy'] !== CHAT_PROXY)
        return { status: 404, body: { error: 'XRPCNotSupported', message: 'XRPCNotSupported' }, headers };
    }
    const auth = this.#authorize(ctx.session);
    if (auth) return { ...auth, headers };
    if (nsid.startsWith('chat.bsky.')) {
      if (!ctx.session?.dm) return { status: 400, body: { error: 'InvalidToken', message: 'Bad token scope' }, headers };
      const route = chatRoutes[nsid];
      return route
        ? { headers, ...(await route(ctx)) }
        : { status: 501, body: { error: 'MethodNotImplemented', message: `${nsid} is not faked` }, headers };
    }
    const route = ROUTES[nsid];
    if (!route) return { status: 501, body: { error: 'MethodNotImplemented', message: `${nsid} is not faked` }, headers };
    const answer = await route(ctx);
    return { ...answer, headers: { ...headers, ...answer.headers } };
  }

  #authorize(session: Session | null): { status: number; body: unknown } | null {
    if (!session) return { status: 401, body: { error: 'AuthenticationRequired', message: 'Authentication Required' } };
    if (session.expiresAt <= this.clock.now().getTime())
      return { status: 400, body: { error: 'ExpiredToken', message: 'Token has expired' } };
    return null;
  }

  #createSession(body: unknown, headers: Record<string, string>): XrpcAnswer {
    const b = (body ?? {}) as { identifier?: unknown; password?: unknown };
    const account =
      typeof b.identifier === 'string'
        ? (this.net.byHandle(b.identifier.replace(/^@/, '')) ?? this.net.accounts.get(b.identifier))
        : undefined;
    const grant = account && typeof b.password === 'string' ? account.appPasswords.get(b.password) : undefined;
    if (!account || !grant)
      return { status: 401, body: { error: 'AuthenticationRequired', message: 'Invalid identifier or password' }, headers };
    return { status: 200, body: { ...this.#mint(account.did, grant.dm), handle: account.handle, did: account.did, active: true }, headers };
  }

  #refreshSession(authorization: string | undefined, headers: Record<string, string>): XrpcAnswer {
    const token = authorization?.startsWith('Bearer ') ? authorization.slice(7) : '';
    const grant = this.refreshTokens.get(token);
    if (!grant) return { status: 400, body: { error: 'ExpiredToken', message: 'Token has been revoked' }, headers };
    this.refreshTokens.delete(token);
    const account = this.net.accounts.get(grant.did)!;
    return { status: 200, body: { ...this.#mint(grant.did, grant.dm), handle: account.handle, did: account.did, active: true }, headers };
  }

  #mint(did: string, dm: boolean): { accessJwt: string; refreshJwt: string } {
    const accessJwt = `eyJ.access.${randomBytes(12).toString('hex')}`;
    const refreshJwt = `eyJ.refresh.${randomBytes(12).toString('hex')}`;
    this.sessions.set(accessJwt, { did, dm, expiresAt: this.clock.now().getTime() + ACCESS_TTL_MS });
    this.refreshTokens.set(refreshJwt, { did, dm });
    return { accessJwt, refreshJwt };
  }

  #send(res: ServerResponse, answer: XrpcAnswer): void {
    const text = JSON.stringify(answer.body ?? {});
    res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8', ...answer.headers });
    res.end(text);
  }

  /** Spends write points for `did`; a refusal (429) when the hour's budget is used up. */
  spendPoints(did: string, cost: number): XrpcAnswer | null {
    const now = this.clock.now().getTime();
    const hourStart = Math.floor(now / 3_600_000) * 3_600_000;
    const spent = this.pointsSpent.get(did);
    const current = spent && spent.hourStart === hourStart ? spent : { hourStart, points: 0 };
    const headers = {
      'ratelimit-limit': String(this.pointsPerHour),
      'ratelimit-policy': `${this.pointsPerHour};w=3600`,
      'ratelimit-reset': String((hourStart + 3_600_000) / 1000),
    };
    if (current.points + cost > this.pointsPerHour)
      return {
        status: 429,
        body: { error: 'RateLimitExceeded', message: 'Rate Limit Exceeded' },
        headers: { ...headers, 'ratelimit-remaining': '0' },
      };
    current.points += cost;
    this.pointsSpent.set(did, current);
    return null;
  }
}

function profileBasic(a: FakeAccount) {
  return {
    did: a.did,
    handle: a.handle,
    displayName: a.displayName,
    ...(a.verified ? { verification: { verifications: [], verifiedStatus: 'valid', trustedVerifierStatus: 'none' } } : {}),
  };
}

function postView(fake: FakeBluesky, r: FakeRecord) {
  const author = fake.net.accounts.get(r.did)!;
  return {
    uri: r.uri,
    cid: r.cid,
    author: profileBasic(author),
    record: r.value,
    indexedAt: r.indexedAt,
    ...(fake.net.threadgated.has(r.uri) ? { viewer: { replyDisabled: true } } : {}),
  };
}

const ROUTES: Record<string, XrpcRoute> = {
  'app.bsky.notification.listNotifications': ({ fake, session, query }) => {
    const limit = Math.min(100, Math.max(1, Number(query.get('limit') ?? 50)));
    const reasons = query.getAll('reasons');
    const before = query.get('cursor') ? Number(Buffer.from(query.get('cursor')!, 'base64url').toString()) : Number.POSITIVE_INFINITY;
    const mine = fake.net.notifications
      .filter((n) => n.recipient === session!.did && n.seq < before && (reasons.length === 0 || reasons.includes(n.reason)))
      .sort((a, b) => b.seq - a.seq);
    const page = mine.slice(0, limit);
    const more = mine.length > limit;
    return {
      status: 200,
      body: {
        notifications: page.map((n) => ({
          uri: n.uri,
          cid: n.cid,
          author: profileBasic(fake.net.accounts.get(n.authorDid)!),
          reason: n.reason,
          ...(n.reasonSubject ? { reasonSubject: n.reasonSubject } : {}),
          record: n.record,
          isRead: false,
          indexedAt: n.indexedAt,
        })),
        ...(more ? { cursor: Buffer.from(String(page.at(-1)!.seq)).toString('base64url') } : {}),
      },
    };
  },
  'app.bsky.feed.getPosts': ({ fake, query }) => {
    const uris = query.getAll('uris');
    if (uris.length > 25) return { status: 400, body: { error: 'InvalidRequest', message: 'uris must not have more than 25 elements' } };
    return {
      status: 200,
      body: { posts: uris.flatMap((u) => (fake.net.records.has(u) ? [postView(fake, fake.net.records.get(u)!)] : [])) },
    };
  },
  'app.bsky.actor.getProfiles': ({ fake, query }) => {
    const actors = query.getAll('actors');
    if (actors.length > 25)
      return { status: 400, body: { error: 'InvalidRequest', message: 'actors must not have more than 25 elements' } };
    const found = actors.map((a) => fake.net.accounts.get(a) ?? fake.net.byHandle(a)).filter((a): a is FakeAccount => a !== undefined);
    return {
      status: 200,
      body: { profiles: found.map((a) => ({ ...profileBasic(a), followersCount: a.followers, followsCount: 10, postsCount: 100 })) },
    };
  },
  'com.atproto.identity.resolveHandle': ({ fake, query }) => {
    const account = fake.net.byHandle(query.get('handle') ?? '');
    return account
      ? { status: 200, body: { did: account.did } }
      : { status: 400, body: { error: 'InvalidRequest', message: 'Unable to resolve handle' } };
  },
  'com.atproto.repo.createRecord': ({ fake, session, body }) => {
    const b = (body ?? {}) as { repo?: string; collection?: string; record?: unknown; rkey?: string };
    if (b.repo !== session!.did && b.repo !== fake.net.accounts.get(session!.did)?.handle)
      return { status: 401, body: { error: 'AuthenticationRequired', message: 'Not authorized to write to this repo' } };
    if (b.collection !== 'app.bsky.feed.post')
      return { status: 400, body: { error: 'InvalidRequest', message: `${String(b.collection)} is not faked` } };
    const problem = postRecordProblem(b.record);
    if (problem) return refusal(problem);
    const record = b.record as PostRecordJson;
    for (const ref of record.reply ? [record.reply.root, record.reply.parent] : []) {
      const target = fake.net.records.get(ref.uri);
      if (!target || target.cid !== ref.cid)
        return { status: 400, body: { error: 'InvalidRequest', message: `Invalid reply reference: could not locate record ${ref.uri}` } };
    }
    const spent = fake.spendPoints(session!.did, 3);
    if (spent) return spent;
    const stored = fake.publish(session!.did, 'app.bsky.feed.post', record);
    return { status: 200, body: { uri: stored.uri, cid: stored.cid, validationStatus: 'valid' } };
  },
  'com.atproto.repo.listRecords': ({ fake, query }) => {
    const repo = query.get('repo') ?? '';
    const collection = query.get('collection') ?? '';
    const limit = Math.min(100, Number(query.get('limit') ?? 50));
    const records = [...fake.net.records.values()]
      .filter((r) => r.did === repo && r.collection === collection)
      .sort((a, b) => b.seq - a.seq)
      .slice(0, limit);
    return { status: 200, body: { records: records.map((r) => ({ uri: r.uri, cid: r.cid, value: r.value })) } };
  },
};
