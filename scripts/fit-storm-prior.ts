/**
 * Builds src/ingest/storms/terms/general-words.json: how common each word is in general English
 * tweets, the prior that tells storm clustering "because", "help" or "miss" are everyday words
 * before any traffic has been seen (a shared everyday word is no evidence of one incident).
 *
 *   npx tsx scripts/fit-storm-prior.ts
 *
 * Data: ../shared/data/tweeteval/ (general-domain tweets; read in place, never copied). Only the
 * derived document frequencies are written: words in at least MIN_DF tweets, as the storm
 * clustering extracts them (terms/extract.ts: lowercased, stemmed, stop words removed).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { extractStormTerms } from '../src/ingest/storms/terms/extract.js';

const DIR = new URL('../../shared/data/tweeteval/', import.meta.url);
const FILES = ['sentiment-test-text.txt', 'sentiment-val-text.txt', 'irony-train-text.txt', 'irony-val-text.txt', 'irony-test-text.txt'];
/** 0.05% of the corpus: rarer words are treated as rare anyway. */
const MIN_DF = 10;

if (!existsSync(DIR)) throw new Error(`tweeteval not found at ${DIR.pathname} (it lives in ../shared/data beside the project)`);
const df = new Map<string, number>();
let documents = 0;
for (const file of FILES) {
  for (const line of readFileSync(new URL(file, DIR), 'utf8').split('\n')) {
    if (!line.trim()) continue;
    documents += 1;
    for (const word of new Set(extractStormTerms(line).anchors)) df.set(word, (df.get(word) ?? 0) + 1);
  }
}
const words = Object.fromEntries([...df].filter(([, n]) => n >= MIN_DF).sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0])));
const out = new URL('../src/ingest/storms/terms/general-words.json', import.meta.url);
const prior = {
  source: 'TweetEval (sentiment and irony tasks), document frequency of storm anchor terms',
  documents,
  minDf: MIN_DF,
  words,
};
writeFileSync(out, `${JSON.stringify(prior)}\n`);
console.log(`${Object.keys(words).length} words from ${documents} tweets → ${out.pathname}`);
