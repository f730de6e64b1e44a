import { z } from 'zod';
import type { Clock } from '../../src/clock.js';
import type { Metrics } from '../../src/telemetry.js';
import { failedBeforeSending, networkErrorCode } from '../source-kit/network.js';
import type { Redact } from '../source-kit/redact.js';
import type { GoogleReviewsSettings } from './settings.js';

/** A failed call to Google; `kind` says what it means for the caller. */
export class GoogleError extends Error {
  constructor(
    message: string,
    readonly kind: 'connect' | 'after_write' | 'auth' | 'rate_limited' | 'unavailable' | 'refused' | 'server',
    readonly status: number | null,
    readonly waitMs: number | null = null,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GoogleError';
  }
}

const STARS = ['ONE', 'TWO', 'THREE', 'FOUR', 'FIVE'] as const;

const reviewSchema = z.object({
  name: z.string().regex(/^accounts\/\d+\/locations\/\d+\/reviews\/[A-Za-z0-9_-]{1,200}$/),
  reviewId: z.string().regex(/^[A-Za-z0-9_-]{1,200}$/),
  reviewer: z
    .object({ displayName: z.string().max(300).optional(), isAnonymous: z.boolean().optional() })
    .optional()
    .catch(undefined),
  starRating: z.string().max(40).optional(),
  comment: z.string().max(100_000).optional(),
  createTime: z.string().max(40),
  updateTime: z.string().max(40),
  reviewReply: z
    .object({ comment: z.string().max(100_000), updateTime: z.string().max(40).optional() })
    .optional()
    .catch(undefined),
});
export type Review = z.infer<typeof reviewSchema>;

const pageSchema = z.object({ reviews: z.array(z.unknown()).max(500).optional(), nextPageToken: z.string().max(2000).optional() });
const tokenSchema = z.object({ access_token: z.string().min(1).max(4096), expires_in: z.number().positive().max(86_400).optional() });

/** Google's 1–5 stars, or null for "unspecified". */
export function starsOf(review: Pick<Review, 'starRating'>): number | null {
  const i = STARS.indexOf((review.starRating ?? '') as (typeof STARS)[number]);
  return i === -1 ? null : i + 1;
}

function googleMessage(json: unknown): string {
  const e = json && typeof json === 'object' ? (json as { error?: unknown; error_description?: unknown }) : {};
  if (typeof e.error === 'string')
    return `${e.error}${typeof e.error_description === 'string' ? `: ${e.error_description.slice(0, 200)}` : ''}`;
  const inner = e.error && typeof e.error === 'object' ? (e.error as { message?: unknown; status?: unknown }) : {};
  return (
    [typeof inner.status === 'string' ? inner.status : null, typeof inner.message === 'string' ? inner.message.slice(0, 300) : null]
      .filter(Boolean)
      .join(': ') || 'no details'
  );
}

export interface GoogleApiDeps {
  settings: GoogleReviewsSettings;
  clock: Clock;
  metrics: Metrics;
  redact: Redact;
  fetch?: typeof globalThis.fetch;
  /** Told when Google refuses the credentials (a sentence for people) and when they work again (null). */
  authState(problem: string | null): void;
}

/**
 * The Business Profile API (v4 reviews) over fetch, with OAuth 2.0: an access token from the refresh
 * token, kept until a minute before it expires and renewed once when Google answers 401.
 */
export class GoogleReviewsApi {
  readonly #d: GoogleApiDeps;
  #token: { value: string; expiresAt: number } | null = null;

  constructor(deps: GoogleApiDeps) {
    this.#d = deps;
  }

  /** One page of a location's reviews, newest update first. */
  async reviews(location: string, pageToken: string | null): Promise<{ reviews: Review[]; skipped: number; nextPageToken: string | null }> {
    const params = new URLSearchParams({ pageSize: '50', orderBy: 'updateTime desc' });
    if (pageToken) params.set('pageToken', pageToken);
    const json = await this.#call('list_reviews', 'GET', `${location}/reviews?${params}`, null);
    const page = pageSchema.safeParse(json);
    if (!page.success) throw new GoogleError('Google answered the review list in an unexpected shape', 'server', 200);
    const reviews: Review[] = [];
    let skipped = 0;
    for (const raw of page.data.reviews ?? []) {
      const r = reviewSchema.safeParse(raw);
      if (r.success) reviews.push(r.data);
      else skipped += 1;
    }
    return { reviews, skipped, nextPageToken: page.data.nextPageToken || null };
  }

  async review(name: string): Promise<Review | null> {
    const r = reviewSchema.safeParse(await this.#call('get_review', 'GET', name, null));
    return r.success ? r.data : null;
  }

  /** Sets the owner's public reply (PUT replaces any earlier one: a retry never posts twice). */
  async reply(reviewName: string, comment: string): Promise<void> {
    await this.#call('reply', 'PUT', `${reviewName}/reply`, { comment });
  }

  async #accessToken(): Promise<string> {
    const now = this.#d.clock.now().getTime();
    if (this.#token && this.#token.expiresAt > now) return this.#token.value;
    const { settings, redact } = this.#d;
    this.#d.metrics.sourceCalls.inc({ source: 'google_reviews', op: 'token' });
    let res: Response;
    try {
      res = await (this.#d.fetch ?? globalThis.fetch)(settings.tokenUrl, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded', accept: 'application/json' },
        body: new URLSearchParams({
          grant_type: 'refresh_token',
          client_id: settings.clientId,
          client_secret: settings.clientSecret,
          refresh_token: settings.refreshToken,
        }).toString(),
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      // A token request changes nothing at Google: any failure to get an answer may be retried.
      throw new GoogleError(
        redact(`Google's token endpoint could not be reached: ${networkErrorCode(error) ?? String(error)}`),
        'connect',
        null,
        null,
        { cause: error },
      );
    }
    const json: unknown = await res.json().catch(() => null);
    if (!res.ok) {
      const said = redact(googleMessage(json));
      if (res.status === 400 || res.status === 401) {
        const problem = /invalid_client/.test(said)
          ? `Google refused the OAuth client (${said}): check GOOGLE_BUSINESS_CLIENT_ID and GOOGLE_BUSINESS_CLIENT_SECRET.`
          : `Google refused the refresh token (${said}): it was revoked or has expired — issue a new GOOGLE_BUSINESS_REFRESH_TOKEN ` +
            `for the business.manage scope (see README) and restart Klaxon.`;
        this.#d.authState(problem);
        throw new GoogleError(problem, 'auth', res.status);
      }
      throw new GoogleError(
        `Google's token endpoint answered HTTP ${res.status}: ${said}`,
        res.status === 429 ? 'rate_limited' : 'unavailable',
        res.status,
      );
    }
    const token = tokenSchema.safeParse(json);
    if (!token.success) throw new GoogleError("Google's token endpoint answered without an access token", 'server', res.status);
    this.#token = { value: token.data.access_token, expiresAt: now + Math.max(60, (token.data.expires_in ?? 3600) - 60) * 1000 };
    return token.data.access_token;
  }

  async #call(op: string, method: 'GET' | 'PUT', path: string, body: Record<string, unknown> | null, renewed = false): Promise<unknown> {
    const { settings, redact, metrics } = this.#d;
    const token = await this.#accessToken();
    metrics.sourceCalls.inc({ source: 'google_reviews', op });
    let res: Response;
    try {
      res = await (this.#d.fetch ?? globalThis.fetch)(`${settings.apiUrl}/v4/${path}`, {
        method,
        headers: { authorization: `Bearer ${token}`, accept: 'application/json', ...(body ? { 'content-type': 'application/json' } : {}) },
        body: body ? JSON.stringify(body) : undefined,
        signal: AbortSignal.timeout(30_000),
      });
    } catch (error) {
      const code = networkErrorCode(error);
      throw new GoogleError(
        redact(`${code ?? 'error'}: ${error instanceof Error ? error.message : String(error)}`),
        failedBeforeSending(error) ? 'connect' : 'after_write',
        null,
        null,
        { cause: error },
      );
    }
    const json: unknown = await res.json().catch(() => null);
    if (res.ok) {
      this.#d.authState(null);
      return json;
    }
    const said = redact(googleMessage(json));
    if (res.status === 401 && !renewed) {
      // The access token expired early or was revoked: renew it once.
      this.#token = null;
      return this.#call(op, method, path, body, true);
    }
    if (res.status === 401) {
      const problem =
        `Google refused Klaxon's access (${said}): issue a new GOOGLE_BUSINESS_REFRESH_TOKEN for the business.manage scope and ` +
        `restart Klaxon.`;
      this.#d.authState(problem);
      throw new GoogleError(problem, 'auth', 401);
    }
    const retryAfter = Number(res.headers.get('retry-after'));
    const waitMs = Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : null;
    if (res.status === 429) throw new GoogleError(`Google's quota is used up (${said})`, 'rate_limited', 429, waitMs ?? 60_000);
    if (res.status === 503) throw new GoogleError(`Google is not taking requests now (${said})`, 'unavailable', 503, waitMs);
    if (res.status >= 500) throw new GoogleError(`Google answered HTTP ${res.status} (${said})`, 'server', res.status);
    throw new GoogleError(said, 'refused', res.status);
  }
}
