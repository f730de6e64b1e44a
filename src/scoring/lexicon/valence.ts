/**
 * General-purpose word valences on the VADER scale (-4 most negative .. +4 most positive), written
 * by hand for customer messages to any business (banks, telecoms, retail, software, travel).
 *
 * Keys are normalised like the tokeniser does: lowercase, no apostrophes ("dont", "cant").
 * Complaint events ("delayed", "refund", "on hold") carry their valence in complaints.ts/risks.ts
 * together with a theme; this file holds plain opinion words. Words whose sign depends on the
 * context (help, please, service) are left out on purpose.
 */
import { groups } from './build.js';

export const VALENCE: ReadonlyMap<string, number> = groups([
  // ---- negative ----
  [
    -3.5,
    `
    worst horrendous atrocious abysmal appalling disgraceful despicable fuck fucking fucked fuckin
    shit shitty bullshit wtf pissed furious livid outraged outrageous nightmare nightmarish hell
    hellish garbage trash disaster disastrous fml
  `,
  ],
  [
    -3,
    `
    horrible terrible awful disgusting disgusted pathetic useless hate hated hates hating
    unacceptable ridiculous incompetent incompetence inexcusable infuriating infuriated rude rudest
    disrespectful disrespected shameful lousy miserable dreadful appalled sucks suck sucked sucky
    stupid idiots idiot idiotic insulting insulted liars liar lying lied cheated cheat cheats robbed
    screwed crap crappy ripoff scam scammed scammers fraud fraudulent worthless shocking shambles
    joke clowns
  `,
  ],
  [
    -2.5,
    `
    bad angry frustrated frustrating frustration disappointed disappointing disappointment fail
    failed fails failure failing worse ruined ruin ruins unhappy hopeless helpless stranded nasty
    unprofessional unhelpful careless negligent neglect neglected mess messed inconsiderate horrid
    damn dammit goddamn smh ugh argh grr fuming heartbroken devastated gutted sickening misleading
    mislead misled deceptive deceived lie lies threatening unbelievable unreal inept disorganized
    disorganised clueless
  `,
  ],
  [
    -2,
    `
    poor upset annoyed annoying annoyance mad sad broken ignored ignoring ignore stuck trapped wrong
    denied refuse refused refusing refuses hassle stressful stressed overcharged dirty filthy smelly
    unreliable chaos chaotic embarrassing embarrassed sick inconvenience inconvenienced inconvenient
    rubbish sigh fuming confusing nonsense excuse excuses mistreated neglectful ugly gross lame
    shady sketchy dishonest greedy unfair unjust tired exhausted regret regrets blah boo yikes
    bummed bummer letdown lacking laughable angered
  `,
  ],
  [
    -1.5,
    `
    problem problems complaint complaints complain complaining complained error errors mistake
    mistakes unfortunately confused slow stress worried worry worrying concerned concern doubt
    incorrect uncomfortable cramped expensive overpriced blame blamed difficult struggle struggling
    struggled rejected decline declined lost missing damaged apologize apologies seriously meh
    whatever hungry freezing waste wasted wasting pointless avoid beware warning misery painful pain
    suffer suffering suffered poorly weak sorry
  `,
  ],
  [
    -1,
    `
    issue issues unable late waiting waited crowded cold hot noisy unclear bored boring impatient
    hardly mediocre odd weird strange tough risky delayed delay delays cancelled canceled bothered
    bother nervous anxious hurry rushed
  `,
  ],
  [-0.5, 'again still long wait fee fees charged cheap hidden'],
  // ---- positive ----
  [0.5, 'ok okay fine alright decent fair yes sure better'],
  [1, 'hope hopefully quick fast clean ready wish interesting laugh lol free deal'],
  [
    1.5,
    `
    thanks thank thx ty cool smooth easy polite professional comfortable recommend recommended worth
    fixed sorted safe luckily fortunately lucky smile smiled smiles haha hehe wow welcome nicely
    efficient efficiently prompt promptly reliable patient patience improved improvement upgrade
    upgraded refreshing
  `,
  ],
  [
    2,
    `
    glad pleased enjoy enjoyed enjoying nice good friendly helpful kind kindness courteous pleasant
    satisfied satisfaction appreciate appreciated appreciates appreciation thankful favorite
    favourite fave win winning winner resolved solved sweet proud relieved relief fun super support
    supportive respect impressed impressive beautiful accommodating accommodated generous attentive
    responsive caring
  `,
  ],
  [
    2.5,
    `
    happy great lovely excited exciting grateful kudos congrats congratulations bravo yay woohoo
    hero heroes angel rockstar rockstars rock rocks rocked delight delightful stellar terrific
  `,
  ],
  [
    3,
    `
    excellent amazing amazed superb perfect perfectly awesome wonderful love loved loves lovin
    brilliant incredible exceptional best delighted fabulous fantastic magnificent marvelous
    marvellous
  `,
  ],
  [3.5, 'outstanding phenomenal spectacular flawless'],
]);

/** Emoji and emoticons, as the tokeniser emits them. 🙄 😒 👏 also count as sarcasm cues. */
export const EMOJI_VALENCE: ReadonlyMap<string, number> = groups([
  [-3, '😡 🤬 😠 💩 🖕'],
  [-2.5, '😤 😭 😢 😩 😫 💔 👎 🤮 🤢 😖 😣 😞 😔 😓 😰 😱 😟 :( ;( :['],
  [-1.5, '😒 🙄 😑 😕 🙁 ☹ 😐 😬 😪 😥 🆘 :/ :\\ :| :S'],
  [1, '🙏 ;P :P 😜 😛 😏'],
  [2, '🙂 😉 ☺ 😀 😃 😄 😁 😎 👌 ✌ 🙌 🎉 ⭐ 🌟 ✨ 👍 :) ;) (: :] :D ;D 😆'],
  [3, '😊 😍 🥰 😘 ❤ ♥ 💕 💙 💗 💖 💓 💜 💚 💛 🧡 😇 🤩 <3 :*'],
]);
