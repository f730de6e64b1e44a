import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { JsonContentFilter, KeptTooLargeError, type JsonPath } from '../../adapters/email/inbound/json-filter.js';

const dropContent = (path: JsonPath) => path.length === 3 && path[0] === 'Attachments' && path[2] === 'Content';

/** Feeds `json` in the given chunk sizes. */
function run(json: string, cuts: number[], maxKeptBytes = 1_000_000): JsonContentFilter {
  const filter = new JsonContentFilter({ drop: dropContent, maxKeptBytes });
  const bytes = Buffer.from(json, 'utf8');
  let at = 0;
  for (const cut of cuts) {
    if (at >= bytes.length) break;
    filter.write(bytes.subarray(at, at + cut));
    at += cut;
  }
  if (at < bytes.length) filter.write(bytes.subarray(at));
  return filter;
}

describe('the streaming JSON filter (Postmark attachments)', () => {
  it('drops attachment contents wherever the chunks fall, and keeps everything else', () => {
    const doc = {
      From: 'a@b.c',
      TextBody: 'He said "Content": "x" \\ ok ✓',
      Attachments: [
        { Name: 'a.pdf', Content: 'QUJD\\/REVG', ContentLength: 6 },
        { Content: '', Name: 'empty' },
      ],
      Other: { Content: 'kept' },
    };
    const json = JSON.stringify(doc);
    for (const size of [1, 2, 3, 7, 64]) {
      const filter = run(
        json,
        Array.from({ length: json.length }, () => size),
      );
      expect(JSON.parse(filter.text())).toEqual({
        ...doc,
        Attachments: [
          { Name: 'a.pdf', Content: '', ContentLength: 6 },
          { Content: '', Name: 'empty' },
        ],
      });
      expect(filter.dropped.get('Attachments.0.Content')).toBe('QUJD\\\\/REVG'.length);
    }
  });

  it('stops when what it keeps grows past its limit', () => {
    expect(() => run(JSON.stringify({ TextBody: 'x'.repeat(2_000) }), [100], 1_000)).toThrow(KeptTooLargeError);
    // Dropped content does not count.
    expect(() => run(JSON.stringify({ Attachments: [{ Content: 'x'.repeat(5_000) }] }), [100], 1_000)).not.toThrow();
  });

  it('property: for any JSON and any chunking, the result is the input with the dropped strings emptied', () => {
    const attachment = fc.record(
      { Name: fc.string(), Content: fc.string({ unit: 'grapheme' }), ContentLength: fc.nat() },
      { requiredKeys: ['Content'] },
    );
    const doc = fc.record({
      From: fc.string({ unit: 'grapheme' }),
      Headers: fc.array(fc.record({ Name: fc.string(), Value: fc.string({ unit: 'grapheme' }) })),
      Attachments: fc.array(attachment, { maxLength: 4 }),
      Extra: fc.jsonValue(),
    });
    fc.assert(
      fc.property(doc, fc.array(fc.integer({ min: 1, max: 40 }), { maxLength: 200 }), (d, cuts) => {
        const filter = run(JSON.stringify(d), cuts);
        const expected = { ...d, Attachments: d.Attachments.map((a) => ({ ...a, Content: '' })) };
        expect(JSON.parse(filter.text())).toEqual(JSON.parse(JSON.stringify(expected)));
        d.Attachments.forEach((a, i) => {
          expect(filter.dropped.get(`Attachments.${i}.Content`)).toBe(Buffer.byteLength(JSON.stringify(a.Content)) - 2);
        });
      }),
      { numRuns: 300 },
    );
  });
});
