import { z } from 'zod';
import { sourceConfig } from '../../src/config/adapter-config.js';
import { plainVariables } from '../source-kit/settings.js';

/** The Meta app's variables, shared by Facebook and Instagram (one declaration: composed once). */
const env = plainVariables(['META_APP_SECRET', 'META_VERIFY_TOKEN', 'META_PAGE_ACCESS_TOKEN', 'META_GRAPH_URL']);

/** `sources.facebook` and `sources.instagram`: the Graph API version Klaxon calls (the same for both). */
const section = z.object({
  graphApiVersion: z
    .string()
    .regex(/^v\d{1,3}\.\d{1,2}$/, 'must be a Graph API version such as "v25.0"')
    .optional(),
});

const secretEnv = ['META_APP_SECRET', 'META_VERIFY_TOKEN', 'META_PAGE_ACCESS_TOKEN'] as const;

/** Facebook's and Instagram's declarations, checked by metaSettings (docs/CONTRACT.md §9). */
export const facebookConfig = sourceConfig({ label: 'Facebook', env, secretEnv: [...secretEnv], section });
export const instagramConfig = sourceConfig({ label: 'Instagram', env, secretEnv: [...secretEnv], section });
