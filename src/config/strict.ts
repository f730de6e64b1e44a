import { z } from 'zod';

/**
 * Unknown keys in the config file are mistakes (`"vip"` for `"vips"`, `"P1"` for `"p1"`): a
 * schema that strips them starts the bot as if the setting were absent. These helpers make a
 * whole schema tree refuse them, whoever adds a section, and turn zod's "unrecognized key" into a
 * problem that names the full path and the key that was probably meant.
 */

type AnySchema = z.core.$ZodType;
type Def = Record<string, unknown> & { type: string };

const defOf = (schema: AnySchema): Def => schema._zod.def as unknown as Def;
const rebuild = <T extends AnySchema>(schema: T, def: Def): T => z.core.clone(schema, def as unknown as T['_zod']['def']);

/** Wrappers whose one inner schema sits in `innerType`. */
const WRAPPERS = new Set(['optional', 'nullable', 'default', 'prefault', 'catch', 'readonly', 'nonoptional', 'success']);

/**
 * Returns `schema` with every plain object inside it (through optional, default, arrays, records,
 * unions, pipes, lazy …) made strict. An object that already says what to do with other keys
 * (`z.looseObject`, `.catchall(…)`) keeps its choice.
 */
export function strictDeep<T extends AnySchema>(schema: T): T {
  const seen = new Map<AnySchema, AnySchema>();
  const walk = <S extends AnySchema>(s: S): S => {
    const known = seen.get(s);
    if (known) return known as S;
    const def = defOf(s);
    let out: AnySchema = s;
    if (def.type === 'object') {
      const shape = Object.fromEntries(Object.entries(def.shape as Record<string, AnySchema>).map(([k, v]) => [k, walk(v)]));
      // A catchall (the sections of sources named by the user) is itself made strict.
      out = rebuild(s, { ...def, shape, catchall: def.catchall ? walk(def.catchall as AnySchema) : z.never() });
    } else if (WRAPPERS.has(def.type)) {
      out = rebuild(s, { ...def, innerType: walk(def.innerType as AnySchema) });
    } else if (def.type === 'array') {
      out = rebuild(s, { ...def, element: walk(def.element as AnySchema) });
    } else if (def.type === 'record' || def.type === 'map') {
      out = rebuild(s, { ...def, valueType: walk(def.valueType as AnySchema) });
    } else if (def.type === 'set') {
      out = rebuild(s, { ...def, valueType: walk(def.valueType as AnySchema) });
    } else if (def.type === 'union') {
      out = rebuild(s, { ...def, options: (def.options as AnySchema[]).map(walk) });
    } else if (def.type === 'intersection') {
      out = rebuild(s, { ...def, left: walk(def.left as AnySchema), right: walk(def.right as AnySchema) });
    } else if (def.type === 'tuple') {
      out = rebuild(s, { ...def, items: (def.items as AnySchema[]).map(walk), rest: def.rest ? walk(def.rest as AnySchema) : def.rest });
    } else if (def.type === 'pipe') {
      out = rebuild(s, { ...def, in: walk(def.in as AnySchema), out: walk(def.out as AnySchema) });
    } else if (def.type === 'lazy') {
      const getter = def.getter as () => AnySchema;
      let cached: AnySchema | null = null;
      out = rebuild(s, { ...def, getter: () => (cached ??= walk(getter())) });
    }
    seen.set(s, out);
    return out as S;
  };
  return walk(schema);
}

/** The schema a value at `path` is checked by, through wrappers; null when the path leaves the schema. */
export function schemaAt(root: AnySchema, path: readonly PropertyKey[]): AnySchema | null {
  let current: AnySchema | null = root;
  for (const segment of path) {
    current = current ? childOf(unwrap(current), segment) : null;
    if (!current) return null;
  }
  return current ? unwrap(current) : null;
}

function unwrap(schema: AnySchema): AnySchema {
  let s = schema;
  for (let i = 0; i < 50; i++) {
    const def = defOf(s);
    if (WRAPPERS.has(def.type)) s = def.innerType as AnySchema;
    else if (def.type === 'pipe') s = def.in as AnySchema;
    else if (def.type === 'lazy') s = (def.getter as () => AnySchema)();
    else break;
  }
  return s;
}

function childOf(schema: AnySchema, segment: PropertyKey): AnySchema | null {
  const def = defOf(schema);
  if (def.type === 'object') {
    const own = (def.shape as Record<string, AnySchema>)[String(segment)];
    if (own) return own;
    // A key not in the shape is checked by the catchall, unless that refuses every other key.
    const rest = def.catchall as AnySchema | undefined;
    return rest && defOf(rest).type !== 'never' ? rest : null;
  }
  if (def.type === 'array') return def.element as AnySchema;
  if (def.type === 'record') return def.valueType as AnySchema;
  if (def.type === 'tuple') return (def.items as AnySchema[])[Number(segment)] ?? (def.rest as AnySchema | null) ?? null;
  return null;
}

/** The keys an object schema accepts, or null when it is not an object. */
function keysOf(schema: AnySchema | null): string[] | null {
  if (!schema) return null;
  const def = defOf(schema);
  return def.type === 'object' ? Object.keys(def.shape as object) : null;
}

/** Edit distance with adjacent transpositions (a typo swaps two letters as often as it drops one). */
export function editDistance(a: string, b: string): number {
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[][] = Array.from({ length: rows }, (_, i) => Array.from({ length: cols }, (_, j) => (i === 0 ? j : j === 0 ? i : 0)));
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min(d[i - 1]![j]! + 1, d[i]![j - 1]! + 1, d[i - 1]![j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) best = Math.min(best, d[i - 2]![j - 2]! + 1);
      d[i]![j] = best;
    }
  }
  return d[a.length]![b.length]!;
}

/** The known key closest to `key` (letter case ignored), when it is close enough to be a typo. */
export function closestKey(key: string, known: readonly string[]): string | null {
  const lower = key.toLowerCase();
  let best: { key: string; distance: number } | null = null;
  for (const candidate of known) {
    const distance = editDistance(lower, candidate.toLowerCase());
    const allowed = Math.max(1, Math.floor(Math.max(key.length, candidate.length) / 3));
    if (distance <= allowed && (!best || distance < best.distance)) best = { key: candidate, distance };
  }
  if (best) return best.key;
  // A shortened or lengthened name (`firstResponse` for `firstResponseMinutes`) is no typo but as clear.
  const affix = known.filter(
    (c) => Math.min(c.length, key.length) >= 4 && (c.toLowerCase().startsWith(lower) || lower.startsWith(c.toLowerCase())),
  );
  return affix.length === 1 ? affix[0]! : null;
}

/** Every path in the schema that ends in a key named `key` (any letter case): the section it belongs in. */
function pathsNamed(root: AnySchema, key: string, maxDepth = 4): string[] {
  const found: string[] = [];
  const lower = key.toLowerCase();
  const visit = (schema: AnySchema, path: string[], depth: number) => {
    if (depth > maxDepth || found.length >= 3) return;
    const s = unwrap(schema);
    const def = defOf(s);
    if (def.type === 'object') {
      for (const [k, v] of Object.entries(def.shape as Record<string, AnySchema>)) {
        if (k.toLowerCase() === lower) found.push([...path, k].join('.'));
        visit(v, [...path, k], depth + 1);
      }
    } else if (def.type === 'array') {
      visit(def.element as AnySchema, [...path, '0'], depth + 1);
    } else if (def.type === 'record') {
      visit(def.valueType as AnySchema, [...path, '<name>'], depth + 1);
    }
  };
  visit(root, [], 0);
  return found;
}

const MAX_LISTED_KEYS = 12;

/**
 * One problem per unknown key, each naming its full path: `scoring.thresholds.P1 is not a known
 * setting; did you mean \`p1\`?`. Without a close match it says where such a key does belong, or
 * lists the keys that section accepts.
 */
export function describeUnknownKeys(root: AnySchema, issue: { path: readonly PropertyKey[]; keys: readonly string[] }): string[] {
  const known = keysOf(schemaAt(root, issue.path)) ?? [];
  return issue.keys.map((key) => {
    const path = [...issue.path.map(String), key].join('.');
    const near = closestKey(key, known);
    if (near) return `${path} is not a known setting; did you mean \`${near}\`?`;
    const elsewhere = pathsNamed(root, key).filter((p) => p !== path);
    if (elsewhere.length > 0) return `${path} is not a known setting here; did you mean \`${elsewhere[0]}\`?`;
    const list = known.length > MAX_LISTED_KEYS ? `${known.slice(0, MAX_LISTED_KEYS).join(', ')}, …` : known.join(', ');
    return `${path} is not a known setting${known.length ? ` (this section takes: ${list})` : ''}`;
  });
}
