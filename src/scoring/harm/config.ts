/**
 * Config `harm.<id>`: per category, the priority floor, whether detecting it escalates at once,
 * and a guidance note for the agent. A bare priority (`"fraud": "P1"`) sets the floor only.
 * Unknown category ids are refused with the list of known ones.
 */
import { z } from 'zod';
import { PRIORITIES, type Priority } from '../../domain/priority.js';
import { DEFAULT_HARM_ESCALATE, DEFAULT_HARM_FLOORS, DEFAULT_HARM_GUIDANCE, HARM_IDS, type HarmId } from './categories.js';

export interface HarmPolicy {
  /** Lowest priority a case with this harm may get, whatever the reach. */
  floor: Priority;
  /** Post to the escalation channel as soon as the harm is detected. */
  escalate: boolean;
  /** Shown to the agent on the card; never sent to the customer. */
  guidance: string | null;
}

export type HarmConfig = Readonly<Record<HarmId, HarmPolicy>>;

const priority = z.enum(PRIORITIES, { message: `must be one of ${PRIORITIES.join(', ')}` });

/** A bare priority is shorthand for `{ "floor": <priority> }`, so both forms report errors alike. */
const policySchema = z.preprocess(
  (v) => (typeof v === 'string' ? { floor: v } : v),
  z.strictObject({
    floor: priority.optional(),
    escalate: z.boolean().optional(),
    /** Empty string removes a default guidance note. */
    guidance: z.string().trim().max(1000, 'must be at most 1,000 characters').optional(),
  }),
);

const shape = Object.fromEntries(HARM_IDS.map((id) => [id, policySchema.optional()])) as Record<HarmId, z.ZodOptional<typeof policySchema>>;

export const harmConfigSchema = z
  .strictObject(shape, {
    error: (issue) =>
      issue.code === 'unrecognized_keys'
        ? `unknown harm category ${issue.keys.map((k) => `"${k}"`).join(', ')}; known: ${HARM_IDS.join(', ')}`
        : undefined,
  })
  .default({})
  .transform((given): HarmConfig => {
    const out = {} as Record<HarmId, HarmPolicy>;
    for (const id of HARM_IDS) {
      const g = given[id];
      const guidance = g?.guidance ?? DEFAULT_HARM_GUIDANCE[id] ?? '';
      out[id] = {
        floor: g?.floor ?? DEFAULT_HARM_FLOORS[id],
        escalate: g?.escalate ?? DEFAULT_HARM_ESCALATE.has(id),
        guidance: guidance ? guidance : null,
      };
    }
    return out;
  });

export const DEFAULT_HARM_CONFIG: HarmConfig = harmConfigSchema.parse({});
