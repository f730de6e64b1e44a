import type { XAccessLevel } from './config.js';
import type { Logger } from '../../src/log.js';
import { ACCESS_PROFILES } from './access.js';

export const RATE_WINDOW_SECONDS = 15 * 60;
/** Below this, polling spends money on empty reads for no gain in response time. */
export const MIN_POLL_SECONDS = 5;

/** The fastest poll the access level's rate limit allows (one mentions request per poll). */
export function fastestPollSeconds(level: XAccessLevel): number {
  return Math.max(MIN_POLL_SECONDS, Math.ceil(RATE_WINDOW_SECONDS / ACCESS_PROFILES[level].mentionsPer15Min));
}

/**
 * The poll interval to use: the configured one, else the cadence configured for the access
 * level, else the level's default — raised, with a warning, when it would break the level's rate
 * limit (a typo must not stop the listener, nor make X refuse every other poll).
 */
export function pollIntervalSeconds(
  options: { level: XAccessLevel; configured?: number; cadence?: Partial<Record<XAccessLevel, number>> },
  logger: Logger,
): number {
  const { level, configured, cadence } = options;
  const wanted = configured ?? cadence?.[level] ?? ACCESS_PROFILES[level].defaultPollSeconds;
  const floor = fastestPollSeconds(level);
  if (Number.isFinite(wanted) && wanted >= floor) return wanted;
  logger.warn('twitter.pollIntervalSeconds is too fast for X; raised', {
    configured: wanted,
    used: floor,
    accessLevel: level,
    limit: `${ACCESS_PROFILES[level].mentionsPer15Min} mentions requests per ${RATE_WINDOW_SECONDS / 60} minutes`,
  });
  return floor;
}
