import fc from 'fast-check';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sign, signedHeaders } from '../../adapters/webhook/signature.js';
import { mentions } from '../../db/schema/index.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { mention, type MentionFixture } from '../helpers/ingest.js';
import { deeplyNested, expectClientError, expectUnharmed, footprint, rawRequest, type RawResponse } from './helpers/fuzz.js';

const SECRET = TEST_SECRETS.INGEST_SECRET;
const JSON_TYPE = { 'content-type': 'application/json' };

/**
 * Hostile input at `POST /ingest`: whatever arrives, the answer is a clear 4xx, the server keeps
 * answering, and nothing is stored or sent. Each property runs against the real app.
 */
describe('POST /ingest under malformed and hostile input', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.klaxon.worker.idle();
    // Nothing that was refused can have reached Slack.
    expect(h.workspace.callsTo('chat.postMessage')).toHaveLength(0);
    await h.close();
  });

  const url = () => `${h.url}/ingest`;
  const signed = (body: string | Uint8Array, at = h.clock.now()): Record<string, string> => ({
    ...JSON_TYPE,
    ...signedHeaders(SECRET, Buffer.from(body), at),
  });
  const post = (body: string | Uint8Array, headers: Record<string, string> = signed(body)): Promise<RawResponse> =>
    rawRequest(url(), { headers, body });

  /** Sends, then checks: a 4xx (the expected one when given), server alive, nothing changed. */
  async function refused(body: string | Uint8Array, headers?: Record<string, string>, status?: number): Promise<RawResponse> {
    const before = footprint(h);
    const res = await post(body, headers);
    expectClientError(res, `body ${JSON.stringify(String(body).slice(0, 120))}`);
    if (status !== undefined) expect(res.status, res.text.slice(0, 200)).toBe(status);
    await expectUnharmed(h, before);
    return res;
  }

  const goodMention = (): MentionFixture => mention({ id: 'must-not-be-stored', createdAt: h.clock.now().toISOString() });

  it('refuses arbitrary bytes', async () => {
    await fc.assert(
      fc.asyncProperty(fc.uint8Array({ maxLength: 4096 }), async (bytes) => {
        await refused(bytes);
      }),
      { numRuns: 100 },
    );
  });

  it('refuses arbitrary JSON that is not a mention (an empty batch is accepted as empty)', async () => {
    const isEmptyBatch = (v: unknown) =>
      typeof v === 'object' &&
      v !== null &&
      !Array.isArray(v) &&
      Array.isArray((v as { mentions?: unknown }).mentions) &&
      (v as { mentions: unknown[] }).mentions.length === 0;
    await fc.assert(
      fc.asyncProperty(fc.jsonValue({ maxDepth: 5 }), async (value) => {
        const body = JSON.stringify(value) ?? 'null';
        if (isEmptyBatch(value)) {
          const before = footprint(h);
          expect(await post(body)).toEqual({ status: 202, text: '{"accepted":0,"duplicates":0}' });
          await expectUnharmed(h, before);
          return;
        }
        await refused(body);
      }),
      { numRuns: 150 },
    );
  });

  /** Values no field of the ingest format accepts in the place they are put. */
  const wrongFor: Record<string, fc.Arbitrary<unknown>> = {
    id: fc.oneof(
      fc.integer(),
      fc.constant(''),
      fc.constant(null),
      fc.boolean(),
      fc.array(fc.string(), { maxLength: 2 }),
      fc.string({ minLength: 257, maxLength: 400 }),
    ),
    source: fc.oneof(
      fc.integer(),
      fc.constant(''),
      fc.constant('Twitter'),
      fc.string({ minLength: 33, maxLength: 40 }),
      fc.constant('a b'),
      fc.constant(null),
    ),
    direction: fc.oneof(fc.constant('sideways'), fc.integer(), fc.constant(null), fc.constant('INBOUND')),
    text: fc.oneof(
      fc.constant(''),
      fc.integer(),
      fc.constant(null),
      fc.dictionary(fc.string(), fc.string(), { maxKeys: 2 }),
      fc.array(fc.string()),
    ),
    createdAt: fc.oneof(
      fc.constant('yesterday'),
      fc.constant('2026-11-23'),
      fc.constant('2026-11-23T10:00:00'),
      fc.constant('2026-13-45T99:99:99Z'),
      fc.integer(),
      fc.constant(null),
    ),
    url: fc.oneof(fc.constant('not a url'), fc.integer(), fc.constant(null), fc.constant('')),
    private: fc.oneof(fc.constant('yes'), fc.integer({ min: 0, max: 1 }), fc.constant(null)),
    inReplyTo: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)),
    conversationId: fc.oneof(fc.constant(''), fc.integer(), fc.constant(null), fc.constant({})),
    author: fc.oneof(fc.constant('jane'), fc.integer(), fc.constant(null), fc.array(fc.integer())),
    'author.followers': fc.oneof(fc.constant(-1), fc.constant(1.5), fc.constant('48k'), fc.constant(1e20), fc.constant(null)),
    'author.verified': fc.oneof(fc.constant('true'), fc.constant(1), fc.constant(null)),
    'author.handle': fc.oneof(fc.integer(), fc.string({ minLength: 101, maxLength: 120 })),
    'author.id': fc.oneof(fc.constant(''), fc.integer(), fc.constant(null)),
  };

  it('refuses a mention with any field of the wrong type or shape, naming the field', async () => {
    const corruption = fc
      .constantFrom(...Object.keys(wrongFor))
      .chain((field) => fc.record({ field: fc.constant(field), value: wrongFor[field]!, batched: fc.boolean() }));
    await fc.assert(
      fc.asyncProperty(corruption, async ({ field, value, batched }) => {
        const m = goodMention() as unknown as Record<string, unknown>;
        const [top, sub] = field.split('.') as [string, string | undefined];
        if (sub) m[top] = { ...(m[top] as object), [sub]: value };
        else m[top] = value;
        const body = JSON.stringify(batched ? { mentions: [m] } : m);
        const res = await refused(body, undefined, 400);
        const errors = (JSON.parse(res.text) as { errors: { index: number; path: string }[] }).errors;
        expect(
          errors.some(
            (e) => e.index === 0 && (e.path === field || e.path.startsWith(`${field}.`) || (sub === undefined && e.path === top)),
          ),
          res.text,
        ).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('refuses deeply nested bodies (up to 20,000 levels) wherever they are put', async () => {
    const placement = fc.constantFrom('body', 'batch-item', 'mentions', 'text', 'author', 'id');
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1_000, max: 20_000 }),
        fc.constantFrom<'array' | 'object'>('array', 'object'),
        placement,
        async (depth, kind, where) => {
          const nested = deeplyNested(depth, kind);
          const m = JSON.stringify(goodMention());
          const body =
            where === 'body'
              ? nested
              : where === 'batch-item'
                ? `{"mentions":[${nested}]}`
                : where === 'mentions'
                  ? `{"mentions":${nested}}`
                  : where === 'id'
                    ? m.replace('"id":"must-not-be-stored"', `"id":${nested}`)
                    : where === 'text'
                      ? m.replace(/"text":"[^"]*"/, `"text":${nested}`)
                      : // Unknown author fields are ignored by design, so the nesting goes into a known one.
                        m.replace(/"author":\{[^}]*\}/, `"author":{"name":${nested}}`);
          await refused(body);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses over-long strings with 400, and bodies over 1 MiB with 413', async () => {
    await fc.assert(
      // 'é' is two bytes: 500,000 of them still fit in 1 MiB, so the length rule answers, not the size.
      fc.asyncProperty(
        fc.integer({ min: 50_001, max: 500_000 }),
        fc.constantFrom('text', 'id', 'author.name', 'url'),
        async (length, field) => {
          const m = goodMention() as unknown as Record<string, unknown>;
          const long = field === 'url' ? `https://example.com/${'a'.repeat(length)}` : 'é'.repeat(length);
          if (field === 'author.name') m.author = { ...(m.author as object), name: long };
          else m[field] = long;
          await refused(JSON.stringify(m), undefined, 400);
        },
      ),
      { numRuns: 25 },
    );
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1024 * 1024 + 1, max: 3 * 1024 * 1024 }), async (size) => {
        const body = JSON.stringify({ ...goodMention(), padding: 'x'.repeat(size) });
        await refused(body, undefined, 413);
      }),
      { numRuns: 10 },
    );
  });

  it('refuses a body over 1 MiB sent without a content-length (chunked) with 413', async () => {
    const before = footprint(h);
    const chunk = new TextEncoder().encode(' '.repeat(64 * 1024));
    let sent = 0;
    const body = new ReadableStream<Uint8Array>({
      pull(controller) {
        // A client that never stops: the server must cut it off, not buffer it.
        if (sent > 8 * 1024 * 1024) return controller.close();
        sent += chunk.length;
        controller.enqueue(chunk);
      },
    });
    const res = await fetch(url(), {
      method: 'POST',
      headers: { ...JSON_TYPE, ...signedHeaders(SECRET, 'whatever', h.clock.now()) },
      body,
      duplex: 'half',
      signal: AbortSignal.timeout(8_000),
    } as RequestInit).catch((error: unknown) => error);
    // The server may answer 413 and close before the client finishes sending.
    if (res instanceof Response) expect(res.status).toBe(413);
    await expectUnharmed(h, before);
  });

  it('refuses batches of more than 1,000 mentions with 413', async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1_001, max: 5_000 }), fc.boolean(), async (n, valid) => {
        const item = valid ? goodMention() : {};
        const body = JSON.stringify({ mentions: Array.from({ length: n }, (_, i) => (valid ? { ...item, id: `big-${i}` } : item)) });
        await refused(body, undefined, 413);
      }),
      { numRuns: 10 },
    );
  });

  it('refuses bodies that are not UTF-8, and identifiers with lone surrogates', async () => {
    const invalidBytes = fc.constantFrom(
      [0xff],
      [0xfe, 0xff],
      [0xc3],
      [0xc0, 0xaf],
      [0xed, 0xa0, 0x80],
      [0xf8, 0x88, 0x80, 0x80, 0x80],
      [0xe2, 0x82],
      [0xf4, 0x90, 0x80, 0x80],
    );
    await fc.assert(
      fc.asyncProperty(invalidBytes, fc.nat(), async (bad, at) => {
        const text = Buffer.from(JSON.stringify(goodMention()));
        // Inside the "text" value, where JSON allows any character.
        const start = text.indexOf('"text":"') + 8;
        const pos = start + (at % 10);
        const body = Buffer.concat([text.subarray(0, pos), Buffer.from(bad), text.subarray(pos)]);
        const res = await refused(body, undefined, 400);
        expect(res.text).toContain('not valid UTF-8');
      }),
      { numRuns: 60 },
    );
    const lone = fc.constantFrom('\ud800', '\udfff', '\udbff', 'a\ud83d', '\ude00b');
    await fc.assert(
      fc.asyncProperty(lone, fc.constantFrom('id', 'inReplyTo', 'conversationId', 'author.id', 'author.handle'), async (s, field) => {
        const m = goodMention() as unknown as Record<string, unknown>;
        const [top, sub] = field.split('.') as [string, string | undefined];
        if (sub) m[top] = { ...(m[top] as object), [sub]: `x${s}` };
        else m[top] = `x${s}`;
        const res = await refused(JSON.stringify(m), undefined, 400);
        expect(res.text).toContain(field);
      }),
      { numRuns: 40 },
    );
  });

  it('refuses missing, stale, future, forged and replayed-with-another-body signatures with 401', async () => {
    const now = () => Math.floor(h.clock.now().getTime() / 1000);
    const attack = fc.oneof(
      fc.record({ kind: fc.constant('missing' as const), drop: fc.constantFrom('x-klaxon-timestamp', 'x-klaxon-signature', 'both') }),
      fc.record({ kind: fc.constant('stale' as const), skew: fc.integer({ min: 301, max: 10_000_000 }) }),
      fc.record({ kind: fc.constant('future' as const), skew: fc.integer({ min: 301, max: 10_000_000 }) }),
      fc.record({ kind: fc.constant('wrong-secret' as const), secret: fc.string({ minLength: 1 }).filter((s) => s !== SECRET) }),
      fc.record({ kind: fc.constant('other-body' as const), original: fc.string({ maxLength: 200 }) }),
      fc.record({
        kind: fc.constant('garbage' as const),
        ts: fc.oneof(fc.string(), fc.constant('-1'), fc.constant('1e9'), fc.constant(' 1')),
        sig: fc.oneof(fc.string(), fc.constant('v1='), fc.constant('v0=abc'), fc.stringMatching(/^v1=[0-9a-f]{64}$/)),
      }),
    );
    await fc.assert(
      fc.asyncProperty(attack, async (a) => {
        // A valid mention: only the signature is wrong, so only the signature can refuse it.
        const body = JSON.stringify(goodMention());
        let headers: Record<string, string> = signed(body);
        switch (a.kind) {
          case 'missing':
            headers = Object.fromEntries(
              Object.entries(headers).filter(([k]) =>
                a.drop !== 'both' ? k.toLowerCase() !== a.drop : !k.toLowerCase().startsWith('x-klaxon'),
              ),
            );
            break;
          case 'stale':
            headers = {
              ...JSON_TYPE,
              'X-Klaxon-Timestamp': String(now() - a.skew),
              'X-Klaxon-Signature': sign(SECRET, now() - a.skew, body),
            };
            break;
          case 'future':
            headers = {
              ...JSON_TYPE,
              'X-Klaxon-Timestamp': String(now() + a.skew),
              'X-Klaxon-Signature': sign(SECRET, now() + a.skew, body),
            };
            break;
          case 'wrong-secret':
            headers = { ...JSON_TYPE, ...signedHeaders(a.secret, body, h.clock.now()) };
            break;
          case 'other-body':
            // A signature captured from another request, replayed on a body of the attacker's choosing.
            headers = signed(a.original === body ? `${a.original} ` : a.original);
            break;
          case 'garbage':
            headers = {
              ...JSON_TYPE,
              'X-Klaxon-Timestamp': a.ts.replace(/[\r\n\0]/g, ''),
              'X-Klaxon-Signature': a.sig.replace(/[\r\n\0]/g, ''),
            };
            break;
        }
        await refused(body, headers, 401).catch((error: unknown) => {
          // fetch itself refuses header values HTTP cannot carry; that is not the server's answer.
          if (error instanceof TypeError && /header/i.test(error.message)) return;
          throw error;
        });
      }),
      { numRuns: 150 },
    );
  });

  it('refuses other content types with 415 and other methods with 405', async () => {
    await fc.assert(
      // No content-type at all: fetch then sends text/plain for a string body, also refused.
      fc.asyncProperty(
        fc.constantFrom(
          'text/plain',
          'application/x-www-form-urlencoded',
          'multipart/form-data; boundary=x',
          'application/jsonx',
          'text/json',
          '',
        ),
        async (type) => {
          const body = JSON.stringify(goodMention());
          const headers = { ...signedHeaders(SECRET, body, h.clock.now()), ...(type ? { 'content-type': type } : {}) };
          await refused(body, headers, 415);
        },
      ),
      { numRuns: 20 },
    );
    for (const method of ['GET', 'PUT', 'DELETE', 'PATCH']) {
      const before = footprint(h);
      const res = await rawRequest(url(), { method, headers: JSON_TYPE, ...(method === 'GET' ? {} : { body: '{}' }) });
      expect(res.status).toBe(405);
      await expectUnharmed(h, before);
    }
  });
});

describe('POST /ingest: replays and damaged display text never double or break anything', () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness();
  });
  afterAll(async () => {
    await h.close();
  });

  it('an exact replay of a signed request stores nothing new', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 5 }), fc.integer({ min: 1, max: 4 }), async (size, replays) => {
        n += 1;
        const body = JSON.stringify({
          mentions: Array.from({ length: size }, (_, i) =>
            mention({
              id: `replay-${n}-${i}`,
              text: `Complaint ${n}.${i} about router ${n * 31 + i}`,
              createdAt: h.clock.now().toISOString(),
            }),
          ),
        });
        const headers = { ...JSON_TYPE, ...signedHeaders(TEST_SECRETS.INGEST_SECRET, body, h.clock.now()) };
        expect(await rawRequest(`${h.url}/ingest`, { headers, body })).toEqual({
          status: 202,
          text: `{"accepted":${size},"duplicates":0}`,
        });
        const after = footprint(h);
        for (let r = 0; r < replays; r += 1) {
          expect(await rawRequest(`${h.url}/ingest`, { headers, body })).toEqual({
            status: 202,
            text: `{"accepted":0,"duplicates":${size}}`,
          });
        }
        const now = footprint(h);
        expect({ mentions: now.mentions, cases: now.cases, events: now.events }).toEqual({
          mentions: after.mentions,
          cases: after.cases,
          events: after.events,
        });
      }),
      { numRuns: 20 },
    );
  });

  it('repairs lone surrogates in display text and stores the mention once', async () => {
    let n = 0;
    await fc.assert(
      fc.asyncProperty(
        fc.string({ unit: 'binary', minLength: 1, maxLength: 300 }),
        fc.string({ unit: 'binary', maxLength: 50 }),
        async (text, name) => {
          n += 1;
          const id = `display-${n}`;
          const m = mention({
            id,
            text: `${text}\ud800`,
            author: { id: `a-${n}`, name: `${name}\udc00` },
            createdAt: h.clock.now().toISOString(),
          });
          const res = await rawRequest(`${h.url}/ingest`, {
            headers: { ...JSON_TYPE, ...signedHeaders(TEST_SECRETS.INGEST_SECRET, JSON.stringify(m), h.clock.now()) },
            body: JSON.stringify(m),
          });
          expect(res).toEqual({ status: 202, text: '{"accepted":1,"duplicates":0}' });
          const rows = h.klaxon.db.db
            .select({ text: mentions.text, name: mentions.authorName })
            .from(mentions)
            .where(eq(mentions.externalId, id))
            .all();
          expect(rows).toHaveLength(1);
          expect(rows[0]!.text.isWellFormed()).toBe(true);
          expect(rows[0]!.name?.isWellFormed()).toBe(true);
        },
      ),
      { numRuns: 30 },
    );
    await h.klaxon.worker.idle();
  });
});
