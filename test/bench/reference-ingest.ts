/**
 * The ingest path as it was before the prepared-statement rewrite (drizzle query builder, row by
 * row), kept verbatim as the reference: test/bench/ingest-equivalence.test.ts runs it and the
 * fast path on the same batches and compares every table. It calls the real `recordEvent` and
 * `enqueue`, so if either changes and the fast path's mirrors of them do not, the test fails.
 * Harm categories, intent and `cards.minPriority` (issue #21) are written here the same way.
 */
import { and, eq } from 'drizzle-orm';
import { cases, mentions, type CaseRow, type MentionRow } from '../../db/schema/index.js';
import type { Tx } from '../../db/types.js';
import { transaction } from '../../db/transaction.js';
import { authorKeyOf } from '../../src/cases/refs.js';
import { INGEST_ACTOR, recordEvent } from '../../src/cases/events.js';
import { enqueue } from '../../src/outbox/enqueue.js';
import type { PlatformId } from '../../src/ports.js';
import { routeCase, type Route } from '../../src/routing/route.js';
import { scoreMention, type ScoreResult } from '../../src/scoring/index.js';
import { DEFAULT_HARM_CONFIG } from '../../src/scoring/harm/config.js';
import { cardWanted, escalateForHarm, joinGuidance } from '../../src/ingest/harm-actions.js';
import type { MentionInput } from '../../src/ingest/schema.js';
import { liftPolicyOf, type IngestDeps, type IngestResult } from '../../src/ingest/ingest.js';
import {
  absorbIntoIncident,
  countInIncident,
  joinIncident,
  liftFormedIncident,
  mergeIntoIncident,
  type MergedCases,
} from '../../src/ingest/storms/incident.js';

function routeFor(deps: IngestDeps, input: Parameters<typeof routeCase>[0]): Route {
  const full = routeCase(input, deps.routing);
  const route: Route = {};
  for (const platform of deps.platforms) {
    const target = full[platform];
    if (target) route[platform] = target;
  }
  return route;
}

function enqueueCardUpdates(tx: Tx, row: Pick<CaseRow, 'id' | 'route'>, now: Date): void {
  for (const [platform, target] of Object.entries(row.route)) {
    if (target) enqueue(tx, { kind: 'card.update', platform: platform as PlatformId, target, caseId: row.id }, now);
  }
}

function findParent(tx: Tx, source: string, externalId: string | undefined): MentionRow | undefined {
  if (!externalId) return undefined;
  return tx
    .select()
    .from(mentions)
    .where(and(eq(mentions.source, source), eq(mentions.externalId, externalId)))
    .get();
}

function saveScore(tx: Tx, mentionId: number, caseId: number, score: ScoreResult): void {
  tx.update(mentions)
    .set({ caseId, score: score.score, severity: score.severity, sentiment: score.sentiment, reasons: score.reasons, themes: score.themes })
    .where(eq(mentions.id, mentionId))
    .run();
}

/** An outbound message answering a case's mention records the case's first response. */
async function recordOutbound(tx: Tx, mentionId: number, m: MentionInput, now: Date, touched: number[]): Promise<void> {
  const parent = findParent(tx, m.source, m.inReplyTo);
  if (!parent?.caseId) return;
  tx.update(mentions).set({ caseId: parent.caseId }).where(eq(mentions.id, mentionId)).run();
  const row = tx.select().from(cases).where(eq(cases.id, parent.caseId)).get();
  if (!row || row.firstResponseAt) return;
  const by = m.author.handle ?? m.author.name ?? m.author.id ?? 'brand';
  tx.update(cases)
    .set({ firstResponseAt: m.createdAt, firstResponseVia: 'outside', firstResponseBy: by, updatedAt: now, version: row.version + 1 })
    .where(eq(cases.id, row.id))
    .run();
  recordEvent(tx, row.id, INGEST_ACTOR, 'answered_outside', now, { mentionId, by, at: m.createdAt.toISOString() });
  enqueueCardUpdates(tx, row, now);
  touched.push(row.id);
}

/** The open case an inbound mention continues, if any: same author, same conversation. */
function findOpenCase(
  tx: Tx,
  _m: MentionInput,
  authorKey: string,
  parent: MentionRow | undefined,
  conversationKey: string | null,
): CaseRow | undefined {
  if (parent?.caseId) {
    const row = tx.select().from(cases).where(eq(cases.id, parent.caseId)).get();
    // A reply to the brand's answer, or to the customer's own earlier message, continues the case.
    if (row && row.state === 'open' && (parent.direction === 'outbound' || row.authorKey === authorKey)) return row;
  }
  if (!conversationKey) return undefined;
  return tx
    .select()
    .from(cases)
    .where(and(eq(cases.authorKey, authorKey), eq(cases.conversationKey, conversationKey), eq(cases.state, 'open')))
    .get();
}

async function joinCase(deps: IngestDeps, tx: Tx, row: CaseRow, mentionId: number, m: MentionInput, now: Date): Promise<void> {
  const unansweredBefore = row.firstResponseAt ? 0 : row.mentionCount;
  const score = scoreFor(deps, m, unansweredBefore, 1);
  saveScore(tx, mentionId, row.id, score);
  const raised = score.score > row.score;
  tx.update(cases)
    .set({
      mentionCount: row.mentionCount + 1,
      updatedAt: now,
      version: row.version + 1,
      ...(raised ? { score: score.score, priority: score.priority, reasons: score.reasons, sentiment: score.sentiment } : {}),
    })
    .where(eq(cases.id, row.id))
    .run();
  recordEvent(tx, row.id, INGEST_ACTOR, 'mention_added', now, { mentionId, score: score.score, raised });
  const newHarm = score.harm.map((h) => h.id).filter((id) => !row.harm.includes(id));
  if (newHarm.length > 0 || (score.intent !== row.intent && !score.noAction && !row.actionable)) {
    tx.update(cases)
      .set({
        harm: [...row.harm, ...newHarm],
        guidance: joinGuidance(row.guidance, score.guidance),
        actionable: row.actionable || !score.noAction,
      })
      .where(eq(cases.id, row.id))
      .run();
  }
  const escalating = score.harm.filter((h) => newHarm.includes(h.id) && (deps.harm ?? DEFAULT_HARM_CONFIG)[h.id].escalate).map((h) => h.id);
  if (escalating.length > 0) escalateForHarm(tx, { caseId: row.id, route: row.route, harm: escalating, policy: deps.escalation }, now);
  if (raised && cardWanted(score.priority, deps.minCardPriority ?? 'P4')) {
    for (const [platform, target] of Object.entries(row.route)) {
      if (target)
        enqueue(
          tx,
          { kind: 'card.post', platform: platform as PlatformId, target, caseId: row.id },
          now,
          `card.post:${platform}:${row.id}`,
        );
    }
  }
  enqueueCardUpdates(tx, row, now);
}

function scoreFor(deps: IngestDeps, m: MentionInput, unansweredBefore: number, volume: number): ScoreResult {
  return scoreMention(
    { text: m.text, source: m.source, author: m.author, isVip: deps.vips.has(m.author.handle), unansweredBefore, volume },
    deps.scoring,
    deps.harm,
  );
}

async function openCase(
  deps: IngestDeps,
  tx: Tx,
  mentionId: number,
  m: MentionInput,
  authorKey: string,
  conversationKey: string | null,
  now: Date,
  incident?: { mergeCaseIds: number[] },
  scored?: ScoreResult,
): Promise<number> {
  const score = scored ?? scoreFor(deps, m, 0, 1);
  const route = routeFor(deps, { source: m.source, priority: score.priority, text: m.text });
  const inserted = tx
    .insert(cases)
    .values({
      kind: incident ? 'incident' : 'single',
      source: m.source,
      authorKey,
      conversationKey,
      firstMentionId: mentionId,
      priority: score.priority,
      score: score.score,
      sentiment: score.sentiment,
      reasons: score.reasons,
      route,
      createdAt: m.createdAt,
      openedAt: now,
      updatedAt: now,
      reach: m.author.followers ?? 0,
      harm: score.harm.map((h) => h.id),
      language: score.language.code,
      intent: score.intent,
      guidance: score.guidance,
      actionable: !score.noAction,
    })
    .returning({ id: cases.id })
    .get();
  saveScore(tx, mentionId, inserted.id, score);
  const carded = cardWanted(score.priority, deps.minCardPriority ?? 'P4');
  recordEvent(tx, inserted.id, INGEST_ACTOR, 'opened', now, {
    mentionId,
    score: score.score,
    priority: score.priority,
    ...(incident ? { storm: true } : {}),
    ...(score.harm.length > 0 ? { harm: score.harm.map((h) => h.id) } : {}),
    ...(score.noAction ? { noAction: score.intent } : {}),
    ...(carded ? {} : { carded: false }),
  });
  let merged: MergedCases | undefined;
  if (incident) {
    merged = await mergeIntoIncident(tx, inserted, incident.mergeCaseIds, now);
    // The incident's priority reflects the whole storm, not its first mention.
    const volume = merged.mentions + 1;
    const stormScore = scoreFor(deps, m, 0, volume);
    tx.update(cases)
      .set({
        mentionCount: volume,
        reach: (m.author.followers ?? 0) + merged.reach,
        score: Math.max(score.score, stormScore.score),
        priority: stormScore.score > score.score ? stormScore.priority : score.priority,
        reasons: stormScore.score > score.score ? stormScore.reasons : score.reasons,
      })
      .where(eq(cases.id, inserted.id))
      .run();
  }
  if (carded) {
    for (const [platform, target] of Object.entries(route)) {
      if (target)
        enqueue(
          tx,
          { kind: 'card.post', platform: platform as PlatformId, target, caseId: inserted.id },
          now,
          `card.post:${platform}:${inserted.id}`,
        );
    }
  }
  if (merged && merged.reports.length > 0) await liftFormedIncident(tx, inserted.id, merged.reports, liftPolicyOf(deps), now);
  const escalating = score.harm.filter((h) => (deps.harm ?? DEFAULT_HARM_CONFIG)[h.id].escalate).map((h) => h.id);
  if (escalating.length > 0) escalateForHarm(tx, { caseId: inserted.id, route, harm: escalating, policy: deps.escalation }, now);
  return inserted.id;
}

/** An inbound mention with no open case of its own: a storm member, a new incident, or a new case. */
async function placeNew(
  deps: IngestDeps,
  tx: Tx,
  mentionId: number,
  m: MentionInput,
  authorKey: string,
  conversationKey: string | null,
  now: Date,
  result: IngestResult,
): Promise<void> {
  const storms = deps.storms;
  const probe = storms?.probe(m.text, m.source, authorKey);
  const decision = storms && probe ? storms.decide(tx, probe, now.getTime()) : ({ kind: 'none' } as const);
  const followers = m.author.followers ?? 0;
  const alone = storms && probe && decision.kind !== 'none' ? scoreFor(deps, m, 0, 1) : undefined;
  // VIPs, influencers and anyone whose words escalate at once (crisis) keep their own card inside a storm.
  const privileged =
    deps.vips.has(m.author.handle) || (storms !== undefined && followers >= storms.config.influencerFollowers) || alone?.escalate === true;
  let caseId: number;
  if (decision.kind === 'join' && !privileged) {
    const absorbed = await absorbIntoIncident(tx, decision.incidentId, decision.mergeCaseIds, now);
    if (decision.mergeCaseIds.length > 0) storms?.reassign(new Set(decision.mergeCaseIds), decision.incidentId);
    const rescore = (volume: number) => scoreFor(deps, m, 0, volume);
    await joinIncident(tx, decision.incidentId, mentionId, followers, rescore, liftPolicyOf(deps), now, absorbed);
    caseId = decision.incidentId;
    result.touched.push(caseId);
  } else if (decision.kind === 'form' && !privileged) {
    caseId = await openCase(deps, tx, mentionId, m, authorKey, conversationKey, now, { mergeCaseIds: decision.mergeCaseIds });
    storms?.index.reassign(new Set(decision.mergeCaseIds), caseId);
    storms?.noteIncident(caseId);
    result.opened.push(caseId);
  } else {
    caseId = await openCase(deps, tx, mentionId, m, authorKey, conversationKey, now, undefined, alone);
    if (decision.kind === 'join') await countInIncident(tx, decision.incidentId, { mentionId, ownCase: caseId, followers }, now);
    result.opened.push(caseId);
  }
  if (storms && probe) storms.remember(probe, caseId, now.getTime(), privileged);
}

/**
 * Stores a batch of mentions in one transaction: duplicates (same source and id) are counted and
 * skipped, outbound messages record first responses, inbound ones join their open case or open
 * a new one, scored and routed, with the card post written to the outbox in the same
 * transaction. Network calls happen after commit, in the outbox worker.
 */
export async function ingestMentionsReference(deps: IngestDeps, batch: readonly MentionInput[]): Promise<IngestResult> {
  const now = deps.clock.now();
  const result: IngestResult = { accepted: 0, duplicates: 0, opened: [], touched: [], duplicateIndexes: [], failed: [] };
  await transaction(deps.db, async (tx) => {
    for (const [index, m] of batch.entries()) {
      const stored = tx
        .insert(mentions)
        .values({
          source: m.source,
          externalId: m.id,
          direction: m.direction,
          authorId: m.author.id ?? null,
          authorHandle: m.author.handle ?? null,
          authorName: m.author.name ?? null,
          authorFollowers: m.author.followers ?? null,
          authorVerified: m.author.verified ?? false,
          text: m.text,
          url: m.url ?? null,
          createdAt: m.createdAt,
          receivedAt: now,
          inReplyTo: m.inReplyTo ?? null,
          conversationId: m.conversationId ?? null,
          isPrivate: m.private,
        })
        .onConflictDoNothing()
        .returning({ id: mentions.id })
        .get();
      if (!stored) {
        result.duplicates += 1;
        result.duplicateIndexes.push(index);
        continue;
      }
      result.accepted += 1;
      if (m.direction === 'outbound') {
        await recordOutbound(tx, stored.id, m, now, result.touched);
        continue;
      }
      const authorKey = authorKeyOf(m.source, m.author);
      const parent = findParent(tx, m.source, m.inReplyTo);
      const conversationKey = m.conversationId ?? parent?.conversationId ?? null;
      const open = findOpenCase(tx, m, authorKey, parent, conversationKey);
      if (open) {
        await joinCase(deps, tx, open, stored.id, m, now);
        result.touched.push(open.id);
      } else {
        await placeNew(deps, tx, stored.id, m, authorKey, conversationKey, now, result);
      }
    }
  });
  if (result.accepted > 0) deps.onCommitted?.();
  return result;
}
