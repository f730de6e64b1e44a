import { ingestMentions, type IngestDeps } from './ingest.js';
import { parseIngestBody, validateIngestItems, type IngestFieldError, type MentionInput } from './schema.js';

/** What happened to one item that passed validation. */
export interface StoredItem {
  /** Its position in the request (or the replayed batch). */
  index: number;
  mention: MentionInput;
  outcome: 'accepted' | 'duplicate' | 'failed';
  /** Why it could not be stored (for the log only: it may quote internals). */
  error?: unknown;
}

export interface AcceptOutcome {
  accepted: number;
  duplicates: number;
  /** Every problem, by item index then field: invalid items, and valid ones that could not be stored. */
  errors: IngestFieldError[];
  /** The valid items and what became of each. */
  stored: StoredItem[];
  /** How many items were refused as invalid (each counted once, however many fields were wrong). */
  invalid: number;
}

/** The 400 entry for a valid mention the database could not take; the rest of its batch was stored. */
export const NOT_STORED_MESSAGE = 'could not be stored (an internal error, logged); the other mentions of the batch were accepted';

/**
 * The one ingest use-case for mentions from outside (`POST /ingest` and `klaxon replay`): each
 * item is validated against the strict ingest format and the clock, the valid ones are stored
 * together (duplicates counted, never a second case), and every problem comes back with its item's
 * index, so a batch with bad items still lands its good ones.
 */
export async function acceptIngestItems(
  deps: IngestDeps,
  items: readonly unknown[],
  rootExtras: readonly string[] = [],
): Promise<AcceptOutcome> {
  const parsed = validateIngestItems(items, deps.clock.now(), rootExtras);
  return storeValidated(deps, parsed.mentions, parsed.errors);
}

/**
 * A whole `/ingest` body: one mention object or `{"mentions": [...]}`. Throws BatchShapeError for
 * a body whose shape is wrong as a whole (not an object, too many mentions).
 */
export async function acceptIngestBody(deps: IngestDeps, body: unknown): Promise<AcceptOutcome> {
  const parsed = parseIngestBody(body, deps.clock.now());
  return storeValidated(deps, parsed.mentions, parsed.errors);
}

/** Stores mentions already validated (by `validateIngestItems`), merging their outcome with the validation errors. */
export async function storeValidated(
  deps: IngestDeps,
  valid: readonly { index: number; mention: MentionInput }[],
  invalid: readonly IngestFieldError[],
): Promise<AcceptOutcome> {
  const batch = valid.map((v) => v.mention);
  const result = batch.length > 0 ? await ingestMentions(deps, batch) : { accepted: 0, duplicates: 0, duplicateIndexes: [], failed: [] };
  const duplicate = new Set(result.duplicateIndexes);
  const failed = new Map(result.failed.map((f) => [f.index, f.error]));
  const errors = [...invalid];
  const stored = valid.map(({ index, mention }, i): StoredItem => {
    if (failed.has(i)) {
      errors.push({ index, path: '(mention)', message: NOT_STORED_MESSAGE });
      return { index, mention, outcome: 'failed', error: failed.get(i) };
    }
    return { index, mention, outcome: duplicate.has(i) ? 'duplicate' : 'accepted' };
  });
  errors.sort((a, b) => a.index - b.index);
  return { accepted: result.accepted, duplicates: result.duplicates, errors, stored, invalid: new Set(invalid.map((e) => e.index)).size };
}
