import { and, desc, eq, isNull, ne } from 'drizzle-orm';
import { z } from 'zod';
import { mentions, type MentionRow } from '../../db/schema/index.js';
import type { Tx } from '../../db/types.js';
import { INGEST_ACTOR } from '../cases/events.js';
import { applyChange, loadCase, patchCase } from '../cases/store.js';
import { priorityFor, scoreMention, type ScoreResult } from '../scoring/index.js';
import { DEFAULT_HARM_CONFIG } from '../scoring/harm/config.js';
import { escalateForHarm, joinGuidance } from './harm-actions.js';
import type { IngestDeps } from './ingest.js';
import { mentionSchema } from './schema.js';
import { transaction } from '../../db/transaction.js';

/**
 * A customer changed a message Klaxon already holds (a review's new text or stars, an edited
 * comment). The mention keeps its id and its case; its text and score follow the edit.
 */
export interface MentionEdit {
  source: string;
  /** The mention's id at its source (as ingested). */
  id: string;
  /** The whole new text (the ingest format's limits apply). */
  text: string;
  /** Review sources: the new star rating, 1–5. */
  rating?: number;
  /** When the customer made the edit (for the audit row). */
  editedAt: Date;
}

export interface EditResult {
  /** Mentions whose text or rating changed. */
  edited: number;
  /** The same text and rating again (a platform's repeat): nothing written. */
  unchanged: number;
  /** Edits of mentions Klaxon never stored: nothing to update. */
  unknown: number;
  /** Edits refused by validation, with the reason (never the text). */
  invalid: { id: string; reason: string }[];
  /** Cases whose card changed. */
  touched: number[];
}

const editSchema = z.object({
  source: mentionSchema.shape.source,
  id: mentionSchema.shape.id,
  text: mentionSchema.shape.text,
  rating: mentionSchema.shape.rating,
  editedAt: z.date(),
});

/** The strongest other inbound mention on the case: an edit never lowers a case below its follow-ups. */
function strongestOther(tx: Tx, caseId: number, mentionId: number): MentionRow | undefined {
  return tx
    .select()
    .from(mentions)
    .where(and(eq(mentions.caseId, caseId), ne(mentions.id, mentionId), eq(mentions.direction, 'inbound'), isNull(mentions.repostOf)))
    .orderBy(desc(mentions.score))
    .limit(1)
    .get();
}

async function applyEdit(
  deps: IngestDeps,
  tx: Tx,
  row: MentionRow,
  edit: z.output<typeof editSchema>,
  now: Date,
  result: EditResult,
): Promise<void> {
  const score: ScoreResult = scoreMention(
    {
      text: edit.text,
      source: row.source,
      author: {
        handle: row.authorHandle ?? undefined,
        name: row.authorName ?? undefined,
        followers: row.authorFollowers ?? undefined,
        verified: row.authorVerified,
      },
      isVip: deps.vips.has(row.authorHandle ?? undefined),
      rating: edit.rating,
    },
    deps.scoring,
    deps.harm,
  );
  tx.update(mentions)
    .set({
      text: edit.text,
      rating: edit.rating ?? null,
      score: score.score,
      severity: score.severity,
      sentiment: score.sentiment,
      reasons: score.reasons,
      themes: score.themes,
    })
    .where(eq(mentions.id, row.id))
    .run();
  if (row.caseId === null) return;
  const current = await loadCase(tx, row.caseId);
  const other = strongestOther(tx, current.id, row.id);
  // The case is as urgent as its most urgent message, the edited one as it now reads.
  const lead =
    other && (other.score ?? 0) > score.score
      ? { score: other.score ?? 0, reasons: other.reasons, sentiment: other.sentiment ?? 0 }
      : score;
  const priority = priorityFor(lead.score, deps.scoring.thresholds);
  // An edit can reveal harm the first version did not say: the case names it, and a harm that
  // escalates at once (crisis) is escalated as it would have been on arrival.
  const newHarm = score.harm.map((h) => h.id).filter((id) => !current.harm.includes(id));
  if (newHarm.length > 0) {
    // Written before the change below, which bumps the version and records the edit.
    const guidance = joinGuidance(current.guidance, score.guidance);
    await patchCase(tx, current.id, { harm: [...current.harm, ...newHarm], guidance, actionable: true });
    const policy = deps.harm ?? DEFAULT_HARM_CONFIG;
    const escalating = newHarm.filter((id) => policy[id].escalate);
    if (escalating.length > 0)
      escalateForHarm(tx, { caseId: current.id, route: current.route, harm: escalating, policy: deps.escalation }, now);
  }
  const rated =
    edit.rating === undefined || edit.rating === row.rating
      ? ''
      : ` (now rated ${edit.rating}/5${row.rating === null ? '' : `, was ${row.rating}/5`})`;
  const moved = priority !== current.priority ? `; ${current.priority} → ${priority}` : '';
  await applyChange(
    tx,
    current,
    INGEST_ACTOR,
    {
      patch: { score: lead.score, priority, reasons: lead.reasons, sentiment: lead.sentiment },
      kind: 'mention_edited',
      detail: {
        mentionId: row.id,
        editedAt: edit.editedAt.toISOString(),
        ...(edit.rating === undefined ? {} : { rating: edit.rating, previousRating: row.rating }),
        previousScore: current.score,
        score: lead.score,
        previousPriority: current.priority,
        priority,
        previousText: row.text.length > 500 ? `${row.text.slice(0, 499)}…` : row.text,
      },
      threadText: `✏️ The customer edited their message${rated}; score ${current.score} → ${lead.score}${moved}`,
    },
    now,
  );
  result.touched.push(current.id);
}

/**
 * Applies edits of stored mentions in one transaction: the mention's text and score, and — through
 * the case mutator, with its audit row and card update — the case's score, priority and reasons.
 * A repeat of an edit already applied (same text and rating) writes nothing.
 */
export async function editMentions(deps: IngestDeps, edits: readonly MentionEdit[]): Promise<EditResult> {
  const now = deps.clock.now();
  const result: EditResult = { edited: 0, unchanged: 0, unknown: 0, invalid: [], touched: [] };
  await transaction(deps.db, async (tx) => {
    for (const raw of edits) {
      const parsed = editSchema.safeParse(raw);
      if (!parsed.success) {
        result.invalid.push({
          id: String(raw.id).slice(0, 256),
          reason: parsed.error.issues.map((i) => `${i.path.join('.')} ${i.message}`).join('; '),
        });
        continue;
      }
      const edit = parsed.data;
      const row = tx
        .select()
        .from(mentions)
        .where(and(eq(mentions.source, edit.source), eq(mentions.externalId, edit.id)))
        .get();
      if (!row) {
        result.unknown += 1;
        continue;
      }
      if (row.text === edit.text && row.rating === (edit.rating ?? null)) {
        result.unchanged += 1;
        continue;
      }
      await applyEdit(deps, tx, row, edit, now, result);
      result.edited += 1;
    }
  });
  if (result.edited > 0) deps.onCommitted?.();
  return result;
}
