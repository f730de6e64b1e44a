import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { ConfigError, configFileSchema, loadConfig } from '../../app/config.js';
import { closestKey, describeUnknownKeys, strictDeep } from '../../src/config/strict.js';

function problemsOf(file: unknown): string[] {
  try {
    loadConfig({ env: { KLAXON_CONFIG: 'k.json' }, readFile: () => JSON.stringify(file) });
    return [];
  } catch (error) {
    if (error instanceof ConfigError) return error.problems;
    throw error;
  }
}

type Def = { type: string; [key: string]: unknown };
const defOf = (s: z.core.$ZodType) => s._zod.def as unknown as Def;

/** Paths of every object in a schema tree that would let an unknown key through. */
function lenientObjects(schema: z.core.$ZodType, path = '(root)', seen = new Set<unknown>()): string[] {
  if (seen.has(schema)) return [];
  seen.add(schema);
  const def = defOf(schema);
  const inner = (s: unknown, p: string) => lenientObjects(s as z.core.$ZodType, p, seen);
  switch (def.type) {
    case 'object': {
      const own = def.catchall && defOf(def.catchall as z.core.$ZodType).type === 'never' ? [] : [path];
      return [...own, ...Object.entries(def.shape as Record<string, unknown>).flatMap(([k, v]) => inner(v, `${path}.${k}`))];
    }
    case 'array':
      return inner(def.element, `${path}[]`);
    case 'record':
      return inner(def.valueType, `${path}.<key>`);
    case 'pipe':
      return [...inner(def.in, path), ...inner(def.out, path)];
    case 'union':
      return (def.options as unknown[]).flatMap((o) => inner(o, path));
    default:
      return 'innerType' in def ? inner(def.innerType, path) : [];
  }
}

describe('unknown keys in the config file', () => {
  it('stop the start with the path and the key that was meant (the issue’s example)', () => {
    const problems = problemsOf({ vip: ['@bigcustomer'], scoring: { thresholds: { P1: 90 } } });
    expect(problems).toContain('config k.json: vip is not a known setting; did you mean `vips`?');
    expect(problems).toContain('config k.json: scoring.thresholds.P1 is not a known setting; did you mean `p1`?');
    expect(problems).toHaveLength(2);
  });

  it('are found at every depth: in arrays, records and sections nested in sections', () => {
    const problems = problemsOf({
      routing: [{ match: { source: ['email'] }, slack: 'C1' }],
      sources: { email: { replyWebhok: { url: 'https://example.com/r', secret: 'a-secret-of-enough-length' } } },
      sla: { policies: { P1: { firstResponse: 5 } } },
      spikes: { theme: { minCuont: 3 } },
      replies: { saved: [{ id: 'a', title: 'A', text: 'Hi', color: 'red' }] },
    });
    expect(problems).toEqual(
      expect.arrayContaining([
        'config k.json: routing.0.match.source is not a known setting; did you mean `sources`?',
        'config k.json: sources.email.replyWebhok is not a known setting; did you mean `replyWebhook`?',
        'config k.json: sla.policies.P1.firstResponse is not a known setting; did you mean `firstResponseMinutes`?',
        'config k.json: spikes.theme.minCuont is not a known setting; did you mean `minCount`?',
        expect.stringMatching(/^config k\.json: replies\.saved\.0\.color is not a known setting \(this section takes: id, title, text\)$/),
      ]),
    );
  });

  it('placed in the wrong section, point to the section they belong in', () => {
    expect(problemsOf({ thresholds: { p1: 80 } })).toEqual([
      'config k.json: thresholds is not a known setting here; did you mean `scoring.thresholds`?',
    ]);
  });

  it('with nothing close, list what the section takes', () => {
    expect(problemsOf({ digest: { cadence: 'daily' } })).toEqual([
      'config k.json: digest.cadence is not a known setting (this section takes: time, timeZone)',
    ]);
  });

  it('every object in the config file schema refuses unknown keys (sections added later included)', () => {
    expect(lenientObjects(configFileSchema)).toEqual([]);
  });

  it(
    'strictDeep reaches objects behind optional, default, prefault, arrays, ' + 'records, unions, pipes and lazy, and keeps refinements',
    () => {
      const leaf = z.object({ name: z.string() });
      const schema = strictDeep(
        z.object({
          a: leaf.optional(),
          b: leaf.default({ name: 'x' }),
          c: z.array(leaf),
          d: z.record(z.string(), leaf),
          e: z.union([leaf, z.string()]),
          f: z
            .object({ n: z.number() })
            .refine((v) => v.n > 0, 'n must be positive')
            .prefault({ n: 1 }),
          g: z.lazy(() => leaf).optional(),
          h: z
            .string()
            .transform((s) => s.length)
            .pipe(z.number()),
          loose: z.looseObject({ keep: z.string() }),
        }),
      );
      const base = { c: [], d: {}, e: 'x', h: 'abc', loose: { keep: 'k', extra: 1 } };
      expect(schema.safeParse(base).success).toBe(true);
      for (const bad of [
        { a: { name: 'n', x: 1 } },
        { b: { name: 'n', x: 1 } },
        { c: [{ name: 'n', x: 1 }] },
        { d: { k: { name: 'n', x: 1 } } },
        { f: { n: 1, x: 1 } },
        { g: { name: 'n', x: 1 } },
        { top: 1 },
      ]) {
        expect(schema.safeParse({ ...base, ...bad }).success, JSON.stringify(bad)).toBe(false);
      }
      // A union with an unknown key falls to its other options, which refuse it too.
      expect(schema.safeParse({ ...base, e: { name: 'n', x: 1 } }).success).toBe(false);
      expect(schema.safeParse({ ...base, f: { n: -1 } }).success).toBe(false);
      // A section that chose to accept anything keeps that choice.
      expect(schema.parse(base).loose).toEqual({ keep: 'k', extra: 1 });
    },
  );

  it('describes unknown keys of any schema built with strictDeep', () => {
    const schema = strictDeep(z.object({ llm: z.object({ baseUrl: z.string(), timeoutMs: z.number() }).optional() }));
    const result = schema.safeParse({ llm: { baseURL: 'x', timeoutMs: 1, temprature: 0 } });
    expect(result.success).toBe(false);
    const issue = result.error!.issues.find((i) => i.code === 'unrecognized_keys');
    expect(issue).toBeDefined();
    expect(describeUnknownKeys(schema, issue as { path: PropertyKey[]; keys: string[] })).toEqual([
      'llm.baseURL is not a known setting; did you mean `baseUrl`?',
      'llm.temprature is not a known setting (this section takes: baseUrl, timeoutMs)',
    ]);
  });

  it('suggests the known key for any one-letter slip (dropped, added, changed, swapped, or case)', () => {
    const known = Object.keys(defOf(configFileSchema).shape as object);
    const slip = fc
      .tuple(fc.constantFrom(...known), fc.nat(), fc.constantFrom('drop', 'add', 'change', 'swap', 'case'), fc.constantFrom(...'qxzj'))
      .map(([key, at, kind, letter]) => {
        const i = at % key.length;
        const typo =
          kind === 'drop'
            ? key.slice(0, i) + key.slice(i + 1)
            : kind === 'add'
              ? key.slice(0, i) + letter + key.slice(i)
              : kind === 'change'
                ? key.slice(0, i) + letter + key.slice(i + 1)
                : kind === 'swap' && i + 1 < key.length
                  ? key.slice(0, i) + key[i + 1] + key[i] + key.slice(i + 2)
                  : key.toUpperCase();
        return { key, typo };
      })
      .filter(({ key, typo }) => typo !== key && typo.length >= 4 && !known.includes(typo));
    fc.assert(
      fc.property(slip, ({ key, typo }) => {
        const suggestion = closestKey(typo, known);
        // Another key may be just as close to the typo; it must then be as close as the meant one.
        expect(suggestion).not.toBeNull();
        if (suggestion !== key) expect(known).toContain(suggestion);
      }),
    );
  });

  it('never suggests a key that is not close', () => {
    expect(closestKey('zzzz', ['vips', 'sla', 'digest'])).toBeNull();
    expect(closestKey('colour', ['vips', 'sla', 'digest'])).toBeNull();
  });
});
