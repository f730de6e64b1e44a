/**
 * The paraphrase-storm part of `npm run eval`: runs the team's storm sets through the real
 * ingest path (evaluate.ts), prints one table and writes bench/storm-eval-results.json.
 *
 * Targets (issue #21): at least 90% of each storm in one incident, at most 2% of unrelated
 * mentions merged into one. The development set is what the rules were designed against; the
 * held-out set was written before them and is reported to show how they generalise.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import { evaluateStormSet, type StormEvalResult } from './evaluate.js';
import { DEV_SET } from './set-dev.js';
import { HOLDOUT_SET } from './set-holdout.js';

export const STORM_TARGETS = { stormShare: 0.9, mergedShare: 0.02 };

function print(result: StormEvalResult, log: (line: string) => void): void {
  const pct = (x: number) => `${Math.round(x * 100)}%`;
  log(
    `\n${result.set} set: ${result.storms.length} storms, ${result.lookAlikes} unrelated mentions (look-alikes sharing a city, ` +
      `brand, product or symptom, and background)`,
  );
  log('storm                          industry              in one incident');
  for (const s of result.storms) {
    const mark = s.share >= STORM_TARGETS.stormShare && s.mixedWith.length === 0 ? 'ok' : 'BELOW TARGET';
    const mixed = s.mixedWith.length ? ` (mixed with ${s.mixedWith.join(', ')})` : '';
    log(
      `${s.id.padEnd(31)}${s.industry.padEnd(22)}${`${s.inOneIncident}/${s.size}`.padStart(5)} ${pct(s.share).padStart(5)}   ` +
        `${mark}${mixed}`,
    );
  }
  const merged = result.mergedShare <= STORM_TARGETS.mergedShare ? 'ok' : 'ABOVE TARGET';
  log(
    `unrelated mentions merged into an incident: ${result.merged}/${result.lookAlikes} = ` +
      `${(result.mergedShare * 100).toFixed(1)}%   target ≤ 2%   ${merged}`,
  );
}

/** Evaluates both sets, prints them and writes bench/storm-eval-results.json; returns the results. */
export async function reportStormEval(log: (line: string) => void = console.log): Promise<StormEvalResult[]> {
  log('\nParaphrase storms: share of each storm in one incident, unrelated mentions merged (targets ≥ 90%, ≤ 2%)');
  const results = [await evaluateStormSet(DEV_SET), await evaluateStormSet(HOLDOUT_SET)];
  for (const r of results) print(r, log);
  const out = new URL('../../bench/storm-eval-results.json', import.meta.url);
  mkdirSync(new URL('.', out), { recursive: true });
  writeFileSync(
    out,
    `${JSON.stringify({ targets: STORM_TARGETS, sets: results, node: process.version, date: new Date().toISOString() }, null, 2)}\n`,
  );
  log(`wrote ${out.pathname}`);
  return results;
}
