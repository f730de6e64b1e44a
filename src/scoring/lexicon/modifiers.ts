/**
 * VADER-style modifier words (Hutto & Gilbert 2014): negators flip and damp the next words,
 * boosters and dampeners move a word's valence away from or towards zero, contrast words
 * ("but") shift weight to the clause after them. Same normalisation as the tokeniser.
 */
import { wordSet } from './build.js';

/** Flip a word within the next 3 tokens (same clause): "not happy", "never helpful". */
export const NEGATORS: ReadonlySet<string> = wordSet(`
  not no never none nobody nothing nowhere neither nor cannot cant dont doesnt didnt isnt arent
  wasnt werent wont wouldnt shouldnt couldnt hasnt havent hadnt aint without rarely seldom lack
  lacks lacking despite neednt mustnt nt
`);

/** VADER's B_INCR (+0.293) words. */
export const BOOSTERS: ReadonlySet<string> = wordSet(`
  absolutely amazingly awfully completely considerably decidedly deeply enormously entirely
  especially exceptionally extremely fabulously flipping fricking frigging friggin fully greatly
  hella highly hugely incredibly intensely majorly more most particularly purely quite really
  remarkably so soo substantially thoroughly totally tremendously uber unbelievably unusually
  utterly very super truly ridiculously insanely beyond such too seriously literally freaking
`);

/** VADER's B_DECR (-0.293) words. */
export const DAMPENERS: ReadonlySet<string> = wordSet(`
  almost barely hardly kinda kindof less little marginally occasionally partly scarcely slightly
  somewhat sorta bit
`);

/** Words after which the following clause dominates ("nice staff but the wait was awful"). */
export const CONTRAST: ReadonlySet<string> = wordSet('but however although though yet');

/** Count words the phrase wildcard "#" accepts besides digits ("called three times"). */
export const NUMBER_WORDS: ReadonlySet<string> = wordSet(`
  a an one two three four five six seven eight nine ten eleven twelve fifteen twenty thirty forty
  fifty sixty hundred several multiple few couple many numerous countless dozen dozens hundreds 1st
  2nd 3rd second third fourth fifth
`);

/** Positive words people use sarcastically next to a complaint ("thanks for the 3 hour delay"). */
export const SARCASM_PRONE: ReadonlySet<string> = wordSet(`
  thanks thank thx great love loved loving awesome wonderful fantastic nice amazing perfect
  brilliant excellent best fun lovely impressed superb good glad appreciate classic marvellous stellar
  fab fabulous terrific
`);

/** Emoji (and #sarcasm) that mark praise as sarcastic: "great service 🙄". 👏 is left out: it is
 * sarcastic about as often as it is sincere. */
export const SARCASM_EMOJI: ReadonlySet<string> = wordSet('🙄 🙃 😒 😑 😏 🤡 sarcasm');

/** Words that report a problem solved; praise next to them is sincere ("great job, fixed in an hour"). */
export const RESOLUTION: ReadonlySet<string> = wordSet(`
  fixed resolved sorted solved refunded replaced helped helpful rebooked reimbursed compensated
  found delivered arrived working
`);
