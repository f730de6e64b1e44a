/**
 * The executive digest: the last 24 hours against the 24 before, what people complain about,
 * who with a big audience or VIP status complained, what is still open, competitor chatter, and
 * 14 days of volume and response rate for the chart.
 *
 * Every metric comes from `computeReport` (the contract's definitions, one implementation):
 * - current / previous: the windows [now − 24 h, now) and [now − 48 h, now − 24 h), both "as of
 *   now", so the previous window's response rate counts answers that came after it closed;
 * - daily: one report per local day of the digest's time zone, for the 14 days ending with the
 *   digest's own day. Today is included (a digest sent after a busy morning must show it) and
 *   marked `partial`, so the chart can draw it as "so far" instead of as a drop.
 * The rest are counts the contract does not define, documented where they are computed.
 */
import { and, desc, eq, gte, inArray, lt, sql } from 'drizzle-orm';
import { cases, mentions } from '../../db/schema/index.js';
import type { DbOrTx } from '../../db/types.js';
import { formatCaseRef } from '../cases/refs.js';
import { PRIORITIES, type Priority } from '../domain/priority.js';
import { THEME_LABELS } from '../scoring/reasons.js';
import type { SlaConfig } from '../sla/config.js';
import { firstResponseStatus } from '../sla/status.js';
import { localDayKey, shiftDay, startOfLocalDay } from './digest-days.js';
import type { Digest, DigestCase, DigestCompetitor, DigestDay, DigestTheme } from '../domain/digest.js';
import { loadCaseFacts } from './load-facts.js';
import { computeReport, type CaseFact, type Window } from './metrics.js';
import { ownValue } from '../own.js';

export type { Digest } from '../domain/digest.js';

export interface DigestOptions {
  sla: SlaConfig;
  /** IANA zone the digest's days are counted in (config `digest.timeZone`). */
  timeZone: string;
  /** Competitor handles, lower case without `@` (config `competitors`). */
  competitors: readonly string[];
  /** Whether a handle is a VIP (the `vips` table plus the config file's list). */
  vips: (handle: string) => boolean;
  /** A case is an influencer's from this reach (followers of its authors) up. */
  influencerMinReach?: number;
  /** Entries per list (themes, influencers, VIP cases). */
  top?: number;
}

const HOUR = 3_600_000;
const DAY = 24 * HOUR;
export const SERIES_DAYS = 14;
export const DEFAULT_INFLUENCER_MIN_REACH = 10_000;
const DEFAULT_TOP = 5;

export function themeLabel(theme: string): string {
  return ownValue(THEME_LABELS, theme) ?? theme.replace(/_/g, ' ');
}

/** Themes of inbound mentions created in the window, most frequent first (ties by name). */
function topThemes(db: DbOrTx, window: Window, top: number): DigestTheme[] {
  const rows = db
    .select({ themes: mentions.themes })
    .from(mentions)
    .where(
      and(
        eq(mentions.direction, 'inbound'),
        gte(mentions.createdAt, window.from),
        lt(mentions.createdAt, window.to),
        sql`${mentions.themes} <> '[]'`,
      ),
    )
    .all();
  const counts = new Map<string, number>();
  for (const r of rows) for (const theme of new Set(r.themes)) counts.set(theme, (counts.get(theme) ?? 0) + 1);
  return [...counts]
    .sort(([a, x], [b, y]) => y - x || (a < b ? -1 : 1))
    .slice(0, top)
    .map(([theme, count]) => ({ theme, label: themeLabel(theme), count }));
}

const caseColumns = {
  id: cases.id,
  priority: cases.priority,
  state: cases.state,
  source: cases.source,
  reach: cases.reach,
  createdAt: cases.createdAt,
  firstResponseAt: cases.firstResponseAt,
  authorHandle: mentions.authorHandle,
  authorName: mentions.authorName,
  followers: mentions.authorFollowers,
  text: mentions.text,
};

type CaseWithAuthor = {
  id: number;
  priority: Priority;
  state: 'open' | 'resolved';
  source: string;
  reach: number;
  createdAt: Date;
  firstResponseAt: Date | null;
  authorHandle: string | null;
  authorName: string | null;
  followers: number | null;
  text: string;
};

function toDigestCase(r: CaseWithAuthor, now: Date, vips: DigestOptions['vips']): DigestCase {
  return {
    id: r.id,
    ref: formatCaseRef(r.id),
    priority: r.priority,
    state: r.state,
    source: r.source,
    authorHandle: r.authorHandle,
    authorName: r.authorName,
    followers: r.followers,
    reach: r.reach,
    text: r.text,
    answered: r.firstResponseAt !== null && r.firstResponseAt.getTime() <= now.getTime(),
    vip: r.authorHandle !== null && vips(r.authorHandle),
  };
}

/** The window's cases reaching the most people: reach at least `minReach`, largest first. */
function influencerCases(db: DbOrTx, window: Window, now: Date, opts: DigestOptions, minReach: number, top: number): DigestCase[] {
  return db
    .select(caseColumns)
    .from(cases)
    .innerJoin(mentions, eq(mentions.id, cases.firstMentionId))
    .where(and(gte(cases.createdAt, window.from), lt(cases.createdAt, window.to), gte(cases.reach, minReach)))
    .orderBy(desc(cases.reach), desc(cases.id))
    .limit(top)
    .all()
    .map((r) => toDigestCase(r, now, opts.vips));
}

/** The window's cases opened by a VIP, highest priority first, then newest. */
function vipCases(db: DbOrTx, window: Window, now: Date, opts: DigestOptions, top: number): DigestCase[] {
  const authors = db
    .select({ id: cases.id, handle: mentions.authorHandle })
    .from(cases)
    .innerJoin(mentions, eq(mentions.id, cases.firstMentionId))
    .where(and(gte(cases.createdAt, window.from), lt(cases.createdAt, window.to)))
    .all();
  const ids = authors.filter((a) => a.handle !== null && opts.vips(a.handle)).map((a) => a.id);
  if (ids.length === 0) return [];
  return db
    .select(caseColumns)
    .from(cases)
    .innerJoin(mentions, eq(mentions.id, cases.firstMentionId))
    .where(inArray(cases.id, ids))
    .all()
    .sort((a, b) => a.priority.localeCompare(b.priority) || b.createdAt.getTime() - a.createdAt.getTime())
    .slice(0, top)
    .map((r) => toDigestCase(r, now, opts.vips));
}

/** Open actionable cases now; "overdue" = unanswered past the first-response target at `now`. */
function backlog(db: DbOrTx, now: Date, sla: SlaConfig): Digest['backlog'] {
  const open = db
    .select({ priority: cases.priority, createdAt: cases.createdAt, firstResponseAt: cases.firstResponseAt })
    .from(cases)
    .where(and(eq(cases.state, 'open'), eq(cases.actionable, true), lt(cases.createdAt, now)))
    .all();
  const byPriority = Object.fromEntries(PRIORITIES.map((p) => [p, 0])) as Record<Priority, number>;
  let unanswered = 0;
  let overdue = 0;
  for (const c of open) {
    byPriority[c.priority] += 1;
    if (c.firstResponseAt !== null && c.firstResponseAt.getTime() <= now.getTime()) continue;
    unanswered += 1;
    // Business time never runs faster than the wall clock: younger than the target is not due.
    if (now.getTime() - c.createdAt.getTime() < sla.policies[c.priority].firstResponseMinutes * 60_000) continue;
    if (firstResponseStatus({ priority: c.priority, createdAt: c.createdAt }, sla, now).phase === 'breached') overdue += 1;
  }
  return { open: open.length, unanswered, overdue, byPriority };
}

/**
 * Inbound mentions naming `@handle` of each competitor, in each window. The text filter runs in
 * SQL (instr on lower case); the regex then refuses longer handles that merely start the same.
 */
function competitorVolume(db: DbOrTx, window: Window, previous: Window, competitors: readonly string[]): DigestCompetitor[] | null {
  if (competitors.length === 0) return null;
  return competitors.map((raw) => {
    const handle = raw.replace(/^@/, '').toLowerCase();
    const exact = new RegExp(`(^|[^A-Za-z0-9_])@${handle.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}(?![A-Za-z0-9_])`, 'i');
    const rows = db
      .select({ createdAt: mentions.createdAt, text: mentions.text })
      .from(mentions)
      .where(
        and(
          eq(mentions.direction, 'inbound'),
          gte(mentions.createdAt, previous.from),
          lt(mentions.createdAt, window.to),
          sql`instr(lower(${mentions.text}), ${`@${handle}`}) > 0`,
        ),
      )
      .all();
    let count = 0;
    let before = 0;
    for (const r of rows) {
      if (!exact.test(r.text)) continue;
      if (r.createdAt.getTime() >= window.from.getTime()) count += 1;
      else if (r.createdAt.getTime() >= previous.from.getTime() && r.createdAt.getTime() < previous.to.getTime()) before += 1;
    }
    return { handle, count, previous: before };
  });
}

/** Pending cases of the window (actionable, unanswered at `now`, under 24 h old) already past their first-response target. */
function pendingOverdue(facts: readonly CaseFact[], window: Window, now: Date, sla: SlaConfig): number {
  let n = 0;
  for (const c of facts) {
    const created = c.createdAt.getTime();
    if (!c.actionable || created < window.from.getTime() || created >= window.to.getTime()) continue;
    if (c.firstResponseAt && c.firstResponseAt.getTime() <= now.getTime()) continue;
    if (now.getTime() - created >= DAY) continue;
    if (firstResponseStatus({ priority: c.priority, createdAt: c.createdAt }, sla, now).phase === 'breached') n += 1;
  }
  return n;
}

function dailySeries(facts: readonly CaseFact[], day: string, now: Date, opts: DigestOptions): DigestDay[] {
  const out: DigestDay[] = [];
  for (let i = SERIES_DAYS - 1; i >= 0; i--) {
    const d = shiftDay(day, -i);
    const window = { from: startOfLocalDay(d, opts.timeZone), to: startOfLocalDay(shiftDay(d, 1), opts.timeZone) };
    const s = computeReport(facts, window, now, opts.sla).overall;
    out.push({ day: d, volume: s.total, responseRate: s.responseRate24h, partial: i === 0 });
  }
  return out;
}

/** Everything the digest says, as of `now`. Reads only; safe inside or outside a transaction. */
export function buildDigest(db: DbOrTx, now: Date, opts: DigestOptions): Digest {
  const t = now.getTime();
  const top = opts.top ?? DEFAULT_TOP;
  const window: Window = { from: new Date(t - DAY), to: new Date(t) };
  const previousWindow: Window = { from: new Date(t - 2 * DAY), to: new Date(t - DAY) };
  const day = localDayKey(now, opts.timeZone);
  const seriesFrom = startOfLocalDay(shiftDay(day, -(SERIES_DAYS - 1)), opts.timeZone);
  const facts = loadCaseFacts(db, { from: new Date(Math.min(seriesFrom.getTime(), previousWindow.from.getTime())), to: window.to });
  const current = computeReport(facts, window, now, opts.sla).overall;
  const previous = computeReport(facts, previousWindow, now, opts.sla).overall;
  return {
    day,
    timeZone: opts.timeZone,
    generatedAt: new Date(t),
    window,
    previousWindow,
    current,
    pendingOverdue: pendingOverdue(facts, window, now, opts.sla),
    previous,
    volumeChange: {
      absolute: current.total - previous.total,
      ratio: previous.total > 0 ? (current.total - previous.total) / previous.total : null,
    },
    topThemes: topThemes(db, window, top),
    influencers: influencerCases(db, window, now, opts, opts.influencerMinReach ?? DEFAULT_INFLUENCER_MIN_REACH, top),
    vipCases: vipCases(db, window, now, opts, top),
    backlog: backlog(db, now, opts.sla),
    competitors: competitorVolume(db, window, previousWindow, opts.competitors),
    daily: dailySeries(facts, day, now, opts),
  };
}
