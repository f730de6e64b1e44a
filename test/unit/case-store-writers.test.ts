import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * The case store (src/cases/store.ts) is the one writer of case rows: read from the sources, no
 * other shipped file updates, inserts into or deletes from `cases`, with the query builder or in
 * SQL. Tests may seed rows directly; the code that ships may not.
 */

const root = join(import.meta.dirname, '../..');
// test/ and bench/ seed their fixtures' rows directly; they are not part of what runs a deployment.
const SHIPPED = ['app', 'src', 'adapters', 'db', 'dev', 'scripts'];
const STORE = 'src/cases/store.ts';

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : /\.(ts|sql)$/.test(path) ? [path] : [];
  });
}

// Migrations create and reshape the table (db/ owns the schema): that is not writing a case.
const isMigration = (file: string) => file.startsWith('db/migrations/');

/** The case writes in a file's code (comments dropped), one line each. */
function caseWrites(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const builder = /\.\s*(update|insert|delete)\s*\(\s*(?:[\w$]+\.)?cases\s*\)/g;
  const rawSql = /\b(update|insert\s+into|delete\s+from)\s+["`]?cases["`]?[\s(]/gi;
  return [...code.matchAll(builder), ...code.matchAll(rawSql)].map((m) => m[0].replace(/\s+/g, ' '));
}

describe('the case store is the one writer of case rows', () => {
  it('the reader sees builder and SQL writes, and not reads, other tables or comments', () => {
    const text = [
      'tx.update(cases).set({ ownerId }).run();',
      'db\n  .insert(schema.cases)\n  .values(row)',
      'tx.delete(cases).where(eq(cases.id, 1));',
      'db.run(sql`UPDATE cases SET version = 2`);',
      'db.exec(\'insert into "cases" (id) values (1)\');',
      'tx.select().from(cases).get();',
      'tx.update(caseEvents).set({});',
      'tx.update(mentions).set({ caseId: 1 });',
      '// tx.update(cases) in a comment',
      '/* db.insert(cases) */',
    ].join('\n');
    expect(caseWrites(text)).toEqual([
      '.update(cases)',
      '.insert(schema.cases)',
      '.delete(cases)',
      'UPDATE cases ',
      'insert into "cases" ',
    ]);
  });

  it('no shipped file but the store writes a case row', () => {
    const writers = SHIPPED.flatMap((folder) => {
      const dir = join(root, folder);
      try {
        statSync(dir);
      } catch {
        return [];
      }
      return filesUnder(dir).map((path) => ({ file: relative(root, path).split(sep).join('/'), text: readFileSync(path, 'utf8') }));
    })
      .filter(({ file }) => file !== STORE && !isMigration(file))
      .flatMap(({ file, text }) => caseWrites(text).map((write) => `${file}: ${write}`));
    expect(writers).toEqual([]);
  });

  it('the store itself is read and writes cases (the scan looks where the writes are)', () => {
    expect(caseWrites(readFileSync(join(root, STORE), 'utf8')).length).toBeGreaterThan(0);
  });
});
