/**
 * The sentences the chat flows say to a person, written once for Slack and Teams alike. Refusals
 * by a verb carry their own words (KlaxonError, src/errors.ts); these are the flows' own.
 */
export const CHAT_TEXT = {
  /** A form or button on a resolved case (only Resolve and Reopen apply). */
  resolved: (ref: string) => `${ref} is resolved; reopen it first.`,
  /** "Send as DM instead" clicked twice, by someone else, or a day later. */
  draftGone: 'That draft was already sent or has expired.',
  /** A hand-off form names both a person and a channel, or neither. */
  chooseOneTarget: 'Choose a person or a channel (one of them).',
  /** A message in a card's thread that could not be kept as a note. */
  noteRefused: (why: string) => `Not saved as a note: ${why}`,
} as const;
