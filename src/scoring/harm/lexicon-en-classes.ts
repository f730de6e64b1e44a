/**
 * English concepts for harm classes the fifth held-out pair showed were told without a known
 * phrase: a crisis told as a plan or as nothing left, a gas leak told by its smell, privacy told
 * as what happened to an e-mail or a document, discrimination told as a comparison with someone
 * else, threats to property or to meet staff, legal help named by its trade ("no win no fee"),
 * and outlets and regulators by name. The rules (rules.ts) compose these with a frame; the
 * lists are wide on purpose and no single sentence is the evidence.
 */

/** National and consumer press, broadcasters and their programmes (UK, US, DE, FR, ES, PT). */
const OUTLETS = [
  // UK
  'the guardian | the observer | sunday times | the telegraph | the i paper | inews | daily star',
  'the sun | sunday mirror | daily record | the herald | the scotsman | evening standard | manchester evening news',
  'bbc news | bbc breakfast | bbc radio | radio 4 | radio 5 live | 5 live | you and yours | moneybox | money box',
  'watchdog | rip off britain | itv news | channel 4 news | sky news | gb news | lbc | talksport | which? | which magazine',
  'which? money | moneysavingexpert | money saving expert | martin lewis | this is money | the money show | panorama | dispatches',
  // US
  'new york times | nyt | washington post | wall street journal | wsj | usa today | la times | los angeles times | npr',
  'nbc news | cbs news | abc news | msnbc | cnbc | good morning america | today show | consumer reports',
  'associated press | ap news | propublica | local news station | channel 7 | channel 2 investigates',
  // DE, FR, ES, PT
  'bild zeitung | der spiegel | die zeit | süddeutsche | tagesschau | ard | zdf | rtl | wdr | ndr',
  'stiftung warentest | marktcheck | plusminus | wiso',
  'le monde | le figaro | libération | le parisien | tf1 | france 2 | france 3 | bfmtv | bfm | rmc | franceinfo | france info',
  'que choisir | 60 millions de consommateurs | envoyé spécial | complément d enquête',
  'el país | el mundo | la vanguardia | el confidencial | rtve | antena 3 | telecinco | la sexta | cadena ser',
  'público | correio da manhã | jornal de notícias | sic notícias | tvi | rtp | cmtv | folha | estadão',
].join(' | ');

export const CLASS_CONCEPT_TABLE: Readonly<Record<string, string>> = {
  /** A named outlet: press when something is sent, said or asked of it. */
  OUTLET: OUTLETS,
  /** Someone who writes or presents for an outlet, named by role. */
  PRESS_ROLE: `
    consumer editor | money editor | personal finance editor | business editor | news editor | deputy editor |
    consumer champion | consumer reporter | consumer correspondent | consumer journalist | consumer affairs correspondent |
    columnist | money columnist | agony aunt | investigations team | investigations unit | investigative reporter |
    someone at | contact at | friend at | a mate at | researcher from | producer from | journalist from | reporter from
  `,
  /** What a customer does with an outlet: sends it, tells it, is asked by it. */
  PRESS_ACT: `
    send | sent | sent everything | forward | email | contact | tell | told | speak to | spoke to | talk to | tip off |
    ask me for | asked me for | be in touch | get in touch | interested in my | investigate | look into | feature | write up
  `,
  /** A plan and its means at hand, not a wish: "the pills in front of me", "the rope is ready". */
  MEANS_AT_HAND: `
    pills in front of me | tablets in front of me | pills lined up | tablets lined up | counted out the pills | counted out my pills |
    counted out the tablets | all my pills out | saved up my pills | the rope ready | rope is ready | a rope ready |
    on the roof of the car park | top of the car park | on the bridge now | at the bridge now | on the cliff |
    at the cliff edge | on the tracks now | wrote my note | written my note | letters to my kids | letter to my kids
  `,
  /** A life with nothing left in it, said of oneself. */
  NOTHING_LEFT: `
    nothing left for me | nothing left to live for | nothing to live for | no reason to live | no reason to go on |
    no point going on | no point in going on | no point carrying on | not worth going on | cant go on | can not go on |
    better off without me | better off if i was gone | better off if i wasnt here | no future for me |
    dont want to be here anymore | dont want to be here any more | no way back for me | i wont be here | i will not be here
  `,
  /** A last message or a frame that makes the words literal ("not being dramatic", "this is the last time"). */
  FINAL_FRAME: `
    last time ill contact | last time i contact | last time ill message | last message ill send | last message youll get |
    you wont hear from me again | wont hear from me again | not being dramatic | im not being dramatic | not dramatic |
    im done | i am done | ill be done | that's it for me | thats it for me | goodbye | say goodbye | this is goodbye
  `,
  /** A gas leak told by its smell. */
  ROTTEN_EGG: 'rotten egg | rotten eggs | eggy | sulphur | sulfur | sulphurous',
  /** A hazard that has ended: "gone now", "sorted", "fixed", "all clear". */
  RESOLVED: `
    gone now | completely gone | all gone now | sorted now | fixed now | all fixed | all sorted | all clear |
    safe now | panic over | false alarm | made it safe | made safe | capped it off | was my husband | was my wife |
    was my son | was my daughter | was me after all | my mistake | my bad
  `,
  /** Mail or a document that reached the wrong eyes. */
  EXPOSED_CHANNEL:
    `
    in cc | on cc | in the cc | cc field | cc line | ccd every | cced every | cc every | cc all | ccd all | cced all | ccd the whole | ` +
    `cc the whole | not bcc | instead of bcc | rather than bcc |
    addresses visible | emails visible | email addresses visible | every address visible | all the addresses |
    everyones email address | everyones address | whatsapp group | group chat | facebook group | telegram group |
    shared in a group | posted in a group | in a group chat | on their whatsapp | on a whatsapp | staff group chat
  `,
  /** A personal document or record of the kind that must stay private. */
  PRIVATE_DOC: `
    passport | passport scan | passport photo | driving licence | driving license | id card | id scan | bank statement |
    payslip | medical record | medical records | health record | health records | health data | test results |
    diagnosis | prescription | my address | home address | my details | my data | personal details | customer list |
    email address | email addresses | addresses | mine included | my email | date of birth | national insurance | ssn
  `,
  /** Data that went on after a request to delete it. */
  AFTER_DELETION: `
    asked you to delete | asked to delete | asked you to erase | requested deletion | deletion request | right to erasure |
    right to be forgotten | delete my data | erase my data | delete my details | remove my data | unsubscribed
  `,
  DATA_ONWARD: `
    bought them from you | bought it from you | bought my details | bought my data | sold my data | sold my details |
    sold them | sold it | passed on | passed them on | shared with | got my details from you | had all my details |
    with all my details | still have my data | still has my data | still emailing | still using my data
  `,
  /** Someone of another group treated better, told beside what was done to the customer. */
  OTHER_GROUP: `
    white woman | white man | white colleague | white friend | white customer | white couple | white guy | white lady |
    white people | white family | black woman | black man | asian woman | asian man | straight couple | male colleague |
    english colleague | english customer | local customer | my husband could | husband could ring | a man to ring | a man to call |
    the straight couple | the younger | younger customer | able bodied
  `,
  TREATED_BETTER: `
    walked out | walk out | nothing said | said nothing | got one | got a table | got a room | got served | was served |
    no problem | no questions | wasnt stopped | wasnt checked | let through | let in | got the job | got the flat | got the loan |
    treated differently | different treatment | understand it better | objected to | asked us to move | made us move
  `,
  /** Acts that single a person out: followed round, searched, misgendered, told to go home. */
  SINGLED_OUT: `
    followed me round | followed me around | followed us round | followed us around | asked to check my bag |
    searched my bag | checked my bag | check my bag | watched me the whole time | sweetheart | little lady | love |
    holding hands | asked us to move | asked me to move | moved us | refused to serve | told me there were none |
    no tables left | no rooms left | none left | fully booked | no vacancies | not available | didnt understand
  `,
  /** Property of the company or a member of staff: what a threat of damage or a meeting names. */
  /** Done to who someone is, whatever else is said: "misgendered", "go back to your country". */
  SINGLED_OUT_STRONG: `
    misgender | misgendered | misgendering | deadname | deadnamed | deadnaming | wrong pronouns on purpose |
    go back to your country | go back to where you came from | go back to your own country | go home to your country |
    mocked my accent | laughed at my accent | copied my accent | because of my accent | because of my headscarf |
    because of my hijab | because of my turban | because of my wheelchair | because of my skin | two men holding hands |
    two women holding hands | same sex couple
  `,
  THREAT_PROPERTY: `
    brick | a brick | bricks | rock through | stone through | put your windows in | smash the window | smash your window |
    through your window | through the window of | key your | slash the tyres | slash your tyres | set fire | torch the |
    burn the place | wreck the shop | trash the shop | trash your shop | glue the locks
  `,
  MEET_STAFF: `
    hope i never see | better hope i never | better hope i dont see | wait for her after | wait for him after |
    wait for you after | waiting for her after | waiting for him after | see you outside | see you in the car park |
    meet your rep | find your rep | find out where he lives | find out where she lives | pay him a visit |
    pay her a visit | pay you a visit | pay the branch a visit | outside your branch
  `,
  STAFF_OR_PLACE: `
    your rep | your engineer | your driver | your manager | your staff | the cashier | the cashier after | the manager |
    her after her shift | him after his shift | after her shift | after his shift | your branch | your shop | your office |
    your store | branch window | shop window | office window | your depot | in the street | the street
  `,
  /** Legal help named by its trade. */
  LEGAL_TRADE: `
    no win no fee | no-win no-fee | claims solicitor | claims firm | claims lawyer | claims company |
    personal injury lawyer | personal injury solicitor | injury lawyer | small claims | small claims track |
    employment lawyer | consumer lawyer | legal aid | legal expenses cover | citizens advice said i can claim
  `,
  /** Introducing oneself by profession: "I'm a solicitor and...", "as a nurse". */
  SELF_PROFESSION: `
    i m a solicitor | im a solicitor | i am a solicitor | im a lawyer | i am a lawyer | i work as a solicitor |
    as a solicitor | as a lawyer | im a paralegal | i am a paralegal | im a barrister | i am a barrister |
    solicitor here | lawyer here | im a trainee solicitor | i work at a law firm | i work for a law firm
  `,
  /** A question about a regulator's rules or schedule, not a complaint to it. */
  RULE_QUESTION: `
    price cap change | cap change | new rules | new rule | rule change | regulated by | are you regulated |
    are you authorised | registered with | going to affect | will it affect | does it affect | how will the | what does the
  `,
  /** Thanks or praise for a person. */
  STAFF_THANKS: `
    shout out | shoutout | big thanks | huge thanks | thank you to | what a gem | a gem | credit to | a credit |
    deserves a raise | deserves a medal | deserves a pay rise | went above and beyond | above and beyond | so patient with
  `,
};
