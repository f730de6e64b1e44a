/**
 * npm run eval  (tsx scripts/eval.ts)
 *
 * Measures the scorer and writes bench/eval-results.json:
 *   1. the text model on the splits its fit never saw (read in place from ../shared/data):
 *      airline-tweets.csv test rows (negative-vs-rest, serious-vs-rest), TweetEval sentiment test
 *      (negative-vs-rest) and irony test (ironic-vs-rest), each beside the AFINN baseline;
 *   2. priority on the team's own sets (bench/sets): critical complaints from small accounts
 *      (recall at P1–P2, false alarms on harmless look-alikes) and a cross-industry set (share of
 *      serious complaints at P4), and every held-out file beside them (`critical-holdout*.jsonl`,
 *      `cross-industry-holdout*.jsonl`), each reported on its own;
 *   3. throughput of the full scoreMention (harm categories and language detection on) beside
 *      AFINN's, measured in the same run, alternating (as bench/scoring.ts does).
 * Without ../shared/data, part 1 is skipped with one line; parts 2 and 3 always run.
 */
import { existsSync, mkdirSync, writeFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { scoringRates } from '../bench/scoring.js';
import { median } from '../bench/lib/stats.js';
import { AIRLINE_TWEETS_URL, loadAirlineTweets } from './eval/airline.js';
import { evaluate, evaluateTweetEval } from './eval/evaluate.js';
import { evaluateCritical, evaluateIndustry, heldOutFiles, loadCriticalSet, loadIndustrySet, tuningFile } from './eval/team-sets.js';
import { TWEETEVAL_DIR } from './eval/tweeteval.js';
import { TARGETS } from './eval/targets.js';
import { reportStormEval } from './storm-eval/report.js';

const f = (x: number): string => (Number.isNaN(x) ? '  -  ' : x.toFixed(3));
const pct = (x: number): string => `${(x * 100).toFixed(1)}%`;
const mark = (ok: boolean): string => (ok ? 'ok' : 'BELOW TARGET');
const perSecond = (n: number): string => Math.round(n).toLocaleString('en-US');

const results: Record<string, unknown> = { node: process.version, date: new Date().toISOString(), targets: TARGETS };

// ---- 1. the text model on unseen splits ----
const haveData = existsSync(fileURLToPath(AIRLINE_TWEETS_URL)) && existsSync(fileURLToPath(TWEETEVAL_DIR));
if (!haveData) {
  console.log('skipped the public data sets: ../shared/data (airline-tweets.csv, tweeteval/) is not there');
} else {
  const airline = evaluate(loadAirlineTweets('test'));
  const tweeteval = evaluateTweetEval();
  results['airline'] = { split: 'test (tweet_id divisible by 5)', ...airline };
  results['tweeteval'] = tweeteval;
  console.log(`\nText model on splits the fit never saw`);
  console.log('ROC AUC                                      scorer   AFINN   target');
  const line = (name: string, scorer: number, afinn: number, target?: number): string =>
    `${name.padEnd(45)}${f(scorer)}    ${f(afinn)}   ${target === undefined ? '    ' : target.toFixed(3)}   ` +
    `${target === undefined ? '' : mark(scorer >= target)}`;
  console.log(
    line(
      `airline test, negative vs rest (${airline.rows})`,
      airline.scorer.negativeVsRest,
      airline.afinn.negativeVsRest,
      TARGETS.airlineNegative,
    ),
  );
  console.log(
    line('airline test, serious complaint vs rest', airline.scorer.seriousVsRest, airline.afinn.seriousVsRest, TARGETS.airlineSerious),
  );
  console.log(
    line(`TweetEval sentiment test, negative vs rest (${tweeteval.sentiment.rows})`, tweeteval.sentiment.scorer, tweeteval.sentiment.afinn),
  );
  console.log(line(`TweetEval irony test, ironic vs rest (${tweeteval.irony.rows})`, tweeteval.irony.scorer, tweeteval.irony.afinn));
  console.log('  (AFINN ranks irony by how positive a tweet reads: irony is praise that means the opposite)');
}

// ---- 2. priority on the team's sets ----
console.log('\nPriority on the team sets (small accounts, 10–300 followers, on X)');
const criticalFiles = [tuningFile('critical'), ...heldOutFiles('critical')];
const industryFiles = [tuningFile('cross-industry'), ...heldOutFiles('cross-industry')];
const heldOut: Record<string, unknown> = {};
for (const file of criticalFiles) {
  const tuning = file === tuningFile('critical');
  const critical = evaluateCritical(loadCriticalSet(file));
  if (tuning) results['critical'] = critical;
  else heldOut[file] = critical;
  console.log(
    `${file} (${tuning ? 'tuned on' : 'held out'}): ${critical.critical} critical, ${critical.lookalikes} look-alikes · ` +
      `recall at P1–P2 ${pct(critical.recall)} (target ≥ ${pct(TARGETS.criticalRecall)}) ` +
      `${mark(critical.recall >= TARGETS.criticalRecall)} · ` +
      `false alarms ${pct(critical.falseAlarms)} (≤ ${pct(TARGETS.falseAlarms)}) ${mark(critical.falseAlarms <= TARGETS.falseAlarms)} · ` +
      `right category ${pct(critical.rightCategory)}`,
  );
  for (const [category, c] of Object.entries(critical.byCategory))
    if (c.recall < 1) console.log(`    ${category}: ${pct(c.recall)} of ${c.n}`);
  for (const m of critical.misses) console.log(`    missed ${m.category} (${m.priority}): ${m.text}`);
  for (const a of critical.alarms) console.log(`    false alarm, looks like ${a.category} (${a.priority}): ${a.text}`);
}
for (const file of industryFiles) {
  const tuning = file === tuningFile('cross-industry');
  const industry = evaluateIndustry(loadIndustrySet(file));
  if (tuning) results['industry'] = industry;
  else heldOut[file] = industry;
  console.log(
    `${file} (${tuning ? 'tuned on' : 'held out'}): ${industry.mentions} mentions, ${industry.industries} industries, ` +
      `${industry.serious} serious · serious at P4 ${pct(industry.seriousAtP4)} (≤ ${pct(TARGETS.seriousAtP4)}) ` +
      `${mark(industry.seriousAtP4 <= TARGETS.seriousAtP4)} · others at P1–P2 ${pct(industry.othersAtP1P2)}`,
  );
  for (const m of industry.atP4) console.log(`    at P4 (${m.industry}): ${m.text}  [${m.reasons.join(' · ')}]`);
}
results['heldOut'] = heldOut;
if (criticalFiles.length + industryFiles.length === 2) console.log('(no held-out files in bench/sets: only the tuning sets were measured)');

// ---- 3. throughput beside AFINN ----
/**
 * Mentions per second of scoreMention (text reading with harm categories and language detection,
 * reach, VIP, volume, floors, reasons) and of AFINN on the same texts, on this thread, in the same
 * run: one-second rounds alternate between the two after a warm-up, and medians are compared (the
 * method of bench/scoring.ts, so the ratio means the same thing in both places).
 */
const texts = haveData ? loadAirlineTweets('all').map((r) => r.text) : [...loadIndustrySet(), ...loadCriticalSet()].map((r) => r.text);
const { ours, base } = scoringRates(texts, 5, (line) => console.log(line));
const scorerRate = median(ours);
const afinnRate = median(base);
const ratio = scorerRate / afinnRate;
results['throughput'] = {
  corpus: haveData ? 'airline-tweets.csv (all rows)' : 'the team sets',
  scorerPerSecond: Math.round(scorerRate),
  afinnPerSecond: Math.round(afinnRate),
  ratioToAfinn: Math.round(ratio * 1000) / 1000,
  samples: { scorer: ours.map(Math.round), afinn: base.map(Math.round) },
};
console.log(
  `\nthroughput (one core): scoreMention ${perSecond(scorerRate)}/s with harm and language on, AFINN ${perSecond(afinnRate)}/s ` +
    `· ratio ${ratio.toFixed(2)} (target ≥ ${TARGETS.throughputRatio}) ${mark(ratio >= TARGETS.throughputRatio)}`,
);

const out = new URL('../bench/eval-results.json', import.meta.url);
mkdirSync(new URL('.', out), { recursive: true });
writeFileSync(out, `${JSON.stringify(results, null, 2)}\n`);
console.log(`wrote ${fileURLToPath(out)}`);

// Paraphrase storms (issue #21): its own table and bench/storm-eval-results.json.
await reportStormEval();
