/**
 * Sarcasm cues. Single praise words next to a complaint are handled by a rule in text/valence.ts
 * (SARCASM_PRONE words followed by a complaint event in the same clause: "thanks for the 3 hour
 * delay"). SARCASM_PHRASES are sarcastic (or plainly negative) on their own; PRAISE_PHRASES are
 * praise unless the same text also complains ("great job losing my bag"), then they flip.
 */
import { phrases, type PhraseEntry } from './phrase-types.js';

export const SARCASM_PHRASES: readonly PhraseEntry[] = [
  ...phrases(
    'sarcasm',
    0.3,
    -2.5,
    `
    thanks for nothing | thank you for nothing | thanks a lot for nothing | thanks for making me |
    thank you for making me | thanks for wasting | thanks for ruining | yeah right | yea right |
    ya right | so much for | just what i needed | just what i need | gotta love | got to love |
    you gotta love | love being | love waiting | love sitting | must be nice | what a joke |
    what a surprise | big surprise | shocker | how nice | oh good | oh great | oh wonderful | oh brilliant |
    oh lovely | oh fantastic | oh joy | oh perfect | oh fab | nothing says | slow clap | great stuff |
    well played | stellar service | top notch service | cant wait to explain | love paying | love that i
  `,
  ),
];

export const PRAISE_PHRASES: readonly PhraseEntry[] = [
  ...phrases(
    'praise',
    0,
    2,
    `
    love how | love it when | love that you | as always | way to go | great job | nice job |
    good job | well done | nice going | thanks again | thanks a lot | thanks so much for |
    thanks for the | thank you for the | thank you so much for
  `,
  ),
  // Recurrence: neutral-to-warm alone ("great crew as usual"), bitter next to a complaint.
  ...phrases('praise', 0, 1, 'as usual | once again | yet again | real nice'),
  // Praise that reads as a bitter aside after a complaint ("... Love it.", "... Brilliant work.").
  ...phrases(
    'praise',
    0,
    2.5,
    `
    love it | brilliant work | great work | so glad | really appreciate it | thanks a bunch | cheers for that |
    nice one | good times | just brilliant | just great | well done
  `,
  ),
];
