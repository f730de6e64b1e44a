import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * A loopback fake of the X API v2 — the endpoints Klaxon uses, answering as X does (payload
 * shapes, pagination tokens, rate-limit headers, the duplicate-content refusal) — that records
 * every request. The real twitter-api-v2 client reaches it through TWITTER_API_URL.
 */

export interface FakeUser {
  id: string;
  username: string;
  name: string;
  followers: number;
  verified: boolean;
}

export interface FakeMentionEntity {
  start: number;
  end: number;
  username: string;
  id: string;
}

export interface FakeTweet {
  id: string;
  author_id: string;
  /** Up to 280 characters; a longer post's whole text is in `note_tweet`. */
  text: string;
  created_at: string;
  conversation_id: string;
  referenced_tweets?: { type: 'retweeted' | 'quoted' | 'replied_to'; id: string }[];
  in_reply_to_user_id?: string;
  /** The accounts the text @mentions, as X lists them (only accounts that exist). */
  entities?: { mentions: FakeMentionEntity[] };
  note_tweet?: { text: string; entities?: { mentions: FakeMentionEntity[] } };
}

/** X's refusal of a reply to a post that neither mentions nor quotes the replying account (since February 2026). */
export const REPLY_NOT_ALLOWED_BODY = {
  detail:
    'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post ' +
    'you are replying to.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};

/** Fields X always returns; every other tweet field only when `tweet.fields` asks for it. */
const DEFAULT_TWEET_FIELDS = new Set(['id', 'text', 'edit_history_tweet_ids']);

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  /** Which credentials came with it: the app's bearer token or the brand's OAuth 1.0a signature. */
  auth: 'bearer' | 'oauth1' | 'none';
  bearer: string | null;
  body: unknown;
}

export interface InjectedResponse {
  status: number;
  body?: unknown;
  headers?: Record<string, string>;
}

interface Injection {
  method: string;
  path: RegExp;
  response: InjectedResponse;
  times: number;
}

const DUPLICATE_BODY = {
  detail: 'You are not allowed to create a Tweet with duplicate content.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};

function json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
  if ((res as ServerResponse & { loseAnswer?: boolean }).loseAnswer) {
    // The action happened, but the caller never hears back: the connection is cut.
    res.socket?.destroy();
    return;
  }
  res.writeHead(status, { 'content-type': 'application/json; charset=utf-8', ...headers });
  res.end(JSON.stringify(body));
}

async function readBody(req: IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  const text = Buffer.concat(chunks).toString('utf8');
  if (!text) return null;
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export class FakeX {
  readonly users = new Map<string, FakeUser>();
  readonly tweets: FakeTweet[] = [];
  readonly requests: RecordedRequest[] = [];
  readonly dms: { participantId: string; text: string; eventId: string }[] = [];
  /**
   * X's clock for what it creates (posts and DMs made through the API). Null keeps the fixed
   * default date of `tweet()`; tests that compare with the app's injected clock set it to that.
   */
  now: (() => Date) | null = null;
  rules: { id: string; value: string; tag?: string }[] = [];
  /** The account the user-context credentials belong to (author of POST /2/tweets). */
  me: FakeUser | null = null;
  /** X lists only this many of the latest mentions, however they are paged. */
  mentionsWindow = 800;
  /** Extra headers on every answer to a path (e.g. `x-rate-limit-remaining: 0`). */
  readonly headersByPath: { path: RegExp; headers: Record<string, string> }[] = [];
  /** Called with each post created through POST /2/tweets, before X answers. */
  onTweetCreated: ((tweet: FakeTweet) => void) | null = null;
  /** While set, answers to POST /2/tweets wait for this promise (the post already exists). */
  holdPostAnswers: Promise<void> | null = null;
  /** While true, stream requests get no answer at all (not even headers). */
  hangStreams = false;
  /** This many stream requests have their connection cut before any answer (a network error). */
  cutStreamRequests = 0;
  /** Stream requests left unanswered, and whether the client gave up on them. */
  readonly hungStreams: { closed: boolean }[] = [];
  /** Open filtered-stream connections. */
  readonly streams = new Set<ServerResponse>();
  streamConnections = 0;
  /** Stream connections the client ended (keep-alive timeout, stop). */
  streamsClosedByClient = 0;

  #server: Server | null = null;
  #seq = 1857000000000000000n;
  #ruleSeq = 1;
  #injections: Injection[] = [];
  #losing: { method: string; path: RegExp; times: number }[] = [];
  #droppingStreams = new Set<ServerResponse>();
  readonly #dmTimes = new Map<string, string>();
  #streamQueries = new Map<ServerResponse, Record<string, string>>();

  addUser(user: Omit<FakeUser, 'name' | 'followers' | 'verified'> & Partial<FakeUser>): FakeUser {
    const full: FakeUser = { name: user.username, followers: 0, verified: false, ...user };
    this.users.set(full.id, full);
    return full;
  }

  /** The @mentions of existing accounts in a text, as X's `entities.mentions` lists them. */
  mentionEntities(text: string): FakeMentionEntity[] {
    const out: FakeMentionEntity[] = [];
    for (const match of text.matchAll(/(^|[^A-Za-z0-9_])@([A-Za-z0-9_]{1,15})(?![A-Za-z0-9_])/g)) {
      const user = [...this.users.values()].find((u) => u.username.toLowerCase() === match[2]!.toLowerCase());
      if (!user) continue;
      const start = match.index! + match[1]!.length;
      out.push({ start, end: start + 1 + match[2]!.length, username: user.username, id: user.id });
    }
    return out;
  }

  /**
   * Posts a tweet as `author`, like X would store it: over 280 characters it is a long post whose
   * `text` is cut and whose whole text is in `note_tweet`.
   */
  tweet(author: FakeUser, text: string, opts: { replyTo?: FakeTweet; quote?: FakeTweet; createdAt?: string } = {}): FakeTweet {
    const id = this.#nextId();
    const refs: NonNullable<FakeTweet['referenced_tweets']> = [];
    if (opts.replyTo) refs.push({ type: 'replied_to', id: opts.replyTo.id });
    if (opts.quote) refs.push({ type: 'quoted', id: opts.quote.id });
    const full = opts.quote ? `${text} https://t.co/q${id.slice(-6)}` : text;
    const long = [...full].length > 280;
    const shown = long ? `${[...full].slice(0, 279).join('')}…` : full;
    const mentions = this.mentionEntities(shown);
    const noteMentions = long ? this.mentionEntities(full) : [];
    const tweet: FakeTweet = {
      id,
      author_id: author.id,
      text: shown,
      created_at: opts.createdAt ?? '2026-11-23T09:00:00.000Z',
      conversation_id: opts.replyTo?.conversation_id ?? id,
      ...(refs.length > 0 ? { referenced_tweets: refs } : {}),
      ...(opts.replyTo ? { in_reply_to_user_id: opts.replyTo.author_id } : {}),
      ...(mentions.length > 0 ? { entities: { mentions } } : {}),
      ...(long ? { note_tweet: { text: full, ...(noteMentions.length > 0 ? { entities: { mentions: noteMentions } } : {}) } } : {}),
    };
    this.tweets.push(tweet);
    return tweet;
  }

  /** Whether X lets `account` reply to `post`: the post's author mentioned or quoted the account. */
  mayReply(account: FakeUser, post: FakeTweet): boolean {
    const mentioned = [...(post.entities?.mentions ?? []), ...(post.note_tweet?.entities?.mentions ?? [])].some((m) => m.id === account.id);
    const quoted = (post.referenced_tweets ?? []).some(
      (r) => r.type === 'quoted' && this.tweets.find((t) => t.id === r.id)?.author_id === account.id,
    );
    return mentioned || quoted;
  }

  /** A post as X answers it: only the fields the request asked for. */
  #project(tweet: FakeTweet, query: Record<string, string>): Record<string, unknown> {
    const asked = new Set([...DEFAULT_TWEET_FIELDS, ...(query['tweet.fields'] ?? '').split(',').filter(Boolean)]);
    const out: Record<string, unknown> = { edit_history_tweet_ids: [tweet.id] };
    for (const [key, value] of Object.entries(tweet)) if (asked.has(key)) out[key] = value;
    return out;
  }

  /** A plain retweet of `original` by `by`. */
  retweet(by: FakeUser, original: FakeTweet, createdAt = '2026-11-23T09:30:00.000Z'): FakeTweet {
    const author = this.users.get(original.author_id);
    const id = this.#nextId();
    const tweet: FakeTweet = {
      id,
      author_id: by.id,
      text: `RT @${author?.username ?? 'someone'}: ${original.text}`.slice(0, 140),
      created_at: createdAt,
      conversation_id: id,
      referenced_tweets: [{ type: 'retweeted', id: original.id }],
    };
    this.tweets.push(tweet);
    return tweet;
  }

  /** The next `times` requests matching method and path get this answer instead. */
  inject(method: string, path: RegExp, response: InjectedResponse, times = 1): void {
    this.#injections.push({ method, path, response, times });
  }

  /** The next `times` matching requests take effect, but their answers are lost (connection cut). */
  loseAnswers(method: string, path: RegExp, times = 1): void {
    this.#losing.push({ method, path, times });
  }

  /** A 429 as X sends it: no Retry-After, the window's reset as epoch seconds. */
  rateLimit(method: string, path: RegExp, resetEpochSeconds: number, times = 1): void {
    this.inject(
      method,
      path,
      {
        status: 429,
        body: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank', status: 429 },
        headers: { 'x-rate-limit-limit': '450', 'x-rate-limit-remaining': '0', 'x-rate-limit-reset': String(resetEpochSeconds) },
      },
      times,
    );
  }

  /** Sends a post down every open stream, as matched by rules with these tags (fields as each connection asked). */
  push(tweet: FakeTweet, tags: string[] = ['klaxon:brand']): void {
    for (const res of this.streams) {
      const query = this.#streamQueries.get(res) ?? {};
      const payload = {
        data: this.#project(tweet, query),
        includes: this.#includes([tweet], query),
        matching_rules: tags.map((tag, i) => ({ id: String(1000 + i), tag })),
      };
      res.write(`${JSON.stringify(payload)}\r\n`);
    }
  }

  keepAlive(): void {
    for (const res of this.streams) res.write('\r\n');
  }

  /** Cuts every open stream connection, as a network failure or an X restart would. */
  dropStreams(): void {
    for (const res of this.streams) {
      this.#droppingStreams.add(res);
      res.socket?.destroy();
    }
  }

  requestsTo(method: string, path: RegExp): RecordedRequest[] {
    return this.requests.filter((r) => r.method === method && path.test(r.path));
  }

  async listen(): Promise<string> {
    const server = createServer((req, res) => {
      this.#handle(req, res).catch((error: unknown) => json(res, 500, { title: 'fake error', detail: String(error) }));
    });
    this.#server = server;
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    const { port } = server.address() as AddressInfo;
    return `http://127.0.0.1:${port}`;
  }

  async close(): Promise<void> {
    for (const res of this.streams) res.socket?.destroy();
    const server = this.#server;
    if (!server) return;
    server.closeAllConnections();
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  #nextId(): string {
    this.#seq += 1000n;
    return this.#seq.toString();
  }

  #includes(
    tweets: readonly FakeTweet[],
    query: Record<string, string>,
  ): { users: ReturnType<typeof userJson>[]; tweets?: Record<string, unknown>[] } {
    const referenced = tweets
      .flatMap((t) => (t.referenced_tweets ?? []).map((r) => this.tweets.find((x) => x.id === r.id)))
      .filter((t): t is FakeTweet => t !== undefined);
    const authorIds = new Set([...tweets, ...referenced].map((t) => t.author_id));
    const users = [...authorIds].map((id) => this.users.get(id)).filter((u): u is FakeUser => u !== undefined);
    return { users: users.map(userJson), ...(referenced.length > 0 ? { tweets: referenced.map((t) => this.#project(t, query)) } : {}) };
  }

  #timeline(res: ServerResponse, list: FakeTweet[], query: Record<string, string>): void {
    const sinceId = query.since_id ? BigInt(query.since_id) : null;
    // X takes start_time as an ISO instant to the second (YYYY-MM-DDTHH:mm:ssZ) and refuses others.
    if (query.start_time !== undefined && !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{3})?Z$/.test(query.start_time)) {
      return json(res, 400, {
        title: 'Invalid Request',
        detail: 'One or more parameters to your request was invalid.',
        type: 'https://api.twitter.com/2/problems/invalid-request',
        errors: [{ parameters: { start_time: [query.start_time] }, message: 'Invalid start_time' }],
      });
    }
    const startMs = query.start_time ? Date.parse(query.start_time) : null;
    const newer = list.filter(
      (t) => (sinceId === null || BigInt(t.id) > sinceId) && (startMs === null || Date.parse(t.created_at) >= startMs),
    );
    const size = Math.min(100, Math.max(5, Number(query.max_results ?? 10)));
    const offset = query.pagination_token ? Number(Buffer.from(query.pagination_token, 'base64url').toString()) : 0;
    const page = newer.slice(offset, offset + size);
    const next = offset + size < newer.length ? Buffer.from(String(offset + size)).toString('base64url') : undefined;
    if (page.length === 0) return json(res, 200, { meta: { result_count: 0 } }, this.#extraHeaders(res));
    json(
      res,
      200,
      {
        data: page.map((t) => this.#project(t, query)),
        includes: this.#includes(page, query),
        meta: {
          result_count: page.length,
          newest_id: page[0]!.id,
          oldest_id: page[page.length - 1]!.id,
          ...(next ? { next_token: next } : {}),
        },
      },
      this.#extraHeaders(res),
    );
  }

  #extraHeaders(res: ServerResponse): Record<string, string> {
    const path = (res.req as IncomingMessage & { fakePath?: string }).fakePath ?? '';
    return Object.assign({}, ...this.headersByPath.filter((h) => h.path.test(path)).map((h) => h.headers));
  }

  #newestFirst(list: FakeTweet[]): FakeTweet[] {
    return [...list].sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://fake');
    const path = url.pathname;
    (req as IncomingMessage & { fakePath?: string }).fakePath = path;
    const method = req.method ?? 'GET';
    const authorization = req.headers.authorization ?? '';
    const auth = authorization.startsWith('Bearer ') ? 'bearer' : authorization.startsWith('OAuth ') ? 'oauth1' : 'none';
    const body = await readBody(req);
    this.requests.push({
      method,
      path,
      query: Object.fromEntries(url.searchParams),
      auth,
      bearer: auth === 'bearer' ? authorization.slice(7) : null,
      body,
    });

    const losing = this.#losing.find((l) => l.method === method && l.path.test(path) && l.times > 0);
    if (losing) {
      losing.times -= 1;
      (res as ServerResponse & { loseAnswer?: boolean }).loseAnswer = true;
    }
    const injection = this.#injections.find((i) => i.method === method && i.path.test(path) && i.times > 0);
    if (injection) {
      injection.times -= 1;
      return json(res, injection.response.status, injection.response.body ?? {}, injection.response.headers);
    }
    if (auth === 'none') return json(res, 401, { title: 'Unauthorized', type: 'about:blank', status: 401, detail: 'Unauthorized' });

    const query = Object.fromEntries(url.searchParams);
    let m: RegExpExecArray | null;
    if (method === 'GET' && (m = /^\/2\/users\/by\/username\/([^/]+)$/.exec(path))) {
      const user = [...this.users.values()].find((u) => u.username.toLowerCase() === decodeURIComponent(m![1]!).toLowerCase());
      if (!user)
        return json(res, 200, {
          errors: [
            {
              value: m[1],
              detail: `Could not find user with username: [${m[1]}].`,
              title: 'Not Found Error',
              resource_type: 'user',
              parameter: 'username',
              type: 'https://api.twitter.com/2/problems/resource-not-found',
            },
          ],
        });
      return json(res, 200, { data: userJson(user) });
    }
    if (method === 'GET' && path === '/2/users/me') {
      if (auth !== 'oauth1' || !this.me)
        return json(res, 403, {
          title: 'Unsupported Authentication',
          status: 403,
          type: 'https://api.twitter.com/2/problems/unsupported-authentication',
          detail: 'Authenticating with OAuth 2.0 Application-Only is forbidden for this endpoint.',
        });
      return json(res, 200, { data: userJson(this.me) });
    }
    if (method === 'GET' && (m = /^\/2\/users\/(\d+)\/mentions$/.exec(path))) {
      const user = this.users.get(m[1]!);
      if (!user) return json(res, 404, { title: 'Not Found Error', status: 404, detail: 'no such user', type: 'about:blank' });
      const mentioned = this.#newestFirst(
        this.tweets.filter((t) => (t.note_tweet?.text ?? t.text).toLowerCase().includes(`@${user.username.toLowerCase()}`)),
      ).slice(0, this.mentionsWindow);
      return this.#timeline(res, mentioned, query);
    }
    if (method === 'GET' && (m = /^\/2\/users\/(\d+)\/tweets$/.exec(path))) {
      const excludeRetweets = (query.exclude ?? '').split(',').includes('retweets');
      const own = this.tweets.filter(
        (t) => t.author_id === m![1] && !(excludeRetweets && t.referenced_tweets?.some((r) => r.type === 'retweeted')),
      );
      return this.#timeline(res, this.#newestFirst(own), query);
    }
    if (path === '/2/tweets/search/stream/rules') return this.#rulesEndpoint(method, body, res);
    if (method === 'GET' && path === '/2/tweets/search/stream') return this.#openStream(req, res);
    if (method === 'POST' && path === '/2/tweets') {
      if (auth !== 'oauth1' || !this.me)
        return json(res, 403, { title: 'Unsupported Authentication', status: 403, type: 'about:blank', detail: 'user context required' });
      const post = body as { text: string; reply?: { in_reply_to_tweet_id: string } };
      const isDuplicate = this.tweets.some((t) => t.author_id === this.me!.id && t.text === post.text);
      if (isDuplicate) return json(res, 403, DUPLICATE_BODY);
      const parent = post.reply ? this.tweets.find((t) => t.id === post.reply!.in_reply_to_tweet_id) : undefined;
      if (post.reply && !parent)
        return json(res, 400, {
          title: 'Invalid Request',
          detail: 'One or more parameters to your request was invalid.',
          type: 'https://api.twitter.com/2/problems/invalid-request',
          errors: [{ message: 'The tweet you are replying to no longer exists' }],
        });
      if (parent && !this.mayReply(this.me, parent)) return json(res, 403, REPLY_NOT_ALLOWED_BODY);
      const created = this.tweet(this.me, post.text, {
        ...(parent ? { replyTo: parent } : {}),
        ...(this.now ? { createdAt: this.now().toISOString() } : {}),
      });
      this.onTweetCreated?.(created);
      if (this.holdPostAnswers) await this.holdPostAnswers;
      return json(res, 201, { data: { id: created.id, text: created.text, edit_history_tweet_ids: [created.id] } });
    }
    if (method === 'POST' && (m = /^\/2\/dm_conversations\/with\/(\d+)\/messages$/.exec(path))) {
      if (auth !== 'oauth1' || !this.me)
        return json(res, 403, { title: 'Forbidden', status: 403, type: 'about:blank', detail: 'user context required' });
      const eventId = this.#nextId();
      this.dms.push({ participantId: m[1]!, text: (body as { text: string }).text, eventId });
      this.#dmTimes.set(eventId, (this.now?.() ?? new Date('2026-11-23T09:00:00.000Z')).toISOString());
      return json(res, 201, { data: { dm_conversation_id: `${this.me.id}-${m[1]}`, dm_event_id: eventId } });
    }
    if (method === 'GET' && (m = /^\/2\/dm_conversations\/with\/(\d+)\/dm_events$/.exec(path))) {
      // Readable only by a member of the conversation, with the user context.
      if (auth !== 'oauth1' || !this.me)
        return json(res, 403, { title: 'Unsupported Authentication', status: 403, type: 'about:blank', detail: 'user context required' });
      const participantId = m[1]!;
      const conversation = `${this.me.id}-${participantId}`;
      const events = this.dms
        .filter((d) => d.participantId === participantId)
        .map((d) => ({
          id: d.eventId,
          event_type: 'MessageCreate',
          text: d.text,
          sender_id: this.me!.id,
          created_at: this.#dmTimes.get(d.eventId) ?? '2026-11-23T09:00:00.000Z',
          dm_conversation_id: conversation,
        }))
        .reverse()
        .slice(0, Math.min(100, Math.max(1, Number(query.max_results ?? 100))));
      return json(res, 200, events.length > 0 ? { data: events, meta: { result_count: events.length } } : { meta: { result_count: 0 } });
    }
    json(res, 404, { title: 'Not Found', detail: `${method} ${path} is not faked`, type: 'about:blank', status: 404 });
  }

  #rulesEndpoint(method: string, body: unknown, res: ServerResponse): void {
    const sent = new Date().toISOString();
    if (method === 'GET') {
      return json(
        res,
        200,
        this.rules.length > 0 ? { data: this.rules, meta: { sent, result_count: this.rules.length } } : { meta: { sent, result_count: 0 } },
      );
    }
    const update = body as { add?: { value: string; tag?: string }[]; delete?: { ids: string[] } };
    if (update.delete) {
      const before = this.rules.length;
      this.rules = this.rules.filter((r) => !update.delete!.ids.includes(r.id));
      return json(res, 200, { meta: { sent, summary: { deleted: before - this.rules.length, not_deleted: 0 } } });
    }
    const added = (update.add ?? []).map((r) => ({ id: String(this.#ruleSeq++), value: r.value, ...(r.tag ? { tag: r.tag } : {}) }));
    this.rules.push(...added);
    json(res, 201, { data: added, meta: { sent, summary: { created: added.length, not_created: 0, valid: added.length, invalid: 0 } } });
  }

  #openStream(req: IncomingMessage, res: ServerResponse): void {
    if (this.cutStreamRequests > 0) {
      this.cutStreamRequests -= 1;
      res.socket?.destroy();
      return;
    }
    if (this.hangStreams) {
      const hung = { closed: false };
      this.hungStreams.push(hung);
      res.on('close', () => (hung.closed = true));
      return;
    }
    this.streamConnections += 1;
    res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', 'transfer-encoding': 'chunked' });
    res.flushHeaders();
    this.streams.add(res);
    this.#streamQueries.set(res, Object.fromEntries(new URL(req.url ?? '/', 'http://fake').searchParams));
    res.on('close', () => {
      this.streams.delete(res);
      if (!this.#droppingStreams.delete(res)) this.streamsClosedByClient += 1;
    });
    void req;
  }
}

function userJson(u: FakeUser) {
  return {
    id: u.id,
    username: u.username,
    name: u.name,
    verified: u.verified,
    public_metrics: { followers_count: u.followers, following_count: 0, tweet_count: 0, listed_count: 0 },
  };
}
