/** What a literal, or a `+` chain of literals, computes: the split tool compares it before and after a rewrite. */
import { type Node, type SourceFile, SyntaxKind } from 'typescript/unstable/ast';

/** A literal's value as a list: text parts and the source of substituted expressions, adjacent texts merged. */
export type Part = { text: string } | { expr: string } | { regex: string; flags: string };

function merge(parts: Part[]): Part[] {
  const merged: Part[] = [];
  for (const part of parts) {
    const last = merged.at(-1);
    if ('text' in part && part.text === '') continue;
    if ('text' in part && last && 'text' in last) merged[merged.length - 1] = { text: last.text + part.text };
    else merged.push(part);
  }
  return merged;
}

/** What an expression made of literals computes, or null for anything else. */
export function computed(node: Node, text: string, file: SourceFile): Part[] | null {
  const source = (inner: Node) => text.slice(inner.getStart(file), inner.end);
  switch (node.kind) {
    case SyntaxKind.StringLiteral:
    case SyntaxKind.NoSubstitutionTemplateLiteral:
      return [{ text: (node as unknown as { text: string }).text }];
    case SyntaxKind.TemplateExpression: {
      const template = node as unknown as { head: { text: string }; templateSpans: { expression: Node; literal: { text: string } }[] };
      const parts: Part[] = [{ text: template.head.text }];
      for (const span of template.templateSpans) parts.push({ expr: source(span.expression) }, { text: span.literal.text });
      return merge(parts);
    }
    case SyntaxKind.ParenthesizedExpression:
      return computed((node as unknown as { expression: Node }).expression, text, file);
    case SyntaxKind.BinaryExpression: {
      const binary = node as unknown as { left: Node; right: Node; operatorToken: Node };
      if (binary.operatorToken.kind !== SyntaxKind.PlusToken) return null;
      const left = computed(binary.left, text, file) ?? [{ expr: source(binary.left) }];
      const right = computed(binary.right, text, file) ?? [{ expr: source(binary.right) }];
      return merge([...left, ...right]);
    }
    case SyntaxKind.RegularExpressionLiteral: {
      const literal = source(node);
      const close = literal.lastIndexOf('/');
      return [{ regex: literal.slice(1, close), flags: literal.slice(close + 1) }];
    }
    case SyntaxKind.NewExpression: {
      const call = node as unknown as { expression: Node; arguments?: Node[] };
      if (source(call.expression) !== 'RegExp' || !call.arguments?.length) return null;
      const pattern = rawOf(call.arguments[0]!, text, file);
      const flags = call.arguments[1] ? computed(call.arguments[1], text, file) : [];
      if (pattern === null || !flags || flags.some((part) => !('text' in part))) return null;
      return [{ regex: pattern, flags: flags.map((part) => ('text' in part ? part.text : '')).join('') }];
    }
    default:
      return null;
  }
}

/**
 * The `+` chain (or parentheses) a literal stands in: `a + 'x'` becomes `a + 'x1' + 'x2'`, which parses
 * as `(a + 'x1') + 'x2'`, so it is the whole chain whose value is compared.
 */
function outerChain(node: Node): Node {
  let top = node;
  for (let up = node.parent; up; up = up.parent) {
    const plus =
      up.kind === SyntaxKind.BinaryExpression && (up as unknown as { operatorToken: Node }).operatorToken.kind === SyntaxKind.PlusToken;
    if (!plus && up.kind !== SyntaxKind.ParenthesizedExpression) break;
    top = up;
  }
  return top;
}

/** A chain's value, for the self-check. */
export const chainValue = (node: Node, text: string, file: SourceFile) => JSON.stringify(computed(outerChain(node), text, file));

/** The raw text of a `String.raw` template or a `+` chain of them. */
function rawOf(node: Node, text: string, file: SourceFile): string | null {
  if (node.kind === SyntaxKind.BinaryExpression) {
    const binary = node as unknown as { left: Node; right: Node; operatorToken: Node };
    if (binary.operatorToken.kind !== SyntaxKind.PlusToken) return null;
    const left = rawOf(binary.left, text, file);
    const right = rawOf(binary.right, text, file);
    return left === null || right === null ? null : left + right;
  }
  if (node.kind === SyntaxKind.StringLiteral || node.kind === SyntaxKind.NoSubstitutionTemplateLiteral) {
    // A piece without a backslash is written as a plain literal, whose raw text is its value.
    const literal = text.slice(node.getStart(file) + 1, node.end - 1);
    return literal.includes('\\') ? null : literal;
  }
  if (node.kind !== SyntaxKind.TaggedTemplateExpression) return null;
  const tagged = node as unknown as { tag: Node; template: Node };
  if (text.slice(tagged.tag.getStart(file), tagged.tag.end) !== 'String.raw') return null;
  if (tagged.template.kind !== SyntaxKind.NoSubstitutionTemplateLiteral) return null;
  // The raw text is the source between the backticks (the parsed node does not carry it).
  return text.slice(tagged.template.getStart(file) + 1, tagged.template.end - 1);
}
