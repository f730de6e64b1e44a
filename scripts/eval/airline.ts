/**
 * Loader for the labelled airline-tweets evaluation set (see ../shared/data/README.md).
 *
 * The split rule is fixed by the data README: rows whose tweet_id is divisible by 5 are the test
 * split; anything fitted or tuned may only look at the other rows. Ids exceed 2^53, so the
 * divisibility check uses BigInt rather than Number.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { parseCsvObjects } from './csv.js';

export type Split = 'train' | 'test' | 'all';

export interface LabelledTweet {
  id: string;
  text: string;
  /** 'negative' | 'neutral' | 'positive' as labelled by people. */
  sentiment: string;
  /** The labelled reason for negative tweets, '' otherwise. */
  reason: string;
  isTest: boolean;
  /** negative-vs-rest label. */
  negative: boolean;
  /** serious-complaint-vs-rest label (reasons listed in SERIOUS_REASONS). */
  serious: boolean;
}

/** The negative reasons the issue counts as a "serious complaint". */
export const SERIOUS_REASONS: ReadonlySet<string> = new Set([
  'Customer Service Issue',
  'Cancelled Flight',
  'Late Flight',
  'Lost Luggage',
  'Damaged Luggage',
  'Flight Booking Problems',
]);

/** Default location: ../shared/data beside the project root (never copied into the project). */
export const AIRLINE_TWEETS_URL = new URL('../../../shared/data/airline-tweets.csv', import.meta.url);

export function isTestId(id: string): boolean {
  return /^\d+$/.test(id) && BigInt(id) % 5n === 0n;
}

export function loadAirlineTweets(split: Split = 'all', path: string | URL = AIRLINE_TWEETS_URL): LabelledTweet[] {
  const file = typeof path === 'string' ? path : fileURLToPath(path);
  // `npm run eval` and `npm run bench` on a fresh clone: say what is missing, not ENOENT.
  if (!existsSync(file))
    throw new Error(`${file} is missing: put the shared data set in ../shared/data beside the project (README, "Tests")`);
  const rows = parseCsvObjects(readFileSync(file, 'utf8'));
  const out: LabelledTweet[] = [];
  for (const r of rows) {
    const id = r['tweet_id'] ?? '';
    if (!id) continue;
    const isTest = isTestId(id);
    if (split === 'test' && !isTest) continue;
    if (split === 'train' && isTest) continue;
    const sentiment = r['airline_sentiment'] ?? '';
    const reason = r['negativereason'] ?? '';
    out.push({
      id,
      text: r['text'] ?? '',
      sentiment,
      reason,
      isTest,
      negative: sentiment === 'negative',
      serious: sentiment === 'negative' && SERIOUS_REASONS.has(reason),
    });
  }
  return out;
}
