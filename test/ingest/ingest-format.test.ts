import { afterEach, describe, expect, it } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import { TEST_SECRETS } from '../helpers/config.js';
import { startHarness, type Harness } from '../helpers/harness.js';
import { postIngest } from '../helpers/ingest.js';

const SECRET = TEST_SECRETS.INGEST_SECRET;

function item(h: Harness, id: string, extra: Record<string, unknown> = {}): Record<string, unknown> {
  return {
    id,
    source: 'web',
    text: 'My order never arrived',
    createdAt: new Date(h.clock.now().getTime() - 60_000).toISOString(),
    ...extra,
  };
}

/**
 * The /ingest item format on the real server (real sockets, real SQLite with the real
 * migrations): strict, with errors that name the path, the field probably meant and the types.
 */
describe('POST /ingest: a strict format with clear errors', () => {
  let h: Harness;
  afterEach(async () => h?.close());

  it('refuses a misspelt field instead of dropping it: "Private" does not make a private message public', async () => {
    h = await startHarness();
    const res = await postIngest(h.url, item(h, 'dm-1', { Private: true }), SECRET, h.clock.now());
    expect(res.status).toBe(400);
    expect(res.json.errors).toEqual([
      { index: 0, path: 'Private', message: 'Private is not a field of a mention; did you mean "private"?' },
    ]);
    expect(h.klaxon.db.db.select().from(mentions).all()).toEqual([]);
  });

  it('names every bad item of a batch with its index, path and what was expected, and stores the good ones', async () => {
    h = await startHarness();
    const batch = [
      item(h, 'good-1'),
      item(h, 'typo-1', { author: { handel: 'jane', followers: 10 } }),
      item(h, 'type-1', { private: 'yes' }),
      { ...item(h, 'x'), id: 42 },
      { id: 'no-text', createdAt: item(h, 'x').createdAt },
      item(h, 'nested-1', { author: { handle: 'jane', followers: '48k' }, Source: 'web', colour: 'red' }),
      item(h, 'good-2', { private: true }),
    ];
    const res = await postIngest(h.url, { mentions: batch }, SECRET, h.clock.now());
    expect(res.status).toBe(400);
    expect(res.json).toEqual({
      accepted: 2,
      duplicates: 0,
      errors: [
        { index: 1, path: 'author.handel', message: 'author.handel is not a field of author; did you mean "handle"?' },
        { index: 2, path: 'private', message: 'private: expected boolean, got string' },
        { index: 3, path: 'id', message: 'id: expected string, got number' },
        { index: 4, path: 'text', message: 'text is required' },
        { index: 5, path: 'Source', message: 'Source is not a field of a mention; did you mean "source"?' },
        {
          index: 5,
          path: 'colour',
          message: expect.stringMatching(
            /^colour is not a field of a mention \(a mention takes: id, source, direction, author, text, .*private, rating\)$/,
          ),
        },
        { index: 5, path: 'author.followers', message: 'author.followers: expected number, got string' },
      ],
    });
    const stored = h.klaxon.db.db.select().from(mentions).all();
    expect(stored.map((m) => [m.externalId, m.isPrivate])).toEqual([
      ['good-1', false],
      ['good-2', true],
    ]);
  });

  it('refuses keys beside "mentions" in a batch, and suggests "mentions" for a misspelt batch', async () => {
    h = await startHarness();
    const beside = await postIngest(h.url, { mentions: [item(h, 'a')], private: true }, SECRET, h.clock.now());
    expect(beside.status).toBe(400);
    expect(beside.json.errors).toEqual([
      { index: null, path: '(body)', message: expect.stringContaining('"private" cannot stand beside "mentions"') },
    ]);
    const misspelt = await postIngest(h.url, { mention: [item(h, 'a')] }, SECRET, h.clock.now());
    expect(misspelt.status).toBe(400);
    expect(misspelt.json.errors).toContainEqual({
      index: 0,
      path: 'mention',
      message: 'mention is not a field of a mention; did you mean "mentions"?',
    });
    expect(h.klaxon.db.db.select().from(cases).all()).toEqual([]);
  });
});
