import { readdirSync, readFileSync, statSync } from 'node:fs';
import { dirname, join, relative, resolve, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The dependency rules of docs/ARCHITECTURE.md, read from the sources. No file is exempt: a rule
 * that needs an exception is a design problem, not a test problem.
 *
 *   app/      composition root and CLI: may import everything it wires (dev/ only lazily)
 *   src/      the domain: imports only src/ and, from db/, the schema, the Db type and `transaction`
 *   adapters/ one folder per platform: imports src/, db/, its own folder and adapters/source-kit
 *   db/       schema, migrations, the driver: imports nothing else of the project
 *   dev/      the sandbox: imports src/ (and adapters/ if it ever needs them), never app/
 */

const root = join(import.meta.dirname, '../..');
const SHIPPED = ['app', 'src', 'adapters', 'db', 'dev'] as const;

/** What one import statement names: the file it is in, the text, and where a relative one points. */
interface Import {
  /** Repo-relative path of the importing file, with `/` separators. */
  file: string;
  specifier: string;
  /** Repo-relative target of a relative specifier (`src/ports.js`); null for a package. */
  target: string | null;
  /** The package a bare specifier names (`@slack/bolt`, `better-sqlite3`); null when relative. */
  pkg: string | null;
  /** `import type` / `export type`: erased at compile time, loads nothing. */
  typeOnly: boolean;
  /** `import('…')`: loaded when the code runs, not when the module loads. */
  lazy: boolean;
}

const toPosix = (path: string) => path.split(sep).join('/');

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

function packageOf(specifier: string): string {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}

/**
 * Every module specifier in a file: `import … from`, `export … from`, `import '…'` and `import('…')`.
 * Comments are dropped first, so a file that talks about an import does not count as making it.
 */
function readImports(file: string, text: string): Import[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const found: Import[] = [];
  const add = (specifier: string, typeOnly: boolean, lazy: boolean) => {
    const relativeSpec = specifier.startsWith('.');
    found.push({
      file,
      specifier,
      target: relativeSpec ? toPosix(relative(root, resolve(dirname(join(root, file)), specifier))) : null,
      pkg: relativeSpec ? null : packageOf(specifier),
      typeOnly,
      lazy,
    });
  };
  const fromClause = /\b(import|export)(\s+type)?\s+[^'";]*?\bfrom\s*['"]([^'"]+)['"]/g;
  for (const m of code.matchAll(fromClause)) add(m[3] as string, Boolean(m[2]), false);
  for (const m of code.matchAll(/\bimport\s+['"]([^'"]+)['"]/g)) add(m[1] as string, false, false);
  for (const m of code.matchAll(/\bimport\s*\(\s*['"]([^'"]+)['"]\s*\)/g)) add(m[1] as string, false, true);
  return found;
}

const cache = new Map<string, { text: string; imports: Import[] }>();
function source(path: string): { file: string; text: string; imports: Import[] } {
  const file = toPosix(relative(root, path));
  let entry = cache.get(file);
  if (!entry) {
    const text = readFileSync(path, 'utf8');
    entry = { text, imports: readImports(file, text) };
    cache.set(file, entry);
  }
  return { file, ...entry };
}

function sourcesIn(...folders: string[]) {
  const files = folders.flatMap((folder) => filesUnder(join(root, folder)).map(source));
  // A rule that read no file proves nothing.
  expect(files.length).toBeGreaterThan(0);
  return files;
}

const importsIn = (...folders: string[]) => sourcesIn(...folders).flatMap((s) => s.imports);
const folderOf = (target: string) => target.split('/')[0] ?? '';
const describeImport = (i: Import) => `${i.file} imports ${i.specifier}`;

const PLATFORM_SDKS = new RegExp(
  [
    '^(@slack/.*|botbuilder.*|botframework.*|@microsoft/agents.*|twitter-api-v2|@twitter-api-v2/.*|twitter-text',
    'imapflow|nodemailer.*|mailparser|smtp-server|@fastify/busboy|@atproto/.*|masto|openai|express)$',
  ].join('|'),
);
const DB_DRIVERS = /^(better-sqlite3|pg|drizzle-orm\/(better-sqlite3|node-postgres)(\/.*)?)$/;

describe('the import reader', () => {
  it('sees static, type-only, re-exported, side-effect and lazy imports, and ignores comments', () => {
    const text = [
      "import { a } from '../adapters/slack/index.js';",
      "import type { B } from '@slack/bolt';",
      "export { c } from './c.js';",
      "import {\n  d,\n  e,\n} from 'better-sqlite3';",
      "import './side-effect.js';",
      "const m = await import('../dev/sandbox/index.js');",
      "// import { nothing } from '../app/compose.js';",
      "/* export * from '../app/cli/main.js'; */",
    ].join('\n');
    const found = readImports('src/example.ts', text);
    expect(found.map((i) => [i.target ?? i.pkg, i.typeOnly, i.lazy])).toEqual([
      ['adapters/slack/index.js', false, false],
      ['@slack/bolt', true, false],
      ['src/c.js', false, false],
      ['better-sqlite3', false, false],
      ['src/side-effect.js', false, false],
      ['dev/sandbox/index.js', false, true],
    ]);
  });
});

describe('architecture', () => {
  it('src/ imports no chat or source SDK and no database driver', () => {
    const leaks = importsIn('src').filter((i) => i.pkg !== null && (PLATFORM_SDKS.test(i.pkg) || DB_DRIVERS.test(i.specifier)));
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('src/ imports nothing from adapters/, app/, dev/ or any folder but src/ and db/', () => {
    const leaks = importsIn('src').filter((i) => i.target !== null && !['src', 'db'].includes(folderOf(i.target)));
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('src/ reaches db/ only for the schema and the Db type, never the module that opens the driver', () => {
    const allowed = (target: string) =>
      target.startsWith('db/schema/') || target === 'db/types.js' || target === 'db/index.js' || target === 'db/transaction.js';
    const leaks = importsIn('src').filter((i) => i.target?.startsWith('db/') && !allowed(i.target));
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('db/ imports nothing from the rest of the project', () => {
    const leaks = importsIn('db').filter((i) => i.target !== null && folderOf(i.target) !== 'db');
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('src/domain/ imports only src/domain/ and the stored enums, and no package', () => {
    const allowed = (target: string | null) => target?.startsWith('src/domain/') || target === 'db/schema/enums.js';
    const leaks = importsIn(join('src', 'domain')).filter((i) => i.pkg !== null || !allowed(i.target));
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('src/ports.ts names only domain types: no report, SLA, triage or other implementation module', () => {
    const { imports } = source(join(root, 'src', 'ports.ts'));
    expect(imports.length).toBeGreaterThan(0);
    expect(imports.filter((i) => !i.target?.startsWith('src/domain/')).map(describeImport)).toEqual([]);
  });

  it('only app/ and dev/ import adapters/ from outside it', () => {
    const leaks = importsIn('src', 'db').filter((i) => i.target !== null && folderOf(i.target) === 'adapters');
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('an adapter imports no other platform adapter: only its own folder and adapters/source-kit', () => {
    const leaks = importsIn('adapters').filter((i) => {
      if (i.target === null || folderOf(i.target) !== 'adapters') return false;
      const own = i.file.split('/')[1];
      const other = i.target.split('/')[1];
      return other !== own && other !== 'source-kit';
    });
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('nothing in the shipped tree imports app/ but app/ itself', () => {
    const leaks = importsIn('src', 'adapters', 'db', 'dev').filter((i) => i.target !== null && folderOf(i.target) === 'app');
    expect(leaks.map(describeImport)).toEqual([]);
  });

  it('dev/ is loaded only lazily, by app/, and never by src/, adapters/ or db/', () => {
    const fromCore = importsIn('src', 'adapters', 'db').filter((i) => i.target !== null && folderOf(i.target) === 'dev');
    const eager = importsIn('app').filter((i) => i.target !== null && folderOf(i.target) === 'dev' && !i.lazy && !i.typeOnly);
    expect([...fromCore, ...eager].map(describeImport)).toEqual([]);
  });

  it('only db/ imports a database driver (SQLite or PostgreSQL)', () => {
    const opens = importsIn('app', 'src', 'adapters', 'dev').filter((i) => i.pkg !== null && DB_DRIVERS.test(i.specifier));
    expect(opens.map(describeImport)).toEqual([]);
  });

  it('nothing outside the CLI env module reads process.env', () => {
    const envModule = 'app/cli/env.ts';
    const readers = sourcesIn(...SHIPPED).filter((s) => s.file !== envModule && /process\.env\b/.test(s.text));
    expect(readers.map((s) => s.file)).toEqual([]);
    expect(source(join(root, envModule)).text).toMatch(/process\.env\b/);
  });

  it('every adapter folder keeps its SDK to itself', () => {
    const sdkOf: Record<string, RegExp> = {
      slack: /^@slack\//,
      teams: /^(botbuilder|botframework)/,
      twitter: /^twitter-api-v2/,
      email: /^(imapflow|nodemailer|mailparser|@fastify\/busboy)/,
      bluesky: /^@atproto\//,
      mastodon: /^masto$/,
      llm: /^openai(\/|$)/,
    };
    const leaks: string[] = [];
    for (const i of importsIn('adapters', 'app', 'dev')) {
      for (const [owner, sdk] of Object.entries(sdkOf)) {
        const foreign = !i.file.startsWith(`adapters/${owner}/`);
        if (i.pkg !== null && sdk.test(i.specifier) && foreign) leaks.push(`${i.file} imports the ${owner} SDK`);
      }
    }
    expect(leaks).toEqual([]);
  });
});
