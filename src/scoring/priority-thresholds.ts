/** Maps a 0..100 score to a priority with the configured thresholds (score >= p1 → P1, ...). */
import type { Priority } from '../domain/priority.js';
import type { ScoringConfig } from './config.js';

export function priorityFor(score: number, thresholds: ScoringConfig['thresholds']): Priority {
  if (score >= thresholds.p1) return 'P1';
  if (score >= thresholds.p2) return 'P2';
  if (score >= thresholds.p3) return 'P3';
  return 'P4';
}
