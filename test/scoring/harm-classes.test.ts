/**
 * Harm classes the fifth held-out pair showed were told without a known phrase (issue #21):
 * crisis as a plan or as nothing left, press by outlet or role, regulators by name, legal help by
 * its trade, privacy and discrimination told as scenes, threats to property or to meet staff, and
 * the look-alikes each must leave alone (a resolved hazard, a solicitor introducing herself, a
 * question about a regulator's rules, thanks to staff). Wording here is new: none of it is a row
 * of the team sets.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText, DEFAULT_SCORING_CONFIG, scoreMention } from '../../src/scoring/index.js';
import type { HarmId } from '../../src/scoring/harm/categories.js';
import { isAmountContrast, isMockPraise } from '../../src/scoring/text/told-complaints.js';

const tiny = (text: string) => scoreMention({ text, source: 'twitter', author: { followers: 10 }, isVip: false }, DEFAULT_SCORING_CONFIG);
const harmOf = (text: string): string[] => analyzeText(text).harm.map((h) => h.id);

const CLASSES: { id: HarmId; name: string; trigger: string[]; not: string[] }[] = [
  {
    id: 'crisis',
    name: 'a plan with its means, or nothing left said as a last word',
    trigger: [
      'sat in the car with the tablets lined up on the dashboard. nobody at your bank will help',
      'counted out my pills tonight. you took every penny and nobody listens',
      'if the bailiffs come on monday that is it, there is nothing left for me. im not being dramatic',
      'this is the last message youll get from me. nothing to live for since you cut the payments',
      'I wrote my note this morning. thank you for nothing',
      'they can have the flat. everyone would be better off without me anyway',
    ],
    not: [
      'there is nothing left for me to try, I have reset the router four times',
      'im done with your customer service, cancelling tomorrow',
      'Put the pills on the table for my dad every morning, can the pharmacy deliver weekly?',
      'not being dramatic but this is the worst pizza I have ever had',
    ],
  },
  {
    id: 'safety',
    name: 'gas told by its smell',
    trigger: [
      'strong rotten egg smell in the hallway since the meter was swapped',
      'my kitchen smells of rotten eggs near the boiler, is that normal after a service?',
      'there is an eggy smell coming from the cooker pipe your fitter touched yesterday',
    ],
    not: [
      'the rotten egg smell is completely gone now, engineer capped it off. thanks',
      'this egg salad smells like rotten eggs, binned it',
    ],
  },
  {
    id: 'press',
    name: 'outlets and roles by name',
    trigger: [
      'The money editor at the Sunday Times would love this story. Sending her my file tonight',
      'a reporter from BBC Breakfast asked me for the letters you sent. lovely woman',
      "I've emailed Watchdog and the Daily Record with every screenshot",
      'Already told Le Parisien about your delays, they want the receipts',
      'spoke to someone at the Washington Post about the refund you refused',
      'contacted Stiftung Warentest and the ZDF consumer team about this heater',
    ],
    not: [
      'saw your advert in the Guardian, is the offer still on?',
      'read the Which? review of your vacuum, ordered one. great stuff',
      'what times are you open on sunday?',
    ],
  },
  {
    id: 'regulator',
    name: 'regulators by name in several countries',
    trigger: [
      'Complaint lodged with the Financial Ombudsman today. eight weeks and no final response',
      'Ich habe mich bei der BaFin über die Bank beschwert. Seit Wochen keine Antwort.',
      'Plainte déposée auprès de la DGCCRF, trois mois sans remboursement.',
      'reported you to the CFPB after the third wrong fee',
    ],
    not: [
      'is the ofgem price cap change in april going to affect my tariff?',
      'are you regulated by the FCA for mortgages?',
      'how will the new ofcom rules affect my contract?',
    ],
  },
  {
    id: 'legal',
    name: 'legal help by its trade',
    trigger: [
      'rang a no win no fee solicitor about the burns from your kettle',
      'a claims firm is handling my injury from your wet floor',
      'filing in small claims next week for the deposit you kept',
      'my personal injury lawyer will be in touch about the fall on your stairs',
    ],
    not: [
      "I'm a solicitor and need to change the address on my firm's card",
      'as a lawyer myself I found your terms very clear, thanks',
      'im a barrister, can I get a receipt for my train tickets?',
    ],
  },
  {
    id: 'privacy',
    name: 'mail or documents seen by others, data passed on after deletion',
    trigger: [
      'your newsletter went out with every customer in cc, I can see 200 email addresses including mine',
      'the agent posted my passport scan in a staff group chat, a friend who works there saw it',
      'my driving licence was shared in a facebook group by your branch staff',
      'I asked you to erase my data last year. a broker just phoned saying they bought it from you',
      'deletion request confirmed in March, now a lender has all my details and says you passed them on',
    ],
    not: [
      'can you add my partner to the whatsapp group for the building updates?',
      'please cc my accountant on the invoice emails',
      'how do I request deletion of my account?',
    ],
  },
  {
    id: 'discrimination',
    name: 'treated differently than another group, misgendered, told to go home',
    trigger: [
      'the guard followed me around the aisles and searched my bag. the white lady behind me walked out with no questions',
      'they said fully booked when I phoned. my white friend called straight after and got a room',
      'staff kept misgendering my son even after he corrected them',
      'a manager told my mum to go back to your country when she asked for help',
      'the waiter mocked my accent in front of the whole table',
    ],
    not: [
      'the white bedding in the room was spotless, loved it',
      'fully booked tonight, any rooms tomorrow?',
      'go back to the home screen and tap settings, thats what fixed it for me',
    ],
  },
  {
    id: 'threat',
    name: 'damage to property or meeting staff',
    trigger: [
      'keep this up and a brick will go through your shop window',
      'he better hope I dont see your engineer in the street after this',
      'a man told the cashier he would be waiting for him after his shift',
      'somebody is going to put your office windows in if this refund doesnt come',
    ],
    not: [
      'a brick fell off the lorry onto the road, nobody hurt, reported it',
      'hope i never see your rep again, he was useless',
      'your engineer is waiting in the street for the van, is that normal?',
    ],
  },
];

describe('harm classes told without a known phrase', () => {
  for (const c of CLASSES) {
    describe(`${c.id}: ${c.name}`, () => {
      for (const text of c.trigger) {
        it(`triggers: ${text}`, () => {
          expect(harmOf(text)).toContain(c.id);
          expect(['P1', 'P2']).toContain(tiny(text).priority);
        });
      }
      for (const text of c.not) {
        it(`does not name ${c.id}: ${text}`, () => {
          expect(harmOf(text)).not.toContain(c.id);
        });
      }
    });
  }
});

describe('look-alikes stay below P1–P2', () => {
  const LOOK_ALIKES = [
    'the leak is sorted and the smell is gone now, thanks to your plumber',
    'false alarm on the card I froze yesterday, my son had used it. all good',
    "I'm a solicitor and I'd like to set up direct debits for my chambers",
    'does the ofgem price cap change in july affect fixed tariffs?',
    'huge thanks to your driver who carried the shopping in for my disabled nan, a credit to you',
  ];
  for (const text of LOOK_ALIKES) {
    it(`stays below P1–P2: ${text}`, () => {
      expect(['P3', 'P4']).toContain(tiny(text).priority);
    });
  }
});

describe('complaints told without a negative word are not P4', () => {
  const TOLD = [
    'thank you so much for the £85 admin charge on a cancelled order, brilliant',
    'Absolutely fantastic, the zip broke on day two. Superb design',
    'love how my train was cancelled again, perfect start to the week',
    'Paid for 500Mb, getting 42Mb every night',
    'We pay for 40 licences but the portal only lets 12 users log in',
    'Abbuchung von 120 € statt der vereinbarten 30 €.',
    'Me cobraron 95 € pero la tarifa es de 30 €.',
  ];
  for (const text of TOLD) {
    it(`is a complaint: ${text}`, () => {
      expect(tiny(text).priority).not.toBe('P4');
    });
  }
  const NOT = [
    'brilliant, the engineer fixed the broken boiler in an hour',
    'Fantastic, delivered in 2 days as promised',
    'is the £30 plan better than the £15 plan?',
    'Superb quality boots, still like new after a year',
    'perfect timing, the £20 refund landed today',
  ];
  for (const text of NOT) {
    it(`is neither mock praise nor a contrast of amounts: ${text}`, () => {
      expect(isMockPraise(text)).toBe(false);
      expect(isAmountContrast(text)).toBe(false);
    });
  }
});
