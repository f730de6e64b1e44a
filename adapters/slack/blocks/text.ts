import type { MrkdwnElement, PlainTextElement, SectionBlock } from '@slack/types';
import { collapseBlankLines } from '../../../src/cases/card-text.js';

/**
 * Slack's documented limits (docs.slack.dev, Block Kit reference; ../shared/PLATFORM-RULES.md).
 * Every renderer cuts to these and measures the final string: what Slack counts is what is sent,
 * after escaping and after every quote mark and line Klaxon adds.
 */
export const SLACK_MAX = {
  sectionText: 3000,
  contextText: 3000,
  field: 2000,
  header: 150,
  buttonText: 75,
  modalTitle: 24,
  optionText: 75,
  optionValue: 150,
  inputText: 3000,
  messageBlocks: 50,
  viewBlocks: 100,
  privateMetadata: 3000,
  /** The top-level `text` of a message is a notification line: keep it short, far below 40,000. */
  notification: 300,
} as const;

/** Slack mrkdwn treats &, < and > as control characters; customer text must not inject links or mentions. */
export function escapeMrkdwn(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
}

/** An index at or below `at` that does not split a surrogate pair (emoji stay whole). */
function safeIndex(text: string, at: number): number {
  if (at <= 0) return 0;
  if (at >= text.length) return text.length;
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Cuts plain text to at most `max` characters (the last one an ellipsis), never halving an emoji. */
export function truncate(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, safeIndex(text, Math.max(0, max - 1)))}…`;
}

/**
 * Where a built mrkdwn string may be cut at or below `at`: never inside an escape (`&amp;`), a
 * Slack token Klaxon wrote (`<@U1>`, `<!date^…|…>`, `<url|label>`) or an emoji.
 */
function mrkdwnCutPoint(text: string, at: number): number {
  let cut = safeIndex(text, at);
  const open = text.lastIndexOf('<', cut - 1);
  if (open >= 0 && text.indexOf('>', open) >= cut) cut = open;
  const amp = text.lastIndexOf('&', cut - 1);
  if (amp >= 0 && cut - amp < 6 && text.indexOf(';', amp) >= cut) cut = amp;
  return cut;
}

/** Cuts a built mrkdwn string to at most `max` characters, at a safe point, with an ellipsis. */
export function fitMrkdwn(text: string, max: number): string {
  if (text.length <= max) return text;
  return `${text.slice(0, mrkdwnCutPoint(text, max - 1))}…`;
}

/**
 * Splits a built mrkdwn string into pieces of at most `max` characters, at line ends where it
 * can and at safe points inside a line that is longer than `max` on its own.
 */
export function splitMrkdwn(text: string, max: number): string[] {
  const pieces: string[] = [];
  let current = '';
  const flush = () => {
    if (current) pieces.push(current);
    current = '';
  };
  for (let line of text.split('\n')) {
    const joined = current ? `${current}\n${line}` : line;
    if (joined.length <= max) {
      current = joined;
      continue;
    }
    flush();
    while (line.length > max) {
      const cut = Math.max(1, mrkdwnCutPoint(line, max));
      pieces.push(line.slice(0, cut));
      line = line.slice(cut);
    }
    current = line;
  }
  flush();
  return pieces.length ? pieces : [''];
}

/** Runs of blank lines shown as one (src/cases/card-text.ts, shared with Teams). */
export { collapseBlankLines };

/**
 * Customer text as a mrkdwn quote (`> ` on every line) of at most `budget` characters, counted
 * after escaping and after the quote marks. `cut` says whether anything was left out.
 */
export function quote(raw: string, budget: number): { text: string; cut: boolean } {
  const lines = collapseBlankLines(raw).split('\n');
  let out = '';
  for (const [i, line] of lines.entries()) {
    const piece = `${i ? '\n' : ''}> ${escapeMrkdwn(line)}`;
    if (out.length + piece.length <= budget) {
      out += piece;
      continue;
    }
    // Part of this line still fits, then the ellipsis that says there is more.
    const room = budget - out.length - 1;
    const partial = room > 12 ? piece.slice(0, mrkdwnCutPoint(piece, room)) : '';
    out = `${out}${partial}…`;
    return { text: out.length <= budget ? out : fitMrkdwn(out, budget), cut: true };
  }
  return { text: out, cut: false };
}

/** A mrkdwn text object. `verbatim` stops Slack from turning bare URLs, #names and @here into links. */
export function mrkdwn(text: string, max: number = SLACK_MAX.sectionText): MrkdwnElement {
  return { type: 'mrkdwn', text: fitMrkdwn(text || ' ', max), verbatim: true };
}

export function plainText(text: string, max: number): PlainTextElement {
  return { type: 'plain_text', text: truncate(text.trim() ? text : '—', max), emoji: true };
}

/** A section of mrkdwn, cut to Slack's limit at a safe point. */
export function section(text: string, blockId?: string): SectionBlock {
  return { type: 'section', ...(blockId ? { block_id: blockId } : {}), text: mrkdwn(text) };
}

/** Sections holding all of a (long) mrkdwn text, at most `maxSections` of them. */
export function sections(text: string, maxSections: number): SectionBlock[] {
  const pieces = splitMrkdwn(text, SLACK_MAX.sectionText - 1);
  const kept = pieces.slice(0, maxSections).map((p) => section(p));
  if (pieces.length > maxSections)
    kept[kept.length - 1] = section(fitMrkdwn(`${pieces[maxSections - 1]}`, SLACK_MAX.sectionText - 40) + ' _(cut: too long to show)_');
  return kept;
}

/**
 * A URL Klaxon may write inside `<url|label>`, escaped for mrkdwn; null for anything else. Only
 * http(s), no credentials (`https://bank.example@evil.example`), and `|`, `<`, `>` and spaces
 * percent-encoded so nothing can end the link early or start a new command.
 */
export function mrkdwnUrl(url: string | null | undefined): string | null {
  if (!url || url.length > 2048) return null;
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return null;
  }
  if ((parsed.protocol !== 'http:' && parsed.protocol !== 'https:') || parsed.username || parsed.password) return null;
  const href = parsed.href.replace(/\|/g, '%7C').replace(/</g, '%3C').replace(/>/g, '%3E').replace(/\s/g, '%20');
  return escapeMrkdwn(href);
}

/** A link with Klaxon's own label, or — for a URL that is not a safe web link — the URL as plain text. */
export function slackLink(url: string, label: string): string {
  const safe = mrkdwnUrl(url);
  // A `|` in the label would read as a second separator: the label is Klaxon's, so drop it.
  if (safe && safe.length <= 2000) return `<${safe}|${escapeMrkdwn(label.replace(/\|/g, '/'))}>`;
  return `${escapeMrkdwn(label)}: ${escapeMrkdwn(truncate(url, 300))}`;
}

/** A date Slack shows in each reader's own time zone, with a UTC fallback. */
export function slackDate(date: Date): string {
  const unix = Math.floor(date.getTime() / 1000);
  const fallback = `${date.toISOString().slice(0, 16).replace('T', ' ')} UTC`;
  return `<!date^${unix}^{date_short_pretty} {time}|${fallback}>`;
}

/** The top-level `text` of a message (notifications, screen readers): one escaped line. */
export function notification(plain: string): string {
  return escapeMrkdwn(truncate(plain.replace(/\s+/g, ' ').trim() || '—', SLACK_MAX.notification));
}

/**
 * Plain text from the core (a thread line, a text notice) as a Slack message: escaped, in
 * verbatim sections, with a short escaped notification line.
 */
export function textMessage(plain: string, maxSections = 10): { text: string; blocks: SectionBlock[] } {
  const escaped = escapeMrkdwn(collapseBlankLines(plain) || '—');
  return { text: notification(plain), blocks: sections(escaped, maxSections) };
}
