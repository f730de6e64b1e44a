/**
 * The executive digest as plain data: built by `buildDigest` (src/reports/digest.ts), rendered by each
 * chat adapter, charted by src/reports/chart.ts. Every metric in it comes from `computeReport` (the one ReportBuilder).
 */
import type { Priority } from './priority.js';
import type { MetricsSummary, Window } from './report.js';

/** A case worth naming in the digest (an influencer's or a VIP's). */
export interface DigestCase {
  id: number;
  /** `K-42`. */
  ref: string;
  priority: Priority;
  state: 'open' | 'resolved';
  source: string;
  authorHandle: string | null;
  authorName: string | null;
  /** Followers of the author of the case's first mention. */
  followers: number | null;
  /** Followers of every author on the case, added up. */
  reach: number;
  /** The first mention's text (untrimmed; renderers shorten it). */
  text: string;
  answered: boolean;
  vip: boolean;
}

export interface DigestTheme {
  /** Theme key as stored on mentions (`delay`, `legal`, a custom theme). */
  theme: string;
  /** Plain words for it. */
  label: string;
  /** Inbound mentions in the window carrying this theme. */
  count: number;
}

export interface DigestDay {
  /** Local date `YYYY-MM-DD` in the digest's time zone. */
  day: string;
  /** Cases opened that day (raw volume, as `MetricsSummary.total`). */
  volume: number;
  /** The 24-hour response rate of that day's cases, as of the digest; null when nothing is decided yet. */
  responseRate: number | null;
  /** True for the digest's own day, which is not over yet ("so far"). */
  partial: boolean;
}

export interface DigestCompetitor {
  handle: string;
  /** Mentions in the window whose text names `@handle`. */
  count: number;
  /** The same in the previous window. */
  previous: number;
}

export interface Digest {
  /** The local date (digest time zone) the digest is for: the day of `window.to`. */
  day: string;
  timeZone: string;
  generatedAt: Date;
  /** The last 24 hours, ending at generation. */
  window: Window;
  /** The 24 hours before that, for the comparison. */
  previousWindow: Window;
  current: MetricsSummary;
  /** Of the current window's pending cases (no reply yet, under 24 h old), those already past their first-response target. */
  pendingOverdue: number;
  previous: MetricsSummary;
  /** Raw volume change against the previous window; `ratio` is null when the previous was 0. */
  volumeChange: { absolute: number; ratio: number | null };
  topThemes: DigestTheme[];
  /** The window's cases with the largest reach (at least the influencer threshold), largest first. */
  influencers: DigestCase[];
  /** The window's cases from VIP authors, highest priority first. */
  vipCases: DigestCase[];
  /** Open actionable cases now, whenever they were opened. */
  backlog: { open: number; unanswered: number; overdue: number; byPriority: Record<Priority, number> };
  /** Null when no competitors are configured. */
  competitors: DigestCompetitor[] | null;
  /** One entry per local day, oldest first: the 14 days ending with `day` (the last one partial). */
  daily: DigestDay[];
}
