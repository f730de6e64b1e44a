import { z } from 'zod';
import { databaseLocationProblem, sqlitePathOf } from './database-url.js';
import type { AdapterConfigs, AdapterEnv, EnvShape } from './adapter-config.js';

/**
 * The core's own variables (docs/CONTRACT.md §2). Each chat platform and source declares its own
 * in its folder (adapters/<id>/config.ts); envSchemaFor puts them together with these, so nothing
 * else in the program reads the process environment: the parsed, typed result is passed down.
 */
const optionalSecret = z.string().min(1, 'must not be empty when set').optional();

export const coreEnvShape = {
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
  LOG_LEVEL: z
    .enum(['trace', 'debug', 'info', 'warn', 'error', 'silent'], { message: 'must be trace, debug, info, warn, error or silent' })
    .default('info'),
  /** The base URL people reach Klaxon at: signed, expiring links (CSV downloads) point there. */
  PUBLIC_URL: z
    .url({ protocol: /^https?$/, message: 'must be the absolute http(s) URL people reach Klaxon at, e.g. https://klaxon.example.com' })
    .optional(),
  /** `auto`: with no chat platform configured, `npm start` serves the local sandbox at /sandbox; `off`: never. */
  KLAXON_SANDBOX: z
    .enum(['auto', 'off'], { message: 'must be "auto" (a local sandbox when no chat platform is configured) or "off"' })
    .default('auto'),
};

/** The core's variables, parsed. */
export type CoreEnv = z.infer<z.ZodObject<typeof coreEnvShape>>;

/** The whole parsed environment: the core's variables, typed, and the adapters' (each reads its own: envOf). */
export type Env = CoreEnv & AdapterEnv;

/** Core secrets: never logged, and scrubbed from error messages. */
export const CORE_SECRET_ENV_KEYS = ['INGEST_SECRET'] as const satisfies readonly (keyof CoreEnv)[];

/** Every declaration, chat platforms first, in the registry's order. */
export function adapterConfigList(adapters: AdapterConfigs) {
  return [...Object.values(adapters.chat), ...Object.values(adapters.sources)];
}

/**
 * The whole environment's schema: the core's variables and every adapter's. A variable declared by
 * two adapters must be the same declaration (Facebook and Instagram share the Meta app's); a
 * second meaning for one name, or an adapter taking a core variable, is a wiring mistake.
 */
export function envSchemaFor(adapters: AdapterConfigs) {
  const shape: Record<string, z.ZodType> = { ...coreEnvShape };
  for (const config of adapterConfigList(adapters)) {
    for (const [name, schema] of Object.entries(config.env as EnvShape)) {
      if (Object.hasOwn(shape, name) && shape[name] !== schema)
        throw new Error(`the environment variable ${name} is declared twice, differently`);
      shape[name] = schema;
    }
  }
  return z.object(shape);
}

/** Names of every secret setting: the core's and each adapter's. */
export function secretEnvKeysFor(adapters: AdapterConfigs): string[] {
  return [...new Set([...CORE_SECRET_ENV_KEYS, ...adapterConfigList(adapters).flatMap((c) => c.secretEnv)])];
}

/** Empty strings in the environment mean "unset" (a common `.env` habit: `PUBLIC_URL=`). */
export function cleanEnv(names: readonly string[], raw: Record<string, string | undefined>): Record<string, string> {
  const out: Record<string, string> = {};
  for (const key of names) {
    const value = Object.hasOwn(raw, key) ? raw[key] : undefined;
    if (value !== undefined && value.trim() !== '') out[key] = value.trim();
  }
  return out;
}

/**
 * Every secret value to redact from logs: the secret settings, and the passwords inside the ones
 * that are URLs (a mail server's), as written and decoded — a library error may quote either.
 */
export function secretValuesOf(keys: readonly string[], env: Env): string[] {
  const values = keys.map((k) => env[k]).filter((v): v is string => typeof v === 'string' && v.length > 0);
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
