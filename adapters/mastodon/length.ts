/**
 * Lengths as Mastodon counts them (StatusLengthValidator): grapheme clusters, where every link
 * counts as `characters_reserved_per_url` (23) whatever its length, and a mention of a remote
 * account counts only its local part (`@jane@example.social` as `@jane`). The limit is the
 * instance's own (`configuration.statuses.max_characters` in /api/v2/instance, 500 by default).
 */
export const DEFAULT_MAX_CHARACTERS = 500;
export const DEFAULT_URL_LENGTH = 23;

const segmenter = new Intl.Segmenter(undefined, { granularity: 'grapheme' });
const URL = /https?:\/\/[^\s<>"]+[^\s<>".,;:!?)\]'"]/gi;
const MENTION = /(^|[^\w/])@(\w+(?:[\w.-]*\w)?)@[\w.-]+\w/gu;

export interface InstanceLimits {
  maxCharacters: number;
  urlLength: number;
}

export function mastodonLength(text: string, limits: InstanceLimits): number {
  const countable = text
    .replace(URL, 'x'.repeat(limits.urlLength))
    .replace(MENTION, (_m, before: string, user: string) => `${before}@${user}`);
  let count = 0;
  for (const _ of segmenter.segment(countable)) count += 1;
  return count;
}

export function statusProblem(text: string, limits: InstanceLimits, what = 'Mastodon post'): string | null {
  if (!text.trim()) return `The ${what} is empty.`;
  const length = mastodonLength(text, limits);
  return length > limits.maxCharacters
    ? `The ${what} is ${length - limits.maxCharacters} characters over this instance's limit of ${limits.maxCharacters} (links ` +
        `count ${limits.urlLength} each).`
    : null;
}
