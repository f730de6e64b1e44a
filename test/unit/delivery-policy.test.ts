import { createServer } from 'node:net';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { WebhookReplySource } from '../../adapters/webhook/reply-source.js';
import { ManualClock } from '../../src/clock.js';
import { KlaxonError } from '../../src/errors.js';
import { judgeFailure } from '../../src/outbox/delivery-policy.js';
import { DeliveryError, RetryableError, type ReplyInput } from '../../src/ports.js';

describe('the one delivery rule (src/outbox/delivery-policy.ts)', () => {
  it('retries what certainly did not happen, never repeats a reply that may have arrived', () => {
    const reply = (e: unknown) => judgeFailure(e, true);
    const card = (e: unknown) => judgeFailure(e, false);
    // Failures while connecting: nothing was sent.
    expect(reply(new DeliveryError('refused', 'connect', null))).toEqual({ kind: 'retry', delayMs: null });
    // A rate limit or a 503 says the request was not acted on.
    expect(reply(new DeliveryError('429', 'sent', 429, 30_000))).toEqual({ kind: 'retry', delayMs: 30_000 });
    expect(reply(new DeliveryError('503', 'sent', 503, null))).toEqual({ kind: 'retry', delayMs: null });
    expect(reply(new DeliveryError('408', 'sent', 408, null))).toEqual({ kind: 'retry', delayMs: null });
    // After the request was written: a timeout, a reset, 500, 502, 504 prove nothing.
    for (const status of [null, 500, 502, 504, 507]) {
      expect(reply(new DeliveryError('?', 'sent', status))).toEqual({ kind: 'uncertain' });
      expect(card(new DeliveryError('?', 'sent', status))).toEqual({ kind: 'retry', delayMs: null });
    }
    // Refusals are final.
    expect(reply(new DeliveryError('bad', 'sent', 400))).toEqual({ kind: 'failed' });
    expect(reply(new KlaxonError('delivery_failed', 'duplicate'))).toEqual({ kind: 'failed' });
    // Unknown errors: a reply may have gone; a card is given up.
    expect(reply(new TypeError('boom'))).toEqual({ kind: 'uncertain' });
    expect(card(new TypeError('boom'))).toEqual({ kind: 'failed' });
    expect(reply(new RetryableError('later', 1000))).toEqual({ kind: 'retry', delayMs: 1000 });
  });

  it('never tells the outbox to retry an at-most-once action after the request may have been read', () => {
    fc.assert(
      fc.property(fc.option(fc.integer({ min: 100, max: 599 }), { nil: null }), fc.option(fc.nat(), { nil: null }), (status, wait) => {
        const verdict = judgeFailure(new DeliveryError('x', 'sent', status, wait), true);
        const provablyNotActedOn = status === 408 || status === 429 || status === 503;
        if (verdict.kind === 'retry') expect(provablyNotActedOn).toBe(true);
        if (status === null || (status >= 500 && status !== 503)) expect(verdict.kind).toBe('uncertain');
      }),
    );
  });
});

describe('the webhook reply source reports how far a call got', () => {
  const input: ReplyInput = { caseId: 1, inReplyTo: 'm1', author: { handle: 'jane' }, text: 'hello', idempotencyKey: 'klaxon-reply-1' };
  const source = (url: string, timeoutMs = 2000) =>
    new WebhookReplySource({
      source: 'review',
      url,
      secret: 'a-secret-of-sixteen+',
      allowPrivateTargets: true,
      clock: new ManualClock('2026-11-23T10:00:00Z'),
      timeoutMs,
    });

  it('a refused connection is a connect failure (retried); a name that does not resolve too', async () => {
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const { port } = closed.address() as AddressInfo;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    const refused = await source(`http://127.0.0.1:${port}/r`)
      .replyPublic(input)
      .catch((e: unknown) => e);
    expect(refused).toBeInstanceOf(DeliveryError);
    expect(refused).toMatchObject({ phase: 'connect', status: null });
    expect(judgeFailure(refused, true).kind).toBe('retry');

    const unknown = await source('http://klaxon-test-no-such-host.invalid/r')
      .replyPublic(input)
      .catch((e: unknown) => e);
    expect(unknown).toMatchObject({ phase: 'connect', status: null });
  });

  it('a connection that accepts the request and never answers is cut after the request was sent', async () => {
    const silent = createServer((socket) => socket.on('error', () => {}));
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    const { port } = silent.address() as AddressInfo;
    try {
      const error = await source(`http://127.0.0.1:${port}/r`, 100)
        .replyPublic(input)
        .catch((e: unknown) => e);
      expect(error).toMatchObject({ phase: 'sent', status: null });
      expect((error as Error).message).toContain('no answer in time after the request was sent');
      expect(judgeFailure(error, true).kind).toBe('uncertain');
    } finally {
      silent.close();
    }
  });
});
