import type { Readable } from 'node:stream';

/** The largest delivery POST /ingest/email takes (providers cap inbound mail near 30–35 MB). */
export const MAX_INBOUND_BYTES = 30 * 1024 * 1024;

/** A delivery Klaxon cannot read: answered with `status` and the message, for the provider's logs. */
export class InboundFormatError extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    message: string,
  ) {
    super(message);
    this.name = 'InboundFormatError';
  }
}

export function tooLarge(limit: number): InboundFormatError {
  return new InboundFormatError(413, `the delivery is larger than ${Math.round(limit / 1024 / 1024)} MB`);
}

/**
 * Streams `body` to `onChunk`, stopping with 413 as soon as more than `limit` bytes have come.
 * On a refusal the request is paused, not destroyed, so its answer can still be sent; `onChunk`
 * may pause the body itself for backpressure.
 */
export function readLimited(body: Readable, limit: number, onChunk: (chunk: Buffer) => void): Promise<void> {
  return new Promise((resolve, reject) => {
    let size = 0;
    let settled = false;
    const fail = (error: unknown) => {
      if (settled) return;
      settled = true;
      body.off('data', onData);
      body.pause();
      reject(error);
    };
    const onData = (chunk: Buffer | string) => {
      const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk);
      size += buf.length;
      try {
        if (size > limit) throw tooLarge(limit);
        onChunk(buf);
      } catch (error) {
        fail(error);
      }
    };
    body.on('data', onData);
    body.once('end', () => {
      if (settled) return;
      settled = true;
      resolve();
    });
    body.once('error', fail);
    // A client that goes away mid-body: nothing to answer, but nothing may wait forever either.
    body.once('close', () => fail(new InboundFormatError(400, 'the connection closed before the whole delivery arrived')));
  });
}
