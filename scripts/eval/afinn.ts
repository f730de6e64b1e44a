/**
 * The AFINN baseline (the `sentiment` npm package, a dev dependency used only by the evaluation).
 * It ships no types, so it is loaded through createRequire with the small shape used here.
 * Ranking uses `comparative` (score per word), as the data README's baseline does.
 */
import { createRequire } from 'node:module';

interface AfinnResult {
  score: number;
  comparative: number;
}
interface AfinnAnalyzer {
  analyze(text: string): AfinnResult;
}

export function createAfinn(): AfinnAnalyzer {
  const Sentiment = createRequire(import.meta.url)('sentiment') as new () => AfinnAnalyzer;
  return new Sentiment();
}
