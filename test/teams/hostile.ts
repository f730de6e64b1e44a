import fc from 'fast-check';
import type { CaseView } from '../../src/ports.js';

/**
 * Inputs from outside as the world writes them, for the Teams renderers' property tests: every
 * markup character Slack and Teams give meaning to, mentions, links, date functions, right-to-left
 * marks, emoji (and half of one), control characters, other scripts, and sizes up to the ingest
 * limit. Every outside value starts with SENTINEL, so a test can tell where outside text ended up.
 */
export const SENTINEL = 'qzxsentinelxzq';

export const FRAGMENTS = [
  '&',
  '<',
  '>',
  '|',
  '&amp;',
  '<at>on-call</at>',
  '<AT>Bob</AT>',
  '[click me](https://evil.example/x)',
  '**bold**',
  '_it_',
  '`code`',
  '~~gone~~',
  '<!here>',
  '<@U123>',
  '<#C1|general>',
  '<https://evil.example|Reset your password>',
  '{{DATE(2026-01-01T00:00:00Z,SHORT)}}',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a template-injection probe, meant literally.
  '${{x}}',
  '\u200F',
  '\u202E',
  '\u2066',
  '\u2060',
  '🔥',
  '👩🏽‍💻',
  '\uD83D',
  '\n',
  '\n\n\n\n',
  '\r\n',
  '\t',
  '\u0000',
  '\u0007',
  '\u001b[31m',
  '__proto__',
  'constructor',
  'مرحبا بالعالم',
  '你好，世界',
  '\uE001',
  '\uE005',
  'javascript:alert(1)',
  '"',
  '\\',
  '# Heading',
  '- item',
  '1. item',
  '> quote',
  'https://evil.example/phish',
  ' ',
] as const;

const piece = fc.oneof(
  { weight: 3, arbitrary: fc.constantFrom(...FRAGMENTS) },
  { weight: 1, arbitrary: fc.string({ unit: 'binary', maxLength: 12 }) },
);

/** A hostile string of at most `max` characters, starting with the sentinel. */
export function outside(max: number): fc.Arbitrary<string> {
  const short = fc.array(piece, { maxLength: 30 }).map((parts) => `${SENTINEL} ${parts.join('')}`.slice(0, max));
  if (max <= 300) return short;
  // Long ones: a hostile pattern repeated up to the limit (a 6,000-character e-mail, a 50,000-character post).
  const long = fc.tuple(fc.array(piece, { minLength: 1, maxLength: 12 }), fc.integer({ min: 300, max })).map(([parts, length]) => {
    const unit = parts.join('') || 'x';
    return `${SENTINEL} ${unit.repeat(Math.ceil(length / unit.length))}`.slice(0, length);
  });
  return fc.oneof(short, long, fc.constant(`${SENTINEL} ${'\n'.repeat(Math.max(0, max - SENTINEL.length - 1))}`));
}

/** URLs customers and sources send: good, long, with markup, and of schemes that must never be linked. */
export const urls = fc.oneof(
  outside(120).map((s) => `https://shop.example/${encodeURIComponent(s.toWellFormed())}`),
  fc.constant('https://shop.example/r/1>x <!here> <https://evil.example|Reset your password'),
  fc.constant('javascript:alert(document.cookie)'),
  fc.constant('data:text/html,<script>alert(1)</script>'),
  fc.constant('ftp://files.example/x'),
  fc.constant(`https://x.example/${SENTINEL}/${'a'.repeat(1990)}`),
  fc.constant(`https://links.example/${'%F0%9F%94%A5'.repeat(30)}?q=${SENTINEL}&a=(b)`),
  fc.constant(null),
);

/** A source name as ingest allows it ([a-z0-9_-]{1,32}). */
export const sourceName = fc.stringMatching(/^[a-z0-9_-]{0,18}$/).map((s) => `${SENTINEL}${s}`);

const author = fc.record({
  id: fc.option(outside(40), { nil: null }),
  handle: fc.option(outside(100), { nil: null }),
  name: fc.option(outside(200), { nil: null }),
  followers: fc.option(fc.integer({ min: 0, max: 10_000_000_000 }), { nil: null }),
  verified: fc.boolean(),
});

const now = new Date('2026-11-23T10:00:00Z');

/** A case view with every outside field hostile. */
export const caseView: fc.Arbitrary<CaseView> = fc
  .record({
    id: fc.integer({ min: 1, max: 2_000_000_000 }),
    state: fc.constantFrom('open' as const, 'resolved' as const),
    priority: fc.constantFrom('P1' as const, 'P2' as const, 'P3' as const, 'P4' as const),
    reasons: fc.array(outside(120), { maxLength: 6 }),
    source: sourceName,
    author,
    text: outside(50_000),
    url: urls,
    isPrivate: fc.boolean(),
    mentionCount: fc.integer({ min: 1, max: 100_000 }),
    owner: fc.option(fc.record({ id: outside(60), name: fc.option(outside(200), { nil: null }) }), { nil: null }),
    answered: fc.boolean(),
    resolvedBy: fc.option(outside(200), { nil: null }),
    incident: fc.option(
      fc.record({
        samples: fc.array(
          fc.record({
            handle: fc.option(outside(100), { nil: null }),
            followers: fc.option(fc.nat(), { nil: null }),
            text: outside(10_000),
          }),
          { maxLength: 3 },
        ),
      }),
      { nil: null },
    ),
    lastReply: fc.option(
      fc.record({
        outboxId: fc.nat(),
        status: fc.constantFrom('pending' as const, 'sending' as const, 'done' as const, 'failed' as const, 'uncertain' as const),
        mode: fc.constantFrom('public' as const, 'private' as const),
        link: urls,
        error: fc.option(outside(5000), { nil: null }),
      }),
      { nil: null },
    ),
    mergedInto: fc.option(fc.nat(), { nil: null }),
    phase: fc.constantFrom('ok' as const, 'at_risk' as const, 'breached' as const, 'met' as const, 'missed' as const),
    publicReply: fc.oneof(
      fc.constant({ possible: true, why: null }),
      fc.record({ possible: fc.constant(false), why: fc.option(outside(400), { nil: null }) }),
    ),
  })
  .map((r) => ({
    id: r.id,
    ref: `K-${r.id}`,
    state: r.state,
    priority: r.priority,
    score: 77,
    reasons: r.reasons,
    source: r.source,
    author: r.author,
    text: r.text,
    url: r.url,
    isPrivate: r.isPrivate,
    publicReply: r.publicReply,
    createdAt: now,
    mentionCount: r.mentionCount,
    reach: 1234,
    owner: r.owner,
    firstResponseAt: r.answered ? now : null,
    firstResponseVia: r.answered ? ('outside' as const) : null,
    resolvedAt: r.state === 'resolved' ? now : null,
    resolvedBy: r.state === 'resolved' ? r.resolvedBy : null,
    sla: {
      target: 'first_response',
      phase: r.phase,
      dueAt: new Date(now.getTime() + 3_600_000),
      remainingMs: 3_600_000,
    } as CaseView['sla'],
    incident: r.incident,
    mergedInto: r.mergedInto,
    lastReply: r.lastReply,
    asOf: now,
    version: 1,
  }));
