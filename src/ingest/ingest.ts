import { eq } from 'drizzle-orm';
import { cases, mentions, type CaseRow, type MentionRow } from '../../db/schema/index.js';
import type { Db, Tx } from '../../db/types.js';
import type { Clock } from '../clock.js';
import { authorKeyOf } from '../cases/refs.js';
import { INGEST_ACTOR, type CaseEventKind } from '../cases/events.js';
import { applyChange, patchCase } from '../cases/store.js';
import type { VipDirectory } from '../cases/vip-directory.js';
import type { PlatformId, PublicReply } from '../ports.js';
import { routeCase, type Route, type RoutingConfig } from '../routing/route.js';
import type { Priority } from '../domain/priority.js';
import { scoreMention, type ScoringConfig, type ScoreResult } from '../scoring/index.js';
import { DEFAULT_HARM_CONFIG, type HarmConfig } from '../scoring/harm/config.js';
import { cardWanted, escalateForHarm, joinGuidance, type EscalationPolicy } from './harm-actions.js';
import type { MentionInput } from './schema.js';
import { isHistory } from './history.js';
import { mentionRow } from './mention-row.js';
import type { StormDetector } from './storms/detector.js';
import type { LiftPolicy } from './storms/carry.js';
import { countInIncident, liftFormedIncident, type MergedCases } from './storms/incident.js';
import { absorbIntoStorm, joinStorm, mergeIntoStorm } from './storm-writes.js';
import { ingestStatements, insertedId, type IngestStatements } from './statements.js';
import { transaction } from '../../db/transaction.js';
import { isStorageFailure } from './storage-failure.js';

export interface IngestDeps {
  db: Db;
  clock: Clock;
  scoring: ScoringConfig;
  routing: RoutingConfig;
  vips: VipDirectory;
  /** Chat platforms that are configured; a case gets a card on each one its route names. */
  platforms: readonly PlatformId[];
  /** Called after a batch commits, to wake the outbox worker. */
  onCommitted?: () => void;
  /** Storm clustering; absent = every mention gets its own case. */
  storms?: StormDetector;
  /**
   * Per source: whether it will take a public reply to a message that arrived without that
   * decision (through `/ingest`), e.g. X's rule that the post must mention the brand.
   */
  replyPolicies?: ReadonlyMap<string, ReplyPolicy>;
  /** Called after a batch commits with the cases it opened (optional AI triage picks them up). */
  onOpened?: (caseIds: readonly number[]) => void;
  /** Harm floors, escalation and guidance (config `harm`); defaults when absent. */
  harm?: HarmConfig;
  /** Cases below this priority are stored, counted and listed, but get no card (config `cards.minPriority`). */
  minCardPriority?: Priority;
  /** Where a harm that escalates at once (crisis) is raised; without it, in the card's own channel. */
  escalation?: EscalationPolicy;
}

/** Decides from a message alone whether its source takes a public reply to it; null = no rule known. */
export type ReplyPolicy = (mention: MentionInput) => PublicReply | null;

export interface IngestResult {
  accepted: number;
  duplicates: number;
  /** Cases opened by this batch. */
  opened: number[];
  /** Existing cases a mention joined or answered. */
  touched: number[];
  /** The mentions seen before, by position in the batch (for per-source counts). */
  duplicateIndexes: number[];
  /**
   * Mentions that could not be stored, by position in the batch, with why (for the log; the
   * caller answers each with a 400 entry). The rest of the batch is stored all the same.
   */
  failed: { index: number; error: unknown }[];
}

function routeFor(deps: IngestDeps, input: Parameters<typeof routeCase>[0]): Route {
  const full = routeCase(input, deps.routing);
  const route: Route = {};
  for (const platform of deps.platforms) {
    const target = full[platform];
    if (target) route[platform] = target;
  }
  return route;
}

function findParent(st: IngestStatements, source: string, externalId: string | undefined): MentionRow | undefined {
  if (!externalId) return undefined;
  return st.mentionByExternalId.get({ source, externalId });
}

function saveScore(st: IngestStatements, mentionId: number, caseId: number, score: ScoreResult): void {
  st.saveScore.run({
    caseId,
    score: score.score,
    severity: score.severity,
    sentiment: score.sentiment,
    reasons: JSON.stringify(score.reasons),
    themes: JSON.stringify(score.themes),
    id: mentionId,
  });
}

/** `recordEvent` for the ingest actor, through a prepared statement (same row). */
function recordIngestEvent(st: IngestStatements, caseId: number, kind: CaseEventKind, at: Date, detail: Record<string, unknown>): void {
  st.cases.recordEvent(caseId, INGEST_ACTOR, kind, at, detail);
}

/** An outbound message answering a case's mention records the case's first response. */
async function recordOutbound(
  tx: Tx,
  st: IngestStatements,
  mentionId: number,
  m: MentionInput,
  now: Date,
  touched: number[],
): Promise<void> {
  const parent = findParent(st, m.source, m.inReplyTo);
  if (!parent?.caseId) return;
  tx.update(mentions).set({ caseId: parent.caseId }).where(eq(mentions.id, mentionId)).run();
  const row = tx.select().from(cases).where(eq(cases.id, parent.caseId)).get();
  if (!row || row.firstResponseAt) return;
  const by = m.author.handle ?? m.author.name ?? m.author.id ?? 'brand';
  const patch = { firstResponseAt: m.createdAt, firstResponseVia: 'outside' as const, firstResponseBy: by };
  const detail = { mentionId, by, at: m.createdAt.toISOString() };
  await applyChange(tx, row, INGEST_ACTOR, { patch, kind: 'answered_outside', detail, threadText: null }, now);
  touched.push(row.id);
}

/** The open case an inbound mention continues, if any: same author, same conversation. */
function findOpenCase(
  st: IngestStatements,
  authorKey: string,
  parent: MentionRow | undefined,
  conversationKey: string | null,
): CaseRow | undefined {
  if (parent?.caseId) {
    const row = st.caseById.get({ id: parent.caseId });
    // A reply to the brand's answer, or to the customer's own earlier message, continues the case.
    if (row && row.state === 'open' && (parent.direction === 'outbound' || row.authorKey === authorKey)) return row;
  }
  if (!conversationKey) return undefined;
  return st.openCaseInConversation.get({ authorKey, conversationKey });
}

async function joinCase(
  deps: IngestDeps,
  tx: Tx,
  st: IngestStatements,
  row: CaseRow,
  mentionId: number,
  m: MentionInput,
  now: Date,
): Promise<void> {
  const unansweredBefore = row.firstResponseAt ? 0 : row.mentionCount;
  const score = scoreFor(deps, m, unansweredBefore, 1);
  saveScore(st, mentionId, row.id, score);
  const raised = score.score > row.score;
  const change = { mentionCount: row.mentionCount + 1, updatedAt: now, version: row.version + 1, id: row.id };
  const rise = { score: score.score, priority: score.priority, reasons: score.reasons, sentiment: score.sentiment };
  st.cases.join(change, raised ? rise : undefined);
  recordIngestEvent(st, row.id, 'mention_added', now, { mentionId, score: score.score, raised });
  const newHarm = score.harm.map((h) => h.id).filter((id) => !row.harm.includes(id));
  if (newHarm.length > 0 || (score.intent !== row.intent && !score.noAction && !row.actionable)) {
    // A follow-up can reveal harm the first message did not (and a real complaint after spam
    // makes the case actionable again).
    const guidance = joinGuidance(row.guidance, score.guidance);
    await patchCase(tx, row.id, { harm: [...row.harm, ...newHarm], guidance, actionable: row.actionable || !score.noAction });
  }
  const escalating = score.harm.filter((h) => newHarm.includes(h.id) && (deps.harm ?? DEFAULT_HARM_CONFIG)[h.id].escalate).map((h) => h.id);
  if (escalating.length > 0) escalateForHarm(tx, { caseId: row.id, route: row.route, harm: escalating, policy: deps.escalation }, now);
  // A case that was below the card threshold gets its card once it rises to it.
  if (raised && cardWanted(score.priority, deps.minCardPriority ?? 'P4')) st.cases.postCards(row.id, row.route, now);
  st.cases.notifyCardChanged(row, now, null);
}

/** What a storm incident's rise is measured against (storms/carry.ts): the scorer's own config. */
export function liftPolicyOf(deps: IngestDeps): LiftPolicy {
  return { harm: deps.harm ?? DEFAULT_HARM_CONFIG, thresholds: deps.scoring.thresholds, minCardPriority: deps.minCardPriority ?? 'P4' };
}

function scoreFor(deps: IngestDeps, m: MentionInput, unansweredBefore: number, volume: number): ScoreResult {
  return scoreMention(
    { text: m.text, source: m.source, author: m.author, isVip: deps.vips.has(m.author.handle), unansweredBefore, volume, rating: m.rating },
    deps.scoring,
    deps.harm,
  );
}

async function openCase(
  deps: IngestDeps,
  tx: Tx,
  st: IngestStatements,
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
  const caseId = st.cases.open({
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
  });
  saveScore(st, mentionId, caseId, score);
  const carded = cardWanted(score.priority, deps.minCardPriority ?? 'P4');
  recordIngestEvent(st, caseId, 'opened', now, {
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
    merged = mergeIntoStorm(st, caseId, incident.mergeCaseIds, now);
    // The incident's priority reflects the whole storm, not its first mention.
    const volume = merged.mentions + 1;
    const stormScore = scoreFor(deps, m, 0, volume);
    const stormRises = stormScore.score > score.score;
    // Part of the incident's opening (its `opened` audit row is written above).
    await patchCase(tx, caseId, {
      mentionCount: volume,
      reach: (m.author.followers ?? 0) + merged.reach,
      score: Math.max(score.score, stormScore.score),
      priority: stormRises ? stormScore.priority : score.priority,
      reasons: stormRises ? stormScore.reasons : score.reasons,
    });
  }
  if (carded) st.cases.postCards(caseId, route, now);
  // The cases folded into a new incident keep their harm and urgency in it (storms/carry.ts).
  if (merged && merged.reports.length > 0) await liftFormedIncident(tx, caseId, merged.reports, liftPolicyOf(deps), now);
  const escalating = score.harm.filter((h) => (deps.harm ?? DEFAULT_HARM_CONFIG)[h.id].escalate).map((h) => h.id);
  if (escalating.length > 0) escalateForHarm(tx, { caseId, route, harm: escalating, policy: deps.escalation }, now);
  return caseId;
}

/**
 * History opens its case already closed: no card is posted, no SLA timer runs (its deadline
 * passed long ago), it stays out of the queue and out of storms. A follow-up arriving today
 * opens a live case of its own. `resolvedAt` stays empty: nobody resolved it.
 */
async function openHistoryCase(
  deps: IngestDeps,
  tx: Tx,
  st: IngestStatements,
  mentionId: number,
  m: MentionInput,
  authorKey: string,
  conversationKey: string | null,
  now: Date,
): Promise<number> {
  const score = scoreFor(deps, m, 0, 1);
  const caseId = st.cases.open({
    kind: 'single',
    source: m.source,
    authorKey,
    conversationKey,
    firstMentionId: mentionId,
    priority: score.priority,
    score: score.score,
    sentiment: score.sentiment,
    reasons: score.reasons,
    route: {},
    createdAt: m.createdAt,
    openedAt: now,
    updatedAt: now,
    reach: m.author.followers ?? 0,
    // The reading is kept for the record; a year-old message escalates nothing.
    harm: score.harm.map((h) => h.id),
    language: score.language.code,
    intent: score.intent,
    guidance: score.guidance,
    actionable: !score.noAction,
  });
  // Part of the opening: the `opened` audit row below says `history`.
  await patchCase(tx, caseId, { state: 'resolved', resolvedBy: 'history (older than a year on arrival)' });
  saveScore(st, mentionId, caseId, score);
  recordIngestEvent(st, caseId, 'opened', now, { mentionId, score: score.score, priority: score.priority, history: true });
  return caseId;
}

/** An inbound mention with no open case of its own: a storm member, a new incident, or a new case. */
async function placeNew(
  deps: IngestDeps,
  tx: Tx,
  st: IngestStatements,
  mentionId: number,
  m: MentionInput,
  authorKey: string,
  conversationKey: string | null,
  now: Date,
  result: IngestResult,
): Promise<void> {
  if (isHistory(m.createdAt, now)) {
    result.opened.push(await openHistoryCase(deps, tx, st, mentionId, m, authorKey, conversationKey, now));
    return;
  }
  const storms = deps.storms;
  // With clustering disabled a probe is never used (decide says none, remember stores nothing):
  // skip fingerprinting the text.
  const probe = storms?.config.enabled ? storms.probe(m.text, m.source, authorKey) : undefined;
  const decision = storms && probe ? storms.decide(tx, probe, now.getTime()) : ({ kind: 'none' } as const);
  const followers = m.author.followers ?? 0;
  const alone = storms && probe && decision.kind !== 'none' ? scoreFor(deps, m, 0, 1) : undefined;
  // VIPs, influencers and anyone whose words escalate at once (crisis) keep their own card
  // inside a storm: an incident card must never hide a person at risk.
  const privileged =
    deps.vips.has(m.author.handle) || (storms !== undefined && followers >= storms.config.influencerFollowers) || alone?.escalate === true;
  let caseId: number;
  if (decision.kind === 'join' && !privileged) {
    const absorbed = absorbIntoStorm(st, decision.incidentId, decision.mergeCaseIds, now);
    if (decision.mergeCaseIds.length > 0) storms?.reassign(new Set(decision.mergeCaseIds), decision.incidentId);
    const rescore = (volume: number) => scoreFor(deps, m, 0, volume);
    await joinStorm(tx, st, decision.incidentId, mentionId, followers, rescore, liftPolicyOf(deps), now, absorbed);
    caseId = decision.incidentId;
    result.touched.push(caseId);
  } else if (decision.kind === 'form' && !privileged) {
    caseId = await openCase(deps, tx, st, mentionId, m, authorKey, conversationKey, now, { mergeCaseIds: decision.mergeCaseIds });
    storms?.index.reassign(new Set(decision.mergeCaseIds), caseId);
    storms?.noteIncident(caseId);
    result.opened.push(caseId);
  } else {
    caseId = await openCase(deps, tx, st, mentionId, m, authorKey, conversationKey, now, undefined, alone);
    if (decision.kind === 'join') await countInIncident(tx, decision.incidentId, { mentionId, ownCase: caseId, followers }, now);
    result.opened.push(caseId);
  }
  if (storms && probe) storms.remember(probe, caseId, now.getTime(), privileged);
}

/** The mention with its source's public-reply decision, when the source has a rule and none was given. */
function withReplyPolicy(deps: IngestDeps, m: MentionInput): MentionInput {
  if (m.publicReply !== undefined || m.direction !== 'inbound') return m;
  const decided = deps.replyPolicies?.get(m.source)?.(m);
  return decided ? { ...m, publicReply: decided } : m;
}

/** Inserts the mention; null when its (source, id) was seen before (a duplicate). */
function storeMention(st: IngestStatements, m: MentionInput, now: Date): number | null {
  return insertedId(st.insertMention.run(mentionRow(m, now)));
}

/** Stores one mention of a batch (inside the batch's transaction). */
async function ingestOne(
  deps: IngestDeps,
  tx: Tx,
  st: IngestStatements,
  index: number,
  given: MentionInput,
  now: Date,
  result: IngestResult,
): Promise<void> {
  const m = withReplyPolicy(deps, given);
  const mentionId = storeMention(st, m, now);
  if (mentionId === null) {
    result.duplicates += 1;
    result.duplicateIndexes.push(index);
    return;
  }
  result.accepted += 1;
  if (m.direction === 'outbound') {
    await recordOutbound(tx, st, mentionId, m, now, result.touched);
    return;
  }
  const authorKey = authorKeyOf(m.source, m.author);
  const parent = findParent(st, m.source, m.inReplyTo);
  const conversationKey = m.conversationId ?? parent?.conversationId ?? null;
  const open = findOpenCase(st, authorKey, parent, conversationKey);
  if (open) {
    await joinCase(deps, tx, st, open, mentionId, m, now);
    result.touched.push(open.id);
  } else {
    await placeNew(deps, tx, st, mentionId, m, authorKey, conversationKey, now, result);
  }
}

const emptyResult = (): IngestResult => ({ accepted: 0, duplicates: 0, opened: [], touched: [], duplicateIndexes: [], failed: [] });

/**
 * Stores a batch of mentions in one transaction: duplicates (same source and id) are counted and
 * skipped, outbound messages record first responses, inbound ones join their open case or open
 * a new one, scored and routed, with the card post written to the outbox in the same
 * transaction. Network calls happen after commit, in the outbox worker.
 *
 * One bad mention never costs the others: if storing the batch fails on one of them, the whole
 * transaction is rolled back and the batch is stored again with each mention in its own
 * savepoint, so the failing ones are left out (reported in `failed`) and the rest commit
 * together. Savepoints cost about 20 µs a mention, so only this rare second pass pays for them;
 * the storm index, which learnt from the rolled-back pass, is rebuilt from what was stored.
 */
export async function ingestMentions(deps: IngestDeps, batch: readonly MentionInput[]): Promise<IngestResult> {
  const now = deps.clock.now();
  const st = ingestStatements(deps.db);
  let result = emptyResult();
  try {
    await transaction(deps.db, async (tx) => {
      for (const [index, m] of batch.entries()) await ingestOne(deps, tx, st, index, m, now, result);
    });
  } catch (error) {
    if (isStorageFailure(error) || batch.length === 0) throw error;
    deps.storms?.rebuild(deps.db, now);
    result = emptyResult();
    const pass = emptyResult();
    await transaction(deps.db, async (tx) => {
      for (const [index, m] of batch.entries()) {
        // Counted into `pass` only once its savepoint is released, so a rolled-back mention
        // leaves no trace in the result either.
        const one = emptyResult();
        try {
          await transaction(tx, (item) => ingestOne(deps, item, st, index, m, now, one));
        } catch (itemError) {
          if (isStorageFailure(itemError)) throw itemError;
          pass.failed.push({ index, error: itemError });
          continue;
        }
        pass.accepted += one.accepted;
        pass.duplicates += one.duplicates;
        pass.opened.push(...one.opened);
        pass.touched.push(...one.touched);
        pass.duplicateIndexes.push(...one.duplicateIndexes);
      }
    });
    result = pass;
    // What the storm index learnt from a mention rolled back must not outlive it.
    if (result.failed.length > 0) deps.storms?.rebuild(deps.db, now);
    // Every mention failing is not a problem of the mentions but of the system: say so (a 5xx,
    // which the client retries) instead of refusing good data with a 400.
    if (batch.length > 1 && result.failed.length === batch.length) throw result.failed[0]!.error;
  }
  if (result.accepted > 0) deps.onCommitted?.();
  if (result.opened.length > 0) deps.onOpened?.(result.opened);
  return result;
}
