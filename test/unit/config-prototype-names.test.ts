import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { fillTemplate } from '../../src/cases/signature.js';
import { VipDirectory } from '../../src/cases/vip-directory.js';
import { ConfigError, loadConfig, type Config } from '../../app/config.js';
import { routeCase } from '../../src/routing/route.js';
import { scoreMention } from '../../src/scoring/score.js';
import { calendarFor } from '../../src/sla/config.js';
import { openDatabase } from '../../db/client.js';

/** Names every JavaScript object answers to, and ordinary ones. */
const PROTO = [
  '__proto__',
  'constructor',
  'toString',
  'hasOwnProperty',
  'valueOf',
  'isPrototypeOf',
  '__defineGetter__',
  'propertyIsEnumerable',
  'toLocaleString',
];
const name = fc.oneof(
  fc.constantFrom(...PROTO),
  fc.constantFrom(...PROTO.map((p) => p.toLowerCase())),
  fc.stringMatching(/^[a-z][a-z0-9_-]{0,10}$/),
);
const sourceName = name.filter((n) => /^[a-z0-9_-]{1,32}$/.test(n));

/**
 * JSON text of an object with these keys, written by hand: an object literal or fast-check's
 * dictionary would turn a `__proto__` key into a prototype instead of a key, as the JSON file
 * on disk does not.
 */
const objectJson = (entries: [string, unknown][]) =>
  `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${typeof v === 'string' && v.startsWith('{') ? v : JSON.stringify(v)}`).join(',')}}`;

const calendar = { timeZone: 'Europe/London', periods: [{ days: ['mon', 'tue', 'wed', 'thu', 'fri'], start: '09:00', end: '17:00' }] };

const configText = fc
  .record({
    sources: fc.uniqueArray(sourceName, { maxLength: 4 }),
    scoringSources: fc.uniqueArray(name, { maxLength: 4 }),
    themes: fc.uniqueArray(name, { maxLength: 4 }),
    calendars: fc.uniqueArray(name, { minLength: 1, maxLength: 3 }),
    placeholders: fc.array(name, { maxLength: 4 }),
    vips: fc.array(name, { maxLength: 4 }),
    brands: fc.uniqueArray(name, { maxLength: 3 }),
  })
  .map((c) => {
    const json = objectJson([
      [
        'sources',
        objectJson(
          c.sources.map((s) => [
            s,
            { replyWebhook: { url: `https://replies.example.com/${encodeURIComponent(s)}`, secret: 'a-reply-secret-0123456789' } },
          ]),
        ),
      ],
      [
        'scoring',
        objectJson([
          ['sources', objectJson(c.scoringSources.map((s) => [s, { multiplier: 1.2, bonus: 3 }]))],
          ['themeBonus', objectJson(c.themes.map((t) => [t, 7]))],
          ['severityPhrases', c.themes.map((t) => ({ pattern: 'product recall', theme: t }))],
        ]),
      ],
      [
        'sla',
        objectJson([
          ['calendars', objectJson(c.calendars.map((k) => [k, calendar]))],
          ['policies', { P1: { calendar: c.calendars[0] } }],
        ]),
      ],
      ['replies', { saved: [{ id: 'hello', title: 'Hello', text: `Hi ${c.placeholders.map((p) => `{${p}}`).join(' ')} {first_name}` }] }],
      ['vips', c.vips.filter((v) => /^[A-Za-z0-9_.-]{1,64}$/.test(v))],
      ['brands', c.brands.map((b) => ({ name: b, handles: [b].filter((h) => /^[A-Za-z0-9_.-]{1,64}$/.test(h)) }))],
      ['routing', c.brands.length ? [{ match: { brands: [c.brands[0]] }, slack: 'CBRAND' }] : []],
    ]);
    return { c, json };
  });

function load(json: string): Config {
  return loadConfig({
    env: { DATABASE_URL: ':memory:', KLAXON_CONFIG: 'klaxon.config.json' },
    readFile: () => json,
    fileExists: () => true,
  });
}

describe('the config file with keys named like Object.prototype members (fast-check)', () => {
  it('either refuses `__proto__` naming its path, or works with every name as an own key', () => {
    const db = openDatabase(':memory:');
    try {
      fc.assert(
        fc.property(configText, ({ c, json }) => {
          // Only keys count: `__proto__` as a value (a brand's name, a VIP) is ordinary data.
          const hasProto = [...c.sources, ...c.scoringSources, ...c.themes, ...c.calendars].includes('__proto__');
          let config: Config;
          try {
            config = load(json);
          } catch (error) {
            expect(error, String(error)).toBeInstanceOf(ConfigError);
            expect(hasProto).toBe(true);
            expect((error as ConfigError).problems.some((p) => p.includes('__proto__') && p.includes('cannot be used as a name'))).toBe(
              true,
            );
            return;
          }
          expect(hasProto).toBe(false);
          const file = config.file;
          // Every source, calendar and theme is an own key, none lost and none inherited.
          for (const s of c.sources) expect(Object.hasOwn(file.sources, s)).toBe(true);
          expect(calendarFor(file.sla, 'P1')).toEqual(expect.objectContaining({ timeZone: 'Europe/London' }));
          for (const source of [...c.sources, ...c.scoringSources.filter((s) => /^[a-z0-9_-]{1,32}$/.test(s)), 'constructor', 'tostring']) {
            const vips = new VipDirectory(db.db, file.vips);
            const score = scoreMention(
              {
                text: 'There is a product recall and nobody tells me anything',
                source,
                author: { handle: c.vips[0] ?? 'jane', followers: 1200 },
                isVip: vips.has(c.vips[0]),
              },
              file.scoring,
            );
            expect(Number.isInteger(score.score)).toBe(true);
            expect(score.score).toBeGreaterThanOrEqual(0);
            expect(score.score).toBeLessThanOrEqual(100);
            for (const r of score.reasons) expect(r).not.toMatch(/function|native code|undefined|NaN/);
          }
          const filled = fillTemplate(file.replies.saved[0]!.text, { name: 'Jane Doe', handle: 'jane', caseRef: 'K-1' });
          expect(filled).not.toMatch(/function|native code/);
          expect(filled).toContain('Jane');
          if (c.brands.length && file.brands[0]!.handles.length) {
            expect(
              routeCase(
                { source: 'web', priority: 'P3', text: `@${file.brands[0]!.handles[0]} help` },
                { rules: file.routing, brands: file.brands, defaults: { slack: 'CTRIAGE' } },
              ),
            ).toEqual({ slack: 'CBRAND' });
          }
        }),
        { numRuns: 150 },
      );
    } finally {
      db.close();
    }
  });
});
