import { describe, expect, it } from 'vitest';
import { BatchShapeError, parseIngestBody } from '../../src/ingest/schema.js';

const good = { id: '1', text: 'hello', createdAt: '2026-11-23T10:00:00Z' };

describe('ingest body parsing', () => {
  it('accepts one mention or a batch, with defaults', () => {
    expect(parseIngestBody(good).mentions[0]?.mention).toMatchObject({
      id: '1',
      source: 'web',
      direction: 'inbound',
      private: false,
      author: {},
    });
    expect(parseIngestBody({ mentions: [good, { ...good, id: '2' }] }).mentions).toHaveLength(2);
  });

  it('names every bad field with its index, and keeps the good items', () => {
    const batch = parseIngestBody({
      mentions: [good, { id: 2, text: '', createdAt: 'yesterday', source: 'Bad Source', author: { followers: -1 } }],
    });
    expect(batch.mentions).toHaveLength(1);
    const paths = batch.errors.map((e) => `${e.index}:${e.path}`);
    expect(paths).toEqual(expect.arrayContaining(['1:id', '1:text', '1:createdAt', '1:source', '1:author.followers']));
    expect(batch.errors.every((e) => e.message.startsWith(e.path))).toBe(true);
  });

  it('rejects a date without a time zone and an impossible date', () => {
    expect(parseIngestBody({ ...good, createdAt: '2026-11-23T10:00:00' }).errors[0]?.path).toBe('createdAt');
    expect(parseIngestBody({ ...good, createdAt: '2026-13-45T10:00:00Z' }).errors[0]?.message).toContain('not a real date');
  });

  it('rejects a wrong body shape and an oversized batch', () => {
    expect(() => parseIngestBody([good])).toThrow(BatchShapeError);
    expect(() => parseIngestBody({ mentions: 'x' })).toThrow('"mentions" must be an array');
    const big = { mentions: Array.from({ length: 1001 }, (_, i) => ({ ...good, id: String(i) })) };
    try {
      parseIngestBody(big);
      expect.unreachable();
    } catch (error) {
      expect((error as BatchShapeError).status).toBe(413);
    }
  });

  it('replaces lone surrogates in the text instead of storing broken Unicode', () => {
    const m = parseIngestBody({ ...good, text: 'bad \ud800 char' }).mentions[0]?.mention;
    expect(m?.text.isWellFormed()).toBe(true);
  });
});
