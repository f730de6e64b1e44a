/**
 * Everyday complaint events, generic across businesses: waiting, cancellations, lost or broken
 * items, bookings, bills, account access, refunds, outages and poor service. Weights are evidence
 * that the text is a real complaint needing action (0..1); valences feed the sentiment.
 */
import { phrases, type PhraseEntry } from './phrase-types.js';

export const COMPLAINT_PHRASES: readonly PhraseEntry[] = [
  ...phrases(
    'delay',
    0.5,
    -1.5,
    `
    delayed | delay | delays | delaying | running late | still waiting | been waiting | waiting for |
    waited | hours late | behind schedule | postponed | overdue | took forever | taking forever |
    takes forever | long wait | wait time | wait times | hasnt arrived | not arrived |
    still not here | still hasnt | still havent | still no | stranded | stuck | late again |
    delayed again | late | waiting
  `,
  ),
  // Durations: strong evidence of waiting, but "fixed in an hour" is praise, so they are not
  // negative enough to count as a bad event for the sarcasm rule.
  ...phrases('delay', 0.5, -1, '# hours | # hrs | # hr | # hour | # days | # weeks | # months'),
  // A state that has lasted: "brown for a week", "down for days", "like this for a month".
  ...phrases(
    'delay',
    0.45,
    -0.5,
    `
    for a week | for # week | for # weeks | for a fortnight | for a month | for # month | for # months |
    for days | for weeks | for months | all week | all month | since last week | since last month |
    over a week | over a month | more than a week | more than a month
  `,
  ),
  ...phrases(
    'delay',
    0.3,
    -0.5,
    `
    # minutes | # mins | # min | slow | slowest | hours | days | weeks | eta | yet to
  `,
  ),
  ...phrases(
    'cancellation',
    0.55,
    -1.5,
    `
    cancelled | canceled | cancellation | cancellations | cancelling | canceling | called off |
    cancelled my | canceled my | got cancelled | was cancelled | been cancelled
  `,
  ),
  ...phrases(
    'lost_item',
    0.55,
    -1.5,
    `
    deleted | wiped | erased | corrupted | overwritten | vanished | disappeared | gone missing | lost all |
    lost half | lost our | deleted half | deleted all |
    never seen it | never seen | somebody else signed | someone else signed | returned to sender |
    sent back | no sign of | not there | isnt there | wasnt there | in the bin | recycling bin | shredded |
    kept my card | swallowed my card | lost track | no record | no trace | cant find it | couldnt find it |
    cant find my | disappeared | went missing | no parcel | no package | no delivery | nothing arrived |
    nothing came | never turned up | only # arrived | # arrived | one delivered | other two | given away |
    gave away | wrong size | wrong colour | wrong model | wrong part | wrong one | not what i ordered |
    not as described | someone elses order
  `,
  ),
  ...phrases(
    'lost_item',
    0.6,
    -2,
    `
    lost | lost my | lost our | losing | still missing | is missing | are missing | went missing |
    was missing | were missing | missing item | missing items | missing package | missing parcel |
    missing order | missing money | missing funds | missing payment | misplaced | cant find |
    cannot find | never arrived | never received | never got | never came | didnt arrive |
    didnt receive | didnt get | not received | not delivered | never delivered | where is my |
    wheres my | still missing | wrong item | wrong order | wrong address | left behind
  `,
  ),
  // "missing" alone is as often "missing my connection" or "missing information" as a lost item.
  ...phrases('lost_item', 0.3, -1, 'missing'),
  ...phrases(
    'damaged',
    0.55,
    -1.5,
    `
    crushed | in pieces | in bits | dented | bent | snapped | leaking | leaked | soaked | soaking | wet |
    mouldy | moldy | stained | stains | hanging off | falling apart | fell apart | came apart | doesnt get cold |
    doesnt get hot | doesnt heat | wont heat | not cold | stopped working | stops working | doa |
    dead on arrival | used | second hand | not new | rusty | rusted | chipped | ripped off the | handle ripped |
    zip broken | missing parts | missing part | missing a | parts missing | not working | doesnt work |
    doesnt turn on | wont turn on | wont charge | doesnt charge | hair in | dirty | filthy | not cleaned |
    unclean | smelled | smells | stinks | cockroach | cockroaches | mould | mold | bed bugs | bedbugs |
    cold food | stone cold | raw | burnt | undercooked | inedible | tastes of | tastes like | smells of |
    discoloured | discolored | brown water | cloudy | bag was open | seal broken | was open | opened |
    tampered | calculating | calculated wrong | miscalculated | twice
  `,
  ),
  ...phrases(
    'damaged',
    0.6,
    -2,
    `
    damaged | damage | broken | broke | busted | smashed | cracked | ruined | destroyed | torn |
    ripped | dented | defective | faulty | scratched | shattered | arrived broken | came broken |
    stained
  `,
  ),
  ...phrases(
    'booking',
    0.35,
    -0.3,
    `
    booking | booked | book | rebook | rebooked | rebooking | reservation | reservations | reserved |
    reschedule | rescheduled | change my | changed my | confirmation | itinerary | ticket | tickets |
    appointment | overbooked | oversold | double booked | cant book | unable to book | cant change |
    order | ordered | my order | checkout | check in | cant check
  `,
  ),
  ...phrases(
    'billing',
    0.55,
    -1.5,
    `
    overcharged | overcharging | double charged | charged twice | charged me twice | charged me |
    still charged | still charging | charged for | charged me for | hidden fee | hidden fees |
    extra charge | extra charges | wrong amount | incorrect bill | wrong bill | late fee |
    overdraft fee | surprise charge | bill shock | price hike | raised my price | raised the price
  `,
  ),
  ...phrases(
    'billing',
    0.55,
    -1,
    `
    estimated bill | estimated bills | estimated reading | estimated readings | estimate again | auto charged |
    auto-charged | auto renewed | auto-renewed | autorenewed | renewed without | charged at | charged full |
    full price | full fare | double the | twice the | doubled | tripled | triple | went up | gone up |
    price increase | increased | higher than | more than agreed | more than quoted | more than my contract |
    still billed | still being billed | still charged | still being charged | still paying | still going out |
    still taking | still taken | still coming out | keep charging | keeps charging | kept charging |
    billed for | billed me | charged for a | charged me for | charged us | taken # | took # | taken twice |
    taken out | debt i dont owe | dont owe | do not owe | didnt order | never ordered | never agreed |
    never signed up | not what i was quoted | quoted | refund the difference | price match | overcharge |
    wrong rate | old rate | wrong tariff | wrong price | incorrect | not applied | never applied |
    not credited | never credited | wasnt credited | paid in full | already paid | i paid | paid for | paying for |
    chargeback | chargebacks | charge back | dispute the charge | dispute this | disputing | raise a dispute |
    raised a dispute | section # claim | final reminder | final demand | red letter | debt collector | debt collectors | debt collection |
    arrears letter | bailiff | bailiffs | fees applied | fee applied | charged # each | charged extra |
    included in | was included | is included | supposed to be included | fee free | free delivery
  `,
  ),
  // Topic words: money matters, not yet a complaint ("how do I change my billing address?").
  ...phrases(
    'billing',
    0.3,
    0,
    `
    charged | charge | charges | charging | bill | billed | billing | fee | fees | invoice | payment |
    paid | paid for | pay | overdraft | price | prices | pricing | account balance | subscription
  `,
  ),
  ...phrases(
    'account',
    0.6,
    -2,
    `
    froze my account | frozen account | account frozen | account was frozen | account is frozen |
    froze my card | locked my account | account locked | account is locked |
    locked out of my account | suspended my account | account suspended | account was suspended |
    closed my account without | blocked my card | blocked my account | card declined |
    card was declined | card blocked | payment declined | payment failed | cant access my account |
    cannot access my account | unable to access my account | cant get into my account |
    without explanation | without any explanation | without warning | without notice |
    no explanation
  `,
  ),
  ...phrases(
    'broken_promise',
    0.55,
    -1,
    `
    supposed to | meant to | was promised | were promised | been promised | promised me | promised us |
    promised a | promised within | said it would | said they would | told me it would | told it would |
    guaranteed | should have | should of | marked as | shows as | showing as | says delivered | said delivered |
    marked delivered | marked as delivered | status says | tracking says | tracking shows | app says |
    app shows | website says | it says | allow # days | within # days | within # hours | within # working |
    by end of day | that was # | that was last | its now | today is the | still nothing | still waiting |
    still no | still not | still hasnt | still havent | yet to | even though | despite | doesnt match |
    didnt match | dont match | instead of | instead | but got | got a | given a | only got | only received |
    only # | we reduced | we removed | we cancelled | i cancelled | we downgraded | i downgraded |
    i opted out | opted out | i closed | closed my | after i cancelled | after cancelling | confirmed in writing |
    in writing | advertised | advertised as | sold as | listed as | approved on | approved in | confirmed for |
    booked for | due on | due the | was due | were due | scheduled for | appointment was | paid for |
    ive paid | i have paid | already paid | never processed | not processed | never booked | never arrived |
    never applied | not applied | theres no | there is no | there isnt | but nothing | and nothing |
    nothing since | heard nothing | no word | no update | no updates | no news | no tracking | no reply |
    hasnt reached | hasnt arrived | havent received | havent had | not received | didnt receive | never got
  `,
  ),
  ...phrases(
    'refund',
    0.55,
    -1,
    `
    refund | refunds | refunded | money back | reimburse | reimbursed | reimbursement | compensation |
    compensate | compensated | credit back | my money | voucher | vouchers | want a refund |
    demand a refund | full refund | no refund
  `,
  ),
  ...phrases(
    'service',
    0.5,
    -1,
    `
    nobody came | no one came | nobody turned up | no one turned up | didnt turn up | didnt show up |
    didnt come back | never came back | never showed | no show | no-show | not turned up | has not turned up |
    hasnt turned up | stayed in | waited in | waited in all day | took a day off | taken # days off |
    nobody can tell me | no one can tell me | no one knows | nobody knows | reads a script | script |
    refused | refuse to | refuses to | wouldnt | wont help | wouldnt help | cant tell me | couldnt tell me |
    no reason | without reason | for no reason | no answer | nobody called | no one called | never called |
    didnt call | no callback | split up | bumped | overbooked | downgraded | moved me | cancelled on the day |
    changed without | without asking | without telling | without notice | without warning | no notice |
    no warning | left early | left without | took my money | kept my money | no refund | not refunded |
    rejected | denied | declined my | refused my | turned down | left # minutes early | left # mins early |
    left early | too early | now unavailable | is now unavailable | suddenly unavailable | out of stock
  `,
  ),
  ...phrases(
    'service',
    0.5,
    -1.5,
    `
    canned reply | canned response | copy paste | copy and paste | generic response |
    automated response | poor service | bad service | terrible service | horrible service |
    worst service | awful service | lousy service | no help | not helpful | of no help | hung up |
    hang up | hangs up | rude | unhelpful | unprofessional | ignored | ignoring | ignore | nobody |
    no one | attitude | no explanation | no information | no info | no communication |
    zero communication | lack of communication | misinformed | wrong information | runaround |
    run around | the run around | terrible customer | worst customer | bad customer | poor customer |
    treated like
  `,
  ),
  // Topic words: a customer-service matter, not yet a complaint ("amazing customer service").
  ...phrases(
    'service',
    0.3,
    0,
    `
    customer service | customer care | customer support | support team | service | support | agent |
    agents | representative | representatives | rep | reps | staff | employee | employees | manager |
    supervisor | answer | answers | respond | response | reply | help me | please help | need help |
    any help | can you help | dm | dmd | dmed | call center | call centre | phone | line | lines |
    call | calls | called | calling | sent | explanation | told me | was told | were told
  `,
  ),
  ...phrases(
    'outage',
    0.55,
    -1.5,
    `
    outage | outages | is down | are down | was down | were down | been down | went down | goes down |
    keeps going down | still down | site down | website down | app down | systems down | system down |
    not working | doesnt work | isnt working | stopped working | wont work | wont load | not loading |
    doesnt load | crashed | crashes | crashing | keeps crashing | error message | glitch | glitches |
    bug | bugs | gone offline | went offline | is offline | are offline | been offline | knocked offline |
    taken offline | offline since | offline for | offline again | still offline | no service | no signal | no internet | ` +
      `no connection | no wifi | cant log |
    cant login | cant sign | unable to log | unable to login | locked out | keeps failing |
    technical issues | technical difficulties | system error | down again | didnt work |
    did not work | does not work | isnt loading | wont open | doesnt open | broken link |
    link doesnt work | link didnt work
  `,
  ),
  ...phrases(
    'outage',
    0.5,
    -1,
    `
    times out | timing out | timed out | read only | read-only | blank screen | wont sync | not syncing |
    doesnt sync | sync conflict | sync failed | errors out | error code | keeps logging me out | logs me out |
    logged me out | keeps freezing | freezes | frozen screen | wont update | failed to load | fails to load |
    wont let me | doesnt let me | cant pay | unable to pay | wiped | deleted my | lost my work | lost all my |
    apps down | sites down | its down | thats down | is down again | down on | signal gone | internet gone |
    line gone | cut our | cut my | cut the line | cut off our | cut off my | stopped syncing | keeps dropping | keeps disconnecting | ` +
      `drops every | drops out | dropping out |
    cuts out | cutting out | no dial tone | dead line | no reading | no readings | shows nothing |
    isnt showing | not showing | doesnt show | disappeared | vanished | gone missing | greyed out
  `,
  ),
  // Features, not failures: the longest phrase wins its words, so these keep "offline" in
  // "offline mode" from reading as an outage.
  ...phrases(
    'outage',
    0,
    0,
    `
    offline mode | works offline | work offline | use it offline | use offline | available offline |
    offline access | go offline | download for offline | offline maps | down to earth | down payment |
    broken down by | break down of | breakdown of | crash course
  `,
  ),
  ...phrases('delay', 0, 0, 'stuck with me | stuck for me | stuck by me | stuck by us | stuck around | stood the test'),
  ...phrases(
    'outage',
    0.3,
    -0.5,
    `
    website | site | app | online | offline | login | log in | password | wifi | internet | connection |
    signal | system | systems | computer | computers
  `,
  ),
];
