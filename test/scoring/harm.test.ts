/**
 * Harm categories (issue #21): for each, paraphrases that must trigger it, and negations,
 * resolved or past forms and harmless look-alikes that must not; the floor holds at 10
 * followers whatever the other signals say; the card's first reason names it.
 */
import { describe, expect, it } from 'vitest';
import { analyzeText, DEFAULT_SCORING_CONFIG, scoreMention } from '../../src/scoring/index.js';
import { DEFAULT_HARM_FLOORS, HARM_IDS, HARM_LABELS, type HarmId } from '../../src/scoring/harm/categories.js';
import { harmConfigSchema } from '../../src/scoring/harm/config.js';

const harmOf = (text: string): string[] => analyzeText(text).harm.map((h) => h.id);
const tiny = (text: string) => scoreMention({ text, source: 'twitter', author: { followers: 10 }, isVip: false }, DEFAULT_SCORING_CONFIG);

const CASES: Record<HarmId, { trigger: string[]; not: string[] }> = {
  safety: {
    trigger: [
      'There is a smell of gas coming from the meter you replaced',
      'the new heater started sparking and the plug went black',
      'Smoke pouring out of the microwave you delivered yesterday',
      'I found bits of plastic in my daughter’s yoghurt',
      'the bus driver was texting while driving on the motorway',
      'Your engineer left live wires hanging out of the wall',
    ],
    not: [
      'The gas smell is gone now, the engineer fixed it, thanks',
      'Your fire sale prices are unreal',
      'How do I book a gas safety check?',
      'Gas bill was cheaper this month, nice',
      'this playlist is fire 🔥',
    ],
  },
  crisis: {
    trigger: [
      'I just want to end it all, I cannot take this debt any more',
      'Thinking about killing myself because of these letters',
      'nobody would miss me if I was gone',
      'I have been self harming since you cut my money',
    ],
    not: [
      'This queue is killing me lol',
      'I nearly died laughing at your advert',
      'I want to end my contract early, how?',
      'My battery died again',
    ],
  },
  medical: {
    trigger: [
      'The pharmacy gave me the wrong tablets and I took two before noticing',
      'My epipen prescription has not arrived and I leave for school tomorrow',
      'Label said nut free, my son had an allergic reaction within minutes',
      'My dad’s oxygen concentrator stopped working overnight',
    ],
    not: ['I am sick of waiting for this parcel', 'Do you sell allergy friendly snacks?', 'What time does the pharmacy close?'],
  },
  fraud: {
    trigger: [
      'There are two payments on my statement that I did not make',
      'Someone logged into my account and changed my email address',
      'I got a text pretending to be from your bank and now £300 has gone',
      'A loan was taken out in my name',
      'my phone number was ported without my permission',
    ],
    not: ['How do I set up a standing order?', 'I authorised my son to use my card', 'That delivery fee is daylight robbery'],
  },
  vulnerable: {
    trigger: [
      'My 88 year old mother has been without heating since Monday',
      'I am registered blind and cannot use your new app, my bills are going unpaid',
      'My wife passed away and you still send her letters chasing money',
      'We have a newborn and the power keeps going off',
    ],
    not: [
      'My nan loves your large print books',
      'Do you have a discount for pensioners?',
      'Power is back on now, thanks for the quick fix',
    ],
  },
  privacy: {
    trigger: [
      'Your website showed me another customer’s address and order history',
      'You sent my medical records to the wrong person',
      'My personal details were shared with a marketing company without my consent',
      'There has been a data breach and you have not told me what was leaked',
    ],
    not: ['Where is your privacy policy?', 'How do I download a copy of my data?', 'Love the private booths in your cafe'],
  },
  discrimination: {
    trigger: [
      'Your staff refused to serve me because I wear a hijab',
      'The driver made racist comments to my son',
      'I was turned away because of my wheelchair',
      'One of your managers keeps sending me inappropriate messages, it is harassment',
    ],
    not: ['Are your stores wheelchair accessible?', 'You are very discriminating about your wine list, love it'],
  },
  threat: {
    trigger: [
      'If this happens again I will burn your shop down',
      'Your engineer threatened to punch me',
      'I know where your manager lives',
      'Someone said they will bring a knife to your Leeds branch',
    ],
    not: ['This burger is the bomb', 'Gonna kill it at the gym with these trainers', 'I could murder a pizza right now'],
  },
  legal: {
    trigger: [
      'I have instructed a solicitor',
      'I will see you in the small claims court',
      'Taking legal action if this is not refunded',
      'I am going to sue you',
    ],
    not: ['Is it legal to resell tickets?', 'Sue at the Bristol branch was lovely', 'I am not a lawyer but this seems unfair'],
  },
  regulator: {
    trigger: ['I am taking this to the Financial Ombudsman', 'Reported you to Trading Standards today', 'Ofcom will hear about this'],
    not: ['Are you regulated by the FCA?', 'What is the Ofgem price cap next month?'],
  },
  press: {
    trigger: [
      'I am a journalist at the Evening Standard',
      'Going to the papers with this',
      'The BBC want to interview me about your service',
    ],
    not: ['Telling everyone I know about this', 'Saw your advert on TV last night', 'Great review of your app in the Guardian'],
  },
  essential_service: {
    trigger: [
      'Our card machine has been down all morning and we cannot take payments',
      'No internet for 5 days, I work from home and I am losing money',
      'THE APP HAS BEEN DOWN ALL DAY',
      'Phone line dead since Tuesday, I cannot call my GP',
    ],
    not: [
      'Will the app be down for maintenance tonight?',
      'Internet was slow for ten minutes, fine now',
      'How do I open a business account?',
    ],
  },
};

describe('harm categories', () => {
  it('every category of CONTRACT §9 has a label and a default floor', () => {
    for (const id of HARM_IDS) {
      expect(HARM_LABELS[id]).toBeTruthy();
      expect(DEFAULT_HARM_FLOORS[id]).toBe(['safety', 'crisis', 'medical'].includes(id) ? 'P1' : 'P2');
    }
    expect(HARM_LABELS.fraud).toBe('possible fraud');
    expect(HARM_LABELS.safety).toBe('safety risk');
    expect(HARM_LABELS.vulnerable).toBe('vulnerable customer');
  });

  for (const id of HARM_IDS) {
    describe(id, () => {
      it.each(CASES[id].trigger)(`"%s" → ${id}, at its floor from 10 followers, named first`, (text) => {
        expect(harmOf(text)).toContain(id);
        const r = tiny(text);
        expect(r.priority <= DEFAULT_HARM_FLOORS[id]).toBe(true);
        expect(r.harm.map((h) => h.id)).toContain(id);
        expect(r.reasons[0]!.startsWith(HARM_LABELS[r.harm[0]!.id])).toBe(true);
      });
      it.each(CASES[id].not)(`"%s" is not ${id}`, (text) => {
        expect(harmOf(text)).not.toContain(id);
      });
    });
  }

  it('a floor is applied whatever the reach: reach, VIP and volume can only raise it', () => {
    const text = 'Someone has taken money from my account that I did not authorise';
    const floored = tiny(text);
    expect(floored.priority).toBe('P2');
    expect(floored.signals.some((s) => s.signal === 'floor:fraud')).toBe(true);
    const vip = scoreMention({ text, source: 'twitter', author: { followers: 10 }, isVip: true }, DEFAULT_SCORING_CONFIG);
    expect(vip.priority).toBe('P1');
    const lowered = harmConfigSchema.parse({ fraud: 'P3' });
    expect(
      scoreMention({ text, source: 'twitter', author: { followers: 10 }, isVip: false }, DEFAULT_SCORING_CONFIG, lowered).priority <= 'P3',
    ).toBe(true);
  });

  it('praise, spam and jokes never hide a harm: the harm keeps its floor', () => {
    const r = tiny('Thanks a lot, your engineer was lovely but there is still a strong smell of gas in the kitchen');
    expect(r.priority).toBe('P1');
  });

  it('the guidance and the escalation follow the config', () => {
    const config = harmConfigSchema.parse({
      fraud: { floor: 'P1', escalate: true, guidance: 'Never ask for the full card number.' },
      crisis: { guidance: '' },
    });
    const fraud = scoreMention(
      { text: 'Three payments I never made', source: 'chat', author: {}, isVip: false },
      DEFAULT_SCORING_CONFIG,
      config,
    );
    expect(fraud).toMatchObject({ priority: 'P1', escalate: true, guidance: 'Never ask for the full card number.' });
    const crisis = scoreMention(
      { text: 'I want to kill myself', source: 'chat', author: {}, isVip: false },
      DEFAULT_SCORING_CONFIG,
      config,
    );
    expect(crisis).toMatchObject({ priority: 'P1', escalate: true, guidance: null });
  });
});

describe('harm config', () => {
  it('accepts a bare priority or an object, fills the rest with defaults', () => {
    const c = harmConfigSchema.parse({ press: 'P1', legal: { escalate: true } });
    expect(c.press).toEqual({ floor: 'P1', escalate: false, guidance: null });
    expect(c.legal).toEqual({ floor: 'P2', escalate: true, guidance: null });
    expect(c.crisis.escalate).toBe(true);
    expect(c.crisis.guidance).toMatch(/Samaritans/);
  });

  it('refuses unknown category ids and bad values with messages that say what is wrong', () => {
    const unknown = harmConfigSchema.safeParse({ saftey: 'P1' });
    expect(unknown.success).toBe(false);
    expect(unknown.error!.issues[0]!.message).toMatch(/unknown harm category "saftey"; known: safety, crisis/);
    const bad = harmConfigSchema.safeParse({ fraud: 'P5', legal: { floor: 'P1', colour: 'red' } });
    expect(bad.success).toBe(false);
    const messages = bad.error!.issues.map((i) => `${i.path.join('.')} ${i.message}`);
    expect(messages).toContain('fraud.floor must be one of P1, P2, P3, P4');
    expect(messages.some((m) => m.startsWith('legal') && /colour/.test(m))).toBe(true);
  });
});

describe('reading beyond fixed phrases', () => {
  const cases: [string, HarmId][] = [
    ['Sitting here with all my tablets lined up, nobody cares anymore', 'crisis'],
    ['The box said peanut free and my daughter’s face swelled up', 'medical'],
    ['Man rang saying he was from your fraud team, I read out the code and they took £2,000', 'fraud'],
    ['Since my father’s death you keep sending letters addressed to him, I’ve asked you to stop', 'vulnerable'],
    ['My old landlord received a statement with my bank details on it', 'privacy'],
    ['The manager said people like you aren’t welcome here', 'discrimination'],
    ['The waiter put his hand on my thigh and laughed when I told him to stop', 'discrimination'],
    ['Do that again and I’ll break his jaw', 'threat'],
    ['Forwarding this whole thread to Ofwat', 'regulator'],
    ['Can you explain why someone took £400 from my account without my permission?', 'fraud'],
    ['I’ve said goodbye to my family, tonight I stop being a burden', 'crisis'],
    ['The mechanic said women can’t understand engines, send your husband', 'discrimination'],
    ['Your newsletter went out with a list of customer names and emails in the cc', 'privacy'],
    ['A claims company got my new address, only you had it', 'privacy'],
    ['Researcher at a BBC consumer programme here, could we get a statement?', 'press'],
    ['Taking this story to the papers, they love this kind of thing', 'press'],
    ['Someone swapped my SIM and reset the password on my banking app', 'fraud'],
    ['Your debt collector said he’d put my windows in', 'threat'],
  ];
  for (const [text, id] of cases) it(`"${text}" → ${id}`, () => expect(harmOf(text)).toContain(id));

  const harmless = [
    'Ready to end it all with a big slice of your cheesecake',
    'Can I add my partner to my account?',
    'Do you store my card details securely?',
    'Your story really touched my heart, thank you',
    'We’ll smash your targets this year!',
    'Great piece in your magazine about scams',
  ];
  for (const text of harmless) it(`"${text}" → no harm`, () => expect(harmOf(text)).toEqual([]));
});
