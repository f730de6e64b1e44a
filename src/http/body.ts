import type { IncomingMessage } from 'node:http';

export class BodyTooLargeError extends Error {
  constructor(readonly limit: number) {
    super(`request body is larger than ${limit} bytes`);
  }
}

/** The bytes set aside for bodies not yet verified are all taken: the server is busy (503). */
export class BodyBudgetExhaustedError extends Error {
  constructor(readonly limit: number) {
    super(`too many request bodies are being received at once (${limit} bytes held); try again shortly`);
  }
}

/** The sender did not finish its body in time (408): slow, stuck or holding a connection on purpose. */
export class SlowSenderError extends Error {
  constructor(readonly timeoutMs: number) {
    super(`the request body did not arrive within ${timeoutMs} ms`);
  }
}

/** The client went away before its body was read: nothing to answer, nothing to log above debug. */
export class ClientGoneError extends Error {
  constructor(options?: { cause?: unknown }) {
    super('the client closed the connection before its request was read', options);
  }
}

/**
 * The bytes the server holds for request bodies whose signature has not been checked yet, across
 * every connection. Each body reserves its declared length (or the route's limit when it does not
 * declare one) before a byte is read, and gives it back when reading ends, so unauthenticated
 * senders together can never pin more than `limitBytes` of memory.
 */
export class UnverifiedBodyBudget {
  #held = 0;

  constructor(readonly limitBytes: number) {}

  /** Bytes reserved right now (the /metrics gauge). */
  get held(): number {
    return this.#held;
  }

  /** Sets `bytes` aside; returns the release function (safe to call twice), or null when they are not there. */
  reserve(bytes: number): (() => void) | null {
    if (this.#held + bytes > this.limitBytes) return null;
    this.#held += bytes;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.#held -= bytes;
    };
  }
}

export interface ReadBodyOptions {
  /** Shared by every route that reads bodies before verifying them. */
  budget?: UnverifiedBodyBudget;
  /** The whole body must arrive within this (a slow sender is cut off). */
  timeoutMs?: number;
}

/**
 * Reads the raw body, refusing before reading when the declared length is over `limit`, stopping
 * (and draining) as soon as it passes `limit`, within `timeoutMs`, and holding its share of the
 * unverified-body budget only while it reads.
 */
export async function readRawBody(req: IncomingMessage, limit: number, options: ReadBodyOptions = {}): Promise<Buffer> {
  const declared = Number(req.headers['content-length']);
  const hasLength = req.headers['content-length'] !== undefined && Number.isFinite(declared) && declared >= 0;
  if (hasLength && declared > limit) {
    req.resume();
    throw new BodyTooLargeError(limit);
  }
  let release = () => {};
  if (options.budget) {
    const reserved = options.budget.reserve(hasLength ? declared : limit);
    // Not read, not even to discard it: the caller answers 503 and closes the connection.
    if (!reserved) throw new BodyBudgetExhaustedError(options.budget.limitBytes);
    release = reserved;
  }
  // A client that disconnects mid-body gives its share back at once.
  req.once('close', release);
  let timer: NodeJS.Timeout | undefined;
  const chunks: Buffer[] = [];
  let size = 0;
  try {
    const read = (async () => {
      for await (const chunk of req) {
        const buf = chunk as Buffer;
        size += buf.length;
        if (size > limit) {
          req.resume();
          throw new BodyTooLargeError(limit);
        }
        chunks.push(buf);
      }
    })();
    if (options.timeoutMs !== undefined) {
      const timeoutMs = options.timeoutMs;
      const late = new Promise<never>((_resolve, reject) => {
        timer = setTimeout(() => reject(new SlowSenderError(timeoutMs)), timeoutMs);
      });
      // The read is abandoned when the timer wins; its own rejection must not go unhandled.
      read.catch(() => {});
      await Promise.race([read, late]);
    } else {
      await read;
    }
  } catch (error) {
    if (error instanceof BodyTooLargeError || error instanceof SlowSenderError) throw error;
    if (req.destroyed || (error as { code?: string }).code === 'ECONNRESET' || (error as Error).message === 'aborted') throw new ClientGoneError({ cause: error });
    throw error;
  } finally {
    clearTimeout(timer);
    release();
    req.off('close', release);
  }
  return Buffer.concat(chunks, size);
}

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  return address === '::1' || address.startsWith('127.') || address.startsWith('::ffff:127.');
}
