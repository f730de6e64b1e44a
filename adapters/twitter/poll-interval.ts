import type { Logger } from '../../src/log.js';

/** X allows an app 450 mentions-timeline requests per 15-minute window. */
export const MENTIONS_LIMIT_PER_WINDOW = 450;
export const RATE_WINDOW_SECONDS = 15 * 60;
/** Below this, polling spends money on empty reads for no gain in response time. */
export const MIN_POLL_SECONDS = 5;

/**
 * The poll interval actually used: at least MIN_POLL_SECONDS, and slow enough that one request
 * per poll stays inside X's per-window limit. A configured value that is too fast is raised
 * with a warning rather than refused, so a typo does not stop the listener.
 */
export function safePollIntervalSeconds(configured: number, logger: Logger): number {
  const floor = Math.max(MIN_POLL_SECONDS, Math.ceil(RATE_WINDOW_SECONDS / MENTIONS_LIMIT_PER_WINDOW));
  if (Number.isFinite(configured) && configured >= floor) return configured;
  logger.warn('twitter.pollIntervalSeconds is too fast for X; raised', {
    configured,
    used: floor,
    limit: `${MENTIONS_LIMIT_PER_WINDOW} requests per ${RATE_WINDOW_SECONDS / 60} minutes`,
  });
  return floor;
}
