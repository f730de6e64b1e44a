import { readFileSync, existsSync } from 'node:fs';
import { z } from 'zod';
import { cleanEnv, envSchema, type Env } from './env.js';
import { configFileSchema, resolveConfigFile, type ConfigFile } from './file.js';
import { describeUnknownKeys } from './strict.js';
import type { LlmSettings } from '../triage/config.js';

/** Everything the program is configured with: validated environment plus the config file. */
export interface Config {
  env: Env;
  file: ConfigFile;
  /** Where the config file came from, for the start-up log. */
  configSource: string;
  /** Channels after applying env overrides (env wins over the file). */
  channels: { triage?: string; escalation?: string; digest?: string };
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

function requireBoth(env: Env, a: keyof Env, b: keyof Env, problems: string[]): void {
  if (Boolean(env[a]) !== Boolean(env[b])) {
    const [set, missing] = env[a] ? [a, b] : [b, a];
    problems.push(`${missing} is required when ${set} is set`);
  }
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

const TEAMS_AUTH_KEYS = ['TEAMS_AUTH_OPENID_METADATA_URL', 'TEAMS_AUTH_TOKEN_ISSUER', 'TEAMS_AUTH_LOGIN_URL', 'TEAMS_AUTH_OAUTH_SCOPE'] as const;

function isLoopback(url: string): boolean {
  const host = new URL(url).hostname;
  return host === 'localhost' || host === '[::1]' || /^127\./.test(host);
}

/**
 * The TEAMS_AUTH_* overrides replace every Bot Framework endpoint at once (botbuilder reads any
 * one of them as "all are explicit"), and keys and tokens may travel in clear only on loopback.
 */
function teamsAuthProblems(e: Env): string[] {
  const set = TEAMS_AUTH_KEYS.filter((k) => e[k]);
  if (set.length === 0) return [];
  const problems = TEAMS_AUTH_KEYS.filter((k) => !e[k]).map((k) => `${k} is required when ${set[0]} is set (the Bot Framework endpoints are overridden together)`);
  if (!e.TEAMS_APP_ID) problems.push(`${set[0]} is set but Teams is not (set TEAMS_APP_ID and TEAMS_APP_PASSWORD)`);
  for (const key of ['TEAMS_AUTH_OPENID_METADATA_URL', 'TEAMS_AUTH_LOGIN_URL'] as const) {
    const url = e[key];
    if (url && !url.startsWith('https://') && !(url.startsWith('http://') && isLoopback(url))) problems.push(`${key} must be an https URL (http only on loopback, for tests)`);
  }
  return problems;
}

/** The Bot Framework endpoints from TEAMS_AUTH_*, when they are set (validated together by loadConfig). */
export function teamsAuthEndpoints(e: Env): { openIdMetadataUrl: string; tokenIssuer: string; loginUrl: string; oauthScope: string } | undefined {
  if (!e.TEAMS_AUTH_OPENID_METADATA_URL || !e.TEAMS_AUTH_TOKEN_ISSUER || !e.TEAMS_AUTH_LOGIN_URL || !e.TEAMS_AUTH_OAUTH_SCOPE) return undefined;
  return { openIdMetadataUrl: e.TEAMS_AUTH_OPENID_METADATA_URL, tokenIssuer: e.TEAMS_AUTH_TOKEN_ISSUER, loginUrl: e.TEAMS_AUTH_LOGIN_URL, oauthScope: e.TEAMS_AUTH_OAUTH_SCOPE };
}

export interface LoadConfigInput {
  env: Record<string, string | undefined>;
  /** Reads a file; injected so tests need no files. */
  readFile?: (path: string) => string;
  fileExists?: (path: string) => boolean;
}

/** Parses the environment and the config file once, collecting every problem before failing. */
export function loadConfig({ env: rawEnv, readFile, fileExists }: LoadConfigInput): Config {
  const read = readFile ?? ((p: string) => readFileSync(p, 'utf8'));
  const exists = fileExists ?? existsSync;
  const problems: string[] = [];

  const envResult = envSchema.safeParse(cleanEnv(rawEnv));
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
  for (const at of reservedKeyPaths(rawFile)) problems.push(`config ${path}: ${at} is not allowed: "__proto__" cannot be used as a name (choose another)`);
  const fileResult = configFileSchema.safeParse(rawFile);
  if (!fileResult.success) {
    for (const issue of fileResult.error.issues) {
      if (issue.code === 'unrecognized_keys') problems.push(...describeUnknownKeys(configFileSchema, issue).map((line) => `config ${path}: ${line}`));
      else problems.push(describe(`config ${path}`, issue));
    }
  }

  const resolved = fileResult.success ? resolveConfigFile(fileResult.data, rawFile) : null;
  if (resolved) problems.push(...resolved.problems.map((line) => `config ${path}: ${line}`));

  if (envResult.success) {
    const e = envResult.data;
    requireBoth(e, 'SLACK_BOT_TOKEN', 'SLACK_SIGNING_SECRET', problems);
    requireBoth(e, 'TEAMS_APP_ID', 'TEAMS_APP_PASSWORD', problems);
    const userKeys = ['TWITTER_APP_KEY', 'TWITTER_APP_SECRET', 'TWITTER_ACCESS_TOKEN', 'TWITTER_ACCESS_SECRET'] as const;
    const setKeys = userKeys.filter((k) => e[k]);
    if (setKeys.length > 0 && setKeys.length < userKeys.length) {
      for (const k of userKeys.filter((key) => !e[key])) problems.push(`${k} is required when ${setKeys[0]} is set (X user context needs all four)`);
    }
    if (e.SLACK_APP_TOKEN && !e.SLACK_BOT_TOKEN) problems.push('SLACK_BOT_TOKEN is required when SLACK_APP_TOKEN is set');
    problems.push(...teamsAuthProblems(e));
    if (fileResult.success) {
      for (const [source, settings] of Object.entries(fileResult.data.sources)) {
        if (settings.replyWebhook && !settings.replyWebhook.secret && !e.INGEST_SECRET) {
          problems.push(`config ${path}: sources.${source}.replyWebhook.secret is required when INGEST_SECRET is not set (replies are signed)`);
        }
      }
      if (e.TEAMS_APP_ID && !e.TEAMS_TENANT_ID && resolved?.file.platforms.teams.tenants.length === 0) {
        problems.push(
          'TEAMS_TENANT_ID is required when Teams is configured (or, for an older multi-tenant bot, list the tenant ids it serves ' +
            'in the config file as platforms.teams.tenants): activities from any other organisation are refused',
        );
      }
      const triage = e.TRIAGE_CHANNEL ?? resolved?.file.platforms.slack.triage;
      if (e.SLACK_BOT_TOKEN && !triage) {
        const where = 'TRIAGE_CHANNEL is required when Slack is configured (or set platforms.slack.triage in the config file)';
        problems.push(`${where}: cards need a default channel`);
      }
    }
  }

  const llm = fileResult.success ? fileResult.data.llm : undefined;
  const llmKey = llm?.apiKeyEnv ? rawEnv[llm.apiKeyEnv]?.trim() : undefined;
  if (llm?.apiKeyEnv && !llmKey) problems.push(`config ${path}: llm.apiKeyEnv names ${llm.apiKeyEnv}, which is not set in the environment (set it to the API key, or remove apiKeyEnv for a server that needs no key)`);

  if (problems.length > 0 || !envResult.success || !resolved) throw new ConfigError(problems);
  const env = envResult.data;
  const { file, deprecations } = resolved;
  return {
    env,
    file,
    configSource,
    channels: {
      triage: env.TRIAGE_CHANNEL ?? file.platforms.slack.triage,
      escalation: env.ESCALATION_CHANNEL ?? file.platforms.slack.escalation,
      digest: env.DIGEST_CHANNEL ?? file.platforms.slack.digest,
    },
    deprecations,
    llm: llm ? { ...llm, apiKey: llmKey ?? null } : null,
  };
}
