import { z } from 'zod';
import { ConfigError } from '../../src/config/load.js';
import type { SourceSettings } from '../source-kit/types.js';

export const GOOGLE_REVIEWS_SOURCE = 'google_reviews';
export const DEFAULT_API_URL = 'https://mybusiness.googleapis.com';
export const DEFAULT_TOKEN_URL = 'https://oauth2.googleapis.com/token';

export interface GoogleReviewsSettings {
  clientId: string;
  clientSecret: string;
  refreshToken: string;
  /** `accounts/<id>/locations/<id>`, one per business location whose reviews Klaxon reads. */
  locations: string[];
  apiUrl: string;
  tokenUrl: string;
  /** Seconds between polls (`sources.google_reviews.pollIntervalSeconds`). */
  pollIntervalSeconds: number;
  /** On the very first start, reviews updated this far back are imported. */
  firstSyncDays: number;
  /** Pages of 50 read per location and poll at most (a backlog is read over several polls). */
  maxPagesPerPoll: number;
  secrets: string[];
}

const NAMES = [
  'GOOGLE_BUSINESS_CLIENT_ID',
  'GOOGLE_BUSINESS_CLIENT_SECRET',
  'GOOGLE_BUSINESS_REFRESH_TOKEN',
  'GOOGLE_BUSINESS_LOCATIONS',
  'GOOGLE_BUSINESS_API_URL',
  'GOOGLE_OAUTH_TOKEN_URL',
] as const;
const REQUIRED = NAMES.slice(0, 4);
const LOCATION = /^accounts\/\d{1,30}\/locations\/\d{1,30}$/;
const httpUrl = (example: string) =>
  z.url({ message: `must be an absolute http(s) URL, e.g. ${example}` }).refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL');

const envSchema = z.object({
  GOOGLE_BUSINESS_CLIENT_ID: z
    .string()
    .regex(/^[A-Za-z0-9._-]{8,200}$/, 'must be the OAuth client id from Google Cloud (…apps.googleusercontent.com)')
    .optional(),
  GOOGLE_BUSINESS_CLIENT_SECRET: z
    .string()
    .regex(/^\S{8,200}$/, 'must be the OAuth client secret from Google Cloud (no spaces)')
    .optional(),
  GOOGLE_BUSINESS_REFRESH_TOKEN: z
    .string()
    .regex(
      /^\S{10,2048}$/,
      'must be a refresh token issued for the business.manage scope (no spaces): see README, "Connect Google reviews"',
    )
    .optional(),
  GOOGLE_BUSINESS_LOCATIONS: z.string().optional(),
  GOOGLE_BUSINESS_API_URL: httpUrl(DEFAULT_API_URL).optional(),
  GOOGLE_OAUTH_TOKEN_URL: httpUrl(DEFAULT_TOKEN_URL).optional(),
});

function pollInterval(config: unknown, problems: string[]): number {
  const sources =
    config && typeof config === 'object' && Object.hasOwn(config, 'sources') ? (config as { sources?: unknown }).sources : undefined;
  const section =
    sources && typeof sources === 'object' && Object.hasOwn(sources, GOOGLE_REVIEWS_SOURCE)
      ? (sources as Record<string, unknown>)[GOOGLE_REVIEWS_SOURCE]
      : undefined;
  const value =
    section && typeof section === 'object' && Object.hasOwn(section, 'pollIntervalSeconds')
      ? (section as { pollIntervalSeconds?: unknown }).pollIntervalSeconds
      : undefined;
  if (value === undefined) return 300;
  if (typeof value !== 'number' || !Number.isInteger(value) || value < 30 || value > 3600) {
    problems.push('sources.google_reviews.pollIntervalSeconds must be a whole number of seconds from 30 to 3600');
    return 300;
  }
  return value;
}

/**
 * Google Business Profile review settings (GOOGLE_BUSINESS_CLIENT_ID, …_CLIENT_SECRET,
 * …_REFRESH_TOKEN, …_LOCATIONS; GOOGLE_BUSINESS_API_URL and GOOGLE_OAUTH_TOKEN_URL for tests and
 * proxies). Off, with the reason, when none is set; a half-set or bad value throws ConfigError with
 * one line per problem that names the variable and never echoes a secret.
 */
/** Why Google reviews are off, as the start-up log says it. */
export const GOOGLE_REVIEWS_NOT_CONFIGURED =
  'Google reviews are not configured: set GOOGLE_BUSINESS_CLIENT_ID, GOOGLE_BUSINESS_CLIENT_SECRET, ' +
  'GOOGLE_BUSINESS_REFRESH_TOKEN and GOOGLE_BUSINESS_LOCATIONS (see README, "Connect Google reviews").';

export function googleReviewsSettings(
  env: NodeJS.ProcessEnv | Record<string, string | undefined>,
  config?: unknown,
): SourceSettings<GoogleReviewsSettings> {
  const trimmed = Object.fromEntries(NAMES.map((k) => [k, Object.hasOwn(env, k) && env[k]?.trim() ? env[k]?.trim() : undefined]));
  if (REQUIRED.every((k) => trimmed[k] === undefined)) {
    if (trimmed.GOOGLE_BUSINESS_API_URL || trimmed.GOOGLE_OAUTH_TOKEN_URL)
      throw new ConfigError([
        'GOOGLE_BUSINESS_API_URL or GOOGLE_OAUTH_TOKEN_URL is set but the Google reviews credentials are not: ' +
          'set GOOGLE_BUSINESS_CLIENT_ID, GOOGLE_BUSINESS_CLIENT_SECRET, GOOGLE_BUSINESS_REFRESH_TOKEN and GOOGLE_BUSINESS_LOCATIONS',
      ]);
    return { enabled: false, reason: GOOGLE_REVIEWS_NOT_CONFIGURED };
  }
  const problems: string[] = [];
  const parsed = envSchema.safeParse(trimmed);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')} ${issue.message}`);
  for (const name of REQUIRED)
    if (trimmed[name] === undefined)
      problems.push(
        `${name} is required: Google reviews need GOOGLE_BUSINESS_CLIENT_ID, GOOGLE_BUSINESS_CLIENT_SECRET, ` +
          `GOOGLE_BUSINESS_REFRESH_TOKEN and GOOGLE_BUSINESS_LOCATIONS together`,
      );
  const locations = (trimmed.GOOGLE_BUSINESS_LOCATIONS ?? '')
    .split(',')
    .map((l) => l.trim())
    .filter(Boolean);
  const bad = locations.filter((l) => !LOCATION.test(l));
  if (trimmed.GOOGLE_BUSINESS_LOCATIONS !== undefined && (locations.length === 0 || bad.length > 0)) {
    problems.push(
      `GOOGLE_BUSINESS_LOCATIONS must list locations as accounts/<account id>/locations/<location id>, separated by commas${
        bad.length
          ? ` (not: ${bad
              .slice(0, 3)
              .map((b) => JSON.stringify(b.slice(0, 80)))
              .join(', ')})`
          : ''
      }`,
    );
  }
  const pollIntervalSeconds = pollInterval(config, problems);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const clientSecret = e.GOOGLE_BUSINESS_CLIENT_SECRET as string;
  const refreshToken = e.GOOGLE_BUSINESS_REFRESH_TOKEN as string;
  return {
    enabled: true,
    settings: {
      clientId: e.GOOGLE_BUSINESS_CLIENT_ID as string,
      clientSecret,
      refreshToken,
      locations: [...new Set(locations)],
      apiUrl: (e.GOOGLE_BUSINESS_API_URL ?? DEFAULT_API_URL).replace(/\/+$/, ''),
      tokenUrl: e.GOOGLE_OAUTH_TOKEN_URL ?? DEFAULT_TOKEN_URL,
      pollIntervalSeconds,
      firstSyncDays: 14,
      maxPagesPerPoll: 20,
      secrets: [clientSecret, refreshToken],
    },
  };
}
