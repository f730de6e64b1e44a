import { createHmac } from 'node:crypto';
import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import { GraphStore, type IgComment } from './store.js';

export interface RecordedRequest {
  method: string;
  version: string | null;
  path: string;
  query: Record<string, string>;
  authorization: string | null;
  body: Record<string, unknown> | null;
  rawUrl: string;
}

export interface Injected {
  method?: string;
  path?: RegExp;
  status?: number;
  body?: unknown;
  headers?: Record<string, string>;
  /** Cut the connection after reading the request (the write may have happened: `act` first). */
  destroy?: boolean;
  /** Let the request take effect before cutting the connection (or before never answering). */
  act?: boolean;
  /** Read the request and never answer (the client's deadline runs out after the write). */
  hang?: boolean;
}

class GraphFail extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly code: number,
    readonly subcode?: number,
    readonly type = 'OAuthException',
  ) {
    super(message);
  }
}

const VERSION = /^v(\d{1,3})\.(\d{1,2})$/;
/** The oldest Graph API version the fake still answers (older ones are refused, as Meta refuses them). */
const OLDEST_MAJOR = 20;

/** Top-level names in a `fields` parameter (`id,from,media{id,permalink}` → id, from, media). */
function topFields(fields: string | undefined): Set<string> | null {
  if (!fields) return null;
  const out = new Set<string>();
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === '{' || ch === '(') depth += 1;
    if (ch === '}' || ch === ')') depth -= 1;
    if (ch === ',' && depth === 0) {
      out.add(current.split(/[.{(]/)[0]!.trim());
      current = '';
    } else current += ch;
  }
  if (current) out.add(current.split(/[.{(]/)[0]!.trim());
  return out;
}

function pick(obj: Record<string, unknown>, fields: Set<string> | null): Record<string, unknown> {
  if (!fields) return obj;
  return Object.fromEntries(Object.entries(obj).filter(([k]) => k === 'id' || fields.has(k)));
}

const iso = (d: Date) => d.toISOString().replace(/\.\d{3}Z$/, '+0000');

/**
 * A loopback Graph API that refuses what Meta refuses: unversioned or retired versions, a missing,
 * unknown or expired token (OAuthException 190), a wrong appsecret_proof, messages outside the
 * 24-hour window, a second or late private reply, text over the limits, objects that do not
 * exist; and that answers with usage headers and throttling errors (4, 17, 32, 80001, 429) when
 * told to. Every request is recorded (with the token never expected in the URL).
 */
export class FakeGraph {
  readonly store: GraphStore;
  readonly requests: RecordedRequest[] = [];
  readonly versions = new Set<string>();
  /** Sent with every answer (X-App-Usage, X-Business-Use-Case-Usage…). */
  usageHeaders: Record<string, string> = {};
  token: string;
  tokenExpired = false;
  requireProof = true;
  #appSecret: string;
  #injected: Injected[] = [];
  #refuseNextPrivate = false;
  #server: Server | null = null;

  constructor(options: { token: string; appSecret: string; now: () => Date }) {
    this.token = options.token;
    this.#appSecret = options.appSecret;
    this.store = new GraphStore(options.now);
  }

  async listen(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  inject(i: Injected): void {
    this.#injected.push(i);
  }

  /** The next write is throttled with Meta's code, and the usage header saying when access returns. */
  throttleNext(code: number, options: { status?: number; regainMinutes?: number; method?: string } = {}): void {
    const regain = options.regainMinutes ?? 0;
    this.inject({
      method: options.method ?? 'POST',
      status: options.status ?? (code === 4 || code === 17 || code === 32 ? 400 : 429),
      body: {
        error: {
          message:
            code === 4
              ? '(#4) Application request limit reached'
              : code === 17
                ? '(#17) User request limit reached'
                : code === 32
                  ? '(#32) Page request limit reached'
                  : '(#80001) There have been too many calls to this Page account. Wait a bit and try again.',
          type: 'OAuthException',
          code,
          is_transient: true,
          fbtrace_id: 'AbCdEf',
        },
      },
      headers:
        regain > 0
          ? {
              'x-business-use-case-usage': JSON.stringify({
                [this.store.page.id]: [
                  { type: 'pages', call_count: 100, total_cputime: 12, total_time: 30, estimated_time_to_regain_access: regain },
                ],
              }),
            }
          : {},
    });
  }

  refuseNextPrivate(): void {
    this.#refuseNextPrivate = true;
  }

  writes(): RecordedRequest[] {
    return this.requests.filter((r) => r.method === 'POST');
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://graph');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const raw = Buffer.concat(chunks).toString('utf8');
    let body: Record<string, unknown> | null = null;
    if (raw) {
      const type = req.headers['content-type'] ?? '';
      body = type.includes('json') ? (JSON.parse(raw) as Record<string, unknown>) : Object.fromEntries(new URLSearchParams(raw));
    }
    const segments = url.pathname.split('/').filter(Boolean);
    const version = segments[0] && VERSION.test(segments[0]) ? segments[0] : null;
    const query = Object.fromEntries(url.searchParams);
    const record: RecordedRequest = {
      method: req.method ?? 'GET',
      version,
      path: (version ? segments.slice(1) : segments).join('/'),
      query,
      authorization: req.headers.authorization ?? null,
      body,
      rawUrl: req.url ?? '',
    };
    this.requests.push(record);
    const headers = { 'content-type': 'application/json; charset=UTF-8', ...this.usageHeaders };
    const injected = this.#injected.findIndex((i) => (!i.method || i.method === record.method) && (!i.path || i.path.test(record.path)));
    if (injected >= 0) {
      const i = this.#injected.splice(injected, 1)[0]!;
      if (i.destroy) {
        if (i.act) this.#route(record);
        req.socket.destroy();
        return;
      }
      if (i.hang) {
        if (i.act) this.#route(record);
        // The socket stays open and silent; close() ends it.
        return;
      }
      res.writeHead(i.status ?? 200, { ...headers, ...i.headers });
      res.end(JSON.stringify(i.body ?? {}));
      return;
    }
    try {
      const answer = this.#route(record);
      res.writeHead(200, headers);
      res.end(JSON.stringify(answer));
    } catch (error) {
      const f = error instanceof GraphFail ? error : new GraphFail(500, String(error), 1, undefined, 'GraphMethodException');
      res.writeHead(f.status, headers);
      res.end(
        JSON.stringify({
          error: {
            message: f.message,
            type: f.type,
            code: f.code,
            ...(f.subcode ? { error_subcode: f.subcode } : {}),
            fbtrace_id: 'AbCdEf',
          },
        }),
      );
    }
  }

  #authorize(r: RecordedRequest): void {
    const header = r.authorization?.match(/^(?:Bearer|OAuth) (.+)$/)?.[1];
    const token = header ?? r.query.access_token;
    if (!token) throw new GraphFail(400, 'An active access token must be used to query information about the current user.', 2500);
    if (token !== this.token) throw new GraphFail(400, 'Invalid OAuth access token - Cannot parse access token', 190);
    if (this.tokenExpired)
      throw new GraphFail(400, 'Error validating access token: Session has expired on Monday, 23-Nov-26 09:00:00 PST.', 190, 463);
    const proof = r.query.appsecret_proof;
    const expected = createHmac('sha256', this.#appSecret).update(token).digest('hex');
    if (proof !== undefined && proof !== expected) throw new GraphFail(400, 'Invalid appsecret_proof provided in the API argument', 100);
    if (proof === undefined && this.requireProof)
      throw new GraphFail(400, 'API calls from the server require an appsecret_proof argument', 100);
  }

  #route(r: RecordedRequest): unknown {
    if (!r.version) throw new GraphFail(400, 'Unknown path components: calls must name a Graph API version (/vXX.X/…)', 2500);
    const major = Number(VERSION.exec(r.version)?.[1]);
    if (major < OLDEST_MAJOR)
      throw new GraphFail(
        400,
        `(#2635) You are calling a deprecated version of the Graph API (${r.version}). Please update to the latest version.`,
        2635,
      );
    this.versions.add(r.version);
    this.#authorize(r);
    const [id = '', edge] = r.path.split('/');
    const objectId = id === 'me' ? this.store.page.id : id;
    if (r.method === 'GET') return edge ? this.#readEdge(objectId, edge, r.query) : this.#read(objectId, r.query.fields);
    if (r.method === 'POST') return this.#write(objectId, edge ?? '', r.body ?? {});
    throw new GraphFail(400, 'Unsupported method', 100);
  }

  #missing(id: string): GraphFail {
    return new GraphFail(
      400,
      `(#100) Unsupported get request. Object with ID '${id}' does not exist, cannot be loaded due to missing permissions, ` +
        `or does not support this operation.`,
      100,
      33,
      'GraphMethodException',
    );
  }

  #igComment(c: IgComment) {
    return {
      id: c.id,
      text: c.text,
      timestamp: iso(c.createdAt),
      username: c.from.username,
      from: { id: c.from.id, username: c.from.username },
      media: { id: c.mediaId, permalink: `https://www.instagram.com/p/${c.mediaId}/` },
      ...(c.parentId ? { parent_id: c.parentId } : {}),
    };
  }

  #read(id: string, fieldsParam: string | undefined): unknown {
    const s = this.store;
    const fields = topFields(fieldsParam);
    if (id === s.page.id) return pick({ id, name: s.page.name }, fields);
    if (id === s.ig.id) {
      const comment = fieldsParam?.match(/^mentioned_comment\.comment_id\(([^)]+)\)/)?.[1];
      if (comment) {
        const c = s.igComments.get(comment);
        if (!c?.text.toLowerCase().includes(`@${s.ig.username}`)) throw this.#missing(comment);
        return { mentioned_comment: this.#igComment(c), id };
      }
      const media = fieldsParam?.match(/^mentioned_media\.media_id\(([^)]+)\)/)?.[1];
      if (media) {
        const m = s.igMedia.get(media);
        if (!m?.caption.toLowerCase().includes(`@${s.ig.username}`)) throw this.#missing(media);
        return {
          mentioned_media: {
            id: m.id,
            caption: m.caption,
            timestamp: iso(m.createdAt),
            username: m.ownerUsername,
            permalink: `https://www.instagram.com/p/${m.id}/`,
          },
          id,
        };
      }
      return pick({ id, username: s.ig.username }, fields);
    }
    const fc = s.fbComments.get(id);
    if (fc)
      return pick(
        {
          id,
          message: fc.message,
          from: fc.from,
          created_time: iso(fc.createdAt),
          permalink_url: `https://www.facebook.com/${fc.postId}?comment_id=${fc.id}`,
          ...(fc.parentId ? { parent: { id: fc.parentId } } : {}),
        },
        fields,
      );
    const fp = s.fbPosts.get(id);
    if (fp)
      return pick(
        { id, message: fp.message, from: fp.from, created_time: iso(fp.createdAt), permalink_url: `https://www.facebook.com/${fp.id}` },
        fields,
      );
    const fu = s.fbUsers.get(id);
    if (fu) return pick({ id, name: fu.name, first_name: fu.name.split(' ')[0], last_name: fu.name.split(' ').slice(1).join(' ') }, fields);
    const ic = s.igComments.get(id);
    if (ic) return pick(this.#igComment(ic), fields);
    const iu = s.igUsers.get(id);
    if (iu) return pick({ id, username: iu.username, ...(iu.name ? { name: iu.name } : {}) }, fields);
    throw this.#missing(id);
  }

  /**
   * GET /{page-id}/conversations?user_id=…[&platform=instagram]: the Page's conversation with one
   * person, as Meta lists it (Instagram ones only through the Page and only with platform=instagram;
   * messages only when asked for in `fields`, newest first). Only the brand's own messages are kept here.
   */
  #conversations(id: string, query: Record<string, string>): unknown {
    const s = this.store;
    if (id !== s.page.id) throw new GraphFail(400, '(#100) Tried accessing nonexisting field (conversations)', 100);
    const platform = query.platform ?? 'messenger';
    if (platform !== 'messenger' && platform !== 'instagram') {
      throw new GraphFail(400, '(#100) param platform must be one of {MESSENGER, INSTAGRAM}', 100);
    }
    const person = query.user_id;
    if (!person) throw new GraphFail(400, '(#100) The parameter user_id is required for this lookup', 100);
    const onPlatform = platform === 'instagram' ? 'instagram' : 'facebook';
    const authorOf = (target: string) =>
      s.fbComments.get(target)?.from.id ?? s.fbPosts.get(target)?.from.id ?? s.igComments.get(target)?.from.id ?? null;
    const brand = onPlatform === 'instagram' ? { id: s.ig.id, username: s.ig.username } : { id: s.page.id, name: s.page.name };
    const messages = s.sent
      .filter((m) => m.platform === onPlatform && (m.kind === 'dm' ? m.to === person : authorOf(m.to) === person))
      .sort((a, b) => b.at.getTime() - a.at.getTime())
      .map((m) => ({ id: m.id, message: m.text, created_time: iso(m.at), from: brand }));
    if (messages.length === 0) return { data: [] };
    const withMessages = /(^|,)messages\b/.test(query.fields ?? '');
    return { data: [{ id: `t_${person}`, ...(withMessages ? { messages: { data: messages.slice(0, 25) } } : {}) }] };
  }

  #readEdge(id: string, edge: string, query: Record<string, string>): unknown {
    const s = this.store;
    if (edge === 'conversations') return this.#conversations(id, query);
    if (edge === 'comments') {
      if (!s.fbComments.has(id) && !s.fbPosts.has(id)) throw this.#missing(id);
      return {
        data: [...s.fbComments.values()]
          .filter((c) => c.parentId === id || (c.parentId === null && c.postId === id))
          .map((c) => ({ id: c.id, message: c.message, from: c.from })),
      };
    }
    if (edge === 'replies') {
      if (!s.igComments.has(id)) throw this.#missing(id);
      return {
        data: [...s.igComments.values()]
          .filter((c) => c.parentId === id)
          .map((c) => ({ id: c.id, text: c.text, from: { id: c.from.id, username: c.from.username } })),
      };
    }
    throw new GraphFail(400, `(#100) Tried accessing nonexisting field (${edge})`, 100);
  }

  #text(body: Record<string, unknown>, field: string, limit: number): string {
    const value = body[field];
    if (typeof value !== 'string' || value.trim() === '') throw new GraphFail(400, `(#100) The parameter ${field} is required`, 100);
    if (value.length > limit) throw new GraphFail(400, `(#100) Length of param ${field} must be less than or equal to ${limit}`, 100);
    return value;
  }

  #write(id: string, edge: string, body: Record<string, unknown>): unknown {
    const s = this.store;
    const now = s.now();
    if (edge === 'comments') {
      const target = s.fbComments.get(id) ?? s.fbPosts.get(id);
      if (!target)
        throw new GraphFail(400, `(#100) Unsupported post request. Object with ID '${id}' does not exist`, 100, 33, 'GraphMethodException');
      const message = this.#text(body, 'message', 8000);
      const postId: string = s.fbComments.get(id)?.postId ?? target.id;
      const comment = {
        id: `${postId.split('_')[1] ?? postId}_${s.nextId()}`,
        postId,
        parentId: id,
        from: { ...s.page },
        message,
        createdAt: now,
      };
      s.fbComments.set(comment.id, comment);
      s.replies.push({ platform: 'facebook', target: id, text: message, id: comment.id, at: now });
      return { id: comment.id };
    }
    if (edge === 'replies') {
      const target = s.igComments.get(id);
      if (!target)
        throw new GraphFail(400, `(#100) Unsupported post request. Object with ID '${id}' does not exist`, 100, 33, 'GraphMethodException');
      const message = this.#text(body, 'message', 2200);
      const reply = {
        id: `18${s.nextId().padStart(15, '0')}`,
        mediaId: target.mediaId,
        parentId: id,
        from: { id: s.ig.id, username: s.ig.username },
        text: message,
        createdAt: now,
      };
      s.igComments.set(reply.id, reply);
      s.replies.push({ platform: 'instagram', target: id, text: message, id: reply.id, at: now });
      return { id: reply.id };
    }
    if (edge === 'mentions' && id === s.ig.id) {
      const message = this.#text(body, 'message', 2200);
      const target = typeof body.comment_id === 'string' ? body.comment_id : typeof body.media_id === 'string' ? body.media_id : '';
      if (!s.igComments.has(target) && !s.igMedia.has(target))
        throw new GraphFail(400, `(#100) Object with ID '${target}' does not exist`, 100);
      const replyId = `18${s.nextId().padStart(15, '0')}`;
      s.replies.push({ platform: 'instagram', target, text: message, id: replyId, at: now });
      return { id: replyId };
    }
    if (edge === 'messages' && (id === s.page.id || id === s.ig.id)) return this.#message(body, now);
    throw new GraphFail(400, `(#100) Unsupported post request (${edge || 'no edge'})`, 100, 33, 'GraphMethodException');
  }

  #message(body: Record<string, unknown>, now: Date): unknown {
    const s = this.store;
    const recipient = (body.recipient ?? {}) as Record<string, unknown>;
    const message = (body.message ?? {}) as Record<string, unknown>;
    const commentId =
      typeof recipient.comment_id === 'string' ? recipient.comment_id : typeof recipient.post_id === 'string' ? recipient.post_id : null;
    const personId = typeof recipient.id === 'string' ? recipient.id : null;
    const platform = (commentId ? s.igComments.has(commentId) : personId ? s.igUsers.has(personId) : false) ? 'instagram' : 'facebook';
    const text = this.#text(message, 'text', platform === 'instagram' ? 1000 : 2000);
    if (this.#refuseNextPrivate) {
      this.#refuseNextPrivate = false;
      throw new GraphFail(400, "(#551) This person isn't available right now.", 551, 1545041);
    }
    const mid = `m_${s.nextId()}`;
    if (commentId) {
      const refusal = s.privateReplyRefusal(commentId);
      if (refusal)
        throw new GraphFail(400, refusal, refusal.startsWith('(#10)') ? 10 : 100, refusal.startsWith('(#10)') ? 2018278 : undefined);
      s.privatelyAnswered.add(commentId);
      s.sent.push({ platform, kind: 'private_reply', to: commentId, text, id: mid, at: now });
      return { recipient_id: commentId, message_id: mid };
    }
    if (!personId || (!s.fbUsers.has(personId) && !s.igUsers.has(personId)))
      throw new GraphFail(400, '(#100) No matching user found', 100, 2018001);
    if (platform === 'facebook' && typeof body.messaging_type !== 'string')
      throw new GraphFail(400, '(#100) The parameter messaging_type is required', 100);
    if (!s.windowOpen(personId)) throw new GraphFail(400, '(#10) This message is sent outside of allowed window.', 10, 2018278);
    s.sent.push({ platform, kind: 'dm', to: personId, text, id: mid, at: now });
    return { recipient_id: personId, message_id: mid };
  }
}
