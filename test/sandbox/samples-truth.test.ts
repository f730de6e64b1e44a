/**
 * The sandbox samples tell the truth (issue #21): each sample gets the priority band and the
 * reasons a person would give it. The expectations live here, not in the samples: when one fails,
 * fix the scorer.
 */
import { describe, expect, it } from 'vitest';
import { SAMPLES, SAMPLE_VIPS, type SampleMention } from '../../dev/sandbox/samples.js';
import { DEFAULT_SCORING_CONFIG, scoreMention, type ScoreResult } from '../../src/scoring/index.js';

interface Truth {
  /** Priorities a person would accept. */
  band: readonly string[];
  intent: string;
  /** Each must be among the reasons (a reason may carry more words after it). */
  reasons?: readonly string[];
  /** None of these may appear in any reason. */
  never?: readonly string[];
  harm?: readonly string[];
}

const COMPLAINT_WORDS = ['positive feedback', 'neutral question'];
const PRAISE_WORDS = ['complaint', 'serious complaint', 'negative', 'very negative', 'press or media'];

const TRUTH: Record<string, Truth> = {
  influencer: { band: ['P1', 'P2'], intent: 'complaint', reasons: ['250k followers', 'wants to cancel'], never: COMPLAINT_WORDS },
  vip: { band: ['P1', 'P2'], intent: 'complaint', reasons: ['VIP'], never: COMPLAINT_WORDS },
  'storm-1': { band: ['P2', 'P3'], intent: 'complaint', reasons: ['(outage)'] },
  'storm-2': { band: ['P2', 'P3'], intent: 'complaint' },
  'storm-3': { band: ['P1', 'P2'], intent: 'complaint', harm: ['essential_service'] },
  'storm-4': { band: ['P2'], intent: 'complaint', harm: ['essential_service'] },
  'storm-5': { band: ['P2'], intent: 'complaint', harm: ['essential_service'] },
  'storm-6': { band: ['P2', 'P3'], intent: 'complaint' },
  lawyer: { band: ['P1', 'P2'], intent: 'complaint', harm: ['legal'], reasons: ['legal action'] },
  // "Telling everyone I know" is word of mouth, not the press.
  cancel: { band: ['P2', 'P3'], intent: 'complaint', reasons: ['wants to cancel'], never: ['press or media', 'press/media'] },
  vulnerable: { band: ['P1', 'P2'], intent: 'complaint', harm: ['vulnerable'], reasons: ['vulnerable customer'] },
  fraud: { band: ['P1', 'P2'], intent: 'complaint', harm: ['fraud'], reasons: ['possible fraud'] },
  'breach-old': { band: ['P2', 'P3'], intent: 'complaint', never: COMPLAINT_WORDS },
  'data-loss': { band: ['P1', 'P2'], intent: 'complaint', reasons: ['18k followers'] },
  'broken-item': { band: ['P2', 'P3'], intent: 'complaint', reasons: ['42k followers', '(damaged item)'] },
  'app-crash': { band: ['P2', 'P3'], intent: 'complaint' },
  roaming: { band: ['P3'], intent: 'complaint', reasons: ['complaint (billing'] },
  'private-data': { band: ['P2', 'P3'], intent: 'complaint' },
  // A neutral question is neutral, not negative.
  'question-1': { band: ['P4'], intent: 'question', reasons: ['neutral question'], never: ['negative', 'very negative'] },
  'question-2': { band: ['P4'], intent: 'question', never: ['negative'] },
  'question-3': { band: ['P4'], intent: 'question', never: ['negative'] },
  'question-4': { band: ['P3', 'P4'], intent: 'question', reasons: ['neutral question'], never: ['negative', 'wants to cancel'] },
  'question-5': { band: ['P4'], intent: 'question', never: ['negative'] },
  // Clear praise is praise: P4, "positive feedback", never a complaint.
  'praise-1': { band: ['P4'], intent: 'praise', reasons: ['positive feedback'], never: PRAISE_WORDS },
  'praise-2': { band: ['P4'], intent: 'praise', reasons: ['positive feedback'], never: PRAISE_WORDS },
  'praise-3': { band: ['P4'], intent: 'praise', reasons: ['positive feedback'], never: [...PRAISE_WORDS, 'complaint (outage)'] },
  competitor: { band: ['P4'], intent: 'question', never: ['negative'] },
  meme: { band: ['P4'], intent: 'other', never: ['complaint', 'serious complaint'] },
  'answered-q': { band: ['P3', 'P4'], intent: 'question', never: ['complaint (outage)'] },
  'lawyer-2': { band: ['P1', 'P2'], intent: 'complaint', reasons: ['says other channels failed'] },
};

function scoreSample(s: SampleMention): ScoreResult {
  const handle = s.author.handle ?? '';
  return scoreMention(
    {
      text: s.text,
      source: s.source,
      author: s.author,
      isVip: (SAMPLE_VIPS as readonly string[]).includes(handle),
      unansweredBefore: s.key === 'lawyer-2' ? 1 : 0,
    },
    DEFAULT_SCORING_CONFIG,
  );
}

describe('sandbox samples', () => {
  it('every inbound sample has a truth to check', () => {
    const inbound = SAMPLES.filter((s) => !s.outbound).map((s) => s.key);
    expect(Object.keys(TRUTH).sort()).toEqual([...inbound].sort());
  });

  it.each(SAMPLES.filter((s) => !s.outbound).map((s) => [s.key, s] as const))(
    '%s gets the priority and reasons a person would give it',
    (key, sample) => {
      const truth = TRUTH[key]!;
      const r = scoreSample(sample);
      const shown = `${r.priority} ${r.intent}: ${r.reasons.join(' · ')}`;
      expect(truth.band, shown).toContain(r.priority);
      expect(r.intent, shown).toBe(truth.intent);
      for (const reason of truth.reasons ?? [])
        expect(
          r.reasons.some((x) => (reason.startsWith('(') ? x.includes(reason) : x.startsWith(reason))),
          `${shown} — wants "${reason}"`,
        ).toBe(true);
      for (const bad of truth.never ?? [])
        expect(
          r.reasons.some((x) => x === bad || x.startsWith(`${bad} (`)),
          `${shown} — must not say "${bad}"`,
        ).toBe(false);
      for (const h of truth.harm ?? [])
        expect(
          r.harm.map((x) => x.id),
          shown,
        ).toContain(h);
      // A harm category, when there is one, is the first reason.
      if (r.harm.length > 0) expect(r.reasons[0]!.startsWith(r.harm[0]!.label)).toBe(true);
    },
  );
});
