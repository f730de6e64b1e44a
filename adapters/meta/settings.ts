import { z } from 'zod';
import { ConfigError } from '../../src/config/load.js';
import type { SourceSettings } from '../source-kit/types.js';

/** The Graph API version Klaxon calls unless `sources.facebook.graphApiVersion` says otherwise. */
export const DEFAULT_GRAPH_VERSION = 'v25.0';
export const DEFAULT_GRAPH_URL = 'https://graph.facebook.com';

export interface MetaSettings {
  /** The Meta app's secret: signs webhook deliveries (X-Hub-Signature-256) and our calls (appsecret_proof). */
  appSecret: string;
  /** What Meta sends back in the subscription handshake (hub.verify_token). */
  verifyToken: string;
  /** The Page access token (a long-lived or system-user token with the permissions in README). */
  pageToken: string;
  /** The Graph API's base URL, without a trailing slash. */
  graphUrl: string;
  /** e.g. `v25.0`. */
  apiVersion: string;
  /** Every value that must never reach a log line, an error or a metric. */
  secrets: string[];
  /** Largest webhook body accepted (Meta batches up to 1,000 changes in one delivery). */
  maxBodyBytes: number;
  /** Graph usage (percent of a limit) from which optional reads are skipped. */
  slowDownAtPercent: number;
  /** Graph usage from which reads wait for the usage to fall; replies keep the last margin. */
  pauseReadsAtPercent: number;
  /** Graph usage from which every call waits (Meta throttles at 100). */
  pauseAllAtPercent: number;
}

const NAMES = ['META_APP_SECRET', 'META_VERIFY_TOKEN', 'META_PAGE_ACCESS_TOKEN', 'META_GRAPH_URL'] as const;

const envSchema = z.object({
  META_APP_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9]{16,128}$/, 'must be the app secret from the Meta app dashboard (App settings → Basic): 16–128 letters and digits')
    .optional(),
  // It travels in the handshake's query string: letters, digits and URL-safe marks only.
  META_VERIFY_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9._~-]{8,256}$/,
      'must be 8–256 characters of A–Z, a–z, 0–9, ".", "_", "~" or "-" (you type the same value into the Meta app\'s webhook settings)',
    )
    .optional(),
  META_PAGE_ACCESS_TOKEN: z
    .string()
    .regex(
      /^[A-Za-z0-9._|-]{20,1024}$/,
      'must be a Page access token (20+ characters, no spaces): see README, "Connect Facebook and Instagram"',
    )
    .optional(),
  META_GRAPH_URL: z
    .url({ message: 'must be an absolute http(s) URL, e.g. https://graph.facebook.com' })
    .refine((u) => /^https?:\/\//.test(u), 'must be an http(s) URL')
    .optional(),
});

function configuredVersion(config: unknown, problems: string[]): string {
  const sources =
    config && typeof config === 'object' && Object.hasOwn(config, 'sources') ? (config as { sources?: unknown }).sources : undefined;
  const versionOf = (id: string): string | undefined => {
    if (!sources || typeof sources !== 'object' || !Object.hasOwn(sources, id)) return undefined;
    const section = (sources as Record<string, unknown>)[id];
    const v =
      section && typeof section === 'object' && Object.hasOwn(section, 'graphApiVersion')
        ? (section as { graphApiVersion?: unknown }).graphApiVersion
        : undefined;
    return typeof v === 'string' ? v : undefined;
  };
  const fb = versionOf('facebook');
  const ig = versionOf('instagram');
  if (fb && ig && fb !== ig)
    problems.push(
      `sources.facebook.graphApiVersion (${fb}) and sources.instagram.graphApiVersion (${ig}) differ: ` +
        `Facebook and Instagram share one Meta app and one Graph API version`,
    );
  return fb ?? ig ?? DEFAULT_GRAPH_VERSION;
}

/**
 * Facebook and Instagram settings (docs/CONTRACT.md §9: META_APP_SECRET, META_VERIFY_TOKEN,
 * META_PAGE_ACCESS_TOKEN, META_GRAPH_URL; the Graph version from `sources.facebook.graphApiVersion`).
 * Off, with the reason, when none is set; a half-set or bad value throws ConfigError with one line
 * per problem that names the variable and never echoes a value.
 */
/** Why Facebook and Instagram are off, as the start-up log says it. */
export const META_NOT_CONFIGURED =
  'Facebook and Instagram are not configured: set META_APP_SECRET, META_VERIFY_TOKEN and ' +
  'META_PAGE_ACCESS_TOKEN, and subscribe the Meta app to GET/POST /webhooks/meta (see README, "Connect ' +
  'Facebook and Instagram").';

export function metaSettings(env: NodeJS.ProcessEnv | Record<string, string | undefined>, config?: unknown): SourceSettings<MetaSettings> {
  const trimmed = Object.fromEntries(NAMES.map((k) => [k, Object.hasOwn(env, k) && env[k]?.trim() ? env[k]?.trim() : undefined]));
  const secretsSet = NAMES.slice(0, 3).filter((k) => trimmed[k] !== undefined);
  if (secretsSet.length === 0) {
    if (trimmed.META_GRAPH_URL)
      throw new ConfigError([
        'META_GRAPH_URL is set but META_APP_SECRET, META_VERIFY_TOKEN and META_PAGE_ACCESS_TOKEN are not: ' +
          'set all three to connect Facebook and Instagram',
      ]);
    return { enabled: false, reason: META_NOT_CONFIGURED };
  }
  const problems: string[] = [];
  const parsed = envSchema.safeParse(trimmed);
  if (!parsed.success) for (const issue of parsed.error.issues) problems.push(`${issue.path.join('.')} ${issue.message}`);
  for (const name of NAMES.slice(0, 3)) {
    if (trimmed[name] === undefined)
      problems.push(
        `${name} is required: Facebook and Instagram need META_APP_SECRET, META_VERIFY_TOKEN and META_PAGE_ACCESS_TOKEN together`,
      );
  }
  const apiVersion = configuredVersion(config, problems);
  if (problems.length > 0 || !parsed.success) throw new ConfigError(problems);
  const e = parsed.data;
  const appSecret = e.META_APP_SECRET as string;
  const verifyToken = e.META_VERIFY_TOKEN as string;
  const pageToken = e.META_PAGE_ACCESS_TOKEN as string;
  return {
    enabled: true,
    settings: {
      appSecret,
      verifyToken,
      pageToken,
      graphUrl: (e.META_GRAPH_URL ?? DEFAULT_GRAPH_URL).replace(/\/+$/, ''),
      apiVersion,
      secrets: [appSecret, verifyToken, pageToken],
      maxBodyBytes: 2 * 1024 * 1024,
      slowDownAtPercent: 75,
      pauseReadsAtPercent: 90,
      pauseAllAtPercent: 98,
    },
  };
}
