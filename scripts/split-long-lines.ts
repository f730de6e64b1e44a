/**
 * Brings every source line within LINE_LIMIT where Biome's formatter cannot: it never splits a string,
 * a template, a regular expression or a comment. This tool does, and leaves the layout to Biome:
 *
 *   npx tsx scripts/split-long-lines.ts           format, split, format again, until nothing is left to split
 *   npx tsx scripts/split-long-lines.ts --check   only list the lines over the limit (exit 1 if any)
 *   --root=<dir>                                   work on another tree than this repository
 *
 * What it rewrites, always keeping the value the code computes:
 * - a string or template literal becomes a `+` chain of literals cut between phrases (`| `, `, `) or
 *   words (`'… ' + '…'`); a multi-line template is cut on its long lines only, so its text stays as it was;
 * - a regular expression literal outside a function (a module constant, compiled once) or in a test
 *   becomes `new RegExp(String.raw`…` + '…', 'flags')`, cut after a `|` where it can (a piece without
 *   a backslash is a plain string);
 * - a `//` comment becomes several; a trailing one moves onto lines of its own above its code;
 *   a line of a block comment continues on the next with the same ` * ` prefix.
 * Every rewritten literal is parsed again and its value compared with the original before the file is
 * written, so a bug here stops the run instead of changing behaviour. Directives (`biome-ignore`,
 * `@ts-…`), module specifiers, property names, literal types, `case` labels, tagged templates and the
 * like are never touched; what is left is listed at the end for a hand fix.
 */
import { spawnSync } from 'node:child_process';
import { readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { type Node, SyntaxKind } from 'typescript/unstable/ast';
import { LINE_LIMIT, longLines, trackedSourceFiles } from './source-files.js';
import { comments, splitBlockCommentLine, splitLineComment } from './split-long-lines/comments.js';
import { splitLiteral, splitRegex } from './split-long-lines/literals.js';
import { type Edit, type FileState, isLiteral, lineEnd, lineOf, lineStarts, parse, walk } from './split-long-lines/source.js';
import { chainValue } from './split-long-lines/values.js';

/** The tree to work on: this repository, or `--root=<dir>` (a git work tree with its own biome.jsonc; the tool's test uses one). */
const rootArg = process.argv.find((arg) => arg.startsWith('--root='));
const root = rootArg ? resolve(rootArg.slice('--root='.length)) : resolve(import.meta.dirname, '..');
const biome = join(import.meta.dirname, '..', 'node_modules', '.bin', 'biome');
const MAX_PASSES = 8;

/** The rewrites for one file's long lines. */
function planFile(state: FileState, long: number[]): Edit[] {
  const longSet = new Set(long);
  const literals: Node[] = [];
  walk(state.file, (node) => {
    if (isLiteral(node.kind)) literals.push(node);
  });
  const edits: Edit[] = [];
  const fixed = new Set<number>();
  const touches = (node: Node) => {
    const first = lineOf(state, node.getStart(state.file));
    const last = lineOf(state, node.end);
    for (let line = first; line <= last; line += 1) if (longSet.has(line + 1)) return true;
    return false;
  };
  for (const node of literals) {
    if (!touches(node)) continue;
    const edit = node.kind === SyntaxKind.RegularExpressionLiteral ? splitRegex(node, state) : splitLiteral(node, state, longSet);
    if (!edit) continue;
    edits.push(edit);
    for (let line = lineOf(state, edit.start); line <= lineOf(state, edit.end); line += 1) fixed.add(line + 1);
  }
  const found = comments(state, literals);
  for (const lineNumber of long) {
    if (fixed.has(lineNumber)) continue;
    const line = lineNumber - 1;
    const lineStart = state.lines[line]!;
    const lineStop = lineEnd(state, line);
    const comment = found.find((range) => range.start < lineStop && range.end > lineStart);
    if (!comment) continue;
    const edit =
      comment.kind === SyntaxKind.SingleLineCommentTrivia
        ? splitLineComment(state, line, comment.start, comment.end)
        : splitBlockCommentLine(state, line, comment);
    if (edit) {
      edits.push(edit);
      fixed.add(lineNumber);
    }
  }
  // Keep edits that do not overlap (a literal inside a line whose comment also moves waits for the next pass).
  edits.sort((a, b) => a.start - b.start);
  const kept: Edit[] = [];
  for (const edit of edits) if (!kept.length || kept.at(-1)!.end <= edit.start) kept.push(edit);
  return kept;
}

// ── The passes ───────────────────────────────────────────────────────────────────────────────────

function format(paths: string[]): void {
  if (paths.length === 0) return;
  const run = spawnSync(biome, ['format', '--write', '--no-errors-on-unmatched', ...paths], { cwd: root, encoding: 'utf8' });
  if (run.status !== 0) throw new Error(`biome format failed:\n${run.stdout}${run.stderr}`);
}

/** Biome's formatter is not always stable in one run (a member chain can change twice): format until it is. */
function settle(paths: string[]): void {
  const contents = () => paths.map((path) => readFileSync(join(root, path), 'utf8')).join('\0');
  for (let round = 0; round < 3; round += 1) {
    const before = contents();
    format(paths);
    if (contents() === before) return;
  }
  throw new Error('biome format did not settle after three runs');
}

/** Over-long lines of every source file, by path. */
function survey(paths: string[]): Map<string, number[]> {
  const found = new Map<string, number[]>();
  for (const path of paths) {
    const lines = longLines(readFileSync(join(root, path), 'utf8'));
    if (lines.length) found.set(path, lines);
  }
  return found;
}

/** Applies the edits and checks, on a fresh parse, that every rewritten literal computes what it did. */
function apply(plans: Map<string, { text: string; edits: Edit[] }>): void {
  const checks: { path: string; start: number; end: number; before: string }[] = [];
  const written = new Map<string, string>();
  for (const [path, { text, edits }] of plans) {
    let out = '';
    let from = 0;
    for (const edit of edits) {
      out += text.slice(from, edit.start);
      if (edit.before) checks.push({ path, start: out.length, end: out.length + edit.text.length, before: edit.before });
      out += edit.text;
      from = edit.end;
    }
    written.set(path, out + text.slice(from));
  }
  for (const [path, out] of written) writeFileSync(join(root, path), out);
  const reparsed = parse(root, [...written.keys()]);
  for (const check of checks) {
    const file = reparsed.get(check.path)!;
    const text = written.get(check.path)!;
    // The deepest node holding the rewritten text, then the chain it stands in.
    let found: Node | undefined;
    walk(file, (node) => {
      if (node.getStart(file) <= check.start && node.end >= check.end) found = node;
    });
    const after = found ? chainValue(found, text, file) : null;
    if (after !== check.before) {
      for (const [path] of plans) writeFileSync(join(root, path), plans.get(path)!.text);
      throw new Error(
        `${check.path}: a rewrite changed a value (restored the files of this ` +
          `pass):\n  ${check.before}\n  ${after}\n  ${text.slice(check.start, check.end)}`,
      );
    }
  }
}

function main(): void {
  const paths = trackedSourceFiles(root);
  if (process.argv.includes('--check')) {
    const left = survey(paths);
    for (const [path, lines] of left) for (const line of lines) process.stdout.write(`${path}:${line}\n`);
    process.stdout.write(`${[...left.values()].flat().length} lines over ${LINE_LIMIT} characters\n`);
    process.exit(left.size ? 1 : 0);
  }
  format(paths);
  for (let pass = 1; pass <= MAX_PASSES; pass += 1) {
    const long = survey(paths);
    const count = [...long.values()].flat().length;
    process.stdout.write(`pass ${pass}: ${count} lines over ${LINE_LIMIT} characters in ${long.size} files\n`);
    if (count === 0) break;
    const parsed = parse(root, [...long.keys()]);
    const plans = new Map<string, { text: string; edits: Edit[] }>();
    for (const [path, lines] of long) {
      const text = readFileSync(join(root, path), 'utf8');
      const edits = planFile({ path, text, file: parsed.get(path)!, lines: lineStarts(text) }, lines);
      if (edits.length) plans.set(path, { text, edits });
    }
    if (plans.size === 0) break;
    apply(plans);
    format([...plans.keys()]);
  }
  settle(paths);
  const left = survey(paths);
  for (const [path, lines] of left) for (const line of lines) process.stdout.write(`left for a hand fix: ${path}:${line}\n`);
  process.stdout.write(`${[...left.values()].flat().length} lines over ${LINE_LIMIT} characters left\n`);
  process.exit(left.size ? 1 : 0);
}

main();
