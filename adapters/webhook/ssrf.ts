import { lookup as dnsLookup } from 'node:dns/promises';
import type { LookupAddress } from 'node:dns';
import { request as httpRequest, type IncomingMessage } from 'node:http';
import { request as httpsRequest } from 'node:https';
import type { LookupFunction } from 'node:net';
import { KlaxonError } from '../../src/errors.js';
import { classifyAddress } from './ip-ranges.js';

/**
 * The guard every outbound target (reply webhooks) passes, so a config value or a redirect can
 * never make Klaxon call into its own machine, the internal network or the cloud metadata
 * service (SSRF). The host is resolved once, every address is checked, and the connection is
 * pinned to the checked address, so a second DNS answer cannot swap in another (DNS rebinding).
 */

export type LookupAll = (hostname: string) => Promise<{ address: string; family: number }[]>;

export interface TargetPolicy {
  /**
   * Allow loopback, private, link-local, CGNAT and unique-local addresses (a webhook on the
   * internal network). Metadata endpoints, unspecified, multicast and broadcast stay refused.
   */
  allowPrivate: boolean;
  /** Host names allowed to resolve to private addresses even when `allowPrivate` is false. */
  allowedHosts?: readonly string[];
  /** DNS resolution (tests inject one; the default is the system resolver, every address). */
  lookup?: LookupAll;
}

export interface CheckedTarget {
  url: URL;
  /** The address the connection must go to. */
  address: string;
  family: 4 | 6;
}

/** Host names of cloud metadata services: refused whatever they resolve to. */
const METADATA_HOSTS = new Set([
  'metadata',
  'metadata.google.internal',
  'metadata.goog',
  'metadata.azure.internal',
  'instance-data',
  'instance-data.ec2.internal',
]);

const systemLookup: LookupAll = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

/**
 * The target's name did not resolve (or resolved to nothing). Still a refusal of the target
 * (`invalid_input`), but one that may pass — DNS fails for a while, a record is being changed —
 * and before any connection was made, so a caller may try again later.
 */
export class UnresolvedTargetError extends KlaxonError {
  readonly phase = 'connect' as const;
}

function refuse(url: string, why: string): never {
  throw new KlaxonError('invalid_input', `outbound target ${safeForMessage(url)} refused: ${why}`);
}

/** The URL without credentials or query, fit for a log line or an error message. */
function safeForMessage(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}${u.pathname}`;
  } catch {
    return JSON.stringify(raw.slice(0, 100));
  }
}

function bareHost(url: URL): string {
  return url.hostname
    .replace(/^\[(.*)\]$/, '$1')
    .replace(/\.$/, '')
    .toLowerCase();
}

/**
 * Checks a URL and resolves its host; returns the address to connect to. Throws
 * KlaxonError('invalid_input') naming the reason when the target is not allowed.
 */
export async function checkTarget(raw: string, policy: TargetPolicy): Promise<CheckedTarget> {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return refuse(raw, 'not an absolute URL');
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') refuse(raw, `scheme ${url.protocol} is not http or https`);
  if (url.username || url.password) refuse(raw, 'URLs with credentials (user:password@) are not allowed');
  const host = bareHost(url);
  if (!host) refuse(raw, 'no host');
  if (METADATA_HOSTS.has(host)) refuse(raw, `${host} is a cloud metadata service`);
  const allowPrivate = policy.allowPrivate || (policy.allowedHosts ?? []).some((h) => h.toLowerCase() === host);
  if (!allowPrivate && (host === 'localhost' || host.endsWith('.localhost'))) refuse(raw, `${host} is this machine (loopback)`);

  const literal = classifyAddress(host);
  let addresses: { address: string; family: number }[];
  if (literal) {
    addresses = [{ address: host, family: host.includes(':') ? 6 : 4 }];
  } else {
    try {
      addresses = await (policy.lookup ?? systemLookup)(host);
    } catch (error) {
      throw new UnresolvedTargetError('invalid_input', `outbound target ${safeForMessage(raw)} refused: ${host} does not resolve`, {
        cause: error,
      });
    }
    if (addresses.length === 0)
      throw new UnresolvedTargetError('invalid_input', `outbound target ${safeForMessage(raw)} refused: ${host} does not resolve`);
  }
  // Every address must pass: the resolver's order is not ours to trust, and we pin the first.
  for (const { address } of addresses) {
    const verdict = classifyAddress(address);
    if (!verdict) refuse(raw, `${host} resolved to ${address}, which is not an IP address`);
    if (verdict.kind === 'forbidden') refuse(raw, `${host} resolves to ${address}: ${verdict.reason}`);
    if (verdict.kind === 'private' && !allowPrivate)
      refuse(raw, `${host} resolves to ${address}: ${verdict.reason}; private targets are not allowed`);
  }
  const first = addresses[0]!;
  return { url, address: first.address, family: first.family === 6 ? 6 : 4 };
}

/** Resolves when `url` may be called under `policy`; throws KlaxonError('invalid_input') if not. */
export async function assertPublicTarget(url: string, policy: TargetPolicy): Promise<void> {
  await checkTarget(url, policy);
}

export interface SafeFetchInit {
  method?: string;
  headers?: Record<string, string>;
  body?: string | Uint8Array;
  signal?: AbortSignal;
}

export interface SafeFetchOptions extends TargetPolicy {
  /** Redirects followed at most (each hop is checked again). Default 3. */
  maxRedirects?: number;
  /** Response bytes kept at most; the rest is dropped. Default 1 MiB. */
  maxBodyBytes?: number;
  /** Used when `init.signal` is absent. Default 10 s. */
  timeoutMs?: number;
}

const REDIRECTS = new Set([301, 302, 303, 307, 308]);
/** Dropped when a redirect leaves the origin, as fetch does. */
const CREDENTIAL_HEADERS = ['authorization', 'cookie', 'proxy-authorization'];
const NULL_BODY_STATUSES = new Set([101, 204, 205, 304]);

/** A lookup that answers only the address already checked: nothing is resolved twice. */
function pinnedLookup(target: CheckedTarget): LookupFunction {
  return ((_hostname: string, options: { all?: boolean }, callback: (...args: unknown[]) => void) => {
    const answer: LookupAddress = { address: target.address, family: target.family };
    if (options?.all) callback(null, [answer]);
    else callback(null, answer.address, answer.family);
  }) as LookupFunction;
}

interface Hop {
  status: number;
  statusText: string;
  headers: Headers;
  body: Buffer;
}

function readLimited(res: IncomingMessage, limit: number): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    res.on('data', (chunk: Buffer) => {
      if (size >= limit) return;
      const room = limit - size;
      chunks.push(chunk.length > room ? chunk.subarray(0, room) : chunk);
      size += Math.min(chunk.length, room);
      // Enough kept: stop downloading a body that may never end.
      if (size >= limit) {
        res.destroy();
        resolve(Buffer.concat(chunks, size));
      }
    });
    res.on('end', () => resolve(Buffer.concat(chunks, size)));
    res.on('error', (error) => (size >= limit ? resolve(Buffer.concat(chunks, size)) : reject(error)));
  });
}

/**
 * A network failure of an outbound call, saying how far it got: `connect` when the connection (and
 * TLS) was never established, so not one byte of the request left; `sent` once it was, so the
 * other side may have read the request and acted on it (a timeout, a reset, a cut answer).
 */
export class OutboundCallError extends Error {
  constructor(
    message: string,
    readonly phase: 'connect' | 'sent',
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'OutboundCallError';
  }
}

function send(
  target: CheckedTarget,
  method: string,
  headers: Record<string, string>,
  body: string | Uint8Array | undefined,
  signal: AbortSignal,
  maxBody: number,
): Promise<Hop> {
  const request = target.url.protocol === 'https:' ? httpsRequest : httpRequest;
  return new Promise((resolveHop, rejectHop) => {
    // A fresh socket per hop (agent: false): it is connected when 'connect' (HTTP) or
    // 'secureConnect' (HTTPS) fires, and only then can the request reach the other side.
    let connected = false;
    const resolve = (hop: Hop) => resolveHop(hop);
    const reject = (error: unknown) => {
      const detail = error instanceof Error ? error.message : String(error);
      const message = connected
        ? signal.aborted
          ? `no answer in time after the request was sent (${detail})`
          : `the connection was cut after the request was sent (${detail})`
        : signal.aborted
          ? `could not connect in time (${detail})`
          : `could not connect (${detail})`;
      rejectHop(new OutboundCallError(message, connected ? 'sent' : 'connect', { cause: error }));
    };
    const req = request(
      {
        protocol: target.url.protocol,
        hostname: bareHost(target.url),
        port: target.url.port || undefined,
        path: `${target.url.pathname}${target.url.search}`,
        method,
        headers,
        signal,
        lookup: pinnedLookup(target),
        // A fresh socket per hop: a pooled one could lead to an address this hop did not check.
        agent: false,
      },
      (res) => {
        const out = new Headers();
        for (let i = 0; i + 1 < res.rawHeaders.length; i += 2) {
          try {
            out.append(res.rawHeaders[i]!, res.rawHeaders[i + 1]!);
          } catch {
            // A header fetch's Headers refuses (odd bytes) is not one the caller needs.
          }
        }
        const status = res.statusCode ?? 0;
        readLimited(res, maxBody).then((buf) => resolve({ status, statusText: res.statusMessage ?? '', headers: out, body: buf }), reject);
      },
    );
    req.on('socket', (socket) => {
      const ready = target.url.protocol === 'https:' ? 'secureConnect' : 'connect';
      if (!socket.connecting && target.url.protocol !== 'https:') connected = true;
      else socket.once(ready, () => (connected = true));
    });
    req.on('error', reject);
    req.end(body);
  });
}

/**
 * `fetch` for outbound targets: every hop (the URL and each redirect, at most `maxRedirects`)
 * passes `checkTarget`, and each connection goes to the address that was checked. A refused
 * target throws KlaxonError('invalid_input'); too many redirects KlaxonError('delivery_failed');
 * network errors are thrown as OutboundCallError, saying whether the request may have been sent
 * (the caller decides what that means).
 */
export async function safeFetch(url: string, init: SafeFetchInit, options: SafeFetchOptions): Promise<Response> {
  const maxRedirects = options.maxRedirects ?? 3;
  const signal = init.signal ?? AbortSignal.timeout(options.timeoutMs ?? 10_000);
  let method = (init.method ?? 'GET').toUpperCase();
  let headers: Record<string, string> = Object.fromEntries(Object.entries(init.headers ?? {}).map(([k, v]) => [k.toLowerCase(), v]));
  let body = init.body;
  let current = url;
  for (let hop = 0; ; hop += 1) {
    const target = await checkTarget(current, options);
    const res = await send(target, method, headers, body, signal, options.maxBodyBytes ?? 1024 * 1024);
    const location = res.headers.get('location');
    if (!REDIRECTS.has(res.status) || !location) return toResponse(current, res);
    if (hop >= maxRedirects)
      throw new KlaxonError('delivery_failed', `outbound target ${safeForMessage(url)} redirected more than ${maxRedirects} times`);
    const next = new URL(location, target.url);
    if (res.status === 303 || ((res.status === 301 || res.status === 302) && method === 'POST')) {
      if (method !== 'HEAD') method = 'GET';
      body = undefined;
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !k.startsWith('content-')));
    }
    if (next.origin !== target.url.origin)
      headers = Object.fromEntries(Object.entries(headers).filter(([k]) => !CREDENTIAL_HEADERS.includes(k)));
    current = next.href;
  }
}

function toResponse(url: string, hop: Hop): Response {
  if (hop.status < 200 || hop.status > 599)
    throw new KlaxonError('delivery_failed', `outbound target ${safeForMessage(url)} answered with HTTP status ${hop.status}`);
  return new Response(NULL_BODY_STATUSES.has(hop.status) ? null : hop.body, {
    status: hop.status,
    statusText: hop.statusText,
    headers: hop.headers,
  });
}
