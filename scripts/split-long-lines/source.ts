/** The split tool's view of a file: its parse, its lines, and the edits made to it. */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';
import { API } from 'typescript/unstable/sync';

/** One replacement of source text; `before` is what the replaced code computed, checked after the rewrite. */
export interface Edit {
  start: number;
  end: number;
  text: string;
  before?: string;
}

/** Parses the files with the TypeScript compiler (syntax only: no lib, no imports followed). */
export function parse(root: string, paths: string[]): Map<string, SourceFile> {
  const dir = mkdtempSync(join(tmpdir(), 'split-long-lines-'));
  const config = join(dir, 'tsconfig.json');
  const compilerOptions = { allowJs: true, noResolve: true, noLib: true, types: [], noEmit: true, target: 'es2023', module: 'esnext' };
  writeFileSync(config, JSON.stringify({ compilerOptions, files: paths.map((path) => join(root, path)) }));
  const api = new API({ cwd: root });
  try {
    const project = api.updateSnapshot({ openProjects: [config] }).getProjects()[0];
    if (!project) throw new Error('the TypeScript API did not open the temporary project');
    const parsed = new Map<string, SourceFile>();
    for (const path of paths) {
      const file = project.program.getSourceFile(join(root, path));
      if (!file) throw new Error(`the TypeScript API did not parse ${path}`);
      parsed.set(path, file);
    }
    return parsed;
  } finally {
    api.close();
    rmSync(dir, { recursive: true, force: true });
  }
}

export function walk(node: Node, visit: (node: Node) => void): void {
  visit(node);
  node.forEachChild((child) => {
    walk(child, visit);
    return undefined;
  });
}

export const isLiteral = (kind: SyntaxKind) =>
  kind === SyntaxKind.StringLiteral ||
  kind === SyntaxKind.NoSubstitutionTemplateLiteral ||
  kind === SyntaxKind.TemplateExpression ||
  kind === SyntaxKind.RegularExpressionLiteral;

export interface FileState {
  path: string;
  text: string;
  file: SourceFile;
  /** Start offset of every line. */
  lines: number[];
}

export const lineOf = (state: FileState, offset: number) => {
  let low = 0;
  let high = state.lines.length - 1;
  while (low < high) {
    const mid = (low + high + 1) >> 1;
    if (state.lines[mid]! <= offset) low = mid;
    else high = mid - 1;
  }
  return low;
};
export const lineEnd = (state: FileState, line: number) => (state.lines[line + 1] ?? state.text.length + 1) - 1;
export const indentOf = (line: string) => line.length - line.trimStart().length;

/** Start offset of every line of `text`. */
export const lineStarts = (text: string) => {
  const starts = [0];
  for (let at = text.indexOf('\n'); at >= 0; at = text.indexOf('\n', at + 1)) starts.push(at + 1);
  return starts;
};
