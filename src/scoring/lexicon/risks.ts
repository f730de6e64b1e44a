/**
 * Escalation risks: language that makes a complaint dangerous to leave unanswered (legal threats,
 * leaving for a competitor, safety, fraud, privacy, press, discrimination) and customers saying
 * the other support channels already failed them. These also earn score bonuses (config.themeBonus).
 */
import { phrases, type PhraseEntry } from './phrase-types.js';

export const RISK_PHRASES: readonly PhraseEntry[] = [
  ...phrases('legal', 0.9, -2, `
    lawyer | lawyers | attorney | attorneys | solicitor | solicitors | sue | suing | sued | lawsuit |
    lawsuits | legal action | take legal action | taking legal action | legal | small claims |
    small claims court | to court | in court | court case | class action | regulator | regulators |
    ombudsman | fcc | cfpb | bbb | better business bureau | trading standards | chargeback |
    chargebacks | charge back | attorney general | ftc | ofcom | ofgem | fca | consumer protection |
    consumer rights | report you to | reporting you to | file a complaint | filing a complaint |
    filed a complaint | formal complaint | department of transportation | breach of contract |
    dispute | disputing | litigation
  `),
  ...phrases('churn', 0.75, -2, `
    cancel my account | cancel my subscription | cancel my membership | cancel my service |
    cancel my contract | cancel my plan | cancel my card | cancel my policy |
    cancel my * subscription | cancel my * account | cancelling my account |
    cancelling my subscription | canceling my account | canceling my subscription | close my account |
    closing my account | closed my account | switching to | switch to | switched to |
    switching providers | moving to | move my business | take my business elsewhere |
    taking my business elsewhere | taking my business | my business elsewhere | never again |
    never .. again | not .. again | wont .. again | last time i | done with you | im done with |
    lost a customer | lost a loyal customer | lost my business | lose my business | wont be back |
    will not be back | never be back | wont be using | never use you | never using you | goodbye |
    unsubscribe | leaving you | time to switch | find another | looking for another | competitor |
    competitors | better off with | go elsewhere | going elsewhere | look elsewhere |
    looking elsewhere | find other | finding other | lost another customer | lost * customer |
    lost a * customer
  `),
  ...phrases('churn', 0.3, -0.5, `
    loyal customer | loyal customers | longtime customer | long time customer | # year customer |
    member for # years | customer for # years
  `),
  ...phrases('safety', 0.9, -2.5, `
    unsafe | not safe | dangerous | danger | injured | injury | injuries | fire | smoke | burn |
    burned | burnt | food poisoning | poisoning | poisoned | allergic reaction | anaphylactic |
    medical emergency | emergency room | hospital | hospitalized | ambulance | paramedic |
    paramedics | hazard | hazardous | explode | exploded | explosion | electric shock | electrocuted |
    choking | choked | mold | mould | bleeding | broken glass | collapsed | gas leak |
    carbon monoxide | assault | assaulted | attacked | safety issue | safety issues | safety concern |
    safety hazard | safety risk | fainted | passed out | seizure | heart attack
  `),
  ...phrases('safety', 0.4, -1.5, `
    emergency | sick | hurt | recall | cockroach | cockroaches | rats | bugs in | expired | raw |
    unsanitary | unhygienic
  `),
  ...phrases('fraud', 0.85, -2.5, `
    fraud | fraudulent | scam | scammed | scammers | stolen | stole | steal | stealing | theft |
    thief | thieves | unauthorized | unauthorised | unauthorized charge | identity theft | hacked |
    hacker | hackers | phishing | charged without | never authorized | didnt authorize |
    did not authorize | rip off | ripoff | ripped off | counterfeit | bait and switch |
    money laundering | skimmed | cloned card
  `),
  ...phrases('privacy', 0.75, -1.5, `
    privacy | data breach | breach | leaked | leak | personal data | my data | personal information |
    personal info | personal details | gdpr | shared my | sold my | selling my data | tracking me |
    without consent | without my consent | without my permission | exposed my
  `),
  ...phrases('press', 0.8, -1, `
    journalist | journalists | reporter | reporters | the press | to the press | going to the press |
    contact the press | the media | to the media | media outlet | media outlets | the news |
    on the news | local news | news station | news outlet | newspaper | tv station | viral |
    going viral | go viral | my blog | blogger | watchdog | documentary | consumerist
  `),
  ...phrases('press', 0.45, -1, `
    social media | tell everyone | telling everyone | tell all my friends | spread the word |
    warn others | warning others | everyone should know | everyone know | bad review |
    negative review | one star | # star review | trustpilot | yelp
  `),
  ...phrases('press', 0.3, -0.5, 'review | reviews'),
  ...phrases('discrimination', 0.85, -2.5, `
    discrimination | discriminated | discriminating | discriminate | racist | racism | racial |
    sexist | sexism | harassment | harassed | harassing | profiled | profiling | homophobic
  `),
  ...phrases('channel_failure', 0.7, -2, `
    on hold | hold for | been on hold | still on hold | hold music | hold time | hold times |
    called # times | calling for # | # calls | tried calling | tried to call | keep calling |
    kept calling | no one answers | nobody answers | no one answered | nobody answered |
    no one answering | nobody answering | no one is answering | nobody is answering |
    no one is responding | nobody is responding | no one responds | nobody responds |
    no one picks up | nobody picks up | no answer | not answering | no response | no reply |
    no replies | still no response | still no reply | still no answer | never responded |
    never replied | never heard back | havent heard back | never got back | no callback |
    no call back | never called back | never call back | emailed # times | emailed twice | # emails |
    sent # emails | messaged # times | tweeted # times | dmd you | sent a dm | sent you a dm |
    hung up on | got disconnected | disconnected | transferred | keep getting transferred |
    cant get through | cant reach | cannot reach | unable to reach | couldnt reach | cant get a hold |
    cant get ahold | line is busy | busy signal | chatbot | chat bot | no way to contact |
    impossible to reach | no human | speak to a human | talk to a human | real person |
    still waiting for a response | still waiting for a reply | no one will help | nobody will help |
    no one can help | nobody can help | no one is helping | no one to help
  `),
  ...phrases('channel_failure', 0.45, -1.5, 'gave up | give up | giving up'),
  // Recurrence alone ("3rd time this week") is weaker than a named failed channel.
  ...phrases('channel_failure', 0.3, -1, `
    # times | # time | twice | again and again | over and over
  `),
];
