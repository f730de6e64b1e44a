import {
  ATTRIBUTION,
  FORWARD_MARKER,
  HEADER_DATE,
  HEADER_FROM,
  HEADER_SUBJECT,
  MOBILE_SIGNATURE,
  ORIGINAL_MESSAGE,
  QUOTED_LINE,
  SEPARATOR,
  SIGNATURE_SEPARATOR,
} from './quote-patterns.js';

/**
 * The customer's own words from an e-mail: quoted history (attribution lines, `>` quotes,
 * Outlook header blocks) and signatures ("-- ", "Sent from my iPhone") removed. Forwarded content
 * is kept: a customer who forwards an earlier exchange wants it read. The result is never empty
 * for a message that has text: when stripping would remove everything, the text is kept as is.
 */

/** A signature is short: a "-- " followed by a long text is a separator, not a signature. */
const MAX_SIGNATURE_LINES = 20;
/** Clients wrap long attributions over two or three lines. */
const ATTRIBUTION_WINDOW = 3;
const MAX_ATTRIBUTION_LENGTH = 600;
/** How far below "From:" the date and subject of an Outlook block may be (Sent, To, Cc, Subject). */
const HEADER_BLOCK_LINES = 6;

/** Bidi marks and isolates are invisible and break matching; NBSP comes from HTML. */
const INVISIBLE = /[\u200e\u200f\u202a-\u202e\u2066-\u2069\ufeff]/g;

function comparable(line: string): string {
  return line
    .replace(INVISIBLE, '')
    .replace(/[\u00a0\u202f]/g, ' ')
    .trim();
}

export function normalizeNewlines(text: string): string {
  return text.replace(/^\ufeff/, '').replace(/\r\n?/g, '\n');
}

/** How many lines (1..3) starting at `i` form a reply attribution, or 0. */
function attributionAt(lines: readonly string[], i: number): number {
  let joined = '';
  for (let n = 1; n <= ATTRIBUTION_WINDOW && i + n <= lines.length; n += 1) {
    const next = comparable(lines[i + n - 1] ?? '');
    if (n > 1 && next === '') return 0;
    joined = n === 1 ? next : `${joined} ${next}`;
    if (joined.length > MAX_ATTRIBUTION_LENGTH) return 0;
    if (ATTRIBUTION.some((re) => re.test(joined))) return n;
  }
  return 0;
}

function previousNonBlank(lines: readonly string[], i: number): number {
  let j = i - 1;
  while (j >= 0 && comparable(lines[j] ?? '') === '') j -= 1;
  return j;
}

function nextNonBlank(lines: readonly string[], i: number): number {
  let j = i;
  while (j < lines.length && comparable(lines[j] ?? '') === '') j += 1;
  return j;
}

/** An Outlook-style header block ("From: …", "Sent: …", "Subject: …") starting at `i`. */
function headerBlockAt(lines: readonly string[], i: number): boolean {
  if (!HEADER_FROM.test(comparable(lines[i] ?? ''))) return false;
  let date = false;
  let subject = false;
  for (let j = i + 1; j <= i + HEADER_BLOCK_LINES && j < lines.length; j += 1) {
    const text = comparable(lines[j] ?? '');
    date ||= HEADER_DATE.test(text);
    subject ||= HEADER_SUBJECT.test(text);
  }
  return date && subject;
}

function isForwardIntro(lines: readonly string[], i: number): boolean {
  const before = previousNonBlank(lines, i);
  return before >= 0 && FORWARD_MARKER.test(comparable(lines[before] ?? ''));
}

/** Removes quoted history; returns the remaining lines. */
function removeQuotes(lines: readonly string[]): string[] {
  const out: string[] = [];
  let i = 0;
  while (i < lines.length) {
    const line = lines[i] ?? '';
    const plain = comparable(line);
    const attribution = attributionAt(lines, i);
    if (attribution > 0) {
      const after = nextNonBlank(lines, i + attribution);
      if (after < lines.length && QUOTED_LINE.test(lines[after] ?? '')) {
        // "On … wrote:" above a `>` block: drop both and go on, the customer may answer below.
        i = after;
        while (
          i < lines.length &&
          (QUOTED_LINE.test(lines[i] ?? '') || (comparable(lines[i] ?? '') === '' && QUOTED_LINE.test(lines[nextNonBlank(lines, i)] ?? '')))
        )
          i += 1;
        continue;
      }
      // Quoted history without `>` (converted HTML, Outlook): everything below is the old thread.
      break;
    }
    if (ORIGINAL_MESSAGE.test(plain)) break;
    if (headerBlockAt(lines, i) && !isForwardIntro(lines, i)) {
      // Outlook draws a line above the block: it belongs to the history too.
      while (out.length > 0 && comparable(out.at(-1) ?? '') === '') out.pop();
      if (out.length > 0 && SEPARATOR.test(comparable(out.at(-1) ?? ''))) out.pop();
      break;
    }
    if (QUOTED_LINE.test(line)) {
      i += 1;
      continue;
    }
    out.push(line);
    i += 1;
  }
  return out;
}

/** Removes a trailing signature: "-- " and what follows, "Sent from my iPhone" lines at the end. */
function removeSignature(lines: string[]): string[] {
  let end = lines.length;
  for (let i = 1; i < lines.length; i += 1) {
    if (
      SIGNATURE_SEPARATOR.test(lines[i] ?? '') &&
      lines.length - i - 1 <= MAX_SIGNATURE_LINES &&
      lines.slice(0, i).some((l) => comparable(l) !== '')
    ) {
      end = i;
      break;
    }
  }
  const kept = lines.slice(0, end);
  // Mobile footers sit at the very end, possibly under a short name line.
  for (let tail = 0; tail < 3; tail += 1) {
    const last = previousNonBlank(kept, kept.length);
    if (last < 0) break;
    const text = comparable(kept[last] ?? '');
    if (text.length <= 90 && MOBILE_SIGNATURE.some((re) => re.test(text))) {
      kept.length = last;
    } else break;
  }
  return kept;
}

/** Trailing spaces off, at most one blank line in a row, no blank lines at either end. */
export function tidyLines(lines: readonly string[]): string {
  const out: string[] = [];
  for (const raw of lines) {
    const line = raw.replace(/[ \t]+$/, '');
    if (line === '' && (out.length === 0 || out.at(-1) === '')) continue;
    out.push(line);
  }
  while (out.at(-1) === '') out.pop();
  return out.join('\n');
}

export function stripQuotedText(text: string): string {
  const lines = normalizeNewlines(text).split('\n');
  const stripped = tidyLines(removeSignature(removeQuotes(lines)));
  if (stripped.trim() !== '') return stripped;
  // Nothing of the customer's own: show what they sent rather than an empty card.
  return tidyLines(lines);
}
