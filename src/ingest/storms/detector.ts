import { and, eq, gte, inArray, isNull } from 'drizzle-orm';
import { cases, mentions } from '../../../db/schema/index.js';
import type { Db, Tx } from '../../../db/types.js';
import { authorKeyOf } from '../../cases/refs.js';
import type { StormConfig } from './config.js';
import { StormIndex, type StormEntry } from './index-store.js';
import { fingerprint, linksIn } from './minhash.js';

export type StormDecision =
  | { kind: 'none' }
  /** An open incident about the same thing exists: the mention joins it. */
  | { kind: 'join'; incidentId: number }
  /** Enough authors now say the same thing: open an incident, merging these open cases into it. */
  | { kind: 'form'; mergeCaseIds: number[] };

export type StormProbe = Pick<StormEntry, 'fp' | 'links' | 'source' | 'authorKey'>;

/**
 * Decides whether an inbound mention belongs to a storm. The recent-mentions index lives in
 * memory (bounded) and is warmed from the database at start, so a restart mid-storm keeps
 * clustering instead of opening a card per mention.
 */
export class StormDetector {
  readonly index: StormIndex;

  constructor(readonly config: StormConfig) {
    this.index = new StormIndex(config.windowMinutes * 60_000, config.maxTracked);
  }

  probe(text: string, source: string, authorKey: string): StormProbe {
    return { fp: fingerprint(text), links: linksIn(text), source, authorKey };
  }

  /** Incidents this process knows to be open: most storm mentions are decided without a query. */
  readonly #incidents = new Set<number>();

  decide(tx: Tx, probe: StormProbe, nowMs: number): StormDecision {
    if (!this.config.enabled) return { kind: 'none' };
    const similar = this.index.similar(probe, nowMs, this.config.minSimilarity).filter((e) => e.authorKey !== probe.authorKey);
    if (similar.length === 0) return { kind: 'none' };
    const caseIds = [...new Set(similar.map((e) => e.caseId))];
    // Joining a known incident costs one primary-key look-up (it may have been resolved since).
    for (const id of caseIds.filter((c) => this.#incidents.has(c)).sort((a, b) => b - a)) {
      const row = tx.select({ state: cases.state }).from(cases).where(eq(cases.id, id)).get();
      if (row?.state === 'open') return { kind: 'join', incidentId: id };
      this.#incidents.delete(id);
    }
    const authors = new Set(similar.map((e) => e.authorKey));
    authors.add(probe.authorKey);
    if (authors.size < this.config.minMentions) return { kind: 'none' };
    const rows = tx
      .select({ id: cases.id, kind: cases.kind, state: cases.state, ownerId: cases.ownerId, firstResponseAt: cases.firstResponseAt, reach: cases.reach })
      .from(cases)
      .where(inArray(cases.id, caseIds))
      .all();
    const incident = rows.filter((r) => r.kind === 'incident' && r.state === 'open').sort((a, b) => b.id - a.id)[0];
    if (incident) {
      this.#incidents.add(incident.id);
      return { kind: 'join', incidentId: incident.id };
    }
    // Only untouched cases are folded in: one somebody owns or answered stays theirs, and so does
    // an influencer's (their own card is the point).
    const mergeCaseIds = rows
      .filter((r) => r.kind === 'single' && r.state === 'open' && r.ownerId === null && r.firstResponseAt === null && r.reach < this.config.influencerFollowers)
      .map((r) => r.id);
    return { kind: 'form', mergeCaseIds };
  }

  /** Called when an incident is opened, so later members join it without a query. */
  noteIncident(caseId: number): void {
    this.#incidents.add(caseId);
  }

  remember(probe: StormProbe, caseId: number, nowMs: number): void {
    if (this.config.enabled) this.index.add({ ...probe, caseId, at: nowMs });
  }

  /**
   * Forgets everything in memory and warms again from what is stored: after a transaction that
   * taught the index about mentions was rolled back.
   */
  rebuild(db: Db, now: Date): number {
    this.index.clear();
    this.#incidents.clear();
    return this.warm(db, now);
  }

  /** Rebuilds the window from stored mentions (start-up). */
  warm(db: Db, now: Date): number {
    if (!this.config.enabled) return 0;
    const since = new Date(now.getTime() - this.config.windowMinutes * 60_000);
    const rows = db
      .select({ text: mentions.text, source: mentions.source, authorId: mentions.authorId, authorHandle: mentions.authorHandle, caseId: mentions.caseId, receivedAt: mentions.receivedAt })
      .from(mentions)
      .where(and(eq(mentions.direction, 'inbound'), isNull(mentions.repostOf), gte(mentions.receivedAt, since)))
      .orderBy(mentions.id)
      .all();
    for (const open of db.select({ id: cases.id }).from(cases).where(and(eq(cases.kind, 'incident'), eq(cases.state, 'open'))).all()) this.#incidents.add(open.id);
    let n = 0;
    for (const r of rows) {
      if (r.caseId === null) continue;
      this.remember(this.probe(r.text, r.source, authorKeyOf(r.source, { id: r.authorId, handle: r.authorHandle })), r.caseId, r.receivedAt.getTime());
      n += 1;
    }
    return n;
  }
}

/** Cases merged into an incident whose mentions now point at it. */
export function moveMentions(tx: Tx, fromCaseIds: number[], toCaseId: number): void {
  if (fromCaseIds.length === 0) return;
  tx.update(mentions).set({ caseId: toCaseId }).where(inArray(mentions.caseId, fromCaseIds)).run();
}
