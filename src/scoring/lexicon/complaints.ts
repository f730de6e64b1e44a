/**
 * Everyday complaint events, generic across businesses: waiting, cancellations, lost or broken
 * items, bookings, bills, account access, refunds, outages and poor service. Weights are evidence
 * that the text is a real complaint needing action (0..1); valences feed the sentiment.
 */
import { phrases, type PhraseEntry } from './phrase-types.js';

export const COMPLAINT_PHRASES: readonly PhraseEntry[] = [
  ...phrases('delay', 0.5, -1.5, `
    delayed | delay | delays | delaying | running late | still waiting | been waiting | waiting for |
    waited | hours late | behind schedule | postponed | overdue | took forever | taking forever |
    takes forever | long wait | wait time | wait times | hasnt arrived | not arrived |
    still not here | still hasnt | still havent | still no | stranded | stuck | late again |
    delayed again | late | waiting
  `),
  // Durations: strong evidence of waiting, but "fixed in an hour" is praise, so they are not
  // negative enough to count as a bad event for the sarcasm rule.
  ...phrases('delay', 0.5, -1, '# hours | # hrs | # hr | # hour | # days | # weeks | # months'),
  ...phrases('delay', 0.3, -0.5, `
    # minutes | # mins | # min | slow | slowest | hours | days | weeks | eta | yet to
  `),
  ...phrases('cancellation', 0.55, -1.5, `
    cancelled | canceled | cancellation | cancellations | cancelling | canceling | called off |
    cancelled my | canceled my | got cancelled | was cancelled | been cancelled
  `),
  ...phrases('lost_item', 0.6, -2, `
    lost | lost my | lost our | losing | still missing | is missing | are missing | went missing |
    was missing | were missing | missing item | missing items | missing package | missing parcel |
    missing order | missing money | missing funds | missing payment | misplaced | cant find |
    cannot find | never arrived | never received | never got | never came | didnt arrive |
    didnt receive | didnt get | not received | not delivered | never delivered | where is my |
    wheres my | still missing | wrong item | wrong order | wrong address | left behind
  `),
  // "missing" alone is as often "missing my connection" or "missing information" as a lost item.
  ...phrases('lost_item', 0.3, -1, 'missing'),
  ...phrases('damaged', 0.6, -2, `
    damaged | damage | broken | broke | busted | smashed | cracked | ruined | destroyed | torn |
    ripped | dented | defective | faulty | scratched | shattered | arrived broken | came broken |
    stained
  `),
  ...phrases('booking', 0.35, -0.3, `
    booking | booked | book | rebook | rebooked | rebooking | reservation | reservations | reserved |
    reschedule | rescheduled | change my | changed my | confirmation | itinerary | ticket | tickets |
    appointment | overbooked | oversold | double booked | cant book | unable to book | cant change |
    order | ordered | my order | checkout | check in | cant check
  `),
  ...phrases('billing', 0.55, -1.5, `
    overcharged | overcharging | double charged | charged twice | charged me twice | charged me |
    still charged | still charging | charged for | charged me for | hidden fee | hidden fees |
    extra charge | extra charges | wrong amount | incorrect bill | wrong bill | late fee |
    overdraft fee | surprise charge | bill shock | price hike | raised my price | raised the price
  `),
  // Topic words: money matters, not yet a complaint ("how do I change my billing address?").
  ...phrases('billing', 0.3, 0, `
    charged | charge | charges | charging | bill | billed | billing | fee | fees | invoice | payment |
    paid | paid for | pay | overdraft | price | prices | pricing | account balance | subscription
  `),
  ...phrases('account', 0.6, -2, `
    froze my account | frozen account | account frozen | account was frozen | account is frozen |
    froze my card | locked my account | account locked | account is locked |
    locked out of my account | suspended my account | account suspended | account was suspended |
    closed my account without | blocked my card | blocked my account | card declined |
    card was declined | card blocked | payment declined | payment failed | cant access my account |
    cannot access my account | unable to access my account | cant get into my account |
    without explanation | without any explanation | without warning | without notice |
    no explanation
  `),
  ...phrases('refund', 0.55, -1, `
    refund | refunds | refunded | money back | reimburse | reimbursed | reimbursement | compensation |
    compensate | compensated | credit back | my money | voucher | vouchers | want a refund |
    demand a refund | full refund | no refund
  `),
  ...phrases('service', 0.5, -1.5, `
    canned reply | canned response | copy paste | copy and paste | generic response |
    automated response | poor service | bad service | terrible service | horrible service |
    worst service | awful service | lousy service | no help | not helpful | of no help | hung up |
    hang up | hangs up | rude | unhelpful | unprofessional | ignored | ignoring | ignore | nobody |
    no one | attitude | no explanation | no information | no info | no communication |
    zero communication | lack of communication | misinformed | wrong information | runaround |
    run around | the run around | terrible customer | worst customer | bad customer | poor customer |
    treated like
  `),
  // Topic words: a customer-service matter, not yet a complaint ("amazing customer service").
  ...phrases('service', 0.3, 0, `
    customer service | customer care | customer support | support team | service | support | agent |
    agents | representative | representatives | rep | reps | staff | employee | employees | manager |
    supervisor | answer | answers | respond | response | reply | help me | please help | need help |
    any help | can you help | dm | dmd | dmed | call center | call centre | phone | line | lines |
    call | calls | called | calling | sent | explanation | told me | was told | were told
  `),
  ...phrases('outage', 0.55, -1.5, `
    outage | outages | is down | are down | was down | were down | been down | went down | goes down |
    keeps going down | still down | site down | website down | app down | systems down | system down |
    not working | doesnt work | isnt working | stopped working | wont work | wont load | not loading |
    doesnt load | crashed | crashes | crashing | keeps crashing | error message | glitch | glitches |
    bug | bugs | offline | no service | no signal | no internet | no connection | no wifi | cant log |
    cant login | cant sign | unable to log | unable to login | locked out | keeps failing |
    technical issues | technical difficulties | system error | down again | didnt work |
    did not work | does not work | isnt loading | wont open | doesnt open | broken link |
    link doesnt work | link didnt work
  `),
  ...phrases('outage', 0.3, -0.5, `
    website | site | app | online | login | log in | password | wifi | internet | connection |
    signal | system | systems | computer | computers
  `),
];
