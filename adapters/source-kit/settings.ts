import { z } from 'zod';
import { ConfigError } from '../../src/config/load.js';

/** The environment as a source's settings function receives it. */
export type SourceEnv = NodeJS.ProcessEnv | Record<string, string | undefined>;

/** A variable's value, trimmed; empty means unset (a common `.env` habit: `MASTODON_TOKEN=`). */
export function envValue(env: SourceEnv, name: string): string | undefined {
  if (!Object.hasOwn(env, name)) return undefined;
  const value = env[name];
  return typeof value === 'string' && value.trim() !== '' ? value.trim() : undefined;
}

/**
 * `config.sources.<source>` from the validated config file, read with own-property checks only
 * (a source named `__proto__` must never find an inherited value).
 */
export function sourceSection(config: unknown, source: string): Record<string, unknown> {
  if (!config || typeof config !== 'object') return {};
  const sources = Object.hasOwn(config, 'sources') ? (config as { sources?: unknown }).sources : undefined;
  if (!sources || typeof sources !== 'object' || !Object.hasOwn(sources, source)) return {};
  const section = (sources as Record<string, unknown>)[source];
  return section && typeof section === 'object' ? (section as Record<string, unknown>) : {};
}

/** One line per zod issue, naming the variable (or config path) and what is expected. */
export function issueLines(error: z.ZodError, label: (path: string) => string): string[] {
  return error.issues.map((issue) => `${label(issue.path.map(String).join('.'))} ${issue.message}`);
}

/** Stops the start the way every other bad setting does: one line per problem. */
export function refuseSettings(problems: readonly string[]): never {
  throw new ConfigError([...problems]);
}

/** A source's seconds between reads (`sources.<id>.pollIntervalSeconds`): at least `min`, at most an hour. */
export function pollSeconds(min: number) {
  return z
    .number()
    .int('must be a whole number of seconds')
    .min(min, `must be at least ${min} seconds`)
    .max(3600, 'must be at most 3600 seconds (an hour)');
}

/**
 * Variables a source reads as they are written: declared for the composed environment (unset
 * when empty, listed as secrets), and checked by the source's own settings function, which names
 * each problem without echoing a value.
 */
export function plainVariables<const N extends string>(names: readonly N[]): { [K in N]: z.ZodOptional<z.ZodString> } {
  return Object.fromEntries(names.map((name) => [name, z.string().optional()])) as { [K in N]: z.ZodOptional<z.ZodString> };
}
