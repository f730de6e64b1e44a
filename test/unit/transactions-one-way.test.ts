import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative, sep } from 'node:path';
import { describe, expect, it } from 'vitest';

/**
 * Every transaction of the shipped code opens through `transaction(db, async (tx) => …)`
 * (db/transaction.ts). On SQLite's one connection a transaction opened any other way (drizzle's
 * synchronous `db.transaction(…)`) would start while another flow's transaction is open between two
 * of its awaits, and become part of it: rolled back with it, or committing half of it.
 */

const root = join(import.meta.dirname, '../..');
const SHIPPED = ['app', 'src', 'adapters', 'db', 'dev', 'scripts'];
const TRANSACTIONS = 'db/transaction.ts';
/**
 * `klaxon migrate-data` reads a SQLite file on a read-only connection of its own and writes
 * PostgreSQL through a client of its own: no other flow shares either, so it begins its own.
 */
const OWN_CONNECTIONS = new Set(['db/copy-sqlite-to-pg.ts']);

function filesUnder(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? filesUnder(path) : path.endsWith('.ts') ? [path] : [];
  });
}

/** Calls of a `.transaction(` method (not the `transaction(` function), and raw BEGINs, comments dropped. */
function otherTransactions(text: string): string[] {
  const code = text.replace(/\/\*[\s\S]*?\*\//g, '').replace(/(^|[^:'"`\\])\/\/.*$/gm, '$1');
  const method = /\.\s*transaction\s*\(/g;
  const rawBegin = /\b(exec|prepare|run)\s*\(\s*(sql\s*)?['"`]\s*begin\b/gi;
  return [...code.matchAll(method), ...code.matchAll(rawBegin)].map((m) => m[0].replace(/\s+/g, ' '));
}

describe('transactions open one way', () => {
  it('the reader sees method calls and raw BEGINs, not the transaction() function or comments', () => {
    const text = [
      'db.transaction((tx) => {});',
      'tx\n  .transaction((inner) => 1);',
      "handle.exec('BEGIN IMMEDIATE');",
      "const words = ['begin', 'start'];",
      'await transaction(db, async (tx) => {});',
      '// db.transaction(() => {}) in a comment',
    ].join('\n');
    expect(otherTransactions(text)).toEqual(['.transaction(', '.transaction(', "exec('BEGIN"]);
  });

  it('no shipped file but db/transaction.ts opens a transaction', () => {
    const found = SHIPPED.flatMap((folder) => filesUnder(join(root, folder)).map((path) => relative(root, path).split(sep).join('/')))
      .filter((file) => file !== TRANSACTIONS && !OWN_CONNECTIONS.has(file))
      .flatMap((file) => otherTransactions(readFileSync(join(root, file), 'utf8')).map((call) => `${file}: ${call}`));
    expect(found).toEqual([]);
  });
});
