import { createHmac, randomBytes, timingSafeEqual } from 'node:crypto';
import type { IncomingMessage, ServerResponse } from 'node:http';
import { kvState } from '../../db/schema/index.js';
import type { Db } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { readKv } from '../kv-state.js';
import { sendJson, type HttpRoute } from './server.js';

/**
 * Signed, expiring links (docs/CONTRACT.md §9, `PUBLIC_URL`): a URL that carries its own permission, for
 * people whose chat client cannot receive a file (a CSV in Teams) or for an image a platform
 * fetches itself (a chart). Whoever holds the link may use it until it expires, so links are
 * short-lived, name exactly what they give, and are checked before anything is read.
 *
 * Form: `<PUBLIC_URL><path>?<params>&exp=<unix seconds>&sig=<hex>`, where
 * sig = HMAC-SHA256(key, "klaxon-link-v1\n<path>\n<exp>\n<params sorted by name, URL-encoded>").
 * The path is signed, so a signature for one kind of link never opens another.
 *
 * The key is random and kept in the database (`kv_state`), created on first use: every process
 * on the same database signs and verifies alike, across restarts, with no secret to configure.
 */
export interface SignedLinks {
  /** A link to `path` with `params`, valid for `ttlMs`; null when no PUBLIC_URL is configured. */
  url(path: string, params: Record<string, string>, ttlMs: number): string | null;
  /** The signed params of a request to a signed path, or why it is refused. */
  verify(
    req: IncomingMessage,
    path: string,
  ): { ok: true; params: Record<string, string>; expiresAt: Date } | { ok: false; status: 403 | 410; reason: string };
}

const KEY_NAME = 'signed-links:key';
const RESERVED = new Set(['exp', 'sig']);
/** Links never live longer than a day, whatever a caller asks. */
const MAX_TTL_MS = 24 * 60 * 60_000;

/** The signing key from the database, created (once, whoever gets there first) when absent. */
export function linkKey(db: Db, now: Date): Buffer {
  const existing = readKv(db, KEY_NAME);
  if (existing) return Buffer.from(existing, 'base64');
  db.insert(kvState)
    .values({ key: KEY_NAME, value: randomBytes(32).toString('base64'), updatedAt: now })
    .onConflictDoNothing()
    .run();
  return Buffer.from(readKv(db, KEY_NAME)!, 'base64');
}

function canonical(path: string, exp: string, params: Record<string, string>): string {
  const query = Object.keys(params)
    .sort()
    .map((k) => `${encodeURIComponent(k)}=${encodeURIComponent(params[k]!)}`)
    .join('&');
  return `klaxon-link-v1\n${path}\n${exp}\n${query}`;
}

export function createSignedLinks(options: { key: Buffer; clock: Clock; publicUrl: string | undefined }): SignedLinks {
  const base = options.publicUrl?.replace(/\/+$/, '') ?? null;
  const mac = (text: string) => createHmac('sha256', options.key).update(text).digest();
  return {
    url(path, params, ttlMs) {
      if (!base) return null;
      for (const k of Object.keys(params)) if (RESERVED.has(k)) throw new Error(`"${k}" is reserved in signed links`);
      const exp = String(Math.floor((options.clock.now().getTime() + Math.min(Math.max(ttlMs, 1000), MAX_TTL_MS)) / 1000));
      const search = new URLSearchParams({ ...params, exp, sig: mac(canonical(path, exp, params)).toString('hex') });
      return `${base}${path}?${search.toString()}`;
    },
    verify(req, path) {
      const url = new URL(req.url ?? '/', 'http://signed.local');
      if (url.pathname !== path) return { ok: false, status: 403, reason: 'this link is not valid' };
      const params: Record<string, string> = {};
      let exp = '';
      let sig = '';
      for (const [k, v] of url.searchParams) {
        if (k === 'exp') exp = v;
        else if (k === 'sig') sig = v;
        else if (Object.hasOwn(params, k)) return { ok: false, status: 403, reason: 'this link is not valid' };
        else params[k] = v;
      }
      if (!/^\d{1,12}$/.test(exp) || !/^[0-9a-f]{64}$/.test(sig)) return { ok: false, status: 403, reason: 'this link is not valid' };
      const expected = mac(canonical(path, exp, params));
      if (!timingSafeEqual(expected, Buffer.from(sig, 'hex'))) return { ok: false, status: 403, reason: 'this link is not valid' };
      const expiresAt = new Date(Number(exp) * 1000);
      if (options.clock.now().getTime() >= expiresAt.getTime())
        return { ok: false, status: 410, reason: 'this link has expired; ask Klaxon for a new one' };
      return { ok: true, params, expiresAt };
    },
  };
}

/**
 * A GET route served only through a valid signed link: the signature and expiry are checked
 * before the handler runs; anything else is a 403 (or 410 once expired) that says so.
 */
export function signedRoute(
  path: string,
  links: SignedLinks,
  handler: (params: Record<string, string>, res: ServerResponse, req: IncomingMessage) => void | Promise<void>,
): HttpRoute {
  return {
    method: 'GET',
    path,
    handler: (req, res) => {
      const verdict = links.verify(req, path);
      if (!verdict.ok) return sendJson(res, verdict.status, { error: verdict.reason }, { 'cache-control': 'no-store' });
      return handler(verdict.params, res, req);
    },
  };
}
