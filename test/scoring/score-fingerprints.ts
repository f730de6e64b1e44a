/**
 * Fingerprints of scoreMention's whole result over fixed corpora, so a change made for speed can
 * be shown to change nothing: `score-fingerprints.json` holds the fingerprints the scorer gave
 * before the change, and score-fingerprints.test.ts recomputes them.
 *
 * Inputs vary author, source, VIP, repeats and volume as the throughput benchmark does, so reach,
 * floors and reasons are exercised as well as the text reading. Each result is serialised whole
 * (score, priority, reasons, harm, themes, language, intent, every signal) and hashed.
 *
 * A change meant to move scores (new lexicon words, a refitted model) rewrites the file on purpose:
 *   npx tsx test/scoring/score-fingerprints.ts --write
 */
import { createHash } from 'node:crypto';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { loadAirlineTweets } from '../../scripts/eval/airline.js';
import { loadCriticalSet, loadIndustrySet } from '../../scripts/eval/team-sets.js';
import { loadTweetEval } from '../../scripts/eval/tweeteval.js';
import { DEFAULT_SCORING_CONFIG, scoreMention, type ScoreInput } from '../../src/scoring/index.js';

export const FINGERPRINTS_FILE = new URL('./fixtures/score-fingerprints.json', import.meta.url);

/** Public-data texts are fingerprinted in chunks of this many (keeps the file small). */
export const CHUNK = 25;

export interface Fingerprints {
  /** One per team-set row, critical then cross-industry, in file order. */
  team: string[];
  /** Per CHUNK rows: airline-tweets.csv (all rows), then TweetEval sentiment test and irony test. */
  airline: string[];
  tweeteval: string[];
}

/** The benchmark's input variation (bench/scoring.ts) for text number i. */
export function inputFor(text: string, i: number): ScoreInput {
  return {
    text,
    source: i % 3 === 0 ? 'email' : 'twitter',
    author: { followers: (i * 7919) % 200_000, verified: i % 50 === 0 },
    isVip: i % 97 === 0,
    unansweredBefore: i % 5,
    volume: 1 + (i % 40),
    ...(i % 11 === 0 ? { rating: 1 + (i % 5) } : {}),
  };
}

const hash = (s: string): string => createHash('sha1').update(s).digest('hex').slice(0, 12);

function resultOf(text: string, i: number): string {
  return JSON.stringify(scoreMention(inputFor(text, i), DEFAULT_SCORING_CONFIG));
}

/** One fingerprint per text. */
export function fingerprintEach(texts: readonly string[]): string[] {
  return texts.map((t, i) => hash(resultOf(t, i)));
}

/** One fingerprint per CHUNK texts. */
export function fingerprintChunks(texts: readonly string[]): string[] {
  const out: string[] = [];
  for (let start = 0; start < texts.length; start += CHUNK) {
    const h = createHash('sha1');
    for (let i = start; i < Math.min(texts.length, start + CHUNK); i++) h.update(resultOf(texts[i]!, i)).update('\n');
    out.push(h.digest('hex').slice(0, 12));
  }
  return out;
}

export const teamTexts = (): string[] => [...loadCriticalSet(), ...loadIndustrySet()].map((r) => r.text);
export const airlineTexts = (path?: string): string[] => loadAirlineTweets('all', path).map((r) => r.text);
export const tweetEvalTexts = (dir?: string): string[] =>
  [...loadTweetEval('sentiment', 'test', dir), ...loadTweetEval('irony', 'test', dir)].map((r) => r.text);

export function readFingerprints(): Fingerprints {
  return JSON.parse(readFileSync(FINGERPRINTS_FILE, 'utf8')) as Fingerprints;
}

if (process.argv[1] === fileURLToPath(import.meta.url) && process.argv.includes('--write')) {
  const data = fileURLToPath(new URL('../../../shared/data/', import.meta.url));
  if (!existsSync(`${data}airline-tweets.csv`) || !existsSync(`${data}tweeteval`)) throw new Error(`--write needs ${data}`);
  const out: Fingerprints = {
    team: fingerprintEach(teamTexts()),
    airline: fingerprintChunks(airlineTexts()),
    tweeteval: fingerprintChunks(tweetEvalTexts()),
  };
  writeFileSync(FINGERPRINTS_FILE, `${JSON.stringify(out, null, 0)}\n`);
  console.log(`wrote ${out.team.length} team, ${out.airline.length} airline and ${out.tweeteval.length} TweetEval fingerprints`);
}
