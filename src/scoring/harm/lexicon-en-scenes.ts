/**
 * English concepts for harm told as a scene rather than named ("the lift doors opened between
 * floors and my mum nearly stepped into the shaft", "he'd make sure I regret it"). No single
 * phrase carries these; the rules (rules.ts) compose two or three broad classes in a short window:
 *   - safety: a hazard (a thing that can hurt: lift, stairs, glass, a van) × an outcome for a body
 *     (hurt, trapped, thrown to the floor) or a near miss (nearly, just missed), or a structure
 *     failing (gave way, came down) beside a person;
 *   - threat: a menace about what will happen to a person (regret it, accidents happen, not be
 *     safe) × a frame that makes it a threat (someone said it, a condition, "next time");
 *   - fraud: money or an account that moved × a sign it was not the customer.
 * Each class is wide on purpose; the composition, not the word, is the evidence.
 */

/** "nearly stepped into", "almost went down": a body that nearly came to harm. */
function nearMisses(): string {
  const adverbs = ['nearly', 'almost', 'narrowly', 'very nearly'];
  const motions = [
    'fall',
    'step into',
    'step off',
    'go down',
    'go over',
    'go through',
    'trip',
    'slip',
    'get hit',
    'hit',
    'crush',
    'trap',
    'knock',
    'land on',
    'drown',
    'choke',
    'electrocute',
    'lose a finger',
    'get run over',
    'run over',
    'walk into',
    'fall through',
    'fall in',
    'fall into',
    'get crush',
    'get trap',
    'get electrocute',
    'lose my footing',
    'break my',
    'break her',
    'break his',
    'come off',
    'go flying',
    'get knock',
    'strangle',
    'suffocate',
  ];
  const out: string[] = [];
  for (const a of adverbs) for (const m of motions) out.push(`${a} ${m}`);
  const whom = [
    'me',
    'her',
    'him',
    'us',
    'someone',
    'a child',
    'a toddler',
    'a kid',
    'a baby',
    'a pedestrian',
    'a cyclist',
    'my son',
    'my daughter',
    'my kid',
    'my head',
    'my foot',
    'my baby',
    'my mum',
    'my dad',
    'my child',
    'a customer',
    'an old lady',
    'an old man',
    'a woman',
    'a man',
    'my husband',
    'my wife',
    'my dog',
    'the pram',
    'my pram',
  ];
  for (const miss of ['just miss', 'narrowly miss', 'only just miss', 'barely miss']) for (const w of whom) out.push(`${miss} ${w}`);
  out.push(
    'could have be underneath',
    'could have be under it',
    'could have be kill',
    'could have die',
    'could have be hurt',
    'could have be seriously',
    'someone could have be hurt',
    'someone could have be kill',
    'someone could have die',
    'inches from my',
    'inches from her',
    'inches from his',
    'miss * by inches',
    'by inches',
  );
  return out.join(' | ');
}

export const SCENE_CONCEPT_TABLE: Readonly<Record<string, string>> = {
  // ---- safety ----
  /** Things that can hurt someone when they fail or are left unsafe (context: never enough alone). */
  HAZARD_THING: `
    lift | elevator | escalator | travelator | shaft | lift shaft | door | automatic door | revolving door |
    stair | stairs | staircase | step | steps | handrail | hand rail | banister | railing | balcony |
    glass panel | panel | pane | window | ceiling | roof | floorboard | floor | paving | paving slab | slab |
    pavement | kerb | curb | manhole | manhole cover | drain cover | grate | cover | hole | pothole | gap |
    platform | scaffolding | scaffold | pole | ladder | shelf | shelving | display | sign | gate | barrier |
    trampoline | frame | buckle | car seat | wheel | tyre | van | lorry | truck | bus | car | train | taxi |
    bike | ebike | e bike | scooter | battery | heater | boiler | pool | drain | blade | knife | nail | wire |
    cable | machine | trolley | crane | pallet | fence | wall | tree | branch | bracket | mirror | hatch |
    loft hatch | beam | tile | brick | chair | bed | cot | bunk bed | swing | slide | ramp | walkway |
    bridge | car park | road | site | building site | vehicle | driver | forklift | conveyor | equipment
  `,
  /** Someone who could be hurt (context). */
  PERSON_AT_RISK: `
    me | mum | dad | son | daughter | child | kid | baby | toddler | grandad | grandma | nan | gran |
    husband | wife | partner | neighbour | someone | somebody | person | customer | cyclist | pedestrian |
    passenger | old lady | old man | elderly | pensioner | man | woman | boy | girl | people |
    him | her | us | leg | foot | arm | hand | head | finger | face | knee | back | pram |
    buggy | staff | worker | teenager | student | pupil | dog
  `,
  /** What happened to a body, from a hazard. */
  HURT_SCENE:
    `
    split * head | head open | cut * head | bang * head | hit * head | knock * to the floor | knock * over |
    knock * off | knock me | knock her | knock him | throw to the floor | throw * to the floor | throw off |
    throw across | fall on top of | fall onto | fall on me | fall on her | fall on him | land on | trip on the | trip on a | trip on it |
    trip over the | trip over a | trip over it | slip on the | slip on a | slip on it | go flying | send * flying | leg go through | ` +
    `foot go through | foot go down |
    leg go down | go straight through | get * arm stuck | get * leg stuck | get * foot stuck | get * hand stuck |
    get * finger stuck | get * head stuck | get stuck in the lift | arm stuck | leg stuck | foot stuck |
    hand stuck | finger stuck | trap * arm | trap * finger | trap * leg | trap * hand | trap inside |
    trapped inside | stuck inside | trap in | crush my | crush her | crush his | crush their | get crush | be crush under | ` +
    `crush between | crush against | hurt my | hurt her | hurt his | hurt their | hurt our |
    need stitch | needed stitch | stitch | bleed | bleeding | blood everywhere | bruise | graze |
    concussion | sprain | break * arm | break * leg | break * wrist | break * ankle | clip * son |
    clip * daughter | clip * kid | clip * child | clip me | clip her | clip him | hit me | hit her | hit him |
    hit my | run into me | drag along | fall on the bed | fall on * bed | fall onto the bed | fall on the cot |
    fall on the sofa | fall on my bed | fall on the table | come off * bike | come off her bike | come off his bike | ` +
    `go over it and come off
  `,
  /** Someone came off or went flying (beside a person and a hazard, a fall). */
  FELL_OFF: 'come off | fall off | go flying | throw off | knock off | go over the handlebar | go over the top',
  /** A danger that almost happened. */
  NEAR_MISS: nearMisses(),
  /** A structure or part that failed (with a hazard and a person near it). */
  STRUCT_FAIL: `
    give way | gave way | come away | come loose | collapse | fall from | fall off | fall onto | fall down |
    fly off | come down | cave in | crack and fall | drop a floor | drop # floor | plunge | jolt |
    reverse into | swing shut onto | swing shut on | slam shut on | close on | shut on | open between |
    open between floor | pop open | burst open | tip over | topple | leave open | left open |
    with no cone | without a cone | no cone | no barrier | no warning sign | uncovered | unguarded |
    cover be missing | cover missing | missing cover | grate missing | railing missing | handrail missing |
    missing railing | missing handrail | come away in my hand | come away from the wall
  `,
  /** Fumes and what breathing them does. */
  FUMES: 'fume | exhaust fume | chemical smell | smell of chemical | smell of fume | toxic smell | chemical fume',
  SYMPTOM: `
    headache | head ache | dizzy | dizziness | drowsy | nauseous | nausea | sick | feel ill | faint |
    breathless | short of breath | sore throat | eyes stream | eyes sting | cough | coughing | chest tight
  `,

  // ---- threat ----
  /** What will happen to a person, said as menace. */
  MENACE:
    `
    regret it | regret this | make sure * regret | make sure * suffer | would be sorry | will be sorry |
    youll be sorry | hed be sorry | shed be sorry | make my life hell | make your life hell |
    make his life hell | make her life hell | make life hell | kid would not be safe | kid wont be safe |
    family would not be safe | family wont be safe | would not be safe if | wont be safe if | wouldnt be safe if |
    not be safe unless | accident happen to | tend to have accident | tend to have an accident |
    might have an accident | could have an accident | accident can happen | get off so lightly | get off lightly |
    not get off so lightly | not get off lightly | run me over | run you over | run him over | run her over |
    pay me a visit | pay you a visit | pay us a visit | pay him a visit | nobody would find | no one would find |
    nobody will find | no one will find | better keep quiet | best keep quiet | keep quiet or |
    keep my mouth shut | keep your mouth shut | better watch yourself | better watch it | better watch your back | watch yourself | ` +
    `watch myself | wait for me outside | wait for you outside |
    be wait for me | be wait for you | wait outside for | with a bat | with a baseball bat | with a hammer |
    see what happen to | know my address | know where my kid | know where my family | know where i live |
    know where we live | find where i live | sort you out | sort me out properly | make you pay |
    get people to pay | send someone round | send some lad | teach * a lesson | burn * down | smash * in |
    smash * face | get hurt
  `,
  /** What makes a menace a threat: someone said it, a condition, "next time", "or else". */
  MENACE_FRAME: `
    say | tell | warn | threaten | whisper | shout | text | message | if i | if you | if she | if he | if we |
    if my | if anyone | unless | next time | one more | or else | keep ignore | keep ignoring | people who |
    people like | anyone who | i will | ill | im go to | gonna | we will | well | be come | be wait
  `,

  // ---- fraud ----
  /** A card or account used somewhere the customer was not. */
  CARD_USED: `
    card be use | card use | card be charge | use in a shop | use in a store | use at a | use in | use abroad |
    use online | card be clone | card use in | transaction in | payment in | spend in | withdrawal in |
    withdrawal from a cash machine | cash machine in | atm in | shipped to an address | ship to an address |
    deliver to an address | send to an address | order * ship to | new device | device be add |
    device add | new login | login from | sign in from | log in from | logged in from
  `,
  /** Where the customer was while the card or account was used (context: only beside CARD_USED). */
  ELSEWHERE: `
    i live in | we live in | i be in | i be at home | i be asleep | i be at work | i be abroad | i be on holiday |
    i have never be | ive never be | never be to | i be nowhere near | i wasnt there
  `,
  /** Money gone in a way no customer does to themselves. */
  LOSS_STRONG: `
    account be empty | account empty | empty my account | account be drain | drain my account |
    clear out my account | clean out my account | wipe out my account | account be wipe | saving be go |
    savings go | all my money be go | all my saving | money disappear | money vanish | money keep go out |
    money keep leave | keep take money | balance be zero | balance now zero | balance be wipe | balance go to zero |
    point be go | points go | point be use | use my point | use my loyalty | spend my point
  `,
  /** Someone came for the card or the PIN: a courier scam. */
  CARD_HANDOVER:
    `
    collect my card | collect my * card | come for my card | come for my * card | come to collect my card |
    take my card away | take my * card away | pick up my card | pick up my * card | courier * my card | hand over my card | ` +
    `give him my card | give her my card |
    give them my card | send someone for my card | send a courier
  `,
  /** Someone was let into the customer's computer (with a loss or a caller beside it, a scam). */
  REMOTE_ACCESS: `
    remote into | remoted into | remote access | take control of my | control of my laptop |
    control of my computer | install an app they | download an app they | install anydesk | install teamviewer |
    access to my laptop | access to my computer | into my laptop | into my computer
  `,

  // ---- medical ----
  /** Where a dose or a medicine is handled (context). */
  MED_THING: `
    blister pack | pharmacy | pharmacist | chemist | oxygen | cylinder | injection | nurse | doctor | prescribe |
    prescription | dose | medication | medicine | insulin | syringe | tablet | pill | mg | ml | label | box |
    repeat prescription | inhaler | antibiotic | jab | vaccine | meds
  `,
  /** A wrong amount or strength of a medicine. */
  DOSE_ERROR:
    `
    # the dose | # time the dose | time the dose | time what | x the dose | # time what | different strength | wrong strength | ` +
    `strength without | # mg but | mg but |
    but the box | box inside be | skip .. injection | skip .. dose | miss .. injection | miss .. dose |
    someone else blister | someone elses blister | someone else medication | someone elses medication |
    told them i be allergic | tell them i be allergic | say i be allergic | know i be allergic |
    despite my allergy | even though i be allergic | i be allergic to it |
    someone elses pill | someone elses tablet | someone elses prescription | someone else prescription |
    last cylinder | last oxygen | down to the last | run out of oxygen | hot van | in a hot
  `,
};
