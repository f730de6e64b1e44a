import { z } from 'zod';
import { PRIORITIES } from '../domain/priority.js';
import { scoringConfigSchema } from '../scoring/config.js';
import { harmConfigSchema } from '../scoring/harm/config.js';
import { spikeConfigSchema } from '../reports/spike-config.js';
import { isValidTimeZone, slaConfigSchema } from '../sla/config.js';
import { stormConfigSchema } from '../ingest/storms/config.js';
import { HANDLE_PATTERN } from '../domain/handle.js';
import { allowEntryKind } from '../replies/privacy.js';
import { strictDeep } from './strict.js';
import { llmConfigSchema } from '../triage/config.js';

const handle = z
  .string()
  .regex(HANDLE_PATTERN, 'must be a handle such as @jane or @jane@mastodon.social')
  .transform((h) => h.replace(/^@/, '').toLowerCase());

const SOURCE_NAME = /^[a-z0-9_-]{1,32}$/;
const sourceName = z.string().regex(SOURCE_NAME, 'must match [a-z0-9_-]{1,32}');

/** A routing rule: the first rule whose every given condition matches picks the channels. */
const routingRule = z.object({
  name: z.string().min(1).optional(),
  match: z
    .object({
      sources: z.array(sourceName).min(1).optional(),
      priorities: z.array(z.enum(PRIORITIES)).min(1).optional(),
      brands: z.array(z.string().min(1)).min(1).optional(),
      keywords: z.array(z.string().min(1)).min(1).optional(),
    })
    .default({}),
  slack: z.string().min(1).optional(),
  teams: z.string().min(1).optional(),
});

/** Where a chat platform's cards, escalations and digest go by default. */
const chatTargets = z.object({
  triage: z.string().min(1).optional(),
  escalation: z.string().min(1).optional(),
  digest: z.string().min(1).optional(),
});

/** Teams' defaults, and the organisations it serves. */
const teamsTargets = chatTargets.extend({
  /**
   * The Microsoft Entra tenant ids Klaxon serves besides TEAMS_TENANT_ID (required for a
   * multi-tenant bot, which has none): activities from any other organisation are refused
   * and its conversations are never routing targets.
   */
  tenants: z.array(z.string().trim().min(1)).default([]),
});

const brand = z.object({
  name: z.string().min(1),
  handles: z.array(handle).default([]),
  keywords: z.array(z.string().min(1)).default([]),
});

const savedReply = z.object({
  id: z.string().regex(/^[a-z0-9_-]{1,40}$/, 'must be a short id such as "sorry-delay"'),
  title: z.string().min(1).max(75),
  text: z.string().min(1).max(2000),
});

const replyWebhook = z.object({
  url: z.url({ message: 'must be an absolute http(s) URL' }),
  /** HMAC secret for the signed POST; falls back to INGEST_SECRET when absent. */
  secret: z.string().min(16, 'must be at least 16 characters').optional(),
});

/** X API access levels (developer portal plans); each has its own rate limits and prices. */
export const X_ACCESS_LEVELS = ['free', 'basic', 'pro', 'enterprise', 'pay_per_use'] as const;
export type XAccessLevel = (typeof X_ACCESS_LEVELS)[number];

const seconds = z.number().int('must be a whole number of seconds').min(5, 'must be at least 5 seconds').max(86_400, 'must be at most a day');
const usd = z.number().min(0, 'must not be negative').max(1_000_000);

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');

type PerLevel = Record<XAccessLevel, z.ZodOptional<typeof seconds>>;
const perLevel = Object.fromEntries(X_ACCESS_LEVELS.map((l) => [l, seconds.optional()])) as PerLevel;

/** X's own keys under `sources.twitter`, as written (defaults are filled in by twitterSection). */
const xFields = {
  /** The brand's own X account (handle), whose replies count as first responses. */
  account: handle.optional(),
  /** The app's X API access level: its rate limits, its default poll cadence and what it costs. */
  accessLevel: z.enum(X_ACCESS_LEVELS, { message: `must be one of ${X_ACCESS_LEVELS.join(', ')}` }).optional(),
  /** Poll cadence per access level (seconds), replacing Klaxon's defaults. */
  pollCadence: z.strictObject(perLevel).optional(),
  /** Your contract's prices (USD), replacing the access level's published ones in the cost estimate. */
  costs: z
    .strictObject({
      monthlyUsd: usd.optional(),
      postReadUsd: usd.optional(),
      ownPostReadUsd: usd.optional(),
      userReadUsd: usd.optional(),
      postWriteUsd: usd.optional(),
      dmUsd: usd.optional(),
    })
    .optional(),
  /** What the filtered stream listens for besides the brand's handles. */
  keywords: z.array(z.string().min(1)).optional(),
};
const X_ONLY_KEYS = Object.keys(xFields);

/** X's settings with their defaults: `sources.twitter` (and the deprecated top-level `twitter`). */
const twitterSection = z.object({
  ...xFields,
  accessLevel: xFields.accessLevel.unwrap().default('pay_per_use'),
  /** Seconds between polls of the mentions timeline; unset = the cadence of the access level. */
  pollIntervalSeconds: seconds.optional(),
  pollCadence: xFields.pollCadence.unwrap().default({}),
  costs: xFields.costs.unwrap().default({}),
  keywords: xFields.keywords.unwrap().default([]),
});
export type TwitterSection = z.infer<typeof twitterSection>;

const POLL_SECONDS_MAX = 3600;

/**
 * What a source takes under `sources.<name>`: any source a reply webhook, the polling and Meta
 * sources their own keys, and `twitter` X's keys (refused under any other name).
 */
const sourceSection = z
  .object({
    replyWebhook: replyWebhook.optional(),
    /** Facebook and Instagram: the Graph API version Klaxon calls (e.g. "v25.0"). */
    graphApiVersion: z.string().regex(/^v\d{1,3}\.\d{1,2}$/, 'must be a Graph API version such as "v25.0"').optional(),
    /** Sources that poll: seconds between reads (at most an hour; X's mentions timeline, at most a day). */
    pollIntervalSeconds: seconds.optional(),
    ...xFields,
  });

/** The checks that depend on the source's name: X's keys belong to X alone, and its longer cadence. */
function checkSourceSections(sources: Record<string, z.infer<typeof sourceSection>>, ctx: z.core.$RefinementCtx): void {
  for (const [name, section] of Object.entries(sources)) {
    if (name === 'twitter') continue;
    for (const key of X_ONLY_KEYS) {
      if ((section as Record<string, unknown>)[key] === undefined) continue;
      ctx.addIssue({ code: 'custom', path: [name, key], message: `is an X setting: it belongs under sources.twitter.${key}` });
    }
    if (section.pollIntervalSeconds !== undefined && section.pollIntervalSeconds > POLL_SECONDS_MAX) {
      const message = `must be at most ${POLL_SECONDS_MAX} seconds (an hour)`;
      ctx.addIssue({ code: 'custom', path: [name, 'pollIntervalSeconds'], message });
    }
  }
}

/**
 * The config file (`KLAXON_CONFIG`): routing, SLA policies, VIPs, brands, business hours,
 * scoring weights. Every section has defaults, so `{}` (or no file) is a working config.
 * `strictDeep` makes every object in it, including sections added later, refuse unknown keys:
 * a typo must stop the start, not be ignored.
 */
export const configFileSchema = strictDeep(z.object({
  brands: z.array(brand).default([]),
  competitors: z.array(handle).default([]),
  /**
   * Each chat platform's default channels. `slack`: channel ids (the environment's TRIAGE_CHANNEL,
   * ESCALATION_CHANNEL and DIGEST_CHANNEL win). `teams`: a channel's conversation id
   * (`19:…@thread.tacv2`) or its name as `Team/Channel` (or just `Channel`), as Klaxon learnt it
   * when the app was added to the team.
   */
  platforms: z
    .object({
      slack: chatTargets.default({}),
      teams: teamsTargets.prefault({}),
    })
    .prefault({}),
  /** Deprecated: `platforms.slack` (read, with a warning at start; see resolveConfigFile). */
  channels: chatTargets.optional(),
  /** Deprecated: `platforms.teams` (read, with a warning at start; see resolveConfigFile). */
  teams: teamsTargets.optional(),
  routing: z.array(routingRule).default([]),
  vips: z.array(handle).default([]),
  scoring: scoringConfigSchema.default(scoringConfigSchema.parse({})),
  /**
   * Harm categories (docs/CONTRACT.md §9): per category id, the priority floor reach cannot lower, and
   * optionally `escalate` (raise at once to the escalation channel) and `guidance` (a note for
   * the agent on the card, never sent). `"fraud": "P1"` is short for `{ "floor": "P1" }`.
   */
  harm: harmConfigSchema,
  cards: z
    .strictObject({
      /** Cases below this priority are stored, counted and listed by `queue`, but get no card. */
      minPriority: z.enum(PRIORITIES, { message: `must be one of ${PRIORITIES.join(', ')}` }).default('P4'),
    })
    .prefault({}),
  sla: slaConfigSchema.default(slaConfigSchema.parse({})),
  storms: stormConfigSchema.prefault({}),
  permissions: z
    .object({
      /** Who may act on cases (platform user ids such as U0123 or slack:U0123). Empty = everyone. */
      agents: z.array(z.string().min(1)).default([]),
      /** Leads may act on any case, including one another person owns. */
      leads: z.array(z.string().min(1)).default([]),
      /**
       * Who may read the queue, case history, reports and SLA lists without acting (docs/CONTRACT.md §9).
       * Absent: reading follows `agents` (and with no agents, everyone may read).
       */
      viewers: z.array(z.string().min(1)).optional(),
    })
    .default({ agents: [], leads: [] }),
  escalation: z
    .object({
      /** Mentioned on escalations and breaches: a user id (U…) or a user group id (S…). */
      onCall: z.string().min(1).optional(),
    })
    .default({}),
  replies: z
    .object({
      saved: z.array(savedReply).default([]),
      /** Append the agent's initials (`^JS`) to public replies, as brands do on X. */
      signature: z.boolean().default(true),
      /** Extra patterns (regular expressions) the privacy guard refuses in public replies. */
      privatePatterns: z
        .array(
          z.object({
            name: z.string().min(1),
            pattern: z.string().min(1).refine((p) => {
              try {
                new RegExp(p, 'gi');
                return true;
              } catch {
                return false;
              }
            }, 'must be a valid regular expression'),
          }),
        )
        .default([]),
      /**
       * The brand's own phone numbers, e-mail addresses and links (`+44 800 123 4567`,
       * `help@acme.com`, `https://acme.com/help`): the privacy guard lets these through.
       */
      allow: z
        .array(z.string().trim().min(1).refine((entry) => allowEntryKind(entry) !== null, 'must be a phone number, an e-mail address or a link (https://… or a domain with a path)'))
        .default([]),
    })
    .default({ saved: [], signature: true, privatePatterns: [], allow: [] }),
  /**
   * Per source, by its name: `sources.twitter` holds X's own settings; any source may have a reply
   * webhook, and the polling and Meta sources their own keys (sourceSection).
   */
  sources: z.record(sourceName, sourceSection).superRefine(checkSourceSections).default({}),
  ingest: z
    .object({
      /**
       * Without INGEST_SECRET, take unsigned `POST /ingest` requests from this machine (loopback).
       * Off by default: behind a reverse proxy on the same host every request looks local.
       */
      allowUnsigned: z.boolean({ message: 'must be true or false' }).default(false),
    })
    .default({ allowUnsigned: false }),
  outbound: z
    .object({
      /** Allow reply webhooks on loopback/private addresses (tests, on-premise bridges). */
      allowPrivateTargets: z.boolean().default(false),
    })
    .default({ allowPrivateTargets: false }),
  digest: z
    .object({
      time: hhmm.default('08:00'),
      timeZone: z.string().refine(isValidTimeZone, 'must be an IANA time zone such as Europe/London').default('UTC'),
    })
    .default({ time: '08:00', timeZone: 'UTC' }),
  /** Spike alerts (negative surges, theme clusters): see src/reports/spikes.ts for the method. */
  spikes: spikeConfigSchema.prefault({}),
  /** Optional AI triage (src/triage/config.ts): off unless set. */
  llm: llmConfigSchema.optional(),
  /** Deprecated: `sources.twitter` (read, with a warning at start; see resolveConfigFile). */
  twitter: twitterSection.optional(),
}));

/** The file as parsed: the deprecated keys still in it. */
export type ParsedConfigFile = z.infer<typeof configFileSchema>;
/** The file as the program reads it: every moved key at its new place (resolveConfigFile). */
export type ConfigFile = Omit<ParsedConfigFile, 'channels' | 'teams' | 'twitter'>;

/** X's settings from `sources.twitter`, with their defaults (the section is optional). */
export function twitterSettingsOf(file: ConfigFile): TwitterSection {
  const { replyWebhook: _webhook, graphApiVersion: _version, ...x } = file.sources.twitter ?? {};
  return twitterSection.parse(x);
}

/** Keys that moved, with where they live now. Each is still read, with one warning at start. */
export const MOVED_KEYS = [
  { old: 'channels', now: 'platforms.slack' },
  { old: 'teams', now: 'platforms.teams' },
  { old: 'twitter', now: 'sources.twitter' },
] as const;

const hasValues = (section: object | undefined): boolean => section !== undefined && Object.values(section).some((v) => v !== undefined);

/**
 * Moves each deprecated key to its new place. `raw` is the file as written (what the parsed one
 * filled in by default is not "set"). A key set under both names is a problem: which one was meant?
 */
export interface ResolvedConfigFile {
  file: ConfigFile;
  /** One line per old key still used, naming its new place. */
  deprecations: string[];
  problems: string[];
}

export function resolveConfigFile(parsed: ParsedConfigFile, raw: unknown): ResolvedConfigFile {
  const { channels, teams, twitter, ...file } = parsed;
  const deprecations: string[] = [];
  const problems: string[] = [];
  const own = (value: unknown, key: string): unknown =>
    value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const rawTwitter = own(own(raw, 'sources'), 'twitter');
  const newSet = {
    channels: hasValues(file.platforms.slack),
    teams: hasValues({ ...file.platforms.teams, tenants: file.platforms.teams.tenants.length > 0 ? true : undefined }),
    twitter: Boolean(rawTwitter && typeof rawTwitter === 'object' && Object.keys(rawTwitter).some((k) => k !== 'replyWebhook')),
  };
  for (const { old, now } of MOVED_KEYS) {
    if (parsed[old] === undefined) continue;
    if (newSet[old]) problems.push(`${old} and ${now} are the same setting (${old} is its old name): keep ${now} only`);
    else deprecations.push(`the config file's \`${old}\` is deprecated: it is read for now; move it to \`${now}\` (same keys)`);
  }
  const platforms = {
    slack: channels && !newSet.channels ? channels : file.platforms.slack,
    teams: teams && !newSet.teams ? teams : file.platforms.teams,
  };
  const sources = twitter && !newSet.twitter ? { ...file.sources, twitter: { ...file.sources.twitter, ...twitter } } : file.sources;
  return { file: { ...file, platforms, sources }, deprecations, problems };
}
export type RoutingRule = z.infer<typeof routingRule>;
export type SavedReply = z.infer<typeof savedReply>;
