/**
 * The scorer gives exactly the results it gave when fixtures/score-fingerprints.json was written:
 * every field of scoreMention's result (score, priority, reasons, harm, themes, language, intent,
 * signals) on every team-set row, and on every airline and TweetEval text when ../shared/data is
 * there. Speed work must leave these unchanged; a change meant to move scores rewrites the file
 * (`npx tsx test/scoring/score-fingerprints.ts --write`) in the same commit.
 */
import { describe, expect, it } from 'vitest';
import { sharedData } from '../helpers/requirements.js';
import {
  airlineTexts,
  CHUNK,
  fingerprintChunks,
  fingerprintEach,
  readFingerprints,
  teamTexts,
  tweetEvalTexts,
} from './score-fingerprints.js';

const expected = readFingerprints();

/** The first differing fingerprints, as "row 12" or "rows 25–49" (a short list, not thousands). */
function differences(actual: readonly string[], wanted: readonly string[], chunk: number): string[] {
  const out: string[] = [];
  if (actual.length !== wanted.length) out.push(`${actual.length} fingerprints, expected ${wanted.length}`);
  for (let k = 0; k < Math.min(actual.length, wanted.length) && out.length < 10; k++) {
    if (actual[k] !== wanted[k]) out.push(chunk === 1 ? `row ${k}` : `rows ${k * chunk}–${(k + 1) * chunk - 1}`);
  }
  return out;
}

describe('scoreMention results are unchanged', () => {
  it('on every team-set row (critical, cross-industry)', () => {
    const texts = teamTexts();
    expect(texts.length).toBe(expected.team.length);
    expect(differences(fingerprintEach(texts), expected.team, 1)).toEqual([]);
  }, 60_000);

  it('notices a changed result: texts that score differently have different fingerprints', () => {
    const [a, b] = fingerprintEach(['Smoking hot deals this weekend', 'Smoking hot deals this weekend, useless']);
    expect(a).not.toBe(b);
  });
});

const data = sharedData(import.meta.filename, 'airline-tweets.csv', 'tweeteval');

describe.skipIf(data.skip)('scoreMention results are unchanged on the public data', () => {
  it('on every airline tweet', () => {
    data.assertPresent();
    expect(differences(fingerprintChunks(airlineTexts(data.path('airline-tweets.csv'))), expected.airline, CHUNK)).toEqual([]);
  }, 120_000); // 14,640 mentions: seconds alone, longer on a busy machine

  it('on every TweetEval sentiment and irony test tweet', () => {
    data.assertPresent();
    expect(differences(fingerprintChunks(tweetEvalTexts(data.path('tweeteval'))), expected.tweeteval, CHUNK)).toEqual([]);
  }, 120_000);
});
