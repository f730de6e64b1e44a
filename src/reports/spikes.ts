/**
 * Spike alerts: one message to the escalation channel when complaints surge, then silence until
 * the surge is over.
 *
 * Method (tuned by spike-config.ts):
 * - Time is cut into fixed buckets (default 15 min, aligned to the epoch). For every key — all
 *   negative inbound mentions (`neg:all`), negative inbound mentions per source
 *   (`neg:src:<source>`), and inbound mentions per theme (`theme:<theme>`) — a baseline is kept:
 *   an EWMA of the count per bucket (smoothing α) with an exponentially weighted variance.
 *   Buckets are folded in once they are older than the longest counting window (empty buckets
 *   count as 0), each capped at the threshold, so a surge never raises its own baseline while it
 *   is being counted and barely afterwards. "Negative" is sentiment < −0.05, the
 *   same cut as the reports. Mentions are placed by their `createdAt`, so replaying old data
 *   never looks like a spike now.
 * - Each tick counts the last window (one bucket for negatives, `theme.windowMinutes` for
 *   themes) ending now, and compares it with the threshold (spike-baseline.ts): at least
 *   minCount (`theme.minCount` for themes), above mean + k·σ, and at least factor × mean (mean
 *   and σ scaled to the window). For themes this is "many mentions on the same theme in a short
 *   window", with the baseline keeping a theme that is always common (delays, for an airline)
 *   from alerting on an ordinary day.
 * - A key crossing its threshold while not already active starts a spike; all keys starting in
 *   the same tick make ONE alert (a per-source trigger that only repeats the overall count is
 *   left out). An active key stays quiet, however long the surge, until its count falls under
 *   the threshold again; only then can it alert again.
 * - Baselines and the active flags live in kv_state, written in the same (immediate) transaction
 *   as the alert's outbox row: a restart neither re-alerts nor forgets the baseline, and two
 *   processes ticking at once alert once.
 */
import { and, desc, eq, gt, gte, lte, or, sql } from 'drizzle-orm';
import { mentions } from '../../db/schema/index.js';
import type { Db, Tx } from '../../db/types.js';
import { readKv, writeKv } from '../kv-state.js';
import { enqueue } from '../outbox/enqueue.js';
import { escalationChannels, onCallFor, type EscalationTargets } from '../sla/escalation-targets.js';
import { themeLabel } from './digest.js';
import { SENTIMENT_THRESHOLD } from './metrics.js';
import {
  foldBucket,
  isForgettable,
  parseState,
  spikeThreshold,
  type KeyState,
  type SpikeState,
  type ThresholdRule,
} from './spike-baseline.js';
import type { SpikeConfig } from './spike-config.js';
import type { SpikeAlert, SpikeSample, SpikeTrigger } from '../domain/spike.js';
import { ownValue } from '../own.js';
import { transaction } from '../../db/transaction.js';

export interface SpikeDeps {
  db: Db;
  config: SpikeConfig;
  escalation: EscalationTargets;
  /** Wakes the outbox worker after an alert commits. */
  onCommitted?: () => void;
}

export interface SpikeTickResult {
  /** The alert started by this tick, if any (posted to every escalation channel). */
  alert: SpikeAlert | null;
  /** Outbox rows written for it (0 when no escalation channel is configured). */
  notified: number;
  /** Keys whose spike ended this tick. */
  ended: string[];
  /** Keys in a spike after this tick. */
  active: string[];
}

export const SPIKE_STATE_KEY = 'spikes:state';
const MINUTE = 60_000;
const OVERALL = 'neg:all';
const MAX_SAMPLES = 3;

interface CountRow {
  source: string;
  createdAt: Date;
  sentiment: number | null;
  themes: string[];
}

const isNegative = (sentiment: number | null): boolean => sentiment !== null && sentiment < -SENTIMENT_THRESHOLD;
const isTheme = (key: string): boolean => key.startsWith('theme:');

function keysOf(row: CountRow, config: SpikeConfig): string[] {
  const out = isNegative(row.sentiment) ? [OVERALL, `neg:src:${row.source}`] : [];
  if (config.theme.enabled) for (const theme of new Set(row.themes)) out.push(`theme:${theme}`);
  return out;
}

function ruleFor(key: string, config: SpikeConfig): { rule: ThresholdRule; windowMs: number; scale: number } {
  const bucketMs = config.bucketMinutes * MINUTE;
  if (!isTheme(key)) return { rule: config, windowMs: bucketMs, scale: 1 };
  const windowMs = config.theme.windowMinutes * MINUTE;
  return { rule: { k: config.k, factor: config.factor, minCount: config.theme.minCount }, windowMs, scale: windowMs / bucketMs };
}

function describe(key: string): Pick<SpikeTrigger, 'kind' | 'scope' | 'label'> {
  if (key === OVERALL) return { kind: 'negative', scope: 'all', label: 'all sources' };
  if (key.startsWith('neg:src:')) {
    const source = key.slice('neg:src:'.length);
    return { kind: 'negative', scope: source, label: source };
  }
  const theme = key.slice('theme:'.length);
  return { kind: 'theme', scope: theme, label: themeLabel(theme) };
}

const add = (map: Map<string, number>, key: string) => map.set(key, (map.get(key) ?? 0) + 1);

/** Folds buckets [firstBucket, end) into the baselines (every key, empty buckets as 0). */
function foldBuckets(state: SpikeState, rows: readonly CountRow[], firstBucket: number, end: number, config: SpikeConfig): void {
  const bucketMs = config.bucketMinutes * MINUTE;
  const perBucket = new Map<number, Map<string, number>>();
  for (const row of rows) {
    const b = Math.floor(row.createdAt.getTime() / bucketMs);
    if (b < firstBucket || b >= end) continue;
    let counts = perBucket.get(b);
    if (!counts) perBucket.set(b, (counts = new Map()));
    for (const key of keysOf(row, config)) add(counts, key);
  }
  for (let b = firstBucket; b < end; b++) {
    const counts = perBucket.get(b) ?? new Map<string, number>();
    const keys = new Set([OVERALL, ...Object.keys(state.keys), ...counts.keys()]);
    for (const key of keys) {
      const prev: KeyState = ownValue(state.keys, key) ?? { mean: 0, variance: 0, active: null };
      state.keys[key] = { ...foldBucket(prev, counts.get(key) ?? 0, config.alpha, ruleFor(key, config).rule), active: prev.active };
    }
  }
  if (end - 1 > (state.lastBucket ?? -Infinity)) state.lastBucket = end - 1;
}

/** Up to three mentions behind the new triggers, highest score first. */
function samplesFor(tx: Tx, triggers: readonly SpikeTrigger[], now: Date, config: SpikeConfig): SpikeSample[] {
  const longest = Math.max(...triggers.map((t) => (t.kind === 'theme' ? config.theme.windowMinutes : config.bucketMinutes))) * MINUTE;
  const rows = tx
    .select({
      source: mentions.source,
      authorHandle: mentions.authorHandle,
      authorFollowers: mentions.authorFollowers,
      text: mentions.text,
      createdAt: mentions.createdAt,
      caseId: mentions.caseId,
      sentiment: mentions.sentiment,
      themes: mentions.themes,
    })
    .from(mentions)
    .where(and(eq(mentions.direction, 'inbound'), gt(mentions.createdAt, new Date(now.getTime() - longest)), lte(mentions.createdAt, now)))
    .orderBy(desc(mentions.score), desc(mentions.id))
    .limit(2000)
    .all();
  const matches = (r: (typeof rows)[number]) =>
    triggers.some((t) =>
      t.kind === 'theme' ? r.themes.includes(t.scope) : isNegative(r.sentiment) && (t.scope === 'all' || t.scope === r.source),
    );
  return rows
    .filter(matches)
    .slice(0, MAX_SAMPLES)
    .map((r) => ({
      source: r.source,
      authorHandle: r.authorHandle,
      authorFollowers: r.authorFollowers,
      text: r.text,
      createdAt: r.createdAt.toISOString(),
      caseId: r.caseId,
    }));
}

function evaluate(tx: Tx, deps: SpikeDeps, now: Date): SpikeTickResult {
  const { config } = deps;
  const bucketMs = config.bucketMinutes * MINUTE;
  const t = now.getTime();
  const current = Math.floor(t / bucketMs);
  const state = parseState(readKv(tx, SPIKE_STATE_KEY), config.bucketMinutes);
  const longestWindow = Math.max(bucketMs, config.theme.enabled ? config.theme.windowMinutes * MINUTE : 0);
  // Only buckets wholly older than the longest window join the baselines: a surge being counted
  // (even one building slowly over the theme window) never raises its own baseline.
  const end = current - Math.ceil(longestWindow / bucketMs);
  const behind = state.lastBucket === null ? Infinity : end - 1 - state.lastBucket;
  const firstBucket = behind > config.historyBuckets ? end - config.historyBuckets : (state.lastBucket ?? end) + 1;
  const from = new Date(Math.min(firstBucket * bucketMs, t - longestWindow));
  const rows: CountRow[] = tx
    .select({ source: mentions.source, createdAt: mentions.createdAt, sentiment: mentions.sentiment, themes: mentions.themes })
    .from(mentions)
    .where(
      and(
        eq(mentions.direction, 'inbound'),
        gte(mentions.createdAt, from),
        lte(mentions.createdAt, now),
        or(sql`${mentions.sentiment} < ${-SENTIMENT_THRESHOLD}`, sql`${mentions.themes} <> '[]'`),
      ),
    )
    .all();

  foldBuckets(state, rows, firstBucket, end, config);

  // Counts over each key's window ending now.
  const windowCounts = new Map<string, number>();
  for (const row of rows) {
    const age = t - row.createdAt.getTime();
    for (const key of keysOf(row, config)) if (age < ruleFor(key, config).windowMs) add(windowCounts, key);
  }

  const started: SpikeTrigger[] = [];
  const ended: string[] = [];
  for (const key of new Set([...Object.keys(state.keys), ...windowCounts.keys()])) {
    const s: KeyState = ownValue(state.keys, key) ?? { mean: 0, variance: 0, active: null };
    const { rule, windowMs, scale } = ruleFor(key, config);
    const threshold = spikeThreshold(s, rule, scale);
    const count = windowCounts.get(key) ?? 0;
    if (count >= threshold) {
      if (!s.active)
        started.push({ ...describe(key), count, windowMinutes: windowMs / MINUTE, baseline: round1(s.mean * scale), threshold });
      s.active = { since: s.active?.since ?? now.toISOString(), peak: Math.max(count, s.active?.peak ?? 0) };
    } else if (s.active) {
      s.active = null;
      ended.push(key);
    }
    state.keys[key] = s;
  }
  for (const [key, s] of Object.entries(state.keys)) if (key !== OVERALL && isForgettable(s)) delete state.keys[key];

  // A source's trigger that merely repeats the overall numbers says nothing new.
  const overall = started.find((s) => s.kind === 'negative' && s.scope === 'all');
  const triggers = overall ? started.filter((s) => s === overall || s.kind !== 'negative' || s.count !== overall.count) : started;

  let alert: SpikeAlert | null = null;
  let notified = 0;
  if (triggers.length > 0) {
    alert = { at: now.toISOString(), triggers, samples: samplesFor(tx, triggers, now, config) };
    for (const [platform, channel] of escalationChannels(deps.escalation)) {
      const notice = { kind: 'spike' as const, alert, mention: onCallFor(deps.escalation, platform) };
      if (enqueue(tx, { kind: 'notice', platform, target: channel, caseId: null, notice }, now, `spike:${platform}:${t}`)) notified += 1;
    }
  }
  writeKv(tx, SPIKE_STATE_KEY, JSON.stringify(state), now);
  const active = Object.entries(state.keys)
    .filter(([, s]) => s.active)
    .map(([k]) => k);
  return { alert, notified, ended, active };
}

const round1 = (x: number): number => Math.round(x * 10) / 10;

/** One spike check as of `now`; call it every minute or so (more often only costs queries). */
export async function runSpikeTick(deps: SpikeDeps, now: Date): Promise<SpikeTickResult> {
  if (!deps.config.enabled) return { alert: null, notified: 0, ended: [], active: [] };
  // The state read and the alert written are one step even across processes (transactions begin IMMEDIATE).
  const result = await transaction(deps.db, (tx) => evaluate(tx, deps, now));
  if (result.notified > 0) deps.onCommitted?.();
  return result;
}
