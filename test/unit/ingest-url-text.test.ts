import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { MAX_TEXT, parseIngestBody } from '../../src/ingest/schema.js';
import { hostileText } from '../slack/arbitraries.js';

const good = { id: '1', text: 'hello', createdAt: '2026-11-23T10:00:00Z' };
const one = (fields: Record<string, unknown>) => parseIngestBody({ ...good, ...fields });

describe('ingest: long text and the message URL (CONTRACT §4)', () => {
  it('takes text up to 50,000 characters and names the limit beyond it', () => {
    expect(MAX_TEXT).toBe(50_000);
    expect(one({ text: 'é'.repeat(50_000) }).mentions).toHaveLength(1);
    expect(one({ text: 'é'.repeat(50_001) }).errors).toEqual([
      { index: 0, path: 'text', message: 'text must be at most 50,000 characters' },
    ]);
  });

  it('refuses every URL that is not http(s), with one clear error', () => {
    for (const url of [
      'javascript:alert(1)',
      'JavaScript:alert(1)',
      'data:text/html,<b>x</b>',
      'vbscript:msgbox(1)',
      'file:///etc/passwd',
      'ftp://files.example/x',
      'mailto:a@b.example',
      'not a url',
    ]) {
      expect(one({ url }).errors, url).toEqual([{ index: 0, path: 'url', message: 'url must be an absolute http:// or https:// URL' }]);
    }
  });

  it('stores an http(s) URL normalised, with nothing a chat platform could read as markup', () => {
    const stored = one({ url: 'https://shop.example/r/1>x <!here> <https://evil.example|Reset your password' }).mentions[0]!.mention.url;
    expect(stored).toBe('https://shop.example/r/1%3Ex%20%3C!here%3E%20%3Chttps://evil.example%7CReset%20your%20password');
    fc.assert(
      fc.property(
        fc.constantFrom('http', 'https', 'HTTPS'),
        fc.stringMatching(/^[a-z0-9-]{1,20}(\.[a-z]{2,6}){1,2}$/),
        hostileText(300),
        (scheme, host, tail) => {
          const parsed = one({ url: `${scheme}://${host}/${tail}` });
          if (parsed.errors.length > 0) return;
          expect(parsed.mentions[0]!.mention.url).toMatch(/^https?:\/\/[^\s<>|"]+$/);
        },
      ),
    );
  });
});
