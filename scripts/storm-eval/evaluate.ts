/**
 * Runs a storm set through the real ingest path (real SQLite with the real migrations, the
 * default storm configuration, a clock that moves mention by mention) and measures what a
 * person would check: is each storm one incident, and did anything unrelated end up in one?
 */
import { openDatabase } from '../../db/client.js';
import { cases, mentions } from '../../db/schema/index.js';
import { VipDirectory } from '../../src/cases/vip-directory.js';
import { ManualClock } from '../../src/clock.js';
import { ingestMentions, type IngestDeps } from '../../src/ingest/ingest.js';
import { mentionSchema } from '../../src/ingest/schema.js';
import { stormConfigSchema } from '../../src/ingest/storms/config.js';
import { StormDetector } from '../../src/ingest/storms/detector.js';
import { scoringConfigSchema } from '../../src/scoring/config.js';
import type { StormSet } from './types.js';

export interface StormOutcome {
  id: string;
  industry: string;
  size: number;
  /** Members in the incident holding most of them (0 when most of them are in no incident). */
  inOneIncident: number;
  share: number;
  /** Other storms with members in that incident. */
  mixedWith: string[];
  /** Members outside that incident. */
  missed: string[];
}

export interface StormEvalResult {
  set: string;
  storms: StormOutcome[];
  lookAlikes: number;
  /** Look-alikes (and background mentions) that ended up in an incident. */
  merged: number;
  mergedShare: number;
  mergedTexts: string[];
  /** The smallest storm share: the figure the target (≥ 0.9 for every storm) is about. */
  minStormShare: number;
}

interface Timed {
  minute: number;
  text: string;
  storm: string | null;
}

/** Gaps between a storm's reports, in minutes: uneven, as people post (0.5 to 3.5 min). */
const GAPS = [1, 0.5, 2, 1.5, 3, 0.5, 1, 2.5, 1, 3.5, 0.5, 2, 1.5, 1, 2.5, 0.5];

function timeline(set: StormSet): Timed[] {
  const out: Timed[] = [];
  const spans = new Map<string, { start: number; end: number }>();
  for (const storm of set.storms) {
    let minute = storm.start;
    storm.texts.forEach((text, i) => {
      if (i > 0) minute += GAPS[(i - 1) % GAPS.length]!;
      out.push({ minute, text, storm: storm.id });
    });
    spans.set(storm.id, { start: storm.start, end: minute });
  }
  const end = Math.max(...[...spans.values()].map((s) => s.end));
  const byStorm = new Map<string | null, string[]>();
  for (const l of set.lookAlikes) byStorm.set(l.like, [...(byStorm.get(l.like) ?? []), l.text]);
  for (const [like, texts] of byStorm) {
    // Look-alikes go inside their storm's window, where they are hardest; background anywhere.
    const span = like ? spans.get(like) : { start: 0, end };
    if (!span) throw new Error(`look-alike of unknown storm "${like}"`);
    texts.forEach((text, i) => {
      out.push({ minute: span.start + ((i + 0.5) / texts.length) * (span.end - span.start + 1), text, storm: null });
    });
  }
  return out.sort((a, b) => a.minute - b.minute);
}

export async function evaluateStormSet(set: StormSet, stormConfig: unknown = {}): Promise<StormEvalResult> {
  const handle = openDatabase(':memory:');
  try {
    const start = Date.UTC(2026, 11, 1, 8, 0);
    const clock = new ManualClock(start);
    const deps: IngestDeps = {
      db: handle.db,
      clock,
      scoring: scoringConfigSchema.parse({}),
      routing: { rules: [], brands: [], defaults: { slack: 'CTRIAGE' } },
      vips: new VipDirectory(handle.db, []),
      platforms: ['slack'],
      storms: new StormDetector(stormConfigSchema.parse(stormConfig)),
    };
    const items = timeline(set);
    const mentionIds: number[] = [];
    for (const [i, item] of items.entries()) {
      const at = start + item.minute * 60_000;
      clock.set(at);
      const source = i % 9 === 4 ? 'facebook' : i % 13 === 6 ? 'review' : 'twitter';
      const mention = mentionSchema.parse({
        id: `m${i}`,
        source,
        author: { id: `author-${i}`, handle: `person${i}`, followers: (i * 7919) % 4000 },
        text: item.text,
        createdAt: new Date(at - 30_000).toISOString(),
      });
      await ingestMentions(deps, [mention]);
      const row = handle.db.select({ id: mentions.id }).from(mentions).all().at(-1);
      mentionIds.push(row!.id);
    }
    const caseOf = new Map(
      handle.db
        .select({ id: mentions.id, caseId: mentions.caseId })
        .from(mentions)
        .all()
        .map((r) => [r.id, r.caseId]),
    );
    const kindOf = new Map(
      handle.db
        .select({ id: cases.id, kind: cases.kind })
        .from(cases)
        .all()
        .map((r) => [r.id, r.kind]),
    );
    const finalCase = items.map((_, i) => caseOf.get(mentionIds[i]!) ?? null);
    const isIncident = (id: number | null) => id !== null && kindOf.get(id) === 'incident';

    const storms = set.storms.map((storm): StormOutcome => {
      const counts = new Map<number, number>();
      items.forEach((item, i) => {
        const c = finalCase[i];
        if (item.storm === storm.id && isIncident(c ?? null)) counts.set(c!, (counts.get(c!) ?? 0) + 1);
      });
      const [main, inOne] = [...counts.entries()].sort((a, b) => b[1] - a[1])[0] ?? [null, 0];
      const mixedWith = new Set<string>();
      items.forEach((item, i) => {
        if (main !== null && finalCase[i] === main && item.storm && item.storm !== storm.id) mixedWith.add(item.storm);
      });
      const missed = items.filter((item, i) => item.storm === storm.id && finalCase[i] !== main).map((item) => item.text);
      return {
        id: storm.id,
        industry: storm.industry,
        size: storm.texts.length,
        inOneIncident: inOne,
        share: inOne / storm.texts.length,
        mixedWith: [...mixedWith],
        missed,
      };
    });
    const unrelated = items.map((item, i) => ({ item, c: finalCase[i] ?? null })).filter((x) => x.item.storm === null);
    const mergedTexts = unrelated.filter((x) => isIncident(x.c)).map((x) => x.item.text);
    return {
      set: set.name,
      storms,
      lookAlikes: unrelated.length,
      merged: mergedTexts.length,
      mergedShare: mergedTexts.length / unrelated.length,
      mergedTexts,
      minStormShare: Math.min(...storms.map((s) => s.share)),
    };
  } finally {
    handle.close();
  }
}
