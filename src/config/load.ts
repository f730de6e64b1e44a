import { readFileSync, existsSync } from 'node:fs';
import type { z } from 'zod';
import { adapterConfigList, cleanEnv, envSchemaFor, type Env } from './env.js';
import { configFileSchemaFor, movedKeysFor, resolveConfigFile, type ConfigFile, type ParsedConfigFile } from './file.js';
import { envOf, type AdapterConfigs } from './adapter-config.js';
import type { ChatTargets } from '../ports.js';
import { CHAT_PLATFORM_IDS, type ChatPlatformId } from '../domain/adapter-ids.js';
import { describeUnknownKeys } from './strict.js';
import type { LlmSettings } from '../triage/config.js';

/** Everything the program is configured with: validated environment plus the config file. */
export interface Config {
  env: Env;
  file: ConfigFile;
  /** Where the config file came from, for the start-up log. */
  configSource: string;
  /** Each chat platform's default targets, as its adapter reads them (its variables win over the file). */
  targets: Record<ChatPlatformId, ChatTargets>;
  /** Slack's default channels (`targets.slack`), under the name older code reads. */
  channels: ChatTargets;
  /** One line per deprecated key the config file still uses, naming its new place: logged once at start. */
  deprecations: string[];
  /** AI triage with its key read from the variable `llm.apiKeyEnv` names; null when `llm` is not set. */
  llm: LlmSettings | null;
}

/** A bad setting: one line per problem, naming the variable or config path and what is expected. */
export class ConfigError extends Error {
  readonly code = 'config_invalid';
  constructor(readonly problems: string[]) {
    super(`invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

function describe(prefix: string, issue: z.core.$ZodIssue): string {
  const path = issue.path.map(String).join('.');
  const where = prefix ? (path ? `${prefix}: ${path}` : prefix) : path || '(root)';
  return `${where} ${issue.message}`;
}

/**
 * Paths of every `__proto__` key in parsed JSON. JSON.parse keeps such a key as plain data, but
 * the moment it is copied into an ordinary object it sets the prototype instead (zod's records
 * drop it silently), so a source, calendar or theme by that name would vanish without a word.
 */
export function reservedKeyPaths(value: unknown, path: string[] = []): string[] {
  if (typeof value !== 'object' || value === null) return [];
  const found: string[] = [];
  for (const key of Object.keys(value)) {
    const at = [...path, key];
    if (key === '__proto__') found.push(at.join('.'));
    found.push(...reservedKeyPaths((value as Record<string, unknown>)[key], at));
  }
  return found;
}

export interface LoadConfigInput {
  env: Record<string, string | undefined>;
  /** Reads a file; injected so tests need no files. */
  readFile?: (path: string) => string;
  fileExists?: (path: string) => boolean;
}

/** The environment's and the config file's schemas for a set of adapters, built once (the registry's is the only one at run time). */
const schemas = new WeakMap<AdapterConfigs, { env: ReturnType<typeof envSchemaFor>; file: ReturnType<typeof configFileSchemaFor> }>();
export function schemasFor(adapters: AdapterConfigs) {
  let found = schemas.get(adapters);
  if (!found) {
    found = { env: envSchemaFor(adapters), file: configFileSchemaFor(adapters) };
    schemas.set(adapters, found);
  }
  return found;
}

/**
 * Parses the environment and the config file once, collecting every problem before failing. The
 * variables and sections of the chat platforms and sources are the ones `adapters` declare (the
 * composition root passes the registry's: app/config.ts).
 */
export function loadConfigFor(adapters: AdapterConfigs, { env: rawEnv, readFile, fileExists }: LoadConfigInput): Config {
  const read = readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const exists = fileExists ?? existsSync;
  const problems: string[] = [];
  const { env: envSchema, file: configFileSchema } = schemasFor(adapters);

  const envResult = envSchema.safeParse(cleanEnv(Object.keys(envSchema.shape), rawEnv));
  if (!envResult.success) {
    for (const issue of envResult.error.issues) problems.push(describe('', issue));
  }

  const explicit = rawEnv.KLAXON_CONFIG?.trim();
  const path = explicit || './klaxon.config.json';
  let rawFile: unknown = {};
  let configSource = 'built-in defaults';
  if (explicit || exists(path)) {
    try {
      rawFile = JSON.parse(read(path));
      configSource = path;
    } catch (error) {
      const reason = (error as NodeJS.ErrnoException).code === 'ENOENT' ? 'file not found' : (error as Error).message;
      problems.push(`KLAXON_CONFIG (${path}) cannot be read: ${reason}`);
    }
  }
  for (const at of reservedKeyPaths(rawFile))
    problems.push(`config ${path}: ${at} is not allowed: "__proto__" cannot be used as a name (choose another)`);
  const fileResult = configFileSchema.safeParse(rawFile);
  // The composed schema's type knows the adapters' sections only as "some section": ParsedConfigFile says so.
  const parsedFile = fileResult.success ? (fileResult.data as unknown as ParsedConfigFile) : null;
  if (!fileResult.success) {
    for (const issue of fileResult.error.issues) {
      if (issue.code === 'unrecognized_keys')
        problems.push(...describeUnknownKeys(configFileSchema, issue).map((line) => `config ${path}: ${line}`));
      else problems.push(describe(`config ${path}`, issue));
    }
  }

  const resolved = parsedFile ? resolveConfigFile(movedKeysFor(adapters), parsedFile, rawFile) : null;
  if (resolved) problems.push(...resolved.problems.map((line) => `config ${path}: ${line}`));

  if (envResult.success) {
    const e = envResult.data as Env;
    // Each adapter's checks across its own variables (and the file): pairs, and what goes together.
    for (const config of adapterConfigList(adapters)) {
      const lines = config.problems?.(envOf(config, e), resolved?.file ?? null) ?? [];
      for (const line of lines) if (!problems.includes(line)) problems.push(line);
    }
    if (parsedFile) {
      for (const [source, settings] of Object.entries(parsedFile.sources)) {
        if (settings.replyWebhook && !settings.replyWebhook.secret && !e.INGEST_SECRET) {
          problems.push(
            `config ${path}: sources.${source}.replyWebhook.secret is required when INGEST_SECRET is not set (replies are signed)`,
          );
        }
      }
    }
  }

  const llm = parsedFile?.llm;
  const llmKey = llm?.apiKeyEnv ? rawEnv[llm.apiKeyEnv]?.trim() : undefined;
  if (llm?.apiKeyEnv && !llmKey)
    problems.push(
      `config ${path}: llm.apiKeyEnv names ${llm.apiKeyEnv}, which is not set in the environment (set it to the API key, ` +
        `or remove apiKeyEnv for a server that needs no key)`,
    );

  if (problems.length > 0 || !envResult.success || !resolved) throw new ConfigError(problems);
  const env = envResult.data as Env;
  const { file, deprecations } = resolved;
  const targets = Object.fromEntries(
    CHAT_PLATFORM_IDS.map((id) => {
      const config = adapters.chat[id];
      return [id, config.targets(envOf(config, env), file.platforms[id])];
    }),
  ) as Record<ChatPlatformId, ChatTargets>;
  return {
    env,
    file,
    configSource,
    targets,
    channels: targets.slack,
    deprecations,
    llm: llm ? { ...llm, apiKey: llmKey ?? null } : null,
  };
}
