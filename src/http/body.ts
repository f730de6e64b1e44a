import type { IncomingMessage } from 'node:http';
import { isIPv6 } from 'node:net';
import { systemTimers, type TimerHandle, type Timers } from '../timers.js';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/**
 * The bytes set aside for bodies not yet verified are all taken, or the sender's address already
 * has its share of them (503: busy, retry shortly).
 */
export class BodyBudgetExhaustedError extends Error {
  constructor(
    readonly limit: number,
    readonly scope: 'total' | 'address' = 'total',
  ) {
    super(
      scope === 'total'
        ? `too many request bodies are being received at once (${limit} bytes held); try again shortly`
        : `this address is already sending its share of unverified request bodies (${limit}); try again shortly`,
    );
  }
}

/** The sender did not finish its body in time (408): slow, stuck or holding a connection on purpose. */
export class SlowSenderError extends Error {
  constructor(
    readonly timeoutMs: number,
    readonly kind: 'body' | 'idle' = 'body',
  ) {
    super(
      kind === 'body'
        ? `the request body did not arrive within ${timeoutMs} ms`
        : `the request body stalled: nothing arrived for ${timeoutMs} ms`,
    );
  }
}

/** The client went away before its body was read: nothing to answer, nothing to log above debug. */
export class ClientGoneError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the client closed the connection before its request was read', options);
  }
}

/**
 * Who a sender is, for the per-address share: an IPv4 address (an IPv4-mapped IPv6 one counts as
 * IPv4), or an IPv6 /64 — one subscriber usually holds a whole /64, so counting single IPv6
 * addresses would give one sender billions of shares.
 */
export function senderKey(address: string | undefined): string {
  if (!address) return 'unknown';
  const bare = address.replace(/%.*$/, '');
  const mapped = /^::ffff:(\d+\.\d+\.\d+\.\d+)$/i.exec(bare);
  if (mapped) return mapped[1]!;
  if (!isIPv6(bare)) return bare;
  const [head = '', tail] = bare.split('::');
  const groupsOf = (part: string) => (part === '' ? [] : part.split(':').flatMap((g) => (g.includes('.') ? ['0', '0'] : [g])));
  const left = groupsOf(head);
  const right = tail === undefined ? [] : groupsOf(tail);
  const groups = tail === undefined ? left : [...left, ...Array<string>(Math.max(0, 8 - left.length - right.length)).fill('0'), ...right];
  return `${groups
    .slice(0, 4)
    .map((g) => parseInt(g, 16).toString(16))
    .join(':')}::/64`;
}

/** What one unverified body holds of the budget; given back when reading it ends. */
export interface BodyLease {
  /** Charges `bytes` that have just arrived; false (nothing charged) when the total or the address's share would be passed. */
  take(bytes: number): boolean;
  /** Gives back every byte and the address's slot; safe to call twice. */
  release(): void;
}

export interface BodyShareLimits {
  /** What one address may hold of the total at once (default: a quarter of it). */
  perAddressBytes?: number;
  /** How many bodies one address may be sending at once before verification (default 8). */
  perAddressBodies?: number;
}

/** Bodies one address may be sending at once before they are verified, by default. */
export const UNVERIFIED_BODIES_PER_ADDRESS = 8;

/**
 * The bytes the server holds for request bodies whose signature has not been checked yet, across
 * every connection. Bytes are charged as they arrive, never as declared: a Content-Length is only
 * a claim, and reserving it up front let a few idle sockets declaring large bodies lock every
 * signed endpoint out. One address (an IPv6 /64) may hold at most its share of the bytes and send
 * at most a few such bodies at once, so a single sender cannot take the whole budget either.
 * Everything is given back when reading ends (complete, refused, timed out or aborted).
 */
export class UnverifiedBodyBudget {
  #held = 0;
  readonly #senders = new Map<string, { bytes: number; bodies: number }>();
  readonly perAddressBytes: number;
  readonly perAddressBodies: number;

  constructor(
    readonly limitBytes: number,
    limits: BodyShareLimits = {},
  ) {
    this.perAddressBytes = limits.perAddressBytes ?? Math.max(1, Math.floor(limitBytes / 4));
    this.perAddressBodies = limits.perAddressBodies ?? UNVERIFIED_BODIES_PER_ADDRESS;
  }

  /** Bytes held right now (the /metrics gauge). */
  get held(): number {
    return this.#held;
  }

  /** Bodies being read right now from the sender at `address`. */
  bodiesFrom(address: string | undefined): number {
    return this.#senders.get(senderKey(address))?.bodies ?? 0;
  }

  /** Starts a body from `address`; null when that sender already sends as many as it may. */
  open(address: string | undefined): BodyLease | null {
    const key = senderKey(address);
    const sender = this.#senders.get(key) ?? { bytes: 0, bodies: 0 };
    if (sender.bodies >= this.perAddressBodies) return null;
    sender.bodies += 1;
    this.#senders.set(key, sender);
    let mine = 0;
    let released = false;
    return {
      take: (bytes) => {
        if (released) return false;
        if (this.#held + bytes > this.limitBytes || sender.bytes + bytes > this.perAddressBytes) return false;
        this.#held += bytes;
        sender.bytes += bytes;
        mine += bytes;
        return true;
      },
      release: () => {
        if (released) return;
        released = true;
        this.#held -= mine;
        sender.bytes -= mine;
        sender.bodies -= 1;
        if (sender.bodies === 0) this.#senders.delete(key);
      },
    };
  }
}

export interface ReadBodyOptions {
  /** Shared by every route that reads bodies before verifying them. */
  budget?: UnverifiedBodyBudget;
  /** The whole body must arrive within this (a slow sender is cut off). */
  timeoutMs?: number;
  /** Nothing may be silent for longer than this while the body arrives (a stalled sender is cut off). */
  idleMs?: number;
  /** The timers of both limits (tests inject ones driven by their clock). */
  timers?: Timers;
}

/**
 * Reads the raw body, refusing before reading when the declared length is over `limit`, stopping
 * as soon as it passes `limit`, within `timeoutMs` (and never silent for `idleMs`), and charging
 * each chunk to the unverified-body budget as it arrives. On any refusal the request is paused:
 * the caller answers and closes the connection.
 */
export function readRawBody(req: IncomingMessage, limit: number, options: ReadBodyOptions = {}): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const hasLength = req.headers['content-length'] !== undefined && Number.isFinite(declared) && declared >= 0;
  if (hasLength && declared > limit) {
    req.resume();
    return Promise.reject(new BodyTooLargeError(limit));
  }
  let lease: BodyLease | null = null;
  if (options.budget) {
    lease = options.budget.open(req.socket?.remoteAddress);
    // Not read, not even to discard it: the caller answers 503 and closes the connection.
    if (!lease) return Promise.reject(new BodyBudgetExhaustedError(options.budget.perAddressBodies, 'address'));
  }
  const budget = options.budget;
  // Already read to its end by someone else: there is nothing left to wait for.
  if (req.readableEnded) {
    lease?.release();
    return Promise.resolve(Buffer.alloc(0));
  }
  const timers = options.timers ?? systemTimers;
  return new Promise<Buffer>((resolve, reject) => {
    const chunks: Buffer[] = [];
    let size = 0;
    let done = false;
    let deadline: TimerHandle | null = null;
    let idle: TimerHandle | null = null;
    const finish = (error: Error | null) => {
      if (done) return;
      done = true;
      req.off('data', onData);
      req.off('end', onEnd);
      req.off('error', onError);
      req.off('close', onClose);
      if (deadline !== null) timers.clearTimeout(deadline);
      if (idle !== null) timers.clearTimeout(idle);
      lease?.release();
      if (error) {
        // Nothing more is taken from this sender; the caller's answer closes the connection.
        req.pause();
        // A late socket error after the answer must not become an unhandled 'error' event.
        req.on('error', () => undefined);
        reject(error);
      } else {
        resolve(Buffer.concat(chunks, size));
      }
    };
    const armIdle = () => {
      if (options.idleMs === undefined) return;
      if (idle !== null) timers.clearTimeout(idle);
      const idleMs = options.idleMs;
      idle = timers.setTimeout(() => finish(new SlowSenderError(idleMs, 'idle')), idleMs);
    };
    const onData = (chunk: Buffer) => {
      size += chunk.length;
      if (size > limit) return finish(new BodyTooLargeError(limit));
      if (lease && !lease.take(chunk.length)) {
        const byAddress = budget!.held + chunk.length <= budget!.limitBytes;
        return finish(
          byAddress ? new BodyBudgetExhaustedError(budget!.perAddressBytes, 'address') : new BodyBudgetExhaustedError(budget!.limitBytes),
        );
      }
      chunks.push(chunk);
      armIdle();
    };
    const onEnd = () => finish(null);
    const onError = (error: Error) => {
      const code = (error as { code?: string }).code;
      finish(req.destroyed || code === 'ECONNRESET' || error.message === 'aborted' ? new ClientGoneError({ cause: error }) : error);
    };
    // A client that disconnects mid-body gives its share back at once.
    const onClose = () => finish(new ClientGoneError());
    req.on('data', onData);
    req.on('end', onEnd);
    req.on('error', onError);
    req.on('close', onClose);
    if (options.timeoutMs !== undefined) {
      const timeoutMs = options.timeoutMs;
      deadline = timers.setTimeout(() => finish(new SlowSenderError(timeoutMs)), timeoutMs);
    }
    armIdle();
  });
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
