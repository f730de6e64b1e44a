import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { LINE_LIMIT, longLines, trackedSourceFiles } from '../../scripts/source-files.js';

/**
 * Biome keeps code within its lineWidth but never splits a string, a template, a regular expression or a
 * comment, so this reads the sources themselves. `npx tsx scripts/split-long-lines.ts` fixes most lines.
 */
const root = join(import.meta.dirname, '../..');

describe('source line length', () => {
  it(`no line of a source file is over ${LINE_LIMIT} characters`, () => {
    const files = trackedSourceFiles(root);
    const over = files.flatMap((path) => longLines(readFileSync(join(root, path), 'utf8')).map((line) => `${path}:${line}`));
    expect(over).toEqual([]);
  });

  it('reads every kind of source file and skips what tools write', () => {
    const files = trackedSourceFiles(root);
    for (const path of ['src/ports.ts', 'scripts/test.mjs', 'bin/klaxon.js', 'vitest.config.ts']) expect(files).toContain(path);
    expect(files.some((path) => path.startsWith('db/migrations/') || path.startsWith('bench/sets/'))).toBe(false);
    expect(files.some((path) => path.endsWith('.json'))).toBe(false);
  });

  it('counts characters, not bytes or UTF-16 units, and names each line once', () => {
    const atLimit = `${'é'.repeat(LINE_LIMIT - 1)}😀`;
    expect(longLines(`${atLimit}\nshort\n${atLimit}x\n`)).toEqual([3]);
  });
});
