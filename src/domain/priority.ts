/** Priorities, highest first. The tuple is reused by zod schemas, the database and renderers. */
export const PRIORITIES = ['P1', 'P2', 'P3', 'P4'] as const;
export type Priority = (typeof PRIORITIES)[number];

/** Lower rank = more urgent; used to sort queues. */
export function priorityRank(priority: Priority): number {
  return PRIORITIES.indexOf(priority);
}
