/**
 * Which files are source code and how long a line of them may be: shared by the line-length test and
 * scripts/split-long-lines.ts, so the check and the tool that makes it pass can never disagree.
 */
import { execFileSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { join } from 'node:path';

/** Biome's lineWidth (biome.jsonc); the formatter cannot keep to it where a literal or comment is longer. */
export const LINE_LIMIT = 140;

const SOURCE = /\.(?:ts|mts|cts|tsx|js|mjs|cjs)$/;
/**
 * Not checked: what tools write (drizzle-kit's migrations, benchmark sets, the build), and the input of
 * the split tool's own test, long on purpose (biome.jsonc leaves it out too).
 */
const NOT_CHECKED = [/^db\/migrations\//, /^bench\/sets\//, /^dist\//, /^test\/unit\/fixtures\/long-lines\.ts$/];

/**
 * Repo-relative paths (with `/`) of the source files git knows or would add (tracked, or new and not
 * ignored), sorted; a tracked file deleted in the work tree is left out.
 */
export function trackedSourceFiles(root: string): string[] {
  const args = ['ls-files', '-z', '--cached', '--others', '--exclude-standard'];
  const listed = execFileSync('git', args, { cwd: root, encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
  const paths = listed.split('\0').filter((path) => SOURCE.test(path) && !NOT_CHECKED.some((pattern) => pattern.test(path)));
  return [...new Set(paths)].filter((path) => existsSync(join(root, path))).sort();
}

/** A line's width in characters (code points, so an emoji counts once). */
export const lineWidth = (line: string): number => {
  let width = 0;
  for (const _ of line) width += 1;
  return width;
};

/** 1-based numbers of the lines of `text` wider than the limit. */
export function longLines(text: string, limit = LINE_LIMIT): number[] {
  const found: number[] = [];
  text.split('\n').forEach((line, index) => {
    if (lineWidth(line) > limit) found.push(index + 1);
  });
  return found;
}
