import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeReview {
  location: string;
  reviewId: string;
  displayName: string | null;
  stars: number | null;
  comment: string | null;
  createTime: Date;
  updateTime: Date;
  reply: { comment: string; updateTime: Date } | null;
}

const STARS = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'];

/**
 * A loopback Google: the OAuth 2.0 token endpoint (refresh-token grant; client id and secret
 * checked, a revoked refresh token refused with invalid_grant, access tokens that expire on the
 * test's clock) and the Business Profile v4 reviews API (Bearer tokens, pageSize ≤ 50, opaque
 * page tokens, newest update first, PUT …/reply replacing the owner's reply, 404 for a deleted
 * review, 429 RESOURCE_EXHAUSTED and 503 when told).
 */
export class FakeGoogle {
  readonly reviews = new Map<string, FakeReview>();
  readonly calls: { method: string; path: string; authorization: string | null }[] = [];
  readonly tokensIssued: string[] = [];
  refreshTokenRevoked = false;
  #tokens = new Map<string, number>();
  #seq = 0;
  #server: Server | null = null;
  #failNext: { status: number; body: unknown; headers?: Record<string, string>; path?: RegExp }[] = [];

  constructor(readonly o: { clientId: string; clientSecret: string; refreshToken: string; now: () => Date; locations: string[] }) {}

  async listen(): Promise<string> {
    this.#server = createServer((req, res) => void this.#handle(req, res));
    await new Promise<void>((resolve) => this.#server!.listen(0, '127.0.0.1', resolve));
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  async close(): Promise<void> {
    this.#server?.closeAllConnections();
    await new Promise<void>((resolve) => (this.#server ? this.#server.close(() => resolve()) : resolve()));
  }

  failNext(status: number, body: unknown, headers?: Record<string, string>, path?: RegExp): void {
    this.#failNext.push({ status, body, headers, path });
  }

  /** A customer leaves a review (`at` defaults to now). */
  review(location: string, o: { name?: string | null; stars: number | null; comment?: string | null; at?: Date }): FakeReview {
    const at = o.at ?? this.o.now();
    this.#seq += 1;
    const r: FakeReview = {
      location,
      reviewId: `AbFvOq${String(this.#seq).padStart(6, '0')}x-_Z`,
      displayName: o.name === undefined ? 'Jane Doe' : o.name,
      stars: o.stars,
      comment: o.comment ?? null,
      createTime: at,
      updateTime: at,
      reply: null,
    };
    this.reviews.set(r.reviewId, r);
    return r;
  }

  /** The customer edits their review: Google moves it to the top of "newest update first". */
  edit(reviewId: string, change: { stars?: number; comment?: string }): void {
    const r = this.reviews.get(reviewId)!;
    if (change.stars !== undefined) r.stars = change.stars;
    if (change.comment !== undefined) r.comment = change.comment;
    r.updateTime = this.o.now();
  }

  /** The owner answers in Business Profile, outside Klaxon. */
  ownerReply(reviewId: string, comment: string): void {
    const r = this.reviews.get(reviewId)!;
    r.reply = { comment, updateTime: this.o.now() };
    r.updateTime = this.o.now();
  }

  expireAccessTokens(): void {
    this.#tokens.clear();
  }

  #json(res: ServerResponse, status: number, body: unknown, headers: Record<string, string> = {}): void {
    res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...headers });
    res.end(JSON.stringify(body));
  }

  #error(res: ServerResponse, status: number, code: string, message: string): void {
    this.#json(res, status, { error: { code: status, message, status: code } });
  }

  #view(r: FakeReview) {
    return {
      name: `${r.location}/reviews/${r.reviewId}`,
      reviewId: r.reviewId,
      reviewer: r.displayName
        ? { displayName: r.displayName, profilePhotoUrl: 'https://lh3.googleusercontent.com/a/x', isAnonymous: false }
        : { isAnonymous: true },
      starRating: r.stars === null ? 'STAR_RATING_UNSPECIFIED' : STARS[r.stars - 1],
      ...(r.comment ? { comment: r.comment } : {}),
      createTime: r.createTime.toISOString(),
      updateTime: r.updateTime.toISOString(),
      ...(r.reply ? { reviewReply: { comment: r.reply.comment, updateTime: r.reply.updateTime.toISOString() } } : {}),
    };
  }

  async #handle(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://google');
    const chunks: Buffer[] = [];
    for await (const c of req) chunks.push(c as Buffer);
    const body = Buffer.concat(chunks).toString('utf8');
    this.calls.push({ method: req.method ?? '', path: url.pathname, authorization: req.headers.authorization ?? null });
    if (url.pathname === '/token') return this.#token(req, res, body);
    const auth = req.headers.authorization?.match(/^Bearer (.+)$/)?.[1];
    const expires = auth ? this.#tokens.get(auth) : undefined;
    if (!auth || expires === undefined || expires <= this.o.now().getTime())
      return this.#error(res, 401, 'UNAUTHENTICATED', 'Request had invalid authentication credentials. Expected OAuth 2 access token.');
    const fail = this.#failNext.findIndex((f) => !f.path || f.path.test(url.pathname));
    if (fail >= 0) {
      const f = this.#failNext.splice(fail, 1)[0]!;
      return this.#json(res, f.status, f.body, f.headers);
    }
    const list = url.pathname.match(/^\/v4\/(accounts\/\d+\/locations\/\d+)\/reviews$/);
    if (list && req.method === 'GET') return this.#list(res, list[1]!, url.searchParams);
    const one = url.pathname.match(/^\/v4\/(accounts\/\d+\/locations\/\d+)\/reviews\/([^/]+)(\/reply)?$/);
    if (one) {
      const r = this.reviews.get(one[2]!);
      if (!r || r.location !== one[1]) return this.#error(res, 404, 'NOT_FOUND', 'Requested entity was not found.');
      if (!one[3] && req.method === 'GET') return this.#json(res, 200, this.#view(r));
      if (one[3] && req.method === 'PUT') {
        let comment: unknown;
        try {
          comment = (JSON.parse(body) as { comment?: unknown }).comment;
        } catch {
          return this.#error(res, 400, 'INVALID_ARGUMENT', 'Invalid JSON payload received.');
        }
        if (typeof comment !== 'string' || comment.trim() === '')
          return this.#error(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: comment is required.');
        if (comment.length > 4096)
          return this.#error(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: comment is too long.');
        r.reply = { comment, updateTime: this.o.now() };
        return this.#json(res, 200, { comment, updateTime: r.reply.updateTime.toISOString() });
      }
    }
    this.#error(res, 404, 'NOT_FOUND', `The requested URL ${url.pathname} was not found on this server.`);
  }

  #token(req: IncomingMessage, res: ServerResponse, body: string): void {
    const form = new URLSearchParams(body);
    if (req.method !== 'POST' || !(req.headers['content-type'] ?? '').startsWith('application/x-www-form-urlencoded'))
      return this.#json(res, 400, { error: 'invalid_request' });
    if (form.get('client_id') !== this.o.clientId || form.get('client_secret') !== this.o.clientSecret)
      return this.#json(res, 401, { error: 'invalid_client', error_description: 'The OAuth client was not found.' });
    if (form.get('grant_type') !== 'refresh_token') return this.#json(res, 400, { error: 'unsupported_grant_type' });
    if (form.get('refresh_token') !== this.o.refreshToken || this.refreshTokenRevoked)
      return this.#json(res, 400, { error: 'invalid_grant', error_description: 'Token has been expired or revoked.' });
    this.#seq += 1;
    const token = `ya29.a0AfB_fake${this.#seq}`;
    this.#tokens.set(token, this.o.now().getTime() + 3599_000);
    this.tokensIssued.push(token);
    this.#json(res, 200, {
      access_token: token,
      expires_in: 3599,
      scope: 'https://www.googleapis.com/auth/business.manage',
      token_type: 'Bearer',
    });
  }

  #list(res: ServerResponse, location: string, q: URLSearchParams): void {
    if (!this.o.locations.includes(location)) return this.#error(res, 403, 'PERMISSION_DENIED', 'The caller does not have permission');
    const pageSize = Number(q.get('pageSize') ?? '50');
    if (!Number.isInteger(pageSize) || pageSize < 1 || pageSize > 50)
      return this.#error(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: pageSize must be 1..50.');
    const order = q.get('orderBy') ?? 'updateTime desc';
    if (order !== 'updateTime desc') return this.#error(res, 400, 'INVALID_ARGUMENT', `orderBy ${order} is not supported by this fake`);
    const token = q.get('pageToken');
    let offset = 0;
    if (token) {
      const decoded = Buffer.from(token, 'base64url')
        .toString('utf8')
        .match(/^off:(\d+)$/);
      if (!decoded) return this.#error(res, 400, 'INVALID_ARGUMENT', 'Request contains an invalid argument: page token.');
      offset = Number(decoded[1]);
    }
    const all = [...this.reviews.values()]
      .filter((r) => r.location === location)
      .sort((a, b) => b.updateTime.getTime() - a.updateTime.getTime() || a.reviewId.localeCompare(b.reviewId));
    const page = all.slice(offset, offset + pageSize);
    const next = offset + pageSize < all.length ? Buffer.from(`off:${offset + pageSize}`).toString('base64url') : undefined;
    const rated = all.filter((r) => r.stars !== null);
    this.#json(res, 200, {
      reviews: page.map((r) => this.#view(r)),
      averageRating: rated.length ? rated.reduce((s, r) => s + (r.stars ?? 0), 0) / rated.length : 0,
      totalReviewCount: all.length,
      ...(next ? { nextPageToken: next } : {}),
    });
  }
}
