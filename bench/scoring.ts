/**
 * 6. Scoring: mentions scored per second by scoreMention on one core (this thread), over every
 * tweet text with varied author metadata, against the AFINN lexicon (the `sentiment` package,
 * the evaluation's accuracy baseline) analysing the same texts on the same thread. One-second
 * rounds alternate between the two after a warm-up; medians are reported.
 */
import { createAfinn } from '../scripts/eval/afinn.js';
import { DEFAULT_SCORING_CONFIG, scoreMention, type ScoreInput } from '../src/scoring/index.js';
import { tweetTexts } from './lib/data.js';
import { round, type Figure } from './lib/figure.js';
import { median } from './lib/stats.js';

const TARGET = 50_000;

/** Items processed per second by `each` over `items`, looping for about `ms`. */
function rate<T>(items: readonly T[], each: (item: T) => number, ms: number): { perSecond: number; sink: number } {
  let n = 0;
  let sink = 0;
  const start = performance.now();
  let elapsed = 0;
  while (elapsed < ms) {
    for (const item of items) sink += each(item);
    n += items.length;
    elapsed = performance.now() - start;
  }
  return { perSecond: (n / elapsed) * 1000, sink };
}

/**
 * scoreMention and AFINN on the same texts, alternating one-second rounds after a warm-up:
 * mentions per second of each, per round. Shared with `npm run eval` so both report the same ratio.
 */
export function scoringRates(texts: readonly string[], rounds: number, log: (line: string) => void): { ours: number[]; base: number[] } {
  const inputs: ScoreInput[] = texts.map((text, i) => ({
    text,
    source: i % 3 === 0 ? 'email' : 'twitter',
    author: { followers: (i * 7919) % 200_000, verified: i % 50 === 0 },
    isVip: i % 97 === 0,
    unansweredBefore: i % 5,
    volume: 1 + (i % 40),
  }));
  const afinn = createAfinn();
  const score = (input: ScoreInput) => scoreMention(input, DEFAULT_SCORING_CONFIG).score;
  const lexicon = (text: string) => afinn.analyze(text).comparative;
  rate(inputs, score, 300); // warm-up
  rate(texts, lexicon, 300);
  const ours: number[] = [];
  const base: number[] = [];
  let sink = 0;
  for (let r = 0; r < rounds; r++) {
    const a = rate(inputs, score, 1000);
    const b = rate(texts, lexicon, 1000);
    ours.push(a.perSecond);
    base.push(b.perSecond);
    sink += a.sink + b.sink;
  }
  if (Number.isNaN(sink)) log('  (unreachable: keeps the work observable)');
  return { ours, base };
}

export function benchScoring(rounds: number, log: (line: string) => void): Figure {
  const texts = tweetTexts();
  const { ours, base } = scoringRates(texts, rounds, log);
  const value = median(ours);
  const baseline = median(base);
  log(`  scoreMention ${Math.round(value).toLocaleString('en-US')}/s, AFINN ${Math.round(baseline).toLocaleString('en-US')}/s`);
  return {
    id: 'scoring',
    name: 'scoreMention on one core (text analysis + reach, VIP, volume, reasons)',
    value: Math.round(value),
    unit: 'mentions/s',
    baseline: {
      name: 'AFINN',
      value: Math.round(baseline),
      unit: 'mentions/s',
      description: "the AFINN lexicon (`sentiment` package, the evaluation's accuracy baseline) on the same texts, same thread",
    },
    ratio: round(value / baseline, 2),
    ratioOf: '× AFINN',
    target: `≥ ${TARGET.toLocaleString('en-US')}/s`,
    met: value >= TARGET,
    ...(value >= TARGET
      ? {}
      : { limit: 'text analysis (tokenising, phrase rules, the learned word weights) per mention on a shared core' }),
    details: { samples: ours.map(Math.round), baselineSamples: base.map(Math.round), texts: texts.length },
  };
}
