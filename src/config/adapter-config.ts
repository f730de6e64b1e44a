import type { z } from 'zod';
import type { ChatTargets } from '../ports.js';
import type { ChatPlatformId, NativeSourceId } from '../domain/adapter-ids.js';
import type { ConfigFile } from './file.js';

/**
 * What an adapter declares about its own configuration, in its own folder: the environment
 * variables it reads (with their checks), which of them are secrets, its section of the config
 * file and the top-level key that section had before. The composition root (app/config.ts) puts
 * every registered adapter's declaration together with the core's own settings: nothing here, in
 * src/config, names a platform's variable.
 */

/** The variables an adapter owns: name → zod schema of the (trimmed, non-empty) value. */
export type EnvShape = Readonly<Record<string, z.ZodType>>;

/** The parsed values of the variables an adapter owns. */
export type EnvValues<S extends EnvShape> = { -readonly [K in keyof S]: z.output<S[K]> };

/** The parsed environment as the core sees the adapters' part of it: named by the adapters alone. */
export type AdapterEnv = { readonly [name: string]: unknown };

/** An adapter's config-file section as the core holds it (the adapter reads it with its own schema). */
export type AdapterSection = { readonly [key: string]: unknown };

export interface AdapterConfig<S extends EnvShape = EnvShape, K extends keyof S & string = keyof S & string> {
  /** The adapter's variables; their problems are listed with every other bad variable, one line each. */
  readonly env: S;
  /** Those never logged and scrubbed from error messages (a URL's password too: see secretValues). */
  readonly secretEnv: readonly K[];
  /**
   * Problems across the adapter's variables and the config file, one line each (a token set
   * without its pair). `file` is null when the config file itself is invalid.
   */
  problems?(env: EnvValues<S>, file: ConfigFile | null): string[];
  /** The adapter's config-file section (`platforms.<id>` or `sources.<id>`), keys as written. */
  readonly section?: z.ZodObject;
  /** The top-level key the section was read from before: still read, with a deprecation line at start. */
  readonly formerKey?: string;
}

/** A chat platform's declaration adds its default targets (its variables may override the file). */
export interface ChatAdapterConfig<S extends EnvShape = EnvShape, K extends keyof S & string = keyof S & string>
  extends AdapterConfig<S, K> {
  targets(env: EnvValues<S>, section: AdapterSection): ChatTargets;
}

/** A source's declaration adds the words a problem uses for it ("an X setting", "a Bluesky setting"). */
export interface SourceAdapterConfig<S extends EnvShape = EnvShape, K extends keyof S & string = keyof S & string>
  extends AdapterConfig<S, K> {
  readonly label: string;
}

/** Every registered adapter's declaration, by id: what the composition root passes to loadConfig. */
export interface AdapterConfigs {
  readonly chat: { readonly [K in ChatPlatformId]: ChatAdapterConfig };
  readonly sources: { readonly [K in NativeSourceId]: SourceAdapterConfig };
}

/**
 * The helpers an adapter declares its configuration with: they keep the variables' names and
 * types, and the names of its secrets (the composed list of secrets is typed by them).
 */
export function chatConfig<S extends EnvShape, K extends keyof S & string>(config: ChatAdapterConfig<S, K>): ChatAdapterConfig<S, K> {
  return config;
}

export function sourceConfig<S extends EnvShape, K extends keyof S & string>(config: SourceAdapterConfig<S, K>): SourceAdapterConfig<S, K> {
  return config;
}

/** The line for two variables that go together when one is set without the other, or none. */
export function requiredTogether<S extends EnvShape>(env: EnvValues<S>, a: keyof S & string, b: keyof S & string): string[] {
  if (Boolean(env[a]) === Boolean(env[b])) return [];
  const [set, missing] = env[a] ? [a, b] : [b, a];
  return [`${missing} is required when ${set} is set`];
}

/**
 * The adapter's own variables out of the whole parsed environment, typed by its declaration (the
 * composed schema parsed each with the schema declared here, so the values have these types).
 */
export function envOf<S extends EnvShape>(config: { readonly env: S }, env: AdapterEnv): EnvValues<S> {
  return Object.fromEntries(Object.keys(config.env).map((name) => [name, env[name]])) as EnvValues<S>;
}
