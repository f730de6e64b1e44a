import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_EVENTS, parseDelivery, toDate } from '../../adapters/meta/payload.js';
import { verifyMetaSignature, metaSignature } from '../../adapters/meta/signature.js';
import { metaJson } from './payloads.js';

const at = new Date('2026-11-23T10:00:00Z');
const HOSTILE_KEYS = ['__proto__', 'constructor', 'prototype', 'toString', 'hasOwnProperty', 'then'];

/** Any JSON, with the keys an attacker would pick mixed in. */
const hostileJson = fc.letrec((tie) => ({
  value: fc.oneof(
    { depthSize: 'small' },
    fc.string(),
    fc.integer(),
    fc.double(),
    fc.boolean(),
    fc.constant(null),
    tie('object'),
    tie('array'),
  ),
  object: fc.dictionary(
    fc.oneof(
      fc.constantFrom(...HOSTILE_KEYS, 'id', 'object', 'entry', 'changes', 'messaging', 'value', 'field', 'from', 'message', 'mid', 'text'),
      fc.string(),
    ),
    tie('value'),
    { maxKeys: 6 },
  ),
  array: fc.array(tie('value'), { maxLength: 5 }),
})).value;

/** A delivery shaped like Meta's, with every field possibly wrong, missing, or joined by unknown ones. */
const metaish = fc.record(
  {
    object: fc.oneof(fc.constantFrom('page', 'instagram', 'user'), fc.string()),
    entry: fc.array(
      fc.record(
        {
          id: fc.oneof(fc.stringMatching(/^\d{1,16}$/), fc.string(), fc.integer(), fc.constant('__proto__')),
          time: fc.oneof(fc.integer(), fc.double(), fc.string()),
          changes: fc.array(
            fc.record(
              {
                field: fc.constantFrom('feed', 'comments', 'mentions', 'live_comments', '__proto__'),
                value: fc.oneof(
                  hostileJson,
                  fc.record(
                    {
                      item: fc.constantFrom('comment', 'status', 'reaction', 'share', 'x'),
                      verb: fc.constantFrom('add', 'edited', 'remove'),
                      comment_id: fc.stringMatching(/^[\d_]{1,20}$/),
                      post_id: fc.stringMatching(/^[\d_]{1,20}$/),
                      from: fc.record({ id: fc.stringMatching(/^\d{1,10}$/), name: fc.string() }),
                      message: fc.string(),
                      created_time: fc.oneof(fc.integer(), fc.string()),
                      __proto__: hostileJson,
                      extra: hostileJson,
                    },
                    { requiredKeys: [] },
                  ),
                ),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 4 },
          ),
          messaging: fc.array(
            fc.record(
              {
                sender: fc.record({ id: fc.oneof(fc.stringMatching(/^\d{1,10}$/), fc.string()) }),
                recipient: fc.record({ id: fc.stringMatching(/^\d{1,10}$/) }),
                timestamp: fc.oneof(fc.integer(), fc.double()),
                message: fc.oneof(
                  hostileJson,
                  fc.record(
                    {
                      mid: fc.string(),
                      text: fc.string(),
                      is_echo: fc.boolean(),
                      attachments: fc.array(fc.record({ type: fc.string() }), { maxLength: 3 }),
                    },
                    { requiredKeys: [] },
                  ),
                ),
              },
              { requiredKeys: [] },
            ),
            { maxLength: 4 },
          ),
          constructor: hostileJson,
        },
        { requiredKeys: [] },
      ),
      { maxLength: 5 },
    ),
    unknown_top_level: hostileJson,
  },
  { requiredKeys: [] },
);

describe('the Meta payload parser against hostile input', () => {
  it('never throws, never yields a value outside its shape, and ignores unknown and prototype keys', () => {
    fc.assert(
      fc.property(fc.oneof(metaish, hostileJson), (value) => {
        const body = JSON.stringify(value) ?? 'null';
        const parsed = parseDelivery(body, at);
        expect(parsed.skipped).toBeGreaterThanOrEqual(0);
        for (const e of parsed.events) {
          expect(['comment', 'post', 'reaction', 'share', 'mention', 'message', 'message_edit']).toContain(e.kind);
          expect(e.ownerId).toMatch(/^[A-Za-z0-9_]{1,128}$/);
          expect(Number.isNaN(e.createdAt.getTime())).toBe(false);
          if (e.kind === 'comment') expect(e.commentId).toMatch(/^[A-Za-z0-9_]{1,128}$/);
          if (e.kind === 'message') expect(Array.isArray(e.attachments)).toBe(true);
          // Nothing inherited or polluted: every event is a plain object with only its own fields.
          expect(Object.getPrototypeOf(e)).toBe(Object.prototype);
          expect(Object.hasOwn(e, '__proto__')).toBe(false);
        }
        expect(({} as Record<string, unknown>).polluted).toBeUndefined();
      }),
      { numRuns: 400 },
    );
  });

  it('parses the same delivery the same way whether Meta escaped its non-ASCII text or not', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme' }), fc.stringMatching(/^\d{5,12}$/), (message, from) => {
        const payload = {
          object: 'page',
          entry: [
            {
              id: '1000000000000001',
              time: 1795000000,
              changes: [
                {
                  field: 'feed',
                  value: {
                    item: 'comment',
                    verb: 'add',
                    comment_id: '500_1',
                    post_id: '1000000000000001_500',
                    from: { id: from, name: 'Zoë' },
                    message,
                    created_time: 1795000000,
                  },
                },
              ],
            },
          ],
        };
        const escaped = parseDelivery(metaJson(payload), at);
        const raw = parseDelivery(JSON.stringify(payload), at);
        expect(escaped).toEqual(raw);
        expect(escaped.events[0]).toMatchObject({ kind: 'comment', text: message });
      }),
      { numRuns: 200 },
    );
  });

  it('the signature verifies exactly the bytes that were signed', () => {
    fc.assert(
      fc.property(fc.string({ unit: 'grapheme', maxLength: 200 }), fc.string({ minLength: 1, maxLength: 64 }), (text, secret) => {
        const body = Buffer.from(metaJson({ object: 'page', entry: [], text }));
        expect(verifyMetaSignature(secret, body, metaSignature(secret, body))).toBe(true);
        expect(verifyMetaSignature(secret, Buffer.concat([body, Buffer.from(' ')]), metaSignature(secret, body))).toBe(false);
        expect(verifyMetaSignature(`${secret}x`, body, metaSignature(secret, body))).toBe(false);
      }),
      { numRuns: 100 },
    );
  });

  it('huge arrays: a delivery of 20,000 events reads at most MAX_EVENTS and counts the rest as skipped', () => {
    const event = { sender: { id: '1' }, recipient: { id: '2' }, timestamp: 1795000000000, message: { mid: 'm_1', text: 'x' } };
    const body = JSON.stringify({ object: 'page', entry: [{ id: '2', time: 1, messaging: Array.from({ length: 20_000 }, () => event) }] });
    const parsed = parseDelivery(body, at);
    expect(parsed.events).toHaveLength(MAX_EVENTS);
    expect(parsed.skipped).toBe(20_000 - MAX_EVENTS);
  });

  it("reads Meta's times: Unix seconds, milliseconds, numeric strings, Graph's +0000 offsets", () => {
    expect(toDate(1795000000, at).toISOString()).toBe('2026-11-18T11:06:40.000Z');
    expect(toDate(1795000000123, at).toISOString()).toBe('2026-11-18T11:06:40.123Z');
    expect(toDate('1795000000', at).toISOString()).toBe('2026-11-18T11:06:40.000Z');
    expect(toDate('2026-11-23T09:00:00+0000', at).toISOString()).toBe('2026-11-23T09:00:00.000Z');
    expect(toDate('not a date', at)).toBe(at);
    expect(toDate(Number.MAX_VALUE, at)).toBe(at);
  });
});
