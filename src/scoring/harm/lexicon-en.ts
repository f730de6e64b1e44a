/**
 * English concepts for harm detection, in lemma form ("smell gas" also matches "smelt gas",
 * "smelling gas"). A concept is one idea in many words; the rules (rules.ts) combine concepts in
 * short windows, so "payments I never made", "a debit I don't recognise" and "three transactions
 * that weren't me" all meet as MONEY + a negated AUTH or NOT_MINE. Written for any business
 * (banks, telecoms, energy, retail, delivery, software, travel, care), not for one data set.
 */
import { buildLexicon, type ConceptLexicon } from './concepts.js';
import { CLASS_CONCEPT_TABLE } from './lexicon-en-classes.js';
import { SCENE_CONCEPT_TABLE } from './lexicon-en-scenes.js';

/**
 * "payments I never made", "a debit I didn't authorise", "a loan I did not apply for": a denial
 * before an act of consent. Inability ("I can't book", "I cannot open it") is not a denial, so
 * the negators are the ones that deny a past act (and, for "recognise", the present).
 */
function denials(): string {
  const past = ['never', 'didnt', 'did not', 'havent', 'have not', 'hadnt', 'had not', 'none of us', 'neither of us', 'nobody', 'no one'];
  const passive = ['wasnt', 'werent', 'was not', 'were not', 'not', 'never been', 'havent been', 'hasnt been'];
  const present = ['dont', 'do not', 'never', 'didnt', 'did not'];
  const consent = ['authorise', 'authorize', 'approve', 'agree to', 'consent to', 'permit', 'sanction'];
  const acts = [
    'make',
    'order',
    'request',
    'sign up for',
    'sign up to',
    'set up',
    'apply for',
    'buy',
    'book',
    'spend',
    'open',
    'take out',
    'ask for',
    'give permission for',
    'allow',
    'initiate',
    'purchase',
    'agree',
    'authorise',
    'authorize',
    'approve',
    'consent',
    'do this',
    'do that',
    'withdraw',
    'transfer',
    'send',
    'receive',
    'use',
    'subscribe',
  ];
  const know = ['recognise', 'recognize', 'know about', 'know anything about', 'know what', 'remember'];
  const out: string[] = [];
  const both = (d: string, v: string): void => void out.push(`${d} ${v}`, `${d} * ${v}`);
  for (const v of acts) for (const d of past) both(d, v);
  for (const v of consent) for (const d of passive) both(d, v);
  for (const v of know) for (const d of present) both(d, v);
  return out.join(' | ');
}
const DENIED_AUTH = denials();

/** "didn't come", "hasn't arrived", "never turned up", "still not delivered": something owed did not arrive. */
function notArrived(): string {
  const denials = [
    'didnt',
    'did not',
    'hasnt',
    'has not',
    'havent',
    'have not',
    'never',
    'wasnt',
    'werent',
    'still not',
    'still hasnt',
    'still havent',
    'not',
    'yet to',
  ];
  const arrivals = [
    'come',
    'arrive',
    'turn up',
    'show up',
    'be deliver',
    'get deliver',
    'get here',
    'be send',
    'be dispatch',
    'deliver',
    'dispatch',
    'send',
    'receive',
    'get',
  ];
  const out: string[] = [];
  for (const d of denials) for (const a of arrivals) out.push(`${d} ${a}`, `${d} * ${a}`);
  return out.join(' | ');
}
const NOT_ARRIVED = notArrived();

/** The concept table, for tools that need the raw word lists (the fit's vocabulary filter). */
export const ENGLISH_CONCEPT_TABLE: Readonly<Record<string, string>> = {
  // ---- structure ----
  NEG: 'no longer | no more | not any more | not anymore | never again',
  BLOCK:
    `
    gas bill | gas price | gas station | gas safety check | gas safety certificate | gas safety inspection |
    gas mark | gas and electric | gas supplier | gas tariff | gas account | gas meter reading | gas reading |
    smoke alarm | smoke detector | smoking area | no smoking | smoking hot | smoke and mirror | fire alarm |
    fire sale | fire drill | fire door | fire exit | fire stick | firestick | fire tv | fire tablet | ceasefire |
    burn rate | burn through | burn out | burnout | sick of | sick and tired | sick to death | sick day |
    killing it | kill it | shock horror | price shock | bill shock | sticker shock | culture shock |
    electric car | electric bill | electricity bill | electric vehicle | dangerously good | killer deal | the bomb |
    bomb deal | blow up my phone | blow up my inbox | dying to | to die for | die laugh | nearly die laugh |
    dead funny | im dead | battery die | battery dead | phone die | phone be dead | dead battery | kill me now |
    be kill me | killing me | mind blow | blow away | daylight robbery | highway robbery | hurt my feeling |
    go nuts | drive me nuts | nut about | chill pill | bitter pill | dose of | fraud team | fraud department |
    fraud line | fraud prevention | fraud check | fraud protection | life hack | hack off | not a lawyer |
    im no lawyer | not a solicitor | for maintenance | planned maintenance | scheduled maintenance |
    by accident | food for thought | hot deal | red hot deal | fire deal | on fire deal | lit | baby changing |
    baby food aisle | social media | media player | press the button | press button | press release |
    press enter | press start | news feed | newsletter | good news | paper statement | paper bill |
    paper copy | paper form | sick note | heat wave | heatwave | stone cold | in danger of | insult to injury | power outlet | ` +
    `power socket | power point | power port | power supply unit | no power outlet | charging port | screw up | screwed up | ` +
    `bone dry | life threatening illness | leading cause of | fly with | fly to | fly from | fly into | fly out |
    your magazine | your newspaper | your paper | your podcast | your channel | your blog | your article |
    your column | your show | touch my heart | touch our heart | really touch me | touch me deeply | so touch |
    smash your target | smash the target | smash our target | smash my target | smash it | smash that |
    smash the record | smash record | smash the competition | smash expectation | kill the game | kill it |
    radio silence | paper bag | paper towel | paperless | road trip | fall asleep | fell asleep | nearly fall asleep |
    off my chair | off my seat | off my feet | smash * exam | smash my exam | smash his exam | smash her exam |
    smash the exam | smash * test | smash * interview | kill for a | kill for some | would kill for |
    sort me out with | sort us out with | regret lose | regret losing | regret lose me | will regret lose | youll regret lose |
    you will regret lose | you wont regret | you will not regret | never regret | eat you alive | eat them alive
  `,

  // ---- safety ----
  GAS: 'gas | lpg | propane | butane | natural gas | gas main | gas pipe',
  GAS_SIGN:
    'smell | smelly | stink | whiff | odour | odor | leak | leaky | hiss | escape | fume | unsealed | unsecured | left open | ' +
    'uncapped | not capped | not sealed | exposed pipe',
  GAS_DIRECT: `
    gas leak | leak gas | smell gas | smell of gas | smell like gas | gas smell | carbon monoxide |
    co alarm | co detector | co poisoning | monoxide | gassy smell
  `,
  FIRE_EVENT:
    `
    catch fire | catch on fire | burst into flame | go up in flame | set fire | set on fire | start a fire |
    start fire | flame | fire start | fire break out | blaze | ablaze | engulf | go on fire | explode | explosion |
    blow up | blew up | fireball | smoke come out | smoke pour | smoke come from | smoke billow | full of smoke |
    fill with smoke | fill with black smoke | fill with thick smoke | go bang and | burning smell | smell of burning | smell burning | ` +
    `smell like burning | electrical burning
  `,
  ON_FIRE: 'on fire | fire',
  SMOKE: 'smoke | smoky | smokey',
  HEAT_DAMAGE:
    `
    melt | scorch | overheat | overheating | too hot to touch | red hot | burn | burnt | scald | blister | spark | sparking | ` +
    `crackle | short circuit | blow a fuse | blow the fuse | fuse blow | trip the electric | trip the power | burn mark | ` +
    `scorch mark | black mark
  `,
  SHOCK: 'electric shock | electrocute | electrocution | get a shock | give me a shock | shock me | tingle | zap',
  LIVE_WIRE: `
    live wire | exposed wire | bare wire | wire hang | wire hang out | wire stick out | hanging wire |
    exposed cable | bare cable | live cable | exposed wiring | wire expose | wire be expose | cable expose |
    wire * expose | wires everywhere | dangle wire | wire dangle
  `,
  DEVICE:
    `
    charger | charge cable | cable | plug | socket | outlet | wire | wiring | adapter | adaptor | battery | power bank | laptop | ` +
    `meter | smart meter | boiler | cooker | oven | hob | stove | heater | radiator | dryer | tumble dryer | washing machine | ` +
    `washer | dishwasher | fridge | freezer | microwave | toaster | kettle | lamp | light fitting | fuse box | fusebox | ` +
    `consumer unit | appliance | device | scooter | e scooter | ebike | e bike | vape | extension lead | hair dryer | hairdryer | ` +
    `straightener | tv | television | console | fireplace | chimney | flue | lift | elevator | escalator | printer | router | ` +
    `headphone | earbud | electric blanket | grill | air fryer | airfryer | blender | dehumidifier | electrics | charging lead | ` +
    `phone charger | phone battery | mobile phone | light fitting | light switch | ceiling light | electric fan | clothes iron
  `,
  PLACE: `
    kitchen | house | home | flat | apartment | room | bedroom | hallway | hall | building | shop | store |
    office | stairwell | garage | loft | ceiling | wall | floor | street | road | car park | basement | cellar |
    garden | bathroom | landing | hotel room | block | estate | school | station | platform
  `,
  WATER_IN:
    `
    water pour | water leak | water drip | water come through | water come in | pour through | drip through | pour out of | ` +
    `drip from | drip out of | leak through | flood | flooding | soak | soaked | water everywhere
  `,
  ELEC_FITTING: 'light fitting | light | socket | fuse box | fusebox | consumer unit | wiring | switch | plug | electrics | ceiling light',
  FOUND: `
    find | discover | notice | spot | there be | theres | piece of | bit of | chunk of | shard of | full of | cover in |
    crawl | crawling | alive | swallow | bite into | chew | inside | in it | in there | stuck in | bake into | come with
  `,
  CONTAMINANT:
    `
    glass | broken glass | metal | plastic | piece of metal | piece of plastic | shard | splinter | mouse | rat | insect | cockroach | ` +
    `roach | beetle | maggot | worm | slug | wasp | spider | mould | mold | blood | needle | staple | hair | bone | plaster | ` +
    `weevil | larva | pest | live bug | bugs in | weevil | fly in my food | fly in my drink | fly in my soup | fly in my salad | ` +
    `mouse dropping | rat dropping | mouse drop | rat drop
  `,
  FOOD:
    `
    food | meal | dish | salad | sandwich | burger | pizza | chip | fries | cereal | cereal bar | rice | pasta | bread | loaf | cake | ` +
    `biscuit | cookie | yoghurt | yogurt | soup | bottle | tin | jar | milk | juice | coffee | tea | chicken | meat | fish | ` +
    `curry | takeaway | dessert | chocolate | crisp | snack | fruit | veg | vegetable | formula | baby food | porridge | pie | ` +
    `sausage | flour | sauce | noodle | tub | smoothie | bun | steak | pork | beef | lamb | cheese | ham | kebab | sushi | ` +
    `meal deal | chocolate bar | protein bar | snack bar | bag of rice | bag of crisps | bag of salad | packet of | pack of | ` +
    `can of | tin of | box of cereal | bottle of
  `,
  FOOD_ILLNESS: `
    food poisoning | poison | poisoning | undercooked | under cooked | raw in the middle | raw inside |
    pink inside | pink in the middle | raw chicken | chicken be raw | chicken was raw | raw meat | raw pork |
    uncooked chicken | uncooked meat | salmonella | e coli | listeria | norovirus | vomit all night |
    be sick all night | sick all night | vomit | vomiting | throw up | diarrhoea | diarrhea | stomach cramp |
    make me ill | make us ill | make me sick | make us sick | make him ill | make her ill | make them ill
  `,
  VEHICLE: `
    driver | bus | coach | train | tram | taxi | cab | uber | van | lorry | truck | car | hire car | rental car |
    vehicle | scooter | bike | ferry | plane | pilot | courier | delivery driver | bus driver | taxi driver |
    cabbie | chauffeur | conductor
  `,
  DRIVE_DANGER:
    `
    drunk | drink drive | drink driving | on his phone | on her phone | on their phone | on the phone while | speed | speeding | ` +
    `swerve | swerving | reckless | recklessly | dangerous driving | drive dangerously | eyes close | eye close | nod off | ` +
    `nodding off | pull off while | drive off while | pull away while | drive off before | pull off before | pull away before | ` +
    `while she be still get on | while he be still get on | while i be still get on | drive like a maniac | fall asleep | ` +
    `asleep at the wheel | run a red | red light | nearly hit | almost hit | nearly run over | almost run over | nearly knock | ` +
    `almost knock | nearly crash | almost crash | near miss | crash into | collide | collision | run over | knock over | ` +
    `knock down | tailgate | road rage | mount the pavement | on the pavement | wrong side of the road | undertake | overtake on | ` +
    `text while drive | text and drive | text while driving | texting and driving | texting while driving | ` +
    `on his phone while driving | on her phone while driving
  `,
  VEHICLE_FAIL: `
    brake fail | brakes fail | no brake | brake do not work | brake dont work | brake didnt work |
    brake stop work | brake go | steering fail | steering go | wheel come off | wheel fall off | wheel fly off | tyre fly off |
    load fall off | load fly off | fall off the back of | tyre blow |
    tyre burst | blowout | seatbelt broken | seatbelt break | seatbelt do not work | seatbelt dont work |
    no seatbelt | door fly open | door open while | door close on | door shut on | trap in the door |
    trap in door | drag along | shut on his arm | shut on her arm | close on his arm | close on her arm |
    close on my arm | shut on my arm | engine cut out | lose power on the motorway | break down on the motorway |
    handbrake fail | brake stop work
  `,
  VEHICLE_PART: 'brake | steering | seatbelt | seat belt | airbag | handbrake | door lock | child lock',
  PART_FAIL:
    'fail | stop work | not work | dont work | didnt work | doesnt work | snap | come off | fall off | burst | blow | jam | ' +
    'lock up | give way | give out | pack in',
  CHILD: `
    child | kid | toddler | baby | son | daughter | infant | little one | boy | girl | grandchild | grandson |
    granddaughter | nephew | niece | # year old | newborn | twins
  `,
  CHILD_HARM: `
    fall | choke | choking | swallow | trap | injure | hurt | burn | scald | cut | bleed | nearly | almost |
    lock in | strangle | crush | drown | suffocate | bang head | hit head | hit his head | hit her head |
    hospital | a e | lose a finger | trapped finger | trap finger | cord | get stuck | stuck in |
    tip over | topple | fall on | fall onto | land on | onto her | onto him | on top of her | on top of him | come down on
  `,
  CHILD_PRODUCT: `
    stair gate | safety gate | baby gate | cot | crib | car seat | high chair | highchair | pram | pushchair |
    buggy | stroller | baby walker | toy | window restrictor | window lock | child lock | bunk bed | playpen |
    baby monitor | bouncer | swing | trampoline | window | balcony | railing | banister | blind cord
  `,
  PRODUCT_FAIL: `
    come off | fall off | break | snap | collapse | give way | fail | faulty | loose | detach | fall apart |
    come apart | not lock | wont lock | doesnt lock | dont lock | didnt lock | come away | pull away | broke off |
    break off | not safe | unsafe | came loose | come loose | open by itself | open on its own | small part |
    choking hazard | sharp edge
  `,
  INJURY:
    `
    injure | injury | bleed | stitch | broke my arm | broke my leg | broke my wrist | broke my ankle |
    break my arm | break my leg | fracture | concussion | burn my hand | burn my arm | burn my leg | scald |
    cut my hand | cut my finger | cut my foot | cut my leg | cut my arm | cut my face | bruise | sprain |
    knock out | knock unconscious | trip and fall | slip and fall | fell down | fall down the stair |
    fall down stair | fall over | electric burn | lost a tooth | black eye | hit by |
    tip over onto | topple onto | fall onto me | fall onto her | fall onto him | fall on top of | come down on top of | collapse on | ` +
    `collapse onto | land on my | land on her | land on his | crush my | crush her | crush his
  `,
  DANGER: `
    unsafe | not safe | dangerous | danger | hazard | hazardous | death trap | risk to life | could have kill |
    could have been kill | nearly kill | almost kill | someone will get hurt | someone could get hurt |
    someone be go to get hurt | someone get hurt | someone will get kill | accident wait to happen |
    fire risk | fire hazard | trip hazard | collapse | cave in | ceiling fall | ceiling fell | ceiling come down |
    ceiling be fall | asbestos | structural | sewage | raw sewage | contaminate | contaminated water |
    unsafe to drink | not safe to drink | boil water notice | legionella |
  `,

  // ---- crisis ----
  SELF_HARM:
    `
    kill myself | killing myself | end my life | end my own life | take my own life | take my life |
    end it all | suicide | suicidal | self harm | selfharm | self harming | harm myself | overdose |
    want to die | wanna die | want to be dead | wish i be dead | wish i was dead | wish i were dead |
    better off dead | better off without me | wont be around | not be around much longer | nobody would miss me |
    no one would miss me | nobody will miss me | no one will miss me | nobody would care if i |
    dont want to be alive | do not want to be alive | dont want to live | do not want to live |
    dont want to be here anymore | dont want to be here any more | no reason to live | nothing to live for |
    no point live | no point in live | no point in go on | no point go on | point of go on | point in go on |
    point of live | point in live | point in carry on | point of carry on | cant go on | can not go on |
    cannot go on | jump off * bridge | jump off the bridge | jump off a bridge | jump off * building |
    jump off * roof | jump from * bridge | jump in front of | hang myself | pills ready | take all my pills |
    take all the pill | take all of my pill | swallow all | disappear forever | end thing | give up on life |
    reason to keep go | reason to go on | reason to carry on | reason to live | cant carry on |
    cannot carry on | not worth live | life be not worth | life isnt worth | kill himself | kill herself |
    kill themselves | take his own life | take her own life | take their own life | end his life |
    end her life | end their life | suicide note | go to hurt myself | gonna hurt myself | want to hurt myself |
    will hurt myself | might hurt myself | think about hurt myself | think of hurt myself | keep hurt myself |
    hurt myself again | cut myself again | start cut myself | go to cut myself | want to cut myself |
    not want to wake up | dont want to wake up | dont want to exist | want to end it | go to end it |
    thinking of end it | think about end it | might as well end it | might as well kill myself |
    might as well be dead | rather be dead | id be better off dead | end my suffering |
    write letter to my kid | write letter to my child | write letter to my family | write a letter to my kid | write goodbye letter | ` +
    `goodbye letter | say goodbye to my kid | say goodbye to my family | say my goodbye | put my affair in order | ` +
    `give away my thing | stop be a burden | be a burden to everyone | burden to everyone | wont be here by | ` +
    `wont be here tomorrow | wont be around by | not be here by | end thing | ending thing | think about end thing | ` +
    `thinking about ending thing
  `,
  DESPAIR:
    `
    cant do this anymore | cant do this any more | cannot do this anymore | cant cope | cannot cope | can not cope | ` +
    `cant take it anymore | cant take any more | cant take this anymore | breaking point | no way out | whats the point | ` +
    `what be the point | hopeless | rock bottom | end of my tether | at the end of my rope | cant see a way | cant keep go | ` +
    `cant keep do this | dark place | mental breakdown | nervous breakdown | panic attack | in tear every day | cry every day | ` +
    `cry all day
  `,
  DESPAIR_WEAK:
    `
    lost everything | lose everything | fall apart | nobody care | no one care | no hope | desperate |
    debt | cant sleep | cry | alone | in tear | bailiff | repossession | evict | eviction | give up |
    nobody listen | no one listen | nobody be listen | no one be listen | nobody help | no one help | nobody will help | ` +
    `no one will help | last straw | cant keep go
  `,
  /** The means at hand, said beside despair ("sat in the car with a bottle of pills. Nobody listens"). */
  MEANS: `
    bottle of pill | bottle of tablet | all my pill | all my tablet | all of my pill | all of my tablet |
    box of pill | box of tablet | packet of pill | packet of tablet | pack of pill | pack of tablet |
    stockpile | stockpile pill | save up my pill | save up pill | noose | a rope | edge of the bridge |
    stand on the bridge | sit on the bridge | stand on the edge | on the train track | on the railway track |
    walk onto the track | in front of a train | in front of a lorry | razor blade
  `,
  /** A treat after a crisis phrase makes it a joke ("ready to end it all... with a slice of your cake"). */
  TREAT: `
    with a slice | with a massive slice | with a big slice | with a huge slice | with cake | with a cake |
    with chocolate | with a chocolate | with a pizza | with pizza | with ice cream | with an ice cream | with wine |
    with a glass of | with a takeaway | with a nap | with a biscuit | with a brownie | with a donut |
    with a doughnut | with a burger | with a cocktail | with a coffee | with a cuppa | with a cup of |
    with a bath | with netflix | with a box set | by eat | by order a | by buy a | with your cake |
    with your pizza | with your burger | with your chocolate | with your ice cream | with your coffee
  `,

  // ---- medical ----
  MEDICINE:
    `
    prescription | medication | medicine | meds | insulin | epipen | epi pen | adrenaline pen | auto injector | inhaler | dose | ` +
    `dosage | mg | ml | vaccine | vaccination | jab | antibiotic | chemo | chemotherapy | injection | syringe | methotrexate | ` +
    `warfarin | metformin | paracetamol | ibuprofen | aspirin | calpol | amoxicillin | penicillin |
    antihistamine | statin | codeine | tramadol | lithium | levothyroxine | blood pressure tablet | heart tablet | antidepressant | ` +
    `painkiller | morphine | controlled drug | repeat prescription | oxygen tank | oxygen concentrator | oxygen machine | ` +
    `oxygen cylinder | dialysis | cpap | nebuliser | nebulizer | feeding tube | catheter | stoma | colostomy | glucose monitor | ` +
    `blood sugar | pacemaker | heart medication | blood thinner | seizure medication | anti sickness | insulin pump | ` +
    `glucose sensor | test strip | lancet | tablets | pills | drugs | medical oxygen | home oxygen | oxygen supply | ` +
    `insulin pump | steroid cream | eye drops | nicotine patch | pain patch | cancer treatment | urgent treatment | ` +
    `chemo treatment | dialysis treatment
  `,
  MED_PROBLEM:
    `${NOT_ARRIVED} |
    wrong | someone else | someone elses | another person | instead of | run out | out of | none left |
    one left | only one left | last one | no more left | missing | not arrive | never arrive | not come |
    never come | not dispatch | not deliver | never deliver | not send | fail | late | expire | swap | switch |
    change without | without tell | stop work | break | out of stock | unavailable | processing | delay |
    lose | cancel | didnt give | not give | forget | miss | leave on the doorstep | leave outside | in the heat |
    double dose | twice the dose | mix up | mislabel | contaminate | urgent | urgently | due a dose |
    need it today | need them today | need it now | not get | didnt get | havent get | havent receive |
    not receive | no medication | no meds | no insulin | no inhaler | without my | without his | without her |
    give the wrong | give me the wrong | give him the wrong | give her the wrong | different brand |
    not work | faulty | leak | empty | refuse | turn away | cant get | unable to get | stop my | stop his |
    stop her | lost |
    on the doorstep | on doorstep | left outside | in the sun | degree heat | in the rain | on the step | on my step | ` +
    `not refrigerate | not in the fridge | warm |
    twice | double | triple | meant for | not mine | another patient | another resident | another person |
    unchanged | not change | never change | infection | no replacement | without a replacement | to a neighbour |
    to my neighbour | wrong address | adult strength | adult dose | instead of the child |
    one pen left | # pen left | # left | last pen | last one | running out | run low | running low | nearly out | almost out | ` +
    `down to my last
  `,
  ALLERGEN: `
    nut | peanut | tree nut | almond | cashew | walnut | hazelnut | pecan | pistachio | dairy | lactose |
    gluten | wheat | shellfish | prawn | sesame | soy | soya | mustard | celery | sulphite | allergen | allergy |
    allergic | nut free | dairy free | gluten free | egg free | milk free | coeliac | celiac | intolerance |
    intolerant
  `,
  REACTION:
    `
    reaction | allergic reaction | anaphylaxis | anaphylactic | hive | swell | swelling | swollen | rash |
    itchy | cant breathe | couldnt breathe | cannot breathe | can not breathe | struggle to breathe |
    throat close | throat tight | epipen | epi pen | a e | a and e | hospital | ambulance | er |
    emergency room | ill | sick | poorly | vomit | break out | come out in | puff up | lip swell | lips swell |
    throat start close | throat close up | throat start to close | throat * close | throat be close |
    lip swell | lips swell | lip start swell | face swell | tongue swell | throat swell | swell up | wheeze | wheezing | hives | ` +
    `come out in | break out in
  `,
  MED_EVENT: `
    end up in a e | end up in hospital | end up in a and e | rush to hospital | rush to a e | take to hospital |
    take to a e | go to a e | in a e | in a and e | call an ambulance | call ambulance | ambulance |
    seizure | have a fit | cant breathe | couldnt breathe | could not breathe | anaphylaxis | anaphylactic |
    allergic reaction | intensive care | icu | hospitalise | hospitalize | admit to hospital |
    vomit all night | food poisoning | overdose | collapse at | pass out | unconscious | diabetic coma |
    hypo | blood sugar crash | chest pain | heart attack | stroke symptom
  `,

  // ---- fraud ----
  MONEY: `
    payment | pay | transaction | charge | withdrawal | withdraw | debit | direct debit | standing order |
    transfer | purchase | buy | money | fund | cash | saving | balance | account | card | credit card |
    debit card | bank account | loan | credit | overdraft | subscription | invoice | pound | quid | euro |
    dollar | spend | amount | sum | statement | contract | phone contract | finance agreement | order |
    credit agreement | mortgage | pension | isa
  `,
  DENIED_AUTH: DENIED_AUTH,
  NOT_MINE:
    `
    not me | wasnt me | be not me | not mine | isnt mine | arent mine | not my order | not my purchase |
    never hear of | dont know who | dont know what this be | no idea what this | no idea who | unknown |
    unfamiliar | suspicious | not from me | wasnt my | werent my | none of them be me | none of these be me |
    nothing to do with me | no one in my | nobody in my | arent ours | not ours |
    wasnt from you | not from you | didnt come from you | you never send | you didnt send | it wasnt you |
    i didnt do it | i didnt do that | i did not do it | i did not do that | i never do that | not do by me |
    wasnt do by me | in my purse | in my pocket | in my bag | card be with me all | i have never be to |
    ive never be to | never be to | none of us | not one of us |
    card be in my hand | card in my hand | card be with me | still have my card | card be in my wallet | card never leave | ` +
    `i be at home | i be asleep | i be abroad | i wasnt there | wasnt there | i be nowhere near | never be to | i be in bed
  `,
  WITHOUT_CONSENT: `
    without my permission | without my consent | without my knowledge | without my authorisation |
    without my authorization | without authorisation | without authorization | without permission |
    without consent | behind my back | unauthorised | unauthorized | without my approval | without approval |
    never authorise | never authorize | never give permission | never consent | not authorise | not authorize
  `,
  SOMEONE:
    `
    someone | somebody | someone else | a stranger | stranger | hacker | a third party | third party | another person | fraudster | ` +
    `criminal | thief | scammer | some guy | some man | some woman
  `,
  TAKEOVER:
    `
    log into | hack | change my password | change my email | change my number | change my pin | change the password | ` +
    `change my address | change my detail | reset my password | open an account | open a account | open a credit card | ` +
    `open a card | open a bank account | take out a loan | take out a credit card | take out credit | apply for a loan | ` +
    `apply for credit | use my card | use my detail | use my account | use my identity | use my name | take money | steal | ` +
    `withdraw | empty my account | drain my account | transfer my money | spend my money | port my number | sim swap | new sim | ` +
    `redirect my post | redirect my mail | get into my account | get in my account | into my account | take over my account | ` +
    `order on my account | buy on my account | take # from | take money from | log into my account | log in to my account | ` +
    `login to my account | access my account | accessed my account | access to my account | clone my card |
    change the email | change the pin | change the number | change the address | change the login | change the detail | ` +
    `change the security | change my login | change my security | reset the password | reset my pin | reset the pin | ` +
    `update my email | update the email | update my password | password be reset | password be change | email be change | ` +
    `my password be reset | my password reset | pin be change | detail be change | address be change |
    port my sim | port my number | swap my sim | sim swap | my sim be swap | my number be port | port my sim to | transfer my number to
  `,
  CREDENTIAL: `
    password | pin | passcode | email | email address | phone number | mobile number | number | login |
    login detail | security question | address | sim | sim card | 2fa | two factor | security code
  `,
  CHANGED: 'change | reset | port | swap | update | transfer | move | redirect | remove | replace | add',
  IMPERSONATE:
    `
    pretend to be | pretending to be | pose as | posing as | claim to be | claiming to be | say they be from | said they be from | ` +
    `say he be from | said he be from | say she be from | said she be from | impersonate | impersonation | spoof | phishing | ` +
    `phish | safe account | clone card | card clone | fake your | fake text | fake email | fake call | fake caller | ` +
    `fake website | fake site | fake page | fake account | fake app | fake link | fake number | cold call | use your logo | ` +
    `claim to be you | pretend to be you | pretend to be your | pose as your | copy of your website | use your logo | ` +
    `using your logo | with your logo | text claiming to be from you | email claiming to be from you | ` +
    `call claiming to be from you | fake text from you | text from you asking | email from you asking
  `,
  /** Someone got in touch first: the start of most scams ("got a call from 'your security team'"). */
  CALLER: `
    call from your | text from your | message from your | email from your | call from the bank |
    text from the bank | call from someone | text from someone | call from a man | call from a woman |
    get a call | receive a call | a call from | a text from | someone call me | someone ring me | a man call |
    a woman call | cold call | call me claim | ring me claim | call say they | call saying
  `,
  /** The customer handed over a secret ("I gave them the code"). */
  GAVE_CODE: `
    give them the code | give them my code | give the code | give them my pin | give them my password |
    give my code | give him the code | give her the code | give him my pin | give her my pin |
    give them my card | give them my card number | give them my login | read out the code | read the code |
    read them the code | share the code | tell them the code | give them the # digit | give away the code |
    give them the one time | give them the passcode | confirm my pin | confirm my password | i do and # go |
    confirm my security | confirm my code | give them my security | type in the code they | enter the code they
  `,
  LOSS:
    `
    money be go | money go | money be gone | money gone | go from my account | gone from my account | lose # | lost # | lose money | ` +
    `lost money | lose my money | lost my money | lose my saving | lost my saving | steal | stolen | give my detail | ` +
    `give them my detail | enter my detail | click the link | click on the link | click a link | now # be go | # be go | # go | ` +
    `# gone | send them | move my money | move # | sent # | send # | never get it back | cant get it back | take # from | ` +
    `took # from | i pay | i paid | we paid | paid it | paid them | transfer # | transferred | empty my | emptied | drain my | ` +
    `drained |
    money be go | money have go | account be empty | account empty | empty my account | clean me out | wipe out my | savings go | ` +
    `saving be go
  `,
  SCAM_STRONG: `
    fraud | fraudulent | fraudster | scammer | be scam | get scam | scam me | scam us | scam out of |
    scam by | i be scam | weve be scam | ive be scam | identity theft |
    stolen identity | steal my identity | identity fraud | identity stolen | be hack | get hack | hack my |
    hack into | hacker | hacked account |
    account takeover | sim swap | sim swapped | cloned card | card clone | card be clone | skim | skimmed |
    money laundering | card be steal | steal my card | steal my identity | steal my detail | steal my wallet |
    steal my purse | steal my phone | steal my bank | steal my data | steal my information | steal my number |
    be steal | get steal | have be steal | pickpocket | phishing | unauthorised payment | unauthorized payment |
    unauthorised transaction | unauthorized transaction | unauthorised charge | unauthorized charge |
    unauthorised debit | unauthorised withdrawal | steal from my account | theft | con artist | con man
  `,
  SCAM: 'scam | con | swindle | rip me off | fake | bogus | dodgy',
  IN_MY_NAME: 'in my name | under my name | using my name | in my identity | my identity',
  OPEN_ACT: `
    open | take out | apply | register | set up | sign up | credit | loan | account | card | contract | phone |
    agreement | mortgage | finance | debt | catalogue | order
  `,

  // ---- vulnerable ----
  VULN_PERSON:
    `
    elderly | pensioner | oap | old age pensioner | senior citizen | housebound | bedbound | bed bound | bedridden | bed ridden | ` +
    `frail | dementia | alzheimer | alzheimers | disabled | disability | wheelchair | wheelchair user | blind | registered blind | ` +
    `partially sighted | sight impaired | visually impaired | deaf | hard of hearing | hearing impaired | autistic | autism | ` +
    `learning disability | learning difficulty | cerebral palsy | have ms | with ms | multiple sclerosis | parkinson | ` +
    `parkinsons | motor neurone | mnd | terminally ill | terminal illness | terminal cancer | cancer | chemo | chemotherapy | ` +
    `dialysis | had a stroke | have a stroke | after a stroke | since my stroke | heart condition | heart failure | copd | ` +
    `blue badge | carer | care for my | i care for | caring for my | full time carer | mobility issue | mobility scooter | ` +
    `guide dog | assistance dog | stairlift | stair lift | hoist | on oxygen | mental health | severe anxiety | depression | ` +
    `ptsd | bereave | bereaved | bereavement | widow | widower | pass away | my husband die | my wife die | my partner die | ` +
    `my dad die | my mum die | my father die | my mother die | my son die | my daughter die | husband die | wife die | ` +
    `partner die | dad die | mum die | father die | mother die | death certificate | funeral | late husband | late wife | ` +
    `late dad | late father | late mum | late mother | late partner | late son | late daughter | probate | executor | estate of | ` +
    `lose my husband | lose my wife | lose my mum | lose my dad | newborn | new born | new baby | infant | # week old | ` +
    `# month old | # day old | pregnant | pregnancy | give birth | premature | neonatal | vulnerable | priority service | ` +
    `priority services register | single parent | single mum | young child | my gran | my nan | my grandma | my granny | ` +
    `my grandmother | my grandad | my grandpa | my grandfather | gran | nan | grandma | granny | grandmother | grandad | grandpa | ` +
    `grandfather | care home | nursing home | sheltered | learning disabled | special need | special needs | sen | brain injury | ` +
    `amputee | in a wheelchair | use a wheelchair | out of hospital | just out of hospital | come out of hospital | ` +
    `discharge from hospital | recovering from | my baby | our baby | a baby | the baby | with a baby | new baby | baby girl | ` +
    `baby boy | newborn baby | live alone | lives alone | living alone | after surgery | after my operation | since my operation | ` +
    `major surgery | in hospital with | in and out of hospital |
    husband death | wife death | partner death | dad death | mum death | mom death | father death | mother death | son death | ` +
    `daughter death | brother death | sister death | death of my | since * death | after * death | since my * death | ` +
    `after my * death | my husband pass | my wife pass | my partner pass | my dad pass | my mum pass | my mom pass | ` +
    `my father pass | my mother pass | my son pass | my daughter pass | husband pass | wife pass | mum pass | dad pass | ` +
    `mother pass | father pass | lose my partner | lose my son | lose my daughter | lose my mother | lose my father | ` +
    `lost my husband | lost my wife | lost my partner | lost my mum | lost my dad | lost my son | lost my daughter | ` +
    `recently widow | recently bereave
  `,
  UTILITY: `
    heating | central heating | boiler | hot water | water | running water | power | electric | electricity |
    gas supply | water supply | electric supply | electricity supply | storage heater | radiator | heat pump |
    supply
  `,
  NOT_WORKING: `
    not work | isnt work | doesnt work | dont work | wont work | didnt work | arent work | stop work | fail |
    break | broken | out of order | off | be off | go off | down | cut | cut out | cut off | die | pack up |
    give up | play up | keep cut out | keep go off | go out | be out | out | disconnect | gone | lost |
    no longer work | leak everywhere | freezing | stone cold | cold
  `,
  UTILITY_LOSS:
    `
    no heating | no heat | no hot water | no water | no running water | no power | no electric | no electricity | no gas | ` +
    `without heating | without heat | without hot water | without water | without power | without electricity | without gas | ` +
    `power cut | power outage | blackout | no supply | sit in the cold | sit in the dark | sit in my coat | sit in her coat | ` +
    `sit in his coat | in my coat | in her coat | in his coat | freezing house | house be freezing | flat be freezing | ` +
    `home be freezing | house be freeze | freeze to death | cant heat | cannot heat | cant afford to heat | meter run out | ` +
    `emergency credit run out | cant top up | cannot top up | self disconnect | no credit on my meter | cold water only | ` +
    `only cold water | no toilet | cant flush | cannot flush
  `,

  // ---- privacy ----
  OTHER_OWNER: `
    someone else | someone elses | somebody elses | somebody else | another customer | another customers |
    other customer | other customers | another person | other people | other peoples | a stranger | stranger |
    wrong person | the wrong person | a different customer | different customer | different person | my ex |
    another patient | other patient | another account | someone elses account | another family |
    my exs
  `,
  DATA_ITEM:
    `
    detail | data | personal data | personal information | personal info | information | info | letter | statement | bank statement | ` +
    `order history | account | account number | address | name | phone number | number | email | email address | bill | medical | ` +
    `medical record | medical history | result | test result | record | document | paperwork | photo | picture | id | passport | ` +
    `driving licence | date of birth | dob | card number | card detail | password | pin | salary | payslip | credit file | ` +
    `history | parcel label | label | prescription | invoice | x ray | scan
  `,
  WRONG_RECIPIENT:
    `
    to my ex | to my exs | to the wrong | to someone else | to another | to a stranger | to my neighbour |
    to my old address | to the wrong address | to my previous address | to my former | to my boss |
    to my employer | wrong address | wrong person | wrong email | wrong house | to my work | my exs |
    neighbour receive | neighbour get | neighbour be send | neighbour be given | neighbour have my | neighbor receive | neighbor get | ` +
    `my ex receive | my ex get | stranger receive | someone else receive | someone else get | another customer receive | ` +
    `another customer get | boss receive | employer receive | landlord receive | land on my neighbour | go to my neighbour | ` +
    `went to my neighbour | deliver to my neighbour | post to my neighbour
  `,
  MY_DATA: `
    photo of my | photo * my | photo inside my | picture of my | picture * my | video of my | inside my house |
    inside my home | my house number |
    my data | my detail | my personal | my information | my info | my address | my home address |
    my phone number | my number | my mobile number | my email | my card number | my card detail |
    my password | my pin | my date of birth | my dob | my medical | my test result | my result |
    my statement | my bank statement | my account number | my bank detail | my photo | my picture |
    my name and address | my name | my id | my passport | my salary | my record | my history | my house number |
    my diagnosis | my condition | my credit file | my full card number | my full name | my * detail |
    my * data | my * address | my * number | my * statement | my * record | my * history | my * result |
    my * information | my * card number | private information | private data | private detail |
    personal data | personal detail | personal information | sensitive information | sensitive data
  `,
  EXPOSE:
    `
    share | send to | sent to | post | leak | expose | visible | show | showed | display | publish | read out |
    say out loud | out loud | loud enough | disclose | give to | hand to | sell | pass on | pass to | discuss |
    broadcast | in plain text | plain text | cc | cc line | on facebook | on instagram | on tiktok | on twitter |
    on social media | online for | on your public | on a public | public site | public website | spreadsheet |
    without my consent | without my permission | without consent | without permission | speakerphone |
    for everyone to see | for all to see | in front of | see by | seen by | access by | available to |
    accessible to | email to | text to | forward to | forward | print | photo of | picture of | film | record |
    let them see | tell my | tell everyone | tell the whole | shout my |
    shout | shouted | yell | announce | read it out | read them out | call out | across the shop | across the store | ` +
    `across the room | for everyone to hear | so everyone could hear | so everyone can hear | in front of everyone | ` +
    `in front of other customer | in front of the queue | on speakerphone | on speaker
  `,
  BREACH:
    `
    data breach | data leak | breach of data | breach my privacy | breach of privacy | breach of my privacy |
    privacy breach | gdpr breach | breach of gdpr | breach gdpr | breach the gdpr | violate my privacy |
    violation of privacy | privacy violation | invasion of privacy | invade my privacy | leak my | leaked |
    be leak | data be steal | data stolen | data be stolen | data be leak | data be hack | hack my data |
    data protection breach | breach of data protection | my data be share | my data be sold | sold my data |
    sell my data | shared my data | share my data |
    spreadsheet of customer | spreadsheet with customer | spreadsheet of hundreds | spreadsheet of thousands | list of customer | ` +
    `hundreds of customer | thousands of customer | other customers detail | other customers name | customers name and | ` +
    `customer name and | customers email address | everyone email address | everyones email | cc everyone | ` +
    `all the email address | other people detail | other peoples detail | other people data | other peoples data | ` +
    `other customers data | other customer data | someone elses bank statement | stranger bank statement | strangers bank statement
  `,
  STAFF_CONTACT: `
    add me on | message me on | messaging me | dm me | dmd me | text me | texting me | call my personal |
    turn up at my house | come to my house | follow me on | friend request | contact me on my personal |
    message me privately | message me after | ask me out
  `,
  MISUSE:
    `
    number from my order | detail from my order | from my order | from my account | from your system |
    from the system | from my booking | from my delivery | from the delivery | from my file | use my number |
    using my number | get my number | got my number | look me up | looked me up | find me on |
    get my new number | got my new number | get my new address | got my new address | have my new number | have my new address | ` +
    `get my detail | got my detail | have my detail | give her my | give him my | give them my new | give my new address | ` +
    `give out my
  `,
  /** Someone outside the customer's dealings with the company. */
  THIRD_PARTY: `
    debt collector | collection agency | collector | bailiff | marketing company | another company | third party |
    scammer | cold caller | spammer | stranger | my ex | her ex | his ex | my neighbour | my landlord | my employer |
    my boss | random company | insurance company call | claims company
  `,

  // ---- discrimination ----
  DISC_STRONG:
    `
    racist | racism | racial abuse | racially | sexist | sexism | homophobic | homophobia | transphobic | transphobia | misogyny | ` +
    `misogynist | misogynistic | ableist | ableism | xenophobic | islamophobic | islamophobia | antisemitic | antisemitism | ` +
    `bigot | bigoted | bigotry | slur | racial slur | discriminate against | be discriminate | discrimination | discriminatory | ` +
    `harass | harassment | harassing | sexual harassment | sexual comment | sexual remark | sexually | inappropriate comment | ` +
    `inappropriate message | inappropriate touch | inappropriately | grope | touch me | touched me | stalk | stalking | stalker | ` +
    `creepy message | creepy comment | a creep | such a creep | keep message me | wont stop message | hate crime | ` +
    `racial profiling | racially profiled | profile me | be profile | n word | monkey noise | people like me shouldnt | ` +
    `people like me cant | people like me arent | people like us shouldnt | people like us arent | go back to your country | ` +
    `go back to your own country | go back to where | where i be really from | where im really from | where im actually from | ` +
    `dont hire mother | dont hire woman | wont hire woman | wouldnt hire woman | not hire mother | because im a woman | ` +
    `because im a girl | because im female | because of my gender | because of my race | because of my religion | ` +
    `because of my skin | because of my colour | because of my disability | because of my sexuality | because of my accent | ` +
    `because of my age | because of my name | because of my faith |
    touch my back | touch my leg | touch my bum | touch my arm | touch my waist | touch my hair | touch my chest | touch my breast | ` +
    `touch my thigh | put his hand on | put his hands on | put his arm round | put his arm around | his hand on my | ` +
    `his hands on my | grab my | stroke my | rub my back | rub my shoulder | try to kiss | tried to kiss | kiss me | ` +
    `arm round me | arm around me | brush against me | say your sort | your sort cause | your sort always | your sort arent | ` +
    `your sort dont | your sort be not | your sort of people | people of your sort | not for your sort | your sort round here | ` +
    `your sort in here | your kind arent | your kind dont | your kind cause | your kind be not | your kind of people | ` +
    `people of your kind | not for your kind | your type arent | your type dont | people like you arent | people like you dont | ` +
    `people like you cause | the likes of you |
    women dont understand | woman dont understand | women cant understand | women dont know | women cant drive | women shouldnt | ` +
    `girls dont understand | ladies dont understand | send my husband | send your husband | bring your husband | ` +
    `get your husband | ask your husband | man of the house | speak to a man | speak to the man of | old people dont understand | ` +
    `old people cant | foreigners dont | immigrants dont | learn english | learn proper english | speak proper english | ` +
    `girl like me be not | woman like me be not |
    girl arent good at | woman arent good at | girl be not good at | woman be not good at |
    disabled people cant | disabled people shouldnt | let my white | let the white | let white people | mimic my accent | ` +
    `mock my accent | imitate my accent | copy my accent | refuse my wheelchair | refuse the wheelchair | ` +
    `wouldnt take my wheelchair | wont take my wheelchair | refuse my guide dog | refuse my assistance dog
  `,
  ATTRIBUTE:
    `
    race | racial | colour | color | skin | skin colour | ethnicity | ethnic | black man | black woman |
    black person | black customer | black family | black friend | black lad | black guy | black girl |
    black son | black daughter | black people | black teenager | black teen | black kid | black boy | black youth |
    white woman | white man | white couple | white mate | white lad | white girl | white guy | white family |
    white person | white staff | my country | people from my country | where im from | older customer |
    older people | old people | elderly customer | people my age | people of my age | people like us |
    the man be shirtless | men be shirtless | but the man be | the man be allow | men be allow |
    black student | black colleague | black couple | black men | black women | black lads | asian | brown skin | white friend | ` +
    `white people |
    white customer | accent | foreign | foreigner | immigrant | nationality | religion | religious | muslim |
    jewish | sikh | hindu | hijab | headscarf | head scarf | turban | niqab | burka | burqa | kippah | yarmulke |
    gay | lesbian | bisexual | trans | transgender | queer | lgbt | lgbtq | same sex | hold hand |
    two men | two women | disabled | disability | wheelchair | guide dog | assistance dog | service dog |
    blind | deaf | sign language | stammer | stutter | autism | autistic | tourette | tourettes |
    learning disability | pregnant | pregnancy | breastfeed | breastfeeding | traveller | gypsy | roma |
    pakistani | indian | polish | romanian | african | chinese | nigerian | mixed race | arab | somali |
    caribbean | jamaican | im black | i be black | be black | hes black | shes black | were black |
    theyre black | being black | my hair | afro | dreadlock | dreadlocks | mental health | medical condition
  `,
  ATTRIBUTE_WEAK: `
    black | white | brown | old | too old | age | young | woman | a woman | female | girl | mother | mum | weight |
    size | fat | appearance | name | look | dress | clothes | tattoo | gender | sexuality | faith | background
  `,
  BECAUSE: 'because | cause | cos | coz | due to | on account of',
  BECAUSE_SELF: `
    because im | because i be | because of my | cause im | cos im | coz im | due to my | because hes |
    because shes | because of his | because of her | because were | because we be | because of our |
    because theyre | because of their | because of who i be | because of what i look like
  `,
  SELF_REF: `
    im | i be | im a | i be a | hes | shes | he be | she be | hes a | shes a | were | we be | theyre | they be |
    of my | of his | of her | of our | of their | of me | of us | of how i | of the way i | of where i
  `,
  DISC_ACT:
    `
    refuse | refuse to serve | refuse service | refuse entry | turn away | deny | not allow | wouldnt let | wont let | didnt let | ` +
    `tell me to leave | tell us to leave | ask me to leave | ask to leave | kick out | throw out | ban | follow me | ` +
    `follow me round | follow us | mock | laugh at | make fun | comment about | comment on | remark about | call my | shout at | ` +
    `insult | treat differently | treat me differently | treat like | serve everyone else | not welcome | werent welcome | ` +
    `shouldnt shop | shouldnt be here | cant come in | couldnt come in | not come in | members only | dont hire | wouldnt hire | ` +
    `wont hire | not hire | take it somewhere else | take it elsewhere | speak english | tell * to stop hold | ` +
    `ask * to stop hold | to stop hold | not rent to |
    wont rent to | dont rent to | doesnt rent to | refuse to rent | after see | once they see | when they see |
    as soon as they see | after hear | when she hear | when he hear | as soon as she hear | as soon as he hear |
    would not take | wouldnt take | refuse to accept | should not bother | shouldnt bother | misgender |
    deadname | call her sir | call her mate | call him miss | call him madam | call her he | call him she |
    search my bag | search our bag | and no one else | and nobody else | no one elses | nobody elses |
    ask whether i be | ask if i be | ask me if i be | ask me whether i be | want to know if i be |
    copy the way | mimic the way | imitate the way | laugh at the way | make fun of the way | look suspicious |
    make me give up my seat | remove from the plane | remove from the flight | tell me to cover up | give us the worst |
    give me the worst | seat a white | serve a white | where youre from | single out | singled out | pick on | make comment | ` +
    `made comment | joke about | imitate | copy my | spit | tell me i couldnt | tell her she couldnt | tell him he couldnt | ` +
    `not let | refuse to take | refuse to let | wouldnt serve | wont serve | didnt serve | be search | search me | search us | ` +
    `search him | search her | stop and search | search only | only search | stop only | only stop | pick out | single out only | ` +
    `check only | only check | call me a | call him a | call her a | call us a | call my * a | stare at me | abuse me | ` +
    `racially abuse
  `,

  // ---- threat ----
  FUTURE_SELF: `
    ill | i will | i shall | im go to | im gonna | i be go to | gonna | go to | swear | promise you |
    mark my word | or else | next time | one more time | deserve | someone should | somebody should |
    someone will | somebody will | someone be go to | somebody be go to | wanna | want to | well | we will |
    be come | im come | i be come | they be go to | theyre go to | he be go to | she be go to | say they will |
    say theyll | threaten to | about to | will be
  `,
  VIOLENT_ACT:
    `
    kill | stab | shoot | shoot up | punch | beat up | batter | smash | smash up | burn .. down | torch | set fire to | bomb | ` +
    `blow up | attack | knife | gun | acid | brick | brick through | deck | slap | strangle | break .. leg | break .. neck | ` +
    `kick .. head | kick in | knock .. out | teach .. lesson | come for you | come after you | come down there | come down to | ` +
    `wait outside | wait for .. outside | take it out on | find where | find out where | know where .. live | know where .. work | ` +
    `where .. live | watch your back | pay for this | youll pay | you will pay | see what happen | then well see | ` +
    `then we will see | youll see | get hurt | hurt someone | hurt you | hurt him | hurt her | wreck | trash | key your | ` +
    `key his | slash | hit you | hit him | hit her | run him over | run you over | run over | sort you out | sort him out | ` +
    `sort her out | sort them out | sort me out |
    put .. in hospital | put .. in the hospital | put .. in a body bag | body bag | put .. in the ground | knock .. teeth | break .. ` +
    `face | break .. jaw | break .. nose | smash .. face | punch .. face | glass him | glass you | bottle him | bottle you | ` +
    `rearrange .. face |
    break .. window | smash .. window | put .. window through | put .. window in
  `,
  /** Violence with its target in the same words ("break his jaw", "put you in hospital"). */
  HARM_TO: `
    break his | break her | break your | smash his | smash her | smash your face | punch his | punch her |
    punch your | punch him | punch you | kick his | kick her | kick your | knock his | knock her | knock your |
    stab him | stab her | stab you | batter him | batter her | batter you | deck him | deck her | deck you |
    slap him | slap her | slap you | glass him | glass you | bottle him | bottle you | put him in hospital |
    put her in hospital | put you in hospital | put him in the hospital | put you in a body bag | kill him |
    kill her | kill you | strangle him | strangle her | strangle you
  `,
  TARGET: `
    you | your | u | him | her | them | staff | driver | engineer | manager | ceo | boss | shop | store | office |
    branch | head office | call centre | call center | van | car | window | house | building | whoever |
    anyone at | someone | somebody | everyone | the lot of you | you lot | you all | yall | his | their |
    worker | employee | agent | rep | guy | man | woman | lad | desk | counter | depot | warehouse | company |
    site | premise | family | kid | staff member | security | receptionist | director | owner | tyre |
    place | the place | premises | depot | yard
  `,
  REPORTED:
    'say hed | say shed | say shell | say hell | say he would | say she would | say he will | say she will | say they would | ' +
    'say theyd | tell me hed | tell me he would | threaten to',
  THREAT_STRONG:
    `
    death threat | threat to kill | bomb threat | push me | shove me | assault | assaulted | attack me | punch me | hit me | grab me | ` +
    `spit at me | swing at me | pull a knife | have a knife | with a knife | bring a knife | carry a knife | pull a gun | ` +
    `have a gun | with a gun | bring a gun | shoot up | plant a bomb | bomb the | bomb your | blow up your | blow up the | ` +
    `burn down | burn your | kill you | kill your | kill him | kill her | kill them | kill everyone | kill someone | stab you | ` +
    `stab him | stab her | shoot you | shoot him | shoot her | beat you | knock your | smash your | smash his | smash her | ` +
    `smash up your | petrol bomb | firebomb | set fire to your | torch your | sort me out | scare to go back | scared to go back | ` +
    `fear for my safety | feel unsafe around | intimidate | intimidating | intimidation | menacing | threaten me | ` +
    `threaten to kill | threaten to hurt | threaten to hit | threaten to punch | threaten to beat | threaten to stab | ` +
    `threaten to smash | threaten violence | threatening behaviour | threatening behavior | threatening message | threatening me | ` +
    `threatening language | threaten my life | threaten my family | physically threaten | violent threat | ` +
    `violent and threatening |
    know where * live | know where * life | know where * work | know where .. live | know where .. life | know where .. work | ` +
    `i know where you live | watch your back | youll regret | you will regret | youll be sorry | you will be sorry | ` +
    `mark my word | or else
  `,

  // ---- legal ----
  LEGAL:
    `
    solicitor | lawyer | attorney | barrister | legal action | legal proceeding | legal advice | legal team |
    legal route | legal claim | legal case | legal step | legal letter | legal cover | legal representation |
    legal counsel | legal department | lawsuit | law suit | sue you | sue them | sue your | sue the | sue for |
    sue over | go to sue | gonna sue | will sue | ill sue | to sue | and sue | could sue | should sue | can sue |
    sue u | sue me | im sue | i be sue | be sue you | be sue them | be sue your | start sue | take you to court | take them to court | ` +
    `take this to court | take it to court |
    take you to small claim | see you in court | small claim | small claims court | county court |
    court case | court action | court claim | court proceeding | court date | court summons | to court |
    in court | issue proceeding | issue a claim | letter before action | letter before claim |
    breach of contract | class action | tribunal | employment tribunal | litigation | litigate | injunction |
    cease and desist | ccj | claim against you | claim against your | claim through the court |
    money claim online | mcol | instruct a solicitor | my solicitor | my lawyer | my barrister |
    legal proceedings | proceedings against | consumer rights act | pre action | pre-action | statutory claim
  `,

  // ---- regulator ----
  REGULATOR:
    `
    ofcom | ofgem | ofwat | fca | pra | ico | information commissioner | information commissioners office |
    ombudsman | financial ombudsman | fos | energy ombudsman | ombudsman services | trading standards | caa |
    civil aviation authority | cma | competition and markets | asa | advertising standards | cqc |
    care quality commission | financial conduct authority | ftc | fcc | cfpb | bbb | better business bureau |
    attorney general | consumer protection | the regulator | regulator | regulators | pensions regulator |
    gambling commission | ofsted | rail ombudsman | property ombudsman | legal ombudsman | housing ombudsman |
    parliamentary ombudsman | my mp | local mp | department of transportation | dot | consumer council |
    ccw | which consumer | citizens advice | consumer ombudsman | dpc | data protection commission | cnil |
    bafin | ofr | transport focus | london travelwatch | adr | dispute resolution |
    ofsted | ehrc | equality and human rights commission | ofqual | orr | office of rail and road | gphc | gmc | nmc | fsa | ` +
    `food standards agency | environmental health | environment agency | hse | health and safety executive | osr | tpo | tpr | ` +
    `fscs | cicra | fca complaint | icos | nhtsa | faa | sec | finra | puc | public utility commission | ` +
    `public service commission | state attorney | insurance commissioner | department of insurance | accc | asic | afca | tio | ` +
    `telecommunications ombudsman | acma | crtc | ccts | opc | fair work | consumer affairs | bundesnetzagentur | ` +
    `verbraucherzentrale | schlichtungsstelle | arcep | dgccrf | acpr | amf | cnmc | aepd | oficina del consumidor | omic | ` +
    `procon | anatel | aneel | bacen | reclame aqui | consumidor gov 
  `,
  REPORT_ACT: `
    report | complain | complaint | escalate | contact | raise | refer | take this to | take it to | go to |
    write to | submit | file | lodge | involve | inform | tell | hear | hear about | know about | need to know |
    be hear | will hear | get involve | bring in | take this further | take further | take up with |
    notify | alert | speak to | talk to | flag | email | send this to | forward this to | open a case |
    case with | case number |
    copy | get a copy | cc | forward | send it to | pass this to | pass it to | show this to | see this
  `,

  // ---- press ----
  JOURNALIST:
    `
    journalist | reporter | correspondent | newsroom | news desk | press office | press team | press officer |
    press enquiry | press inquiry | media enquiry | media inquiry | request for comment | for comment |
    comment for a story | comment for an article | comment on the story | im a journalist | im a reporter |
    i write for | i work for the | i m a producer | im a producer | i be a journalist | i be a reporter |
    freelance writer | consumer journalist | investigative | news team | news crew | camera crew | film crew |
    i write for | write for the | producer at | researcher at | editor at | presenter at | reporter at | journalist here | ` +
    `reporter here | producer here
  `,
  MEDIA:
    `
    bbc | itv | sky news | channel 4 | channel four | channel 5 | cnn | fox news | nbc | abc news | cbs | guardian | telegraph | ` +
    `the independent | daily mail | mail online | the mail | the sun | mirror | daily mirror | the express | daily express | ` +
    `evening standard | evening post | metro | local paper | local newspaper | newspaper | the paper | the papers | press | ` +
    `the press | media | the media | news | the news | local news | radio | radio station | tv station | news station | tv | ` +
    `television | watchdog | rip off britain | consumer show | consumer programme | consumer column | consumer section | podcast | ` +
    `blog | blogger | youtube channel | youtuber | programme | documentary | moneysavingexpert | martin lewis | ` +
    `good morning britain | which magazine | which? | newsnight | panorama | dispatches | the one show | tabloid | magazine | ` +
    `producer | editor | reporter | journalist | press | huffpost | buzzfeed | vice | the verge | techcrunch | wired | forbes | ` +
    `bloomberg | reuters | financial times | ft |
    radio show | consumer radio | radio programme | tv show | tv programme | money section | consumer section | local paper | ` +
    `the paper this | in the paper
  `,
  ENGAGE: `
    story | my story | interview | interested in | interested | contact me | in touch with | get in touch |
    pick up | feature | be on | go on | appear on | run a story | run story | publish | article | piece |
    cover | report on | expose | ask me | want to speak | speak to | talk to | spoke to | tip off | comment |
    film | investigate | investigation | hear about | write about | write up | column | segment | air |
    broadcast | share my | send this to | send my | forward this to | approach me | reach out | contact |
    be in touch | come to me | follow up | go public | going public |
    statement | a statement | producer | researcher | editor | presenter | readers | listeners | viewers | reader | going in
  `,
  CONSUME: 'see | saw | read | watch | listen | advert | ad | advertising | review | sponsor | commercial | subscribe | subscription',
  GO_MEDIA: `
    go to the press | go to the paper | go to the papers | go to the media | go to the news | go public |
    take this to the press | take this to the paper | take this to the papers | take this to the media |
    take this to the news | take it to the press | take it to the papers | take it to the media |
    contact the press | contact the papers | contact the media | contact the news | tell the press |
    tell the papers | tell the media | tip off the press | tip off the papers | speak to the press |
    talk to the press | call the papers | call the press | tell the newspaper | contact a journalist |
    contact journalist | speak to a journalist | talk to a journalist | tell a journalist | go to a journalist
  `,

  // ---- essential service ----
  OUTAGE_FULL: `
    outage | no signal | no internet | no service | no connection | no broadband | no wifi | no wi fi |
    no network | no phone | no landline | no dial tone | no phone line | no mobile | no data | line dead |
    dead line | line be dead | phone line dead | phone be dead | lose signal | lost signal | lose internet |
    lost internet | lose connection | lost connection | lose the internet | lose broadband | cant connect |
    cannot connect | cant get online | cant go online | cant make call | cant call anyone | cannot make call |
    no power | no electricity | power cut | no water | no heating | blackout | total outage | service outage |
    system outage | network outage | cut off | disconnect | offline | be down | go down | down again |
    take offline | knock offline | unreachable | unavailable | wont connect | doesnt connect | no coverage
  `,
  SERVICE_OUT:
    `
    down | crash | not work | isnt work | doesnt work | wont work | dont work | stop work | fail | failing | not load | wont load | ` +
    `doesnt load | time out | unusable | inaccessible | cant access | cannot access | unable to access | cant log in | ` +
    `cant login | cannot log in | unable to log in | cant get in | cant use | cannot use | unable to use
  `,
  SERVICE_OUT_WEAK:
    `
    brick | bricked | break | broken | lock | locked | frozen | freeze | suspend | block | off | cut | cut out | drop | dead | blank | ` +
    `reject | decline | be decline | error out | out | go out | be out | gone | go | disappear
  `,
  CORE: `
    internet | broadband | wifi | wi fi | fibre | signal | network | mobile | phone | line | landline | phone line |
    power | electricity | electric | water | gas supply | heating | banking | online banking | bank account |
    app | website | site | platform | system | server | service | email | payment | card machine |
    card reader | pos | till | terminal | gateway | payment gateway | hosting | cloud | account |
    business account | payroll | checkout | portal | dashboard | api | software | connection | data | router |
    card | bank card | debit card | credit card | online store | store | shop | pos system | booking system |
    reservation system | crm | erp | server | database | telephone | sim | 4g | 5g |
    hosting | host | domain | email server | web hosting | online shop | ecommerce | shop site | storefront | card payments
  `,
  IMPACT_STRONG:
    `
    work from home | wfh | cant work | cannot work | unable to work | lose money | losing money | lost money |
    lose business | lost business | turn away | turn customer away | turning customers away | cant take payment |
    cant take card | cannot take payment | cant trade | cant sell | unpaid leave | our customer | my customer |
    my business | our business | small business | our shop | our store | our restaurant | our cafe | self employ |
    sole trader | freelance | pay my staff | pay staff | payroll | wage | exam | deadline | gp | hospital | emergency |
    emergency service | care alarm | pendant alarm | lifeline | telecare | livelihood | lose a day | lost a day |
    cant take order | cannot take order | cant take booking | cannot take booking | cant process order | cannot process order | ` +
    `cant take orders | our online shop | my online shop | no orders | lost order | losing order | lost sales | losing sales
  `,
  IMPACT:
    `
    work | job | business | small business | my business | our business | our shop | our store | my shop | my store | cafe | café | ` +
    `restaurant | salon | pub | takeaway | clinic | surgery | our customer | my customer | customers | client | patient | sale | ` +
    `trade | trading | takings | revenue | income | earn | livelihood | self employ | freelance | freelancer | sole trader | ` +
    `work from home | wfh | home working | remote working | meeting | exam | interview | deadline | lose money | lost money | ` +
    `lose business | lost business | staff | employee | team | wage | payroll | pay staff | pay my staff | salary | rent | ` +
    `mortgage | pay my bill | pay bill | buy food | gp | doctor | hospital | emergency | carer | school | university | uni | ` +
    `college | lesson | homework | on call | shift | turn away | turn customer away | cant trade | cant sell | cant take payment | ` +
    `cant take card | cannot take payment | cant pay | cannot pay | unable to pay | cant work | cannot work | unable to work | ` +
    `unpaid leave | lose a day | lost a day | lost a days | emergency service | call for help | care alarm | lifeline | ` +
    `pendant alarm | telecare | our team | our online store | our company | our office | my company | my office | our firm | ` +
    `our practice | our website | our online store | our app | our platform | our system | our till | our orders | ` +
    `customer orders | surgery appointment | hospital appointment |
    close the shop | closed the shop | shut the shop | had to close | close early | closed early | shut early |
    rush | lunch rush | lunchtime rush | busiest day | busy period | peak time | no sale | shift | work shift |
    send home | sent home | people send home | staff send home | online shop | our online shop | my online shop | take order | ` +
    `take orders | take booking | take bookings | process order | orders | our website | ecommerce | e commerce | our server | ` +
    `our site | our store
  `,
  LONG:
    `
    all day | all morning | all afternoon | all evening | all night | all week | all weekend | whole day |
    entire day | whole week | whole weekend | since yesterday | since last night | since the weekend |
    since monday | since tuesday | since wednesday | since thursday | since friday | since saturday |
    since sunday | since last week | since last month | since the storm | for # day | # day | for day |
    for # week | # week | for week | a week | a fortnight | fortnight | day # | third day | second day |
    fourth day | fifth day | sixth day | day two | day three | day four | day five | over a day | for month |
    for # month | # month | every day | every evening | every night | every morning | day now | week now |
    for ages | nearly a week | almost a week | over a week | more than a day | more than # day |
    over # day | again and again | constantly | all the time | keep go down | keep drop | keep cut out |
    still down | still no | still not |
    for a couple of day | a couple of day | for a few day | few day now | since midnight | since # am | since # pm | ` +
    `since this morning | since early this morning | since lunchtime | since breakfast | since last thing
  `,
  // Lemmas drop the plural ("weeks" reads "week"), so every form needs a count or a verb: "this
  // week" is not a wait, "three weeks", "for weeks" and "it's been weeks" are.
  WAITED_WEEKS:
    `
    for # week | # week ago | # week now | # week later | after # week | over # week | nearly # week | almost # week | ` +
    `more than # week | be # week | wait # week | for week | be week | week now | for # fortnight | # fortnight ago | ` +
    `# fortnight now | # fortnight later | after # fortnight | over # fortnight | nearly # fortnight | almost # fortnight | ` +
    `more than # fortnight | be # fortnight | wait # fortnight | for fortnight | be fortnight | fortnight now | for # month | ` +
    `# month ago | # month now | # month later | after # month | over # month | nearly # month | almost # month | ` +
    `more than # month | be # month | wait # month | for month | be month | month now | for # year | # year ago | # year now | ` +
    `# year later | after # year | over # year | nearly # year | almost # year | more than # year | be # year | wait # year | ` +
    `for year | be year | year now |
    since last month | since last year | since january | since february | since march | since april | since may | since june | ` +
    `since july | since august | since september | since october | since november | since december
  `,
  STILL: 'still | again | keep | yet | continue | ongoing | every time | constantly | anymore | any more',
  ...SCENE_CONCEPT_TABLE,
  ...CLASS_CONCEPT_TABLE,
};

export const ENGLISH_CONCEPTS: ConceptLexicon = buildLexicon({
  lang: 'en',
  english: true,
  common: `
    be is are was were been am to the i a an you for on and my have has had in get got do does did not no with
    at this it of me that we your so can but im just will our all they would there what from out up if one now
    how time by or its u thank thanks please still again after when go going day
  `,
  concepts: ENGLISH_CONCEPT_TABLE,
  negators: `
    not no never nothing none nobody neither nor cant dont doesnt didnt isnt wasnt arent werent wont
    havent hasnt hadnt cannot wouldnt couldnt shouldnt aint nt without
  `,
  conditionals: 'if whether unless incase',
});
