/** Rewrites of long string, template and regular expression literals into `+` chains of shorter ones. */
import { type Node, SyntaxKind } from 'typescript/unstable/ast';
import { LINE_LIMIT } from '../source-files.js';
import { cutPoints, cuttable, proseRank, regexRank, widthOf } from './cuts.js';
import { type Edit, type FileState, indentOf, lineEnd, lineOf } from './source.js';
import { chainValue } from './values.js';

/** Room a piece of a broken `+` chain needs besides its text: the continuation indent Biome adds, quotes, ` +`. */
const CHAIN_INDENT = 6;
const PIECE_OVERHEAD = 4;

/** 'bare' where a `+` chain can stand as it is, 'paren' where it needs parentheses, null where it must not go. */
function placement(node: Node): 'bare' | 'paren' | null {
  const parent = node.parent as Node & Record<string, unknown>;
  switch (parent.kind) {
    case SyntaxKind.CallExpression:
    case SyntaxKind.NewExpression:
      return parent['expression'] === node ? 'paren' : 'bare';
    case SyntaxKind.VariableDeclaration:
    case SyntaxKind.PropertyAssignment:
    case SyntaxKind.PropertyDeclaration:
    case SyntaxKind.Parameter:
      return parent['initializer'] === node ? 'bare' : null;
    case SyntaxKind.ArrowFunction:
      return parent['body'] === node ? 'bare' : null;
    case SyntaxKind.ArrayLiteralExpression:
    case SyntaxKind.ReturnStatement:
    case SyntaxKind.ThrowStatement:
    case SyntaxKind.TemplateSpan:
    case SyntaxKind.ParenthesizedExpression:
    case SyntaxKind.ConditionalExpression:
    case SyntaxKind.SpreadElement:
      return 'bare';
    case SyntaxKind.BinaryExpression: {
      const operator = (parent['operatorToken'] as Node).kind;
      const tighter = [
        SyntaxKind.AsteriskToken,
        SyntaxKind.SlashToken,
        SyntaxKind.PercentToken,
        SyntaxKind.AsteriskAsteriskToken,
        SyntaxKind.MinusToken,
      ];
      return tighter.includes(operator) ? 'paren' : 'bare';
    }
    case SyntaxKind.PropertyAccessExpression:
    case SyntaxKind.AsExpression:
    case SyntaxKind.SatisfiesExpression:
    case SyntaxKind.NonNullExpression:
    case SyntaxKind.AwaitExpression:
      return 'paren';
    default:
      return null;
  }
}

/** A literal inside a template's `${}` stays on the template's line: cutting it would not shorten the line. */
function insideSubstitution(node: Node): boolean {
  for (let up = node.parent; up; up = up.parent) if (up.kind === SyntaxKind.TemplateSpan) return true;
  return false;
}

/** Inside a function body a `new RegExp` would be built on every call; a literal there stays. */
function insideFunction(node: Node): boolean {
  for (let up = node.parent; up; up = up.parent) {
    switch (up.kind) {
      case SyntaxKind.FunctionDeclaration:
      case SyntaxKind.FunctionExpression:
      case SyntaxKind.ArrowFunction:
      case SyntaxKind.MethodDeclaration:
      case SyntaxKind.Constructor:
      case SyntaxKind.GetAccessor:
      case SyntaxKind.SetAccessor:
        return true;
    }
  }
  return false;
}

/** The text ranges of a literal that may hold cuts (between its delimiters, outside `${}`). */
function textRanges(node: Node, state: FileState): [number, number][] {
  if (node.kind !== SyntaxKind.TemplateExpression) return [[node.getStart(state.file) + 1, node.end - 1]];
  const template = node as unknown as { head: Node; templateSpans: { literal: Node }[] };
  const ranges: [number, number][] = [[template.head.getStart(state.file) + 1, template.head.end - 2]];
  for (const span of template.templateSpans) {
    const literal = span.literal;
    const tail = literal.kind === SyntaxKind.TemplateTail;
    ranges.push([literal.getStart(state.file) + 1, literal.end - (tail ? 1 : 2)]);
  }
  return ranges;
}

/** Splits a string or template literal that crosses one of the long lines. */
export function splitLiteral(node: Node, state: FileState, long: Set<number>): Edit | null {
  const where = placement(node);
  if (!where || insideSubstitution(node)) return null;
  const start = node.getStart(state.file);
  const end = node.end;
  const allowed = cuttable(state.text, textRanges(node, state));
  const cuts: number[] = [];
  for (let line = lineOf(state, start); line <= lineOf(state, end); line += 1) {
    if (!long.has(line + 1)) continue;
    const lineStart = state.lines[line]!;
    const from = Math.max(start, lineStart);
    const to = Math.min(end, lineEnd(state, line));
    const indent = indentOf(state.text.slice(lineStart, lineEnd(state, line)));
    const rest = LINE_LIMIT - indent - CHAIN_INDENT - PIECE_OVERHEAD;
    // A continuation line of a multi-line template keeps its column; the first piece of the literal moves with Biome.
    const first = from === lineStart ? LINE_LIMIT - PIECE_OVERHEAD - 1 : rest;
    let found = cutPoints(state.text, from, to, first, rest, allowed, proseRank);
    // A literal that fits a line of its own but sits in a line Biome keeps whole (`it('…', async () => {`,
    // `x = \`…\``) is cut in two halves at a word boundary.
    const whole = from === start && to === end;
    if (found.length === 0 && whole) {
      const half = Math.ceil(widthOf(state.text, from, to) / 2) + 8;
      found = cutPoints(state.text, from, to, half, rest, allowed, proseRank);
    }
    // The first line of a multi-line template that Biome leaves where it is: cut where the line ends.
    if (found.length === 0 && !whole) {
      const column = widthOf(state.text, lineStart, from);
      found = cutPoints(state.text, from, to, LINE_LIMIT - column - PIECE_OVERHEAD, rest, allowed, proseRank);
    }
    cuts.push(...found.filter((cut) => cut > start + 1 && cut < end - 1));
  }
  if (cuts.length === 0) return null;
  const quote = state.text[start]!;
  const pieces: string[] = [];
  let from = start;
  for (const cut of [...cuts, end].sort((a, b) => a - b)) {
    const body = state.text.slice(from === start ? start + 1 : from, cut === end ? end - 1 : cut);
    pieces.push(quote + body + quote);
    from = cut;
  }
  const chain = pieces.join(' + ');
  return { start, end, text: where === 'paren' ? `(${chain})` : chain, before: chainValue(node, state.text, state.file) };
}

/** Turns a long regular expression literal into `new RegExp` over `String.raw` pieces. */
export function splitRegex(node: Node, state: FileState): Edit | null {
  if (insideFunction(node) && !state.path.startsWith('test/')) return null;
  if (!placement(node)) return null;
  const start = node.getStart(state.file);
  const literal = state.text.slice(start, node.end);
  const close = literal.lastIndexOf('/');
  const body = literal.slice(1, close);
  const flags = literal.slice(close + 1);
  if (body.includes('`') || body.includes('${')) return null;
  const line = lineOf(state, start);
  const indent = indentOf(state.text.slice(state.lines[line], lineEnd(state, line)));
  const budget = LINE_LIMIT - indent - CHAIN_INDENT - PIECE_OVERHEAD - 'String.raw'.length;
  const allowed = cuttable(body, [[0, body.length]]);
  const cuts = cutPoints(body, 0, body.length, budget, budget, allowed, regexRank);
  if (cuts.length === 0) return null;
  const pieces = [0, ...cuts].map((from, index) => {
    const piece = body.slice(from, cuts[index] ?? body.length);
    if (piece.includes('\\')) return `String.raw\`${piece}\``;
    return piece.includes("'") ? `\`${piece}\`` : `'${piece}'`;
  });
  const text = `new RegExp(${pieces.join(' + ')}${flags ? `, '${flags}'` : ''})`;
  return { start, end: node.end, text, before: chainValue(node, state.text, state.file) };
}
