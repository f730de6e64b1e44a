/** Rewrites of long comments: `//` lines into several, block comment lines continued with their ` * `. */
import { createScanner, type Node, SyntaxKind } from 'typescript/unstable/ast';
import { LINE_LIMIT, lineWidth } from '../source-files.js';
import { type Edit, type FileState, indentOf, lineEnd } from './source.js';

/** Comment directives that must stay one line, as written. */
const DIRECTIVE = /^\s*(?:biome-ignore|@ts-|eslint|prettier-ignore|#|\/)/;

/** Words of a comment laid out on lines of at most `width` characters (a longer word keeps a line to itself). */
function wrapWords(words: string[], width: number): string[] {
  const lines: string[] = [];
  let current = '';
  for (const word of words) {
    if (current && lineWidth(`${current} ${word}`) > width) {
      lines.push(current);
      current = word;
    } else current = current ? `${current} ${word}` : word;
  }
  if (current) lines.push(current);
  return lines;
}

/** Every comment of the file, found by the scanner with the literals skipped (their text is not code). */
export function comments(state: FileState, literals: Node[]): { start: number; end: number; kind: SyntaxKind }[] {
  const opaque = literals.map((node) => [node.getStart(state.file), node.end] as const).sort((a, b) => a[0] - b[0]);
  const scanner = createScanner(false, undefined, state.text);
  const found: { start: number; end: number; kind: SyntaxKind }[] = [];
  let next = 0;
  for (let token = scanner.scan(); token !== SyntaxKind.EndOfFile; token = scanner.scan()) {
    const at = scanner.getTokenStart();
    while (next < opaque.length && opaque[next]![1] <= at) next += 1;
    const range = opaque[next];
    if (range && range[0] <= at) {
      scanner.resetTokenState(range[1]);
      continue;
    }
    if (token === SyntaxKind.SingleLineCommentTrivia || token === SyntaxKind.MultiLineCommentTrivia) {
      found.push({ start: at, end: scanner.getTokenEnd(), kind: token });
    }
  }
  return found;
}

/** Reflows a `//` comment on a long line: alone on its line, or trailing code (then it moves above the code). */
export function splitLineComment(state: FileState, line: number, start: number, end: number): Edit | null {
  const lineStart = state.lines[line]!;
  const lineText = state.text.slice(lineStart, lineEnd(state, line));
  const body = state.text.slice(start + 2, end);
  if (DIRECTIVE.test(body)) return null;
  const indent = ' '.repeat(indentOf(lineText));
  const words = body.trim().split(/\s+/);
  const wrapped = wrapWords(words, LINE_LIMIT - indent.length - 3).map((words) => `${indent}// ${words}`);
  const code = state.text.slice(lineStart, start).trimEnd();
  if (code.trim() === '') {
    if (wrapped.length < 2) return null;
    return joinNext(state, line, `${indent}// `, wrapped) ?? { start: lineStart, end, text: wrapped.join('\n') };
  }
  return { start: lineStart, end, text: `${wrapped.join('\n')}\n${code}` };
}

/** Reflows the long line of a block comment, continuing with the line's own ` * ` prefix. */
export function splitBlockCommentLine(state: FileState, line: number, comment: { start: number; end: number }): Edit | null {
  const lineStart = state.lines[line]!;
  const lineStop = lineEnd(state, line);
  const lineText = state.text.slice(lineStart, lineStop);
  const indent = ' '.repeat(indentOf(lineText));
  const single = comment.start >= lineStart && comment.end <= lineStop;
  if (single) {
    // `/** text */` alone on its line becomes a block of its own lines.
    if (state.text.slice(lineStart, comment.start).trim() !== '' || lineText.slice(comment.end - lineStart).trim() !== '') return null;
    const open = state.text.startsWith('/**', comment.start) ? '/**' : '/*';
    const body = state.text.slice(comment.start + open.length, comment.end - 2).trim();
    if (DIRECTIVE.test(body)) return null;
    const wrapped = wrapWords(body.split(/\s+/), LINE_LIMIT - indent.length - 3).map((words) => `${indent} * ${words}`);
    return { start: lineStart, end: lineStop, text: [`${indent}${open}`, ...wrapped, `${indent} */`].join('\n') };
  }
  const match = /^(\s*(?:\/\*\*?|\*)\s?)(.*?)(\s*\*\/)?$/.exec(lineText);
  if (!match) return null;
  const [, prefix = '', body = '', close = ''] = match;
  if (DIRECTIVE.test(body) || body.trim() === '') return null;
  // Markdown-ish indentation after the `*` (a list item, a code sample) is kept on the continuation lines.
  const inner = /^\s*/.exec(body)![0];
  // A ` * ` line continues with its own prefix; the `/**` line with the aligned ` * ` of the lines under it.
  const continuation = /^\s*\*\s?$/.test(prefix) ? `${prefix.trimEnd()} ${inner}` : `${indent} * ${inner}`;
  const wrapped = wrapWords(body.trim().split(/\s+/), LINE_LIMIT - continuation.length);
  if (wrapped.length < 2) return null;
  const lines = wrapped.map((words, index) => (index === 0 ? `${prefix}${inner}${words}` : `${continuation}${words}`));
  if (!close) {
    const joined = joinNext(state, line, continuation, lines);
    if (joined) return joined;
  }
  lines[lines.length - 1] += close;
  return { start: lineStart, end: lineStop, text: lines.join('\n') };
}

/** A line that starts something of its own: a list item, a JSDoc tag, a blank line, the end of the comment. */
const STARTS_ITEM = /^(?:[-*•+>|#]\s|\d+[.)]\s|@|`{3}|$)|\*\//;

/**
 * When the next line continues the same paragraph of the same comment (`// ` or ` * ` with the same
 * indentation), the words cut off the long line go to its start rather than onto a short line of their own.
 */
function joinNext(state: FileState, line: number, prefix: string, wrapped: string[]): Edit | null {
  const next = line + 1;
  if (next >= state.lines.length - 1 || wrapped.length < 2) return null;
  const nextText = state.text.slice(state.lines[next], lineEnd(state, next));
  if (!nextText.startsWith(prefix)) return null;
  const rest = nextText.slice(prefix.length);
  if (/^\s/.test(rest) || STARTS_ITEM.test(rest) || DIRECTIVE.test(rest)) return null;
  const overflow = wrapped
    .slice(1)
    .map((text) => text.trimStart().slice(prefix.trimStart().length))
    .join(' ');
  const words = `${overflow} ${rest}`.split(/\s+/);
  const lines = [wrapped[0]!, ...wrapWords(words, LINE_LIMIT - lineWidth(prefix)).map((text) => prefix + text)];
  return { start: state.lines[line]!, end: lineEnd(state, next), text: lines.join('\n') };
}
