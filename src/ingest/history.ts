/**
 * A mention written more than a year before it arrived is history (an archive being imported, a
 * backfill): stored and counted in reports like any other, but nobody is asked to act on it now
 * and no SLA timer runs for it.
 */
export const HISTORY_AGE_MS = 365 * 24 * 60 * 60 * 1000;

export function isHistory(createdAt: Date, now: Date): boolean {
  return now.getTime() - createdAt.getTime() > HISTORY_AGE_MS;
}
