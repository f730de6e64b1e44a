import type { CommandOutcome } from './run.js';

/** Where a page of `queue` sits in the whole list, as both platforms show it. */
export interface QueueSpan {
  page: number;
  size: number;
  /** 1-based positions of the first and last case shown. */
  first: number;
  last: number;
  /** ` · 16–30` when the page shows part of the list, else empty. */
  range: string;
  /** How many the next page holds (0: this is the last page). */
  next: number;
}

export function queueSpan(outcome: Extract<CommandOutcome, { kind: 'queue' }>): QueueSpan {
  const size = outcome.pageSize ?? outcome.views.length;
  const page = outcome.page ?? 1;
  const first = (page - 1) * size + 1;
  const last = first + outcome.views.length - 1;
  const range = outcome.total > outcome.views.length ? ` · ${first}–${last}` : '';
  return { page, size, first, last, range, next: last < outcome.total ? Math.min(size, outcome.total - last) : 0 };
}
