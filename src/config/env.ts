import { z } from 'zod';
import { databaseLocationProblem, sqlitePathOf } from './database-url.js';

const optionalSecret = z.string().min(1, 'must not be empty when set').optional();
const optionalUrl = z.url({ message: 'must be an absolute URL, e.g. http://127.0.0.1:4000/api/' }).optional();
const channelId = z
  .string()
  .regex(/^[A-Z0-9][A-Z0-9_-]{1,79}$/i, 'must be a Slack channel id such as C0123456789')
  .optional();

/**
 * The environment, validated once at start-up (docs/CONTRACT.md §2). Nothing else in the program reads
 * the process environment: the parsed, typed result is passed down.
 */
export const envSchema = z.object({
  PORT: z.coerce.number({ message: 'must be a port number' }).int().min(0).max(65535).default(3000),
  HOST: z.string().min(1).default('0.0.0.0'),
  DATABASE_URL: z
    .string()
    .min(1, 'must be a file path or :memory:')
    .default('./data/klaxon.db')
    .superRefine((value, ctx) => {
      const problem = databaseLocationProblem(value);
      if (problem) ctx.addIssue({ code: 'custom', message: problem });
    })
    // A `file:` URL becomes the path it names; everything downstream sees a path or :memory:.
    .transform((value) => (databaseLocationProblem(value) ? value : sqlitePathOf(value))),
  KLAXON_CONFIG: z.string().min(1).optional(),
  INGEST_SECRET: optionalSecret,
  /** `trace` also logs whole payloads, customer messages included: for debugging only. */
  LOG_LEVEL: z.enum(['trace', 'debug', 'info', 'warn', 'error', 'silent'], { message: 'must be trace, debug, info, warn, error or silent' }).default('info'),
  SLACK_BOT_TOKEN: z
    .string()
    .regex(/^xox[bp]-/, 'must be a bot token starting with xoxb-')
    .optional(),
  SLACK_SIGNING_SECRET: optionalSecret,
  SLACK_APP_TOKEN: z
    .string()
    .regex(/^xapp-/, 'must be an app-level token starting with xapp-')
    .optional(),
  SLACK_API_URL: optionalUrl,
  TRIAGE_CHANNEL: channelId,
  ESCALATION_CHANNEL: channelId,
  DIGEST_CHANNEL: channelId,
  TEAMS_APP_ID: optionalSecret,
  TEAMS_APP_PASSWORD: optionalSecret,
  TEAMS_TENANT_ID: optionalSecret,
  /**
   * Test and proxy settings: another Bot Framework to authenticate Teams against (all four
   * together). Unset = Microsoft's public cloud, which is what production wants.
   */
  TEAMS_AUTH_OPENID_METADATA_URL: optionalUrl,
  TEAMS_AUTH_TOKEN_ISSUER: z.string().min(1, 'must not be empty when set').optional(),
  TEAMS_AUTH_LOGIN_URL: optionalUrl,
  TEAMS_AUTH_OAUTH_SCOPE: z.string().min(1, 'must not be empty when set').optional(),
  TWITTER_BEARER_TOKEN: optionalSecret,
  TWITTER_APP_KEY: optionalSecret,
  TWITTER_APP_SECRET: optionalSecret,
  TWITTER_ACCESS_TOKEN: optionalSecret,
  TWITTER_ACCESS_SECRET: optionalSecret,
  TWITTER_API_URL: optionalUrl,
  TWITTER_MODE: z.enum(['stream', 'poll'], { message: 'must be "stream" or "poll"' }).default('poll'),
  /** E-mail source (docs/CONTRACT.md §9): read and checked by adapters/email/settings.ts (emailSettings). */
  IMAP_URL: z.string().optional(),
  SMTP_URL: z.string().optional(),
  EMAIL_FROM: z.string().optional(),
  EMAIL_INBOUND_SECRET: z.string().optional(),
  /** The base URL people reach Klaxon at: signed, expiring links (CSV downloads) point there. */
  PUBLIC_URL: z.url({ protocol: /^https?$/, message: 'must be the absolute http(s) URL people reach Klaxon at, e.g. https://klaxon.example.com' }).optional(),
  /** Facebook and Instagram (docs/CONTRACT.md §9): read and checked by adapters/meta/settings.ts (metaSettings). */
  META_APP_SECRET: z.string().optional(),
  META_VERIFY_TOKEN: z.string().optional(),
  META_PAGE_ACCESS_TOKEN: z.string().optional(),
  META_GRAPH_URL: z.string().optional(),
  /** Google Business Profile reviews: read and checked by adapters/google-reviews/settings.ts. */
  GOOGLE_BUSINESS_CLIENT_ID: z.string().optional(),
  GOOGLE_BUSINESS_CLIENT_SECRET: z.string().optional(),
  GOOGLE_BUSINESS_REFRESH_TOKEN: z.string().optional(),
  GOOGLE_BUSINESS_LOCATIONS: z.string().optional(),
  GOOGLE_BUSINESS_API_URL: z.string().optional(),
  GOOGLE_OAUTH_TOKEN_URL: z.string().optional(),
  // The new sources own their variables: kept here as plain strings only so they reach the
  // source's settings function, which validates them (adapters/<source>/settings.ts).
  BLUESKY_HANDLE: z.string().optional(),
  BLUESKY_APP_PASSWORD: z.string().optional(),
  BLUESKY_SERVICE_URL: z.string().optional(),
  BLUESKY_JETSTREAM_URL: z.string().optional(),
  MASTODON_URL: z.string().optional(),
  MASTODON_TOKEN: z.string().optional(),
  /** `auto`: with no chat platform configured, `npm start` serves the local sandbox at /sandbox; `off`: never. */
  KLAXON_SANDBOX: z.enum(['auto', 'off'], { message: 'must be "auto" (a local sandbox when no chat platform is configured) or "off"' }).default('auto'),
});

export type Env = z.infer<typeof envSchema>;

/** Empty strings in the environment mean "unset" (a common `.env` habit: `SLACK_APP_TOKEN=`). */
export function cleanEnv(raw: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of Object.keys(envSchema.shape)) {
    const value = raw[key];
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/** Names of every secret setting: never logged, and scrubbed from error messages. */
export const SECRET_ENV_KEYS = [
  'INGEST_SECRET',
  'SLACK_BOT_TOKEN',
  'SLACK_SIGNING_SECRET',
  'SLACK_APP_TOKEN',
  'TEAMS_APP_PASSWORD',
  'TWITTER_BEARER_TOKEN',
  'TWITTER_APP_KEY',
  'TWITTER_APP_SECRET',
  'TWITTER_ACCESS_TOKEN',
  'TWITTER_ACCESS_SECRET',
  'IMAP_URL',
  'SMTP_URL',
  'EMAIL_INBOUND_SECRET',
  'META_APP_SECRET',
  'META_VERIFY_TOKEN',
  'META_PAGE_ACCESS_TOKEN',
  'GOOGLE_BUSINESS_CLIENT_SECRET',
  'GOOGLE_BUSINESS_REFRESH_TOKEN',
  'BLUESKY_APP_PASSWORD',
  'MASTODON_TOKEN',
] as const satisfies readonly (keyof Env)[];

/**
 * Every secret value to redact from logs: the secret settings, and the passwords inside the ones
 * that are URLs (IMAP_URL, SMTP_URL), as written and decoded — a library error may quote either.
 */
export function secretValues(env: Env): string[] {
  const values = SECRET_ENV_KEYS.map((k) => env[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
  for (const value of [...values]) {
    try {
      const password = new URL(value).password;
      if (password) values.push(password, decodeURIComponent(password));
    } catch {
      // Not a URL: the value itself is already listed.
    }
  }
  return [...new Set(values)];
}
