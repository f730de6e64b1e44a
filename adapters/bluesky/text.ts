/**
 * Lengths as Bluesky counts them: a post may hold 300 graphemes (user-perceived characters —
 * an emoji family, a flag or a letter with its accents is one) and 3,000 bytes of UTF-8; a chat
 * message 1,000 graphemes and 10,000 bytes (lexicons app.bsky.feed.post, chat.bsky.convo.defs).
 * Graphemes are counted with Intl.Segmenter, as the atproto libraries do.
 */
export const POST_MAX_GRAPHEMES = 300;
export const POST_MAX_BYTES = 3000;
export const DM_MAX_GRAPHEMES = 1000;
export const DM_MAX_BYTES = 10_000;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const encoder = new TextEncoder();

/** Printable ASCII has one grapheme per character (CR LF, the one ASCII pair that joins, is excluded). */
const SIMPLE = /^[\x20-\x7e\n\t]*$/;

export function graphemeLength(text: string): number {
  if (SIMPLE.test(text)) return text.length;
  let count = 0;
  for (const _ of segmenter.segment(text)) count += 1;
  return count;
}

export function utf8Length(text: string): number {
  return encoder.encode(text).byteLength;
}

function problem(text: string, what: string, maxGraphemes: number, maxBytes: number): string | null {
  if (!text.trim()) return `The ${what} is empty.`;
  const graphemes = graphemeLength(text);
  if (graphemes > maxGraphemes)
    return `The ${what} is ${graphemes - maxGraphemes} characters over Bluesky's limit of ${maxGraphemes} (${graphemes}).`;
  const bytes = utf8Length(text);
  if (bytes > maxBytes)
    return `The ${what} is ${bytes} bytes long; Bluesky allows ${maxBytes} (shorten it: its characters take several bytes each).`;
  return null;
}

/** Why a public reply cannot be posted as written, or null. */
export function postProblem(text: string): string | null {
  return problem(text, 'Bluesky post', POST_MAX_GRAPHEMES, POST_MAX_BYTES);
}

/** Why a direct message cannot be sent as written, or null. */
export function dmProblem(text: string): string | null {
  return problem(text, 'Bluesky direct message', DM_MAX_GRAPHEMES, DM_MAX_BYTES);
}
