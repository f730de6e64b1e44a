/**
 * The team's own evaluation sets (bench/sets/*.jsonl, written by the team, kept in the project):
 *   - critical: complaints from small accounts that must reach P1–P2 (one harm category each),
 *     with harmless look-alikes that must not;
 *   - cross-industry: mentions to banks, telecoms, energy, delivery, software, hotels, travel,
 *     retail and more, serious complaints labelled; a serious complaint must not land at P4.
 * Beside each tuning file, any number of held-out files (`critical-holdout*.jsonl`,
 * `cross-industry-holdout*.jsonl`), written by someone else and never read while tuning: each is
 * measured and reported on its own, and there may be none. Every mention is scored as from a small
 * account (10–300 followers) on X.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { DEFAULT_SCORING_CONFIG, type ScoringConfig } from '../../src/scoring/config.js';
import { DEFAULT_HARM_CONFIG, type HarmConfig } from '../../src/scoring/harm/config.js';
import { HARM_IDS } from '../../src/scoring/harm/categories.js';
import { scoreMention, type ScoreResult } from '../../src/scoring/score.js';

export const TEAM_SETS_DIR = new URL('../../bench/sets/', import.meta.url);

const criticalRow = z.strictObject({
  kind: z.enum(['critical', 'lookalike']),
  /** The harm category it is (critical) or resembles (look-alike). */
  category: z.enum(HARM_IDS),
  text: z.string().min(1),
});

const industryRow = z.strictObject({
  industry: z.string().min(1),
  serious: z.boolean(),
  kind: z.string().optional(),
  text: z.string().min(1),
});

export type CriticalRow = z.infer<typeof criticalRow>;
export type IndustryRow = z.infer<typeof industryRow>;

function readJsonLines<T>(name: string, schema: z.ZodType<T>, dir: string | URL): T[] {
  const path = typeof dir === 'string' ? `${dir.replace(/\/?$/, '/')}${name}` : fileURLToPath(new URL(name, dir));
  return readFileSync(path, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l, i) => {
      const parsed = schema.safeParse(JSON.parse(l));
      if (!parsed.success)
        throw new Error(`${name} line ${i + 1}: ${parsed.error.issues.map((x) => `${x.path.join('.')} ${x.message}`).join('; ')}`);
      return parsed.data;
    });
}

export type TeamSet = 'critical' | 'cross-industry';

/** The tuning file of a set: the one the harm patterns are written against. */
export const tuningFile = (set: TeamSet): string => `${set}.jsonl`;

/**
 * The held-out files of a set present in `dir` (`<set>-holdout.jsonl`, `<set>-holdout-b.jsonl`,
 * ...), sorted by name; none is fine. Listed by name only: their contents are read by the
 * evaluation alone.
 */
export function heldOutFiles(set: TeamSet, dir: string | URL = TEAM_SETS_DIR): string[] {
  const pattern = new RegExp(`^${set}-holdout[^/]*\\.jsonl$`);
  return readdirSync(dir)
    .filter((name) => pattern.test(name))
    .sort();
}

export const loadCriticalSet = (file = tuningFile('critical'), dir: string | URL = TEAM_SETS_DIR): CriticalRow[] =>
  readJsonLines(file, criticalRow, dir);
export const loadIndustrySet = (file = tuningFile('cross-industry'), dir: string | URL = TEAM_SETS_DIR): IndustryRow[] =>
  readJsonLines(file, industryRow, dir);

/** A small account: 10 to 300 followers, fixed per row so runs are comparable. */
const smallAccount = (i: number): number => 10 + ((i * 7919) % 291);

function score(text: string, i: number, scoring: ScoringConfig, harm: HarmConfig): ScoreResult {
  return scoreMention({ text, source: 'twitter', author: { followers: smallAccount(i) }, isVip: false }, scoring, harm);
}

const high = (r: ScoreResult): boolean => r.priority === 'P1' || r.priority === 'P2';

export interface CriticalResult {
  critical: number;
  lookalikes: number;
  /** Share of critical mentions at P1–P2. */
  recall: number;
  /** Share of look-alikes at P1–P2. */
  falseAlarms: number;
  /** Share of critical mentions at P1–P2 that also name their own category. */
  rightCategory: number;
  /** Recall per category. */
  byCategory: Record<string, { n: number; recall: number }>;
  misses: { category: string; priority: string; text: string }[];
  alarms: { category: string; priority: string; text: string }[];
}

export function evaluateCritical(
  rows: readonly CriticalRow[],
  scoring = DEFAULT_SCORING_CONFIG,
  harm = DEFAULT_HARM_CONFIG,
): CriticalResult {
  let critical = 0;
  let lookalikes = 0;
  let hits = 0;
  let named = 0;
  let alarms = 0;
  const byCategory: Record<string, { n: number; hit: number }> = {};
  const out: Pick<CriticalResult, 'misses' | 'alarms'> = { misses: [], alarms: [] };
  rows.forEach((row, i) => {
    const r = score(row.text, i, scoring, harm);
    if (row.kind === 'critical') {
      critical++;
      const c = (byCategory[row.category] ??= { n: 0, hit: 0 });
      c.n++;
      if (high(r)) {
        hits++;
        c.hit++;
        if (r.harm.some((h) => h.id === row.category)) named++;
      } else {
        out.misses.push({ category: row.category, priority: r.priority, text: row.text });
      }
    } else {
      lookalikes++;
      if (high(r)) {
        alarms++;
        out.alarms.push({ category: row.category, priority: r.priority, text: row.text });
      }
    }
  });
  return {
    critical,
    lookalikes,
    recall: critical ? hits / critical : Number.NaN,
    falseAlarms: lookalikes ? alarms / lookalikes : Number.NaN,
    rightCategory: hits ? named / hits : Number.NaN,
    byCategory: Object.fromEntries(Object.entries(byCategory).map(([k, v]) => [k, { n: v.n, recall: v.hit / v.n }])),
    ...out,
  };
}

export interface IndustryResult {
  mentions: number;
  industries: number;
  serious: number;
  /** Share of serious complaints at P4. */
  seriousAtP4: number;
  /** Share of the other mentions (questions, praise, spam) at P1–P2. */
  othersAtP1P2: number;
  atP4: { industry: string; reasons: string[]; text: string }[];
}

export function evaluateIndustry(
  rows: readonly IndustryRow[],
  scoring = DEFAULT_SCORING_CONFIG,
  harm = DEFAULT_HARM_CONFIG,
): IndustryResult {
  let serious = 0;
  let p4 = 0;
  let others = 0;
  let othersHigh = 0;
  const atP4: IndustryResult['atP4'] = [];
  rows.forEach((row, i) => {
    const r = score(row.text, i, scoring, harm);
    if (row.serious) {
      serious++;
      if (r.priority === 'P4') {
        p4++;
        atP4.push({ industry: row.industry, reasons: r.reasons, text: row.text });
      }
    } else {
      others++;
      if (high(r)) othersHigh++;
    }
  });
  return {
    mentions: rows.length,
    industries: new Set(rows.map((r) => r.industry)).size,
    serious,
    seriousAtP4: serious ? p4 / serious : Number.NaN,
    othersAtP1P2: others ? othersHigh / others : Number.NaN,
    atP4,
  };
}
