import { PRIORITIES, type Priority } from '../../db/schema/enums.js';

/**
 * Priorities, highest first, reused by zod schemas, the database and renderers. The tuple is
 * stored in the cases table, and db/ imports nothing from src/, so it is defined beside the other
 * stored enums (db/schema/enums.ts) and named here for the domain.
 */
export { PRIORITIES, type Priority };

/** Lower rank = more urgent; used to sort queues. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
