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

/** Streams `body` to `onChunk`, stopping with 413 as soon as more than `limit` bytes have come. */
export async function readLimited(body: Readable, limit: number, onChunk: (chunk: Buffer) => void): Promise<void> {
  let size = 0;
  for await (const chunk of body) {
    const buf = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
    size += buf.length;
    if (size > limit) throw tooLarge(limit);
    onChunk(buf);
  }
}
