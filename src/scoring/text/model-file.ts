/**
 * The learned weights live in a data file, src/scoring/model.json (written by scripts/fit-model.ts),
 * read once when the scorer is first imported. It is validated like any input: a truncated or
 * hand-edited file stops the start with a message that says what is wrong, never a silent zero.
 */
import { existsSync, readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';

export const MODEL_FORMAT = 'klaxon-text-model/1';

const weights = z.array(z.number().finite());

export const textModelSchema = z
  .strictObject({
    format: z.literal(MODEL_FORMAT),
    /** Output heads, e.g. ["negative", "positive", "serious", "irony"]. */
    heads: z.array(z.string().min(1)).min(1),
    /** Fitted intercept per head (the runtime re-centres it; see learned.ts). */
    bias: weights,
    /** Dense rule features by name (features.ts): one weight per head. */
    dense: z.record(z.string(), weights),
    /** Words, negated words ("!word") and bigrams ("a b"): one weight per head. */
    words: z.record(z.string(), weights),
    /** How the model was made (data, splits, validation), for people. */
    about: z.record(z.string(), z.unknown()).optional(),
  })
  .superRefine((m, ctx) => {
    const n = m.heads.length;
    if (m.bias.length !== n) ctx.addIssue({ code: 'custom', path: ['bias'], message: `must have ${n} values (one per head)` });
    for (const [group, table] of [
      ['dense', m.dense],
      ['words', m.words],
    ] as const) {
      for (const [key, ws] of Object.entries(table)) {
        if (ws.length !== n) {
          ctx.addIssue({ code: 'custom', path: [group, key], message: `must have ${n} values (one per head)` });
          return;
        }
      }
    }
  });

export type TextModel = z.infer<typeof textModelSchema>;

/**
 * Where model.json is: beside the scoring sources (src/scoring/, or <outDir>/src/scoring/, where
 * the build emits it: tsconfig.build.json includes it), else in the source tree next to an older
 * build (dist/ run from a checkout).
 */
const CANDIDATES = [new URL('../model.json', import.meta.url), new URL('../../../../src/scoring/model.json', import.meta.url)];

export function locateTextModel(): string {
  for (const url of CANDIDATES) {
    const path = fileURLToPath(url);
    if (existsSync(path)) return path;
  }
  throw new Error(`the text model (model.json) was not found; looked in ${CANDIDATES.map((u) => fileURLToPath(u)).join(', ')}`);
}

/** Reads and validates a model file; throws with every problem named. */
export function loadTextModel(path: string = locateTextModel()): TextModel {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new Error(`the text model ${path} cannot be read: ${(error as Error).message}`, { cause: error });
  }
  const parsed = textModelSchema.safeParse(json);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${i.path.join('.') || '(file)'} ${i.message}`);
    throw new Error(`the text model ${path} is invalid: ${problems.join('; ')}`);
  }
  return parsed.data;
}
