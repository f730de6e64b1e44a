import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ADAPTER_CONFIGS, configFileSchema, envSchema, SECRET_ENV_KEYS } from '../../app/config.js';
import { REGISTRY, type ChatRegistration, type SourceRegistration } from '../../app/registry.js';
import { sourceConfig, type AdapterConfigs } from '../../src/config/adapter-config.js';
import { coreEnvShape } from '../../src/config/env.js';
import { ConfigError, loadConfigFor } from '../../src/config/load.js';
import { schemaAt } from '../../src/config/strict.js';

/**
 * The claim of docs/ARCHITECTURE.md, "Adding an adapter": a chat platform or source brings its own
 * variables, secrets and config-file section from its folder, and the registry line is all the
 * core needs to read them. These tests read the registry, so they hold for adapters added later.
 */

/** Every registered adapter with its declaration, by id. */
const modules = [...Object.entries(REGISTRY.chat), ...Object.entries(REGISTRY.sources)].map(([id, registration]) => ({
  id,
  config: registration.config,
}));
const placeOf = (id: string) => (Object.hasOwn(REGISTRY.chat, id) ? 'platforms' : 'sources');

function problemsOf(adapters: AdapterConfigs, env: Record<string, string>, file: unknown = {}): string[] {
  try {
    loadConfigFor(adapters, { env: { KLAXON_CONFIG: 'k.json', ...env }, readFile: () => JSON.stringify(file) });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

describe('each adapter declares its own configuration', () => {
  it('does not compile as a registry line without a declaration, nor as a set of declarations missing an id', () => {
    const { config: _slack, ...slackWithout } = REGISTRY.chat.slack;
    // @ts-expect-error -- a chat platform's line must carry its variables and section.
    const chat: ChatRegistration<'slack'> = slackWithout;
    const { config: _x, ...xWithout } = REGISTRY.sources.twitter;
    // @ts-expect-error -- so must a source's.
    const source: SourceRegistration<'twitter'> = xWithout;
    const { mastodon: _mastodon, ...sources } = ADAPTER_CONFIGS.sources;
    // @ts-expect-error -- every declared source id needs a declaration.
    const missing: AdapterConfigs = { chat: ADAPTER_CONFIGS.chat, sources };
    expect([chat, source, missing].every(Boolean)).toBe(true);
  });

  it('every registered adapter’s variables are in the environment’s schema, as it declared them', () => {
    const shape = envSchema.shape as Record<string, unknown>;
    for (const module of modules) {
      const declared = Object.entries(module.config.env as Record<string, unknown>);
      expect(declared.length, `${module.id} declares its variables`).toBeGreaterThan(0);
      for (const [name, schema] of declared) expect(shape[name], `${module.id}: ${name}`).toBe(schema);
    }
    // Nothing else: the core's variables and the adapters', no more.
    const declared = new Set([...Object.keys(coreEnvShape), ...modules.flatMap((m) => Object.keys(m.config.env))]);
    expect(Object.keys(shape).filter((name) => !declared.has(name))).toEqual([]);
  });

  it('every registered adapter’s secrets are redacted, and only declared secrets are', () => {
    for (const module of modules)
      for (const name of module.config.secretEnv) expect(SECRET_ENV_KEYS, `${module.id}: ${name}`).toContain(name);
    const adapterSecrets = new Set(modules.flatMap((m) => m.config.secretEnv));
    expect(SECRET_ENV_KEYS.filter((name) => !adapterSecrets.has(name as never))).toEqual(['INGEST_SECRET']);
  });

  it('every registered adapter’s section is in the config file’s schema at its place, and its old key at the top', () => {
    for (const module of modules) {
      const keys = Object.keys(module.config.section?.shape ?? {});
      for (const key of keys)
        expect(schemaAt(configFileSchema, [placeOf(module.id), module.id, key]), `${module.id}: ${key}`).not.toBeNull();
      if (module.config.formerKey)
        expect(schemaAt(configFileSchema, [module.config.formerKey]), `${module.id}: ${module.config.formerKey}`).not.toBeNull();
    }
  });

  it('a declaration alone puts new variables, a new section and an old key into the configuration', () => {
    const newcomer = sourceConfig({
      label: 'Newcomer',
      env: { NEWCOMER_TOKEN: z.string().regex(/^nc-/, 'must start with nc-').optional() },
      secretEnv: ['NEWCOMER_TOKEN'],
      section: z.object({ depth: z.number().int().min(1, 'must be at least 1').optional() }),
      formerKey: 'newcomer',
      problems: (e, file) =>
        e.NEWCOMER_TOKEN && file?.sources.mastodon?.depth === undefined ? ['NEWCOMER_TOKEN needs sources.mastodon.depth'] : [],
    });
    const adapters: AdapterConfigs = { ...ADAPTER_CONFIGS, sources: { ...ADAPTER_CONFIGS.sources, mastodon: newcomer } };
    expect(problemsOf(adapters, { NEWCOMER_TOKEN: 'wrong' })).toEqual(['NEWCOMER_TOKEN must start with nc-']);
    expect(problemsOf(adapters, { NEWCOMER_TOKEN: 'nc-1' })).toEqual(['NEWCOMER_TOKEN needs sources.mastodon.depth']);
    expect(problemsOf(adapters, {}, { sources: { mastodon: { depth: 0 } } })).toEqual([
      'config k.json: sources.mastodon.depth must be at least 1',
    ]);
    expect(problemsOf(adapters, {}, { sources: { mastodon: { dept: 2 } } })).toEqual([
      'config k.json: sources.mastodon.dept is not a known setting; did you mean `depth`?',
    ]);
    expect(problemsOf(adapters, {}, { sources: { tiktok: { depth: 2 } } })).toEqual([
      'config k.json: sources.tiktok.depth is a Newcomer setting: it belongs under sources.mastodon.depth',
    ]);
    const config = loadConfigFor(adapters, {
      env: { NEWCOMER_TOKEN: 'nc-1', KLAXON_CONFIG: 'k.json' },
      readFile: () => '{"newcomer":{"depth":3}}',
    });
    expect(config.file.sources.mastodon).toEqual({ depth: 3 });
    expect(config.deprecations).toEqual([expect.stringMatching(/`newcomer` is deprecated.*`sources\.mastodon`/)]);
    // The registry's own configuration never knew the newcomer's variable or key.
    expect(Object.hasOwn(envSchema.shape, 'NEWCOMER_TOKEN')).toBe(false);
    expect(schemaAt(configFileSchema, ['newcomer'])).toBeNull();
  });
});

describe('the core’s configuration', () => {
  /** Every variable an adapter declares: none of them may be spelled in the core's config code. */
  const adapterVariables = modules.flatMap((m) => Object.keys(m.config.env));
  const PLATFORM_PREFIXES = /\b(SLACK|TEAMS|TWITTER|X|IMAP|SMTP|EMAIL|META|GOOGLE|BLUESKY|MASTODON)_[A-Z]/;
  const root = join(import.meta.dirname, '../..');
  const files = [
    ...readdirSync(join(root, 'src/config')).map((name) => `src/config/${name}`),
    'src/adapter-modules.ts',
    'src/ports.ts',
  ].filter((file) => file.endsWith('.ts'));

  it('names no platform’s variable: each is declared in its adapter’s folder', () => {
    expect(files.length).toBeGreaterThan(4);
    expect(adapterVariables.length).toBeGreaterThan(30);
    const found = files.flatMap((file) => {
      const text = readFileSync(join(root, file), 'utf8');
      const named = adapterVariables.filter((name) => new RegExp(`\\b${name}\\b`).test(text));
      const prefixed = PLATFORM_PREFIXES.exec(text);
      return [...named.map((name) => `${file}: ${name}`), ...(prefixed ? [`${file}: ${prefixed[0]}…`] : [])];
    });
    expect(found).toEqual([]);
  });
});
