/**
 * The whole configuration, composed from the registry: the core's variables and config-file
 * sections (src/config) with each registered adapter's own (adapters/<id>/config.ts). A chat
 * platform or source added to the registry brings its variables, its secrets and its section.
 */
import type { AdapterConfigs } from '../src/config/adapter-config.js';
import { type CORE_SECRET_ENV_KEYS, secretEnvKeysFor, secretValuesOf, type Env } from '../src/config/env.js';
import { ConfigError, loadConfigFor, schemasFor, type Config, type LoadConfigInput } from '../src/config/load.js';
import { REGISTRY } from './registry.js';

export { ConfigError, type Config, type LoadConfigInput };

/**
 * Every registered adapter's declaration, by id. The registry's tables are typed by the declared
 * ids, so this has one declaration per chat platform and source, or does not compile.
 */
const configsOf = <T extends Record<string, { readonly config: unknown }>>(table: T) =>
  Object.fromEntries(Object.entries(table).map(([id, registration]) => [id, registration.config])) as { [K in keyof T]: T[K]['config'] };
export const ADAPTER_CONFIGS = { chat: configsOf(REGISTRY.chat), sources: configsOf(REGISTRY.sources) } satisfies AdapterConfigs;

const schemas = schemasFor(ADAPTER_CONFIGS);
/** The environment's schema: the core's variables and every registered adapter's. */
export const envSchema = schemas.env;
/** The config file's schema: the core's sections, `platforms.<id>`, `sources.<id>` and the keys they moved from. */
export const configFileSchema = schemas.file;

type Registered = (typeof REGISTRY.chat)[keyof typeof REGISTRY.chat] | (typeof REGISTRY.sources)[keyof typeof REGISTRY.sources];
/** A secret setting's name: the core's, or one an adapter declared secret. */
export type SecretEnvKey = (typeof CORE_SECRET_ENV_KEYS)[number] | Registered['config']['secretEnv'][number];

/** Names of every secret setting: never logged, and scrubbed from error messages. */
export const SECRET_ENV_KEYS = secretEnvKeysFor(ADAPTER_CONFIGS) as readonly SecretEnvKey[];

/**
 * Every secret value to redact from logs: the secret settings, and the passwords inside the ones
 * that are URLs, as written and decoded — a library error may quote either.
 */
export function secretValues(env: Env): string[] {
  return secretValuesOf(SECRET_ENV_KEYS, env);
}

/** Parses the environment and the config file once, collecting every problem before failing. */
export function loadConfig(input: LoadConfigInput): Config {
  return loadConfigFor(ADAPTER_CONFIGS, input);
}
