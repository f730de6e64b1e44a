import fc from 'fast-check';
import { PRIORITIES } from '../../src/domain/priority.js';
import type { CaseView } from '../../src/ports.js';
import type { MetricsSummary } from '../../src/reports/metrics.js';

/**
 * Text from the world, for the renderers: everything Slack treats as markup (`& < > |`, its own
 * commands and links), what people really write (emoji, right-to-left scripts and marks,
 * other languages), and what breaks careless cutting (thousands of newlines, long unbroken words,
 * emoji whose halves are two UTF-16 units).
 */
const PIECES = [
  '<!here>',
  '<!channel>',
  '<!everyone>',
  '<@U0ADMIN>',
  '<#C0GENERAL>',
  '<!subteam^S0ALL>',
  '<https://evil.example|Reset your password>',
  '<https://evil.example>',
  '<mailto:x@evil.example|mail>',
  '<!date^1^{date}|x>',
  '@here',
  '#general',
  'https://evil.example/login?x=1&y=2',
  '&',
  '<',
  '>',
  '|',
  '&amp;',
  '&lt;!here&gt;',
  '*',
  '_',
  '~',
  '`',
  '```',
  '> ',
  '\n',
  '\n\n\n\n',
  '\r\n',
  '\u200F',
  '\u202E',
  '\u200B',
  '👩‍👩‍👧‍👦',
  '🔥',
  '🇬🇧',
  'שלום עולם',
  'مرحبا بالعالم',
  'こんにちは',
  'Größe',
  '__proto__',
  'constructor',
] as const;

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...PIECES) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', maxLength: 6 }) },
);

/** Hostile text of at most `max` characters; long ones are a generated chunk repeated. */
export function hostileText(max: number, min = 0): fc.Arbitrary<string> {
  const chunk = fc.array(piece, { minLength: 1, maxLength: 30 }).map((parts) => parts.join(''));
  const short = chunk.map((t) => t.slice(0, max));
  const long = fc
    .tuple(chunk, fc.integer({ min: 1, max }), fc.constantFrom('', '\n'.repeat(3000), 'x'.repeat(4000), '&'.repeat(max)))
    .map(([c, n, filler]) => (filler + c.repeat(Math.ceil(n / Math.max(1, c.length)))).slice(0, n));
  return fc.oneof(short, long).map((t) => (t.length >= min ? t : t.padEnd(min, 'x')));
}

/** Plain web URLs (fast-check's own webUrl is slow to generate). */
const webUrl = fc
  .tuple(
    fc.constantFrom('http', 'https'),
    fc.stringMatching(/^[a-z0-9-]{1,20}(\.[a-z]{2,6}){1,2}$/),
    fc.stringMatching(/^[a-zA-Z0-9/._~%-]{0,40}$/),
    fc.option(fc.stringMatching(/^[a-z0-9=&]{1,30}$/)),
  )
  .map(([scheme, host, path, query]) => `${scheme}://${host}/${path}${query ? `?${query}` : ''}`);

/** URLs as sources send them, good and bad. */
export const hostileUrl: fc.Arbitrary<string> = fc.oneof(
  fc.constantFrom(
    'https://shop.example/r/1>x <!here> <https://evil.example|Reset your password',
    'javascript:alert(document.cookie)',
    'JaVaScRiPt:alert(1)',
    'data:text/html,<script>alert(1)</script>',
    'https://bank.example@evil.example/login',
    'https://x.example/a|b',
    'https://x.example/?q=<!channel>',
    'http://[::1]/',
    'ftp://files.example/x',
    'not a url',
    '',
    `https://news.example/${'story-'.repeat(40)}`,
  ),
  webUrl,
  fc.tuple(webUrl, hostileText(200)).map(([u, t]) => `${u}/${t}`),
);

const slackUser = fc.stringMatching(/^U[A-Z0-9]{2,10}$/);
const date = fc.date({ min: new Date('2020-01-01T00:00:00Z'), max: new Date('2035-01-01T00:00:00Z'), noInvalidDate: true });

/** A case view as any source could produce it: every outside field hostile, up to the ingest limits. */
export const caseView: fc.Arbitrary<CaseView> = fc
  .record({
    id: fc.integer({ min: 1, max: 2_000_000_000 }),
    state: fc.constantFrom('open' as const, 'resolved' as const),
    priority: fc.constantFrom(...PRIORITIES),
    score: fc.integer({ min: 0, max: 100 }),
    reasons: fc.array(hostileText(200), { maxLength: 30 }),
    source: fc.oneof(fc.stringMatching(/^[a-z0-9_-]{1,32}$/), hostileText(40, 1)),
    author: fc.record({
      id: fc.option(hostileText(256)),
      handle: fc.option(hostileText(100)),
      name: fc.option(hostileText(200)),
      followers: fc.option(fc.integer({ min: 0, max: 10_000_000_000 })),
      verified: fc.boolean(),
    }),
    text: hostileText(50_000, 1),
    url: fc.option(hostileUrl),
    isPrivate: fc.boolean(),
    publicReply: fc.record({ possible: fc.boolean(), why: fc.option(hostileText(500)) }),
    sourceNote: fc.option(fc.record({ text: hostileText(2000), until: fc.option(date, { nil: undefined }) }, { requiredKeys: ['text'] })),
    createdAt: date,
    ai: fc.option(
      fc.record({
        model: hostileText(100, 1),
        reason: hostileText(2000),
        category: fc.oneof(fc.constantFrom('safety', 'fraud', '__proto__', 'constructor'), hostileText(30)),
        intent: hostileText(60),
        language: hostileText(10),
        from: fc.constantFrom(...PRIORITIES),
        to: fc.constantFrom(...PRIORITIES),
      }),
    ),
    mentionCount: fc.integer({ min: 1, max: 100_000 }),
    reach: fc.integer({ min: 0, max: 10_000_000_000 }),
    owner: fc.option(
      fc.oneof(
        slackUser.map((u) => ({ id: `slack:${u}`, name: null })),
        fc.record({ id: hostileText(60, 1).map((s) => `teams:${s}`), name: fc.option(hostileText(200)) }),
      ),
    ),
    firstResponseAt: fc.option(date),
    firstResponseVia: fc.constantFrom('klaxon' as const, 'outside' as const, null),
    resolvedAt: fc.option(date),
    resolvedBy: fc.option(hostileText(200)),
    sla: fc.record({
      dueAt: date,
      warnAt: date,
      phase: fc.constantFrom('ok' as const, 'at_risk' as const, 'breached' as const, 'met' as const, 'missed' as const),
      remainingMs: fc.integer({ min: -1e10, max: 1e10 }),
      target: fc.constantFrom('first_response' as const, 'resolution' as const),
    }),
    incident: fc.option(
      fc.record({
        samples: fc.array(fc.record({ handle: fc.option(hostileText(100)), followers: fc.option(fc.nat()), text: hostileText(2000) }), {
          maxLength: 3,
        }),
      }),
    ),
    mergedInto: fc.option(fc.integer({ min: 1, max: 1e9 })),
    lastReply: fc.option(
      fc.record({
        outboxId: fc.integer({ min: 1, max: 1e9 }),
        status: fc.constantFrom('pending' as const, 'sending' as const, 'done' as const, 'failed' as const, 'uncertain' as const),
        mode: fc.constantFrom('public' as const, 'private' as const),
        link: fc.option(hostileUrl),
        error: fc.option(hostileText(1000)),
      }),
    ),
    asOf: date,
    version: fc.integer({ min: 1, max: 1000 }),
  })
  .map((v) => ({ ...v, ref: `K-${v.id}` }));

export const summary: fc.Arbitrary<MetricsSummary> = fc.record({
  total: fc.nat(),
  actionable: fc.nat(),
  answered: fc.nat(),
  answeredWithin24h: fc.nat(),
  pending24h: fc.nat(),
  responseRate24h: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  frtMedianMs: fc.option(fc.nat()),
  frtP90Ms: fc.option(fc.nat()),
  slaMet: fc.nat(),
  slaEligible: fc.nat(),
  slaAttainment: fc.option(fc.double({ min: 0, max: 1, noNaN: true })),
  breaches: fc.nat(),
  resolved: fc.nat(),
  resolutionMedianMs: fc.option(fc.nat()),
  sentiment: fc.record({ negative: fc.nat(), neutral: fc.nat(), positive: fc.nat() }),
});

export { date, slackUser };
