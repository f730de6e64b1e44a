import { z } from 'zod';
import { PRIORITIES } from '../domain/priority.js';
import { scoringConfigSchema } from '../scoring/config.js';
import { harmConfigSchema } from '../scoring/harm/config.js';
import { spikeConfigSchema } from '../reports/spike-config.js';
import { isValidTimeZone, slaConfigSchema } from '../sla/config.js';
import { stormConfigSchema } from '../ingest/storms/config.js';
import { HANDLE_PATTERN } from '../domain/handle.js';
import { allowEntryKind } from '../replies/privacy.js';
import { describeUnknownKeys, strictDeep } from './strict.js';
import { llmConfigSchema } from '../triage/config.js';
import type { AdapterConfigs, AdapterSection, SourceAdapterConfig } from './adapter-config.js';
import { CHAT_PLATFORM_IDS, NATIVE_SOURCE_IDS, type ChatPlatformId } from '../domain/adapter-ids.js';

/** A handle as people write it (`@Jane`), kept lower case without the @. */
export const handleSchema = z
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

/**
 * Where a chat platform's cards, escalations and digest go by default: the section every chat
 * platform's own (`platforms.<id>`) starts from.
 */
export const chatTargetsSchema = z.object({
  triage: z.string().min(1).optional(),
  escalation: z.string().min(1).optional(),
  digest: z.string().min(1).optional(),
});

const brand = z.object({
  name: z.string().min(1),
  handles: z.array(handleSchema).default([]),
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

const hhmm = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time of day HH:MM');

/**
 * The core's sections of the config file (`KLAXON_CONFIG`): routing, SLA policies, VIPs, brands,
 * business hours, scoring weights. Every section has defaults, so `{}` (or no file) is a working
 * config. The chat platforms' sections (`platforms.<id>`) and the sources' (`sources.<id>`) are
 * declared by their adapters and put together with these by configFileSchemaFor.
 */
const coreFileShape = {
  brands: z.array(brand).default([]),
  competitors: z.array(handleSchema).default([]),
  routing: z.array(routingRule).default([]),
  vips: z.array(handleSchema).default([]),
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
            pattern: z
              .string()
              .min(1)
              .refine((p) => {
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
        .array(
          z
            .string()
            .trim()
            .min(1)
            .refine(
              (entry) => allowEntryKind(entry) !== null,
              'must be a phone number, an e-mail address or a link (https://… or a domain with a path)',
            ),
        )
        .default([]),
    })
    .default({ saved: [], signature: true, privatePatterns: [], allow: [] }),
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
};

/** What any source takes under `sources.<name>`: a reply webhook, for a source answered through a bridge. */
const replySection = z.object({ replyWebhook: replyWebhook.optional() });

/** A source's section as the core holds it: the reply webhook, and the source's own keys (read by its adapter). */
export type SourceSection = { replyWebhook?: z.infer<typeof replyWebhook> | undefined } & AdapterSection;

/** The file as the program reads it: every moved key at its new place (resolveConfigFile). */
export type ConfigFile = z.infer<z.ZodObject<typeof coreFileShape>> & {
  /** Each chat platform's section, as its adapter declared it (default targets, and its own keys). */
  platforms: { [K in ChatPlatformId]: AdapterSection };
  /** Per source, by its name: a reply webhook for any; a native source's own keys besides. */
  sources: Record<string, SourceSection>;
};

/** The file as parsed: the deprecated top-level keys still in it. */
export type ParsedConfigFile = ConfigFile & { readonly [formerKey: string]: unknown };

/** A top-level key that moved into an adapter's section: still read, with one warning at start. */
export interface MovedKey {
  old: string;
  now: string;
  place: 'platforms' | 'sources';
  id: string;
}

/** Keys that moved, with where they live now, in the registry's order (chat platforms first). */
export function movedKeysFor(adapters: AdapterConfigs): MovedKey[] {
  const chat = CHAT_PLATFORM_IDS.flatMap((id) => {
    const old = adapters.chat[id].formerKey;
    return old ? [{ old, now: `platforms.${id}`, place: 'platforms' as const, id }] : [];
  });
  const sources = NATIVE_SOURCE_IDS.flatMap((id) => {
    const old = adapters.sources[id].formerKey;
    return old ? [{ old, now: `sources.${id}`, place: 'sources' as const, id }] : [];
  });
  return [...chat, ...sources];
}

const article = (label: string) => (/^[aeiouxAEIOUX]/.test(label) ? 'an' : 'a');

/**
 * `sources`: any name takes a reply webhook; a native source's name takes its adapter's keys too,
 * checked by its adapter's schema. Every source's key is known to the record, so the same key
 * under a name that cannot use it says whose setting it is instead of "not a known setting".
 */
function sourcesSchema(sources: AdapterConfigs['sources']) {
  const own = new Map<string, z.ZodObject>();
  const owners = new Map<string, SourceAdapterConfig[]>();
  const ownerIds = new Map<SourceAdapterConfig, string>();
  for (const id of NATIVE_SOURCE_IDS) {
    const config = sources[id];
    const shape = config.section?.shape ?? {};
    own.set(id, strictDeep(replySection.extend(shape)));
    ownerIds.set(config, id);
    for (const key of Object.keys(shape)) owners.set(key, [...(owners.get(key) ?? []), config]);
  }
  const anyKey = replySection.extend(Object.fromEntries([...owners.keys()].map((key) => [key, z.unknown().optional()])));
  const whose = (key: string): string => {
    const found = owners.get(key) ?? [];
    const owner = found.length === 1 ? found[0] : undefined;
    if (owner) return `is ${article(owner.label)} ${owner.label} setting: it belongs under sources.${ownerIds.get(owner)}.${key}`;
    const where = found.map((c) => `sources.${ownerIds.get(c)}`);
    return `belongs to the sources that read it themselves (${where.join(', ')}): a source posted to /ingest has no use for it`;
  };
  return z
    .record(sourceName, anyKey)
    .transform((value, ctx) => {
      const out: Record<string, SourceSection> = {};
      for (const [name, section] of Object.entries(value)) {
        const schema = own.get(name);
        if (!schema) {
          for (const key of Object.keys(section)) {
            if (key === 'replyWebhook' || section[key as keyof typeof section] === undefined) continue;
            ctx.addIssue({ code: 'custom', path: [name, key], message: whose(key) });
          }
          out[name] = section as SourceSection;
          continue;
        }
        const parsed = schema.safeParse(section);
        if (parsed.success) out[name] = parsed.data as SourceSection;
        else for (const issue of parsed.error.issues) forwardIssue(ctx, schema, name, issue);
      }
      return out;
    })
    .default({});
}

/** An issue of a source's own schema, at its place in the file (an unknown key with its did-you-mean). */
function forwardIssue(ctx: z.core.$RefinementCtx, schema: z.ZodObject, name: string, issue: z.core.$ZodIssue): void {
  if (issue.code !== 'unrecognized_keys') {
    ctx.addIssue({ code: 'custom', path: [name, ...issue.path], message: issue.message });
    return;
  }
  for (const [i, line] of describeUnknownKeys(schema, issue).entries()) {
    const key = issue.keys[i]!;
    const local = [...issue.path.map(String), key].join('.');
    ctx.addIssue({ code: 'custom', path: [name, ...issue.path, key], message: line.slice(local.length + 1) });
  }
}

/**
 * The whole config file's schema: the core's sections, each chat platform's `platforms.<id>`,
 * each source's `sources.<id>`, and the top-level keys they had before. `strictDeep` makes every
 * object in it, including sections added later, refuse unknown keys: a typo must stop the start,
 * not be ignored.
 */
export function configFileSchemaFor(adapters: AdapterConfigs) {
  const empty = z.object({});
  const platforms = Object.fromEntries(CHAT_PLATFORM_IDS.map((id) => [id, (adapters.chat[id].section ?? empty).prefault({})]));
  const formerChat = Object.fromEntries(
    movedKeysFor(adapters)
      .filter((m) => m.place === 'platforms')
      .map((m) => [m.old, (adapters.chat[m.id as ChatPlatformId].section ?? empty).optional()]),
  );
  const formerSources = Object.fromEntries(
    movedKeysFor(adapters)
      .filter((m) => m.place === 'sources')
      .map((m) => [m.old, (adapters.sources[m.id as keyof AdapterConfigs['sources']].section ?? empty).optional()]),
  );
  const { brands, competitors, ...rest } = coreFileShape;
  return strictDeep(
    z.object({
      brands,
      competitors,
      /**
       * Each chat platform's section: its default channels (and the platform's own keys, e.g.
       * the Teams tenants), as its adapter declares them.
       */
      platforms: z.object(platforms).prefault({}),
      /** Deprecated: the chat platforms' sections under their old top-level names (resolveConfigFile). */
      ...formerChat,
      ...rest,
      sources: sourcesSchema(adapters.sources),
      /** Deprecated: the sources' sections under their old top-level names (resolveConfigFile). */
      ...formerSources,
    }),
  );
}

/** The whole file's schema, as configFileSchemaFor builds it. */
export type ConfigFileSchema = ReturnType<typeof configFileSchemaFor>;

const hasKeys = (value: unknown, ignore: string): boolean =>
  typeof value === 'object' && value !== null && Object.keys(value).some((k) => k !== ignore);

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

export function resolveConfigFile(moved: readonly MovedKey[], parsed: ParsedConfigFile, raw: unknown): ResolvedConfigFile {
  const own = (value: unknown, key: string): unknown =>
    value && typeof value === 'object' && Object.hasOwn(value, key) ? (value as Record<string, unknown>)[key] : undefined;
  const file = { ...parsed, platforms: { ...parsed.platforms }, sources: { ...parsed.sources } } as ParsedConfigFile;
  const deprecations: string[] = [];
  const problems: string[] = [];
  for (const { old, now, place, id } of moved) {
    delete (file as Record<string, unknown>)[old];
    const value = parsed[old];
    if (value === undefined) continue;
    // A reply webhook beside the old key is no clash: it was never under the old key.
    if (hasKeys(own(own(raw, place), id), 'replyWebhook')) {
      problems.push(`${old} and ${now} are the same setting (${old} is its old name): keep ${now} only`);
      continue;
    }
    deprecations.push(`the config file's \`${old}\` is deprecated: it is read for now; move it to \`${now}\` (same keys)`);
    const sections = file[place] as Record<string, AdapterSection | undefined>;
    sections[id] = { ...sections[id], ...(value as AdapterSection) };
  }
  return { file, deprecations, problems };
}
export type RoutingRule = z.infer<typeof routingRule>;
export type SavedReply = z.infer<typeof savedReply>;
