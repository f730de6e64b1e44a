import { Parser } from 'htmlparser2';
import { tidyLines } from './strip-quotes.js';

/**
 * HTML mail as plain text for a card: what a reader of the mail would see, nothing more.
 * Script, style and hidden content are dropped (never shown, so never scored); entities are
 * decoded; links keep their target as text ("text (https://…)"); blockquotes become `> ` lines so
 * the quote stripper treats quoted history the same in HTML and plain mail. Nothing is executed
 * or fetched: this is a tokenizer, not a browser.
 */

/** Larger HTML is cut before parsing (a card shows a few thousand characters at most). */
export const MAX_HTML_CHARS = 2_000_000;

const SKIP = new Set([
  'script',
  'style',
  'head',
  'title',
  'template',
  'noscript',
  'svg',
  'math',
  'object',
  'iframe',
  'select',
  'button',
  'textarea',
  'audio',
  'video',
  'canvas',
  'map',
  'xml',
]);
const BLOCK = new Set([
  'div',
  'blockquote',
  'section',
  'article',
  'header',
  'footer',
  'main',
  'nav',
  'aside',
  'address',
  'center',
  'form',
  'fieldset',
  'figure',
  'figcaption',
  'dl',
  'dt',
  'dd',
  'ul',
  'ol',
  'table',
  'thead',
  'tbody',
  'tfoot',
  'tr',
  'caption',
  'details',
  'summary',
  'hr',
]);
const PARAGRAPH = new Set(['p', 'h1', 'h2', 'h3', 'h4', 'h5', 'h6', 'pre']);
const SAFE_LINK = /^(https?:|mailto:|tel:)/i;
const HIDDEN_STYLE = /(^|;)\s*(display\s*:\s*none|visibility\s*:\s*hidden|mso-hide\s*:\s*all|max-height\s*:\s*0(px)?\s*(;|$))/i;

interface Link {
  href: string;
  /** The link's visible text, to leave out a target that repeats it. */
  text: string;
}

class TextBuilder {
  readonly lines: string[] = [];
  #line = '';
  #lineStarted = false;
  #spacePending = false;
  #breaks = 0;
  quoteDepth = 0;
  preDepth = 0;

  #startLine(): void {
    if (this.#lineStarted) return;
    this.#line = '> '.repeat(this.quoteDepth);
    this.#lineStarted = true;
  }

  text(raw: string): void {
    if (this.preDepth > 0) {
      const parts = raw.split('\n');
      parts.forEach((part, i) => {
        if (i > 0) this.newline();
        if (part) {
          this.#flushBreaks();
          this.#startLine();
          this.#line += part;
        }
      });
      return;
    }
    const collapsed = raw.replace(/[\s\u00a0]+/g, (ws) => (ws.includes('\u00a0') ? '\u00a0' : ' '));
    if (collapsed.trim() === '' && !collapsed.includes('\u00a0')) {
      if (this.#lineStarted) this.#spacePending = true;
      return;
    }
    this.#flushBreaks();
    const leading = /^[ ]/.test(collapsed);
    const body = collapsed.replace(/^ +/, '');
    this.#startLine();
    if ((leading || this.#spacePending) && this.#line.length > '> '.repeat(this.quoteDepth).length && !this.#line.endsWith(' '))
      this.#line += ' ';
    this.#spacePending = /[ ]$/.test(body);
    this.#line += body.replace(/ +$/, '');
  }

  /** A hard line break (`<br>`). */
  newline(): void {
    this.#flushBreaks();
    this.lines.push(this.#lineStarted ? this.#line : '> '.repeat(this.quoteDepth).trimEnd());
    this.#line = '';
    this.#lineStarted = false;
    this.#spacePending = false;
  }

  /** Asks for `count` line breaks before the next text (blocks: 1, paragraphs: 2), without stacking them. */
  block(count: 1 | 2): void {
    if (this.#lineStarted || this.lines.length > 0) this.#breaks = Math.max(this.#breaks, count);
  }

  #flushBreaks(): void {
    const breaks = this.#breaks;
    this.#breaks = 0;
    if (breaks === 0) return;
    if (this.#lineStarted) this.newline();
    if (breaks === 2) this.lines.push('> '.repeat(this.quoteDepth).trimEnd());
  }

  finish(): string {
    if (this.#lineStarted) this.lines.push(this.#line);
    return tidyLines(this.lines.map((l) => l.replace(/\u00a0/g, ' ')));
  }
}

function sameTarget(text: string, href: string): boolean {
  const norm = (s: string) =>
    s
      .trim()
      .replace(/^mailto:|^tel:/i, '')
      .replace(/^https?:\/\//i, '')
      .replace(/\/$/, '')
      .toLowerCase();
  return norm(text) === norm(href);
}

export function htmlToText(html: string): string {
  const out = new TextBuilder();
  /** Open elements, so hidden and skipped subtrees end where they began. */
  const stack: { name: string; skip: boolean; link: Link | null; listIndex: number | null }[] = [];
  let skipping = 0;
  const parser = new Parser(
    {
      onopentag(name, attrs) {
        const hidden = SKIP.has(name) || 'hidden' in attrs || HIDDEN_STYLE.test(attrs.style ?? '') || attrs['aria-hidden'] === 'true';
        const frame = { name, skip: hidden, link: null as Link | null, listIndex: name === 'ol' ? 0 : null };
        stack.push(frame);
        if (hidden) skipping += 1;
        if (skipping > 0) return;
        if (name === 'br') out.newline();
        else if (BLOCK.has(name)) out.block(1);
        else if (PARAGRAPH.has(name)) out.block(2);
        if (name === 'blockquote') out.quoteDepth += 1;
        if (name === 'pre') out.preDepth += 1;
        if (name === 'li') {
          out.block(1);
          const list = [...stack].reverse().find((f) => f.name === 'ol' || f.name === 'ul');
          if (list && list.listIndex !== null) {
            list.listIndex += 1;
            out.text(`${list.listIndex}. `);
          } else out.text('• ');
        }
        if (name === 'td' || name === 'th') out.text(' ');
        if (name === 'a' && attrs.href && SAFE_LINK.test(attrs.href.trim())) frame.link = { href: attrs.href.trim(), text: '' };
        if (name === 'img' && attrs.alt?.trim()) out.text(`[${attrs.alt.trim()}]`);
      },
      ontext(text) {
        if (skipping > 0) return;
        out.text(text);
        for (const frame of stack) if (frame.link) frame.link.text += text;
      },
      onclosetag(name) {
        // htmlparser2 closes implied elements too, so the stack unwinds to the matching open tag.
        while (stack.length > 0) {
          const frame = stack.pop();
          if (!frame) break;
          if (frame.skip) skipping -= 1;
          else if (skipping === 0) {
            if (frame.link) {
              const shown = frame.link.text;
              if (!sameTarget(shown, frame.link.href)) out.text(shown.trim() ? ` (${frame.link.href})` : frame.link.href);
            }
            if (frame.name === 'blockquote') out.quoteDepth = Math.max(0, out.quoteDepth - 1);
            if (frame.name === 'pre') out.preDepth = Math.max(0, out.preDepth - 1);
            if (BLOCK.has(frame.name) || frame.name === 'li') out.block(1);
            else if (PARAGRAPH.has(frame.name)) out.block(2);
          }
          if (frame.name === name) break;
        }
      },
    },
    { decodeEntities: true, lowerCaseTags: true, lowerCaseAttributeNames: true, recognizeSelfClosing: true },
  );
  parser.write(html.length > MAX_HTML_CHARS ? html.slice(0, MAX_HTML_CHARS) : html);
  parser.end();
  return out.finish();
}
