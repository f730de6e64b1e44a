import { spawnSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { configFileSchema, envSchema } from '../../app/config.js';
import { schemaAt } from '../../src/config/strict.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { firstResponseStatus } from '../../src/sla/status.js';
import { makeCore, parsed } from '../helpers/core.js';

/** The README a newcomer follows: its names must be the program's names. */
const README = readFileSync(join(import.meta.dirname, '../../README.md'), 'utf8');
const TOP_LEVEL = Object.keys((configFileSchema._zod.def as unknown as { shape: object }).shape);

/** Every `a.b.c` in backticks whose first name is a config section: what the README tells people to set. */
function documentedConfigPaths(): string[] {
  const tokens = [...README.matchAll(/`([A-Za-z][\w]*(?:\.(?:[\w]+|<[a-z]+>))+)`/g)].map((m) => m[1]!);
  return [...new Set(tokens.filter((t) => TOP_LEVEL.includes(t.split('.')[0]!)))];
}

describe('README', () => {
  it('names config settings exactly as the schema spells them', () => {
    const paths = documentedConfigPaths();
    expect(paths.length).toBeGreaterThan(20);
    const unknown = paths.filter(
      (p) =>
        !schemaAt(
          configFileSchema,
          p.split('.').map((s) => (s.startsWith('<') ? 'any' : /^\d+$/.test(s) ? Number(s) : s)),
        ),
    );
    expect(unknown).toEqual([]);
  });

  it('names every section of the config file', () => {
    const missing = TOP_LEVEL.filter((key) => !new RegExp(`\`${key}[\`.]`).test(README));
    expect(missing).toEqual([]);
  });

  it('lists exactly the environment variables the program reads', () => {
    const table = README.slice(README.indexOf('## Settings'), README.indexOf('The config file'));
    const listed = new Set(
      [...table.matchAll(/^\|([^|]+)\|/gm)].flatMap((m) => [...m[1]!.matchAll(/`([A-Z][A-Z0-9_]+)`/g)].map((v) => v[1]!)),
    );
    const known = Object.keys(envSchema.shape);
    expect([...listed].filter((v) => !known.includes(v))).toEqual([]);
    expect(known.filter((v) => !listed.has(v))).toEqual([]);
  });

  it('its curl example sends a mention written just now, so the first card is not already overdue', async () => {
    const block = /```\n(curl -s localhost:3000\/ingest[\s\S]*?)\n# →/.exec(README)?.[1];
    expect(block).toBeDefined();
    const data = /-d ('[\s\S]*')$/.exec(block!)?.[1];
    expect(data).toBeDefined();
    // The shell turns the -d argument into the body curl sends; print it instead of sending it.
    const body = spawnSync('bash', ['-c', `printf '%s' ${data}`], { encoding: 'utf8' }).stdout;
    const mention = JSON.parse(body) as { createdAt: string };
    const now = new Date();
    expect(Math.abs(new Date(mention.createdAt).getTime() - now.getTime())).toBeLessThan(60_000);

    const core = makeCore({ now: now.toISOString() });
    await ingestMentions(core.ingest, [parsed(mention as never)]);
    const row = core.handle.db.query.cases.findFirst().sync();
    expect(row).toBeDefined();
    const status = firstResponseStatus({ priority: row!.priority, createdAt: row!.createdAt }, core.cases.sla, now);
    expect(status.phase).not.toBe('breached');
    expect(status.remainingMs).toBeGreaterThan(0);
  });
});
