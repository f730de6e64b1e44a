import { execFileSync, spawnSync } from 'node:child_process';
import { copyFileSync, mkdirSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { LINE_LIMIT, longLines } from '../../scripts/source-files.js';

/**
 * scripts/split-long-lines.ts on a scratch git tree holding test/unit/fixtures/long-lines.ts: every line
 * ends within the limit, the module computes exactly what it did, what must not change does not, and a
 * second run changes nothing.
 */
const repo = join(import.meta.dirname, '../..');
const fixture = join(import.meta.dirname, 'fixtures/long-lines.ts');
const scratch = mkdtempSync(join(tmpdir(), 'klaxon-split-'));
const target = join(scratch, 'src/long-lines.ts');

function run(): { status: number | null; output: string } {
  const tool = spawnSync(join(repo, 'node_modules/.bin/tsx'), [join(repo, 'scripts/split-long-lines.ts'), `--root=${scratch}`], {
    encoding: 'utf8',
  });
  return { status: tool.status, output: `${tool.stdout}${tool.stderr}` };
}

afterAll(() => rmSync(scratch, { recursive: true, force: true }));

describe('scripts/split-long-lines.ts', () => {
  it('brings every line within the limit and keeps every value', { timeout: 60_000 }, async () => {
    mkdirSync(join(scratch, 'src'));
    copyFileSync(join(repo, 'biome.jsonc'), join(scratch, 'biome.jsonc'));
    copyFileSync(fixture, target);
    execFileSync('git', ['init', '-q'], { cwd: scratch });
    execFileSync('git', ['add', '.'], { cwd: scratch });
    expect(longLines(readFileSync(target, 'utf8')).length).toBeGreaterThanOrEqual(5);

    const first = run();
    expect(first.output).toContain('0 lines over');
    expect(first.status).toBe(0);
    const split = readFileSync(target, 'utf8');
    expect(longLines(split, LINE_LIMIT)).toEqual([]);

    const before = await import(fixture);
    const after = await import(target);
    expect(Object.keys(after).sort()).toEqual(Object.keys(before).sort());
    for (const key of Object.keys(before)) {
      if (typeof before[key] === 'function') expect(after[key]('Ana', 7)).toBe(before[key]('Ana', 7));
      else if (before[key] instanceof RegExp)
        expect([after[key].source, after[key].flags]).toEqual([before[key].source, before[key].flags]);
      else expect(after[key]).toEqual(before[key]);
    }
    // Split where it can: strings become chains, the regex a `new RegExp`, the comments several lines.
    expect(split).toContain("' +\n");
    expect(split).toContain('new RegExp(');
    expect(split).toMatch(/\/\/ A trailing comment[^\n]*\n(?:\s*\/\/[^\n]*\n)*export const trailing = 1;\n/);
    expect(split).toMatch(/\/\*\*\n \* A one-line doc comment/);
    // What must stay one literal does.
    expect(split).toContain(`'${Object.keys(before.keyed)[0]}'`);
    expect(split).toMatch(/\(\s*'a string whose length[^)]*\)\.length/);

    const second = run();
    expect(second.status).toBe(0);
    expect(readFileSync(target, 'utf8')).toBe(split);
  });
});
