import { z } from 'zod';
import { envValue, issueLines, refuseSettings, sourceSection, type SourceEnv } from '../source-kit/settings.js';
import type { SourceSettings } from '../source-kit/types.js';
import { blueskySection as sectionSchema } from './config.js';

export const BLUESKY_DEFAULT_SERVICE = 'https://bsky.social';

/** What the start-up log says when Bluesky is off, and how to turn it on. */
export const BLUESKY_NOT_CONFIGURED =
  'Bluesky is not configured: set BLUESKY_HANDLE and BLUESKY_APP_PASSWORD (an app password with direct-message access; ' +
  'see README, "Connect Bluesky").';

export interface BlueskySettings {
  /** The brand's handle, lower case, without the @ (e.g. `acme.bsky.social` or `acme.com`). */
  handle: string;
  appPassword: string;
  /** The PDS (or entryway) to log in at. */
  serviceUrl: string;
  /** When set, listen on Jetstream over WebSocket instead of polling notifications. */
  jetstreamUrl: string | null;
  pollIntervalSeconds: number;
  /** Things worth saying at start that do not stop it (e.g. a password that is not an app password). */
  warnings: string[];
}

const handle = z
  .string()
  .transform((h) => h.replace(/^@/, '').toLowerCase())
  .pipe(
    z
      .string()
      .regex(
        /^([a-z0-9]([a-z0-9-]{0,61}[a-z0-9])?\.)+[a-z]([a-z0-9-]{0,61}[a-z0-9])?$/,
        'must be a Bluesky handle such as acme.bsky.social (or your own domain)',
      ),
  );

const httpUrl = z.url({ protocol: /^https?$/, message: 'must be an http(s) URL such as https://bsky.social' });
const wsUrl = z.url({ protocol: /^wss?$/, message: 'must be a ws(s) URL such as wss://jetstream2.us-east.bsky.network/subscribe' });

const envSchema = z.object({
  BLUESKY_HANDLE: handle,
  BLUESKY_APP_PASSWORD: z.string().min(1, 'must not be empty'),
  BLUESKY_SERVICE_URL: httpUrl.default(BLUESKY_DEFAULT_SERVICE),
  BLUESKY_JETSTREAM_URL: wsUrl.optional(),
});

/** Bluesky app passwords look like `abcd-efgh-ijkl-mnop`; an account password works but must not be used. */
const APP_PASSWORD = /^[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}-[a-z0-9]{4}$/;

const NAMES = ['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD', 'BLUESKY_SERVICE_URL', 'BLUESKY_JETSTREAM_URL'] as const;

/**
 * Reads the Bluesky settings (docs/CONTRACT.md §9 and `sources.bluesky` in the config file). Off, with
 * the reason, when neither the handle nor the app password is set; a half or bad configuration
 * stops the start with one line per problem.
 */
export function blueskySettings(env: SourceEnv, config: unknown): SourceSettings<BlueskySettings> {
  const values = Object.fromEntries(NAMES.map((name) => [name, envValue(env, name)]));
  const anySet = NAMES.some((name) => values[name] !== undefined);
  if (!values.BLUESKY_HANDLE && !values.BLUESKY_APP_PASSWORD) {
    if (anySet)
      refuseSettings([`BLUESKY_HANDLE and BLUESKY_APP_PASSWORD are required when ${NAMES.filter((n) => values[n]).join(', ')} is set`]);
    return { enabled: false, reason: BLUESKY_NOT_CONFIGURED };
  }
  const problems: string[] = [];
  const parsedEnv = envSchema.safeParse(values);
  if (!parsedEnv.success) {
    // A missing value is named by the lines below, once; these are the values set but wrong.
    const wrong = new z.ZodError(parsedEnv.error.issues.filter((i) => values[String(i.path[0])] !== undefined));
    problems.push(...issueLines(wrong, (path) => path || 'Bluesky settings'));
    for (const name of ['BLUESKY_HANDLE', 'BLUESKY_APP_PASSWORD'] as const) {
      if (!values[name])
        problems.push(`${name} is required when ${name === 'BLUESKY_HANDLE' ? 'BLUESKY_APP_PASSWORD' : 'BLUESKY_HANDLE'} is set`);
    }
  }
  const parsedSection = sectionSchema.safeParse(sourceSection(config, 'bluesky'));
  if (!parsedSection.success) problems.push(...issueLines(parsedSection.error, (path) => `config sources.bluesky.${path}`));
  if (problems.length > 0 || !parsedEnv.success || !parsedSection.success) return refuseSettings([...new Set(problems)]);
  const e = parsedEnv.data;
  const warnings = APP_PASSWORD.test(e.BLUESKY_APP_PASSWORD)
    ? []
    : [
        'BLUESKY_APP_PASSWORD does not look like an app password (xxxx-xxxx-xxxx-xxxx): ' +
          'create one under Settings → Privacy and security → App passwords (tick "Allow access to your direct messages") instead of ' +
          'using the account password.',
      ];
  return {
    enabled: true,
    settings: {
      handle: e.BLUESKY_HANDLE,
      appPassword: e.BLUESKY_APP_PASSWORD,
      serviceUrl: e.BLUESKY_SERVICE_URL,
      jetstreamUrl: e.BLUESKY_JETSTREAM_URL ?? null,
      pollIntervalSeconds: parsedSection.data.pollIntervalSeconds,
      warnings,
    },
  };
}
