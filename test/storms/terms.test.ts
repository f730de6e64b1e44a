import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { paraphraseEvidence, type EvidenceContext } from '../../src/ingest/storms/paraphrase.js';
import { BrandVocabulary } from '../../src/ingest/storms/terms/brands.js';
import { MAX_ANCHORS, extractStormTerms, stem } from '../../src/ingest/storms/terms/extract.js';
import { generalRarity } from '../../src/ingest/storms/terms/general.js';

/** Everything rare, symptoms bursting unless told otherwise: the rules alone. */
const cold = (bursting = true): EvidenceContext => ({ rarity: () => 1, admits: () => true, bursting: () => bursting });
const evidence = (a: string, b: string, ctx = cold()) => paraphraseEvidence(extractStormTerms(a), extractStormTerms(b), ctx);
const LINK = 1.75;

describe('storm terms', () => {
  it('maps many wordings of a symptom to one concept, in five languages', () => {
    const cases: [string, string][] = [
      ['the app is down again', 'outage'],
      ['nothing will play, keeps buffering', 'outage'],
      ['zero bars and SOS only', 'signal'],
      ["can't log in since 9", 'login'],
      ['power cut on our street', 'power'],
      ['taps are dry this morning', 'water'],
      ['no heating and no hot water', 'heating'],
      ['parcel stuck at the depot for 4 days', 'delay'],
      ['sin señal en Valencia', 'signal'],
      ['Movilsur caído otra vez', 'outage'],
      ['panne de courant à Lyon', 'power'],
      ['kein Netz in Hamburg', 'signal'],
      ['FunkNord Störung seit heute', 'outage'],
      ['sem sinal em Lisboa', 'signal'],
    ];
    for (const [text, concept] of cases) expect(extractStormTerms(text).issues, text).toContain(concept);
  });

  it('does not read a symptom into phrases that only look like one', () => {
    for (const text of [
      "can't wait for Christmas",
      'you really let me down',
      'the shop down the road',
      'Leeds market opens this weekend',
    ]) {
      expect(extractStormTerms(text).issues, text).toEqual([]);
    }
  });

  it('tells names and codes from ordinary words, and brands from anchors', () => {
    const t = extractStormTerms('@TelvoMobile Telvo down in Manchester, postcode M1, error 503 since 7am. the depot is closed');
    expect(t.names).toEqual(expect.arrayContaining(['telvomobile', 'telvo']));
    expect(t.anchors).not.toContain('telvo');
    const specific = Object.fromEntries(t.anchors.map((a, i) => [a, t.specific[i]]));
    expect(specific).toMatchObject({ manchester: true, m1: true, '503': true, depot: false });
    expect(t.anchors).not.toContain('7am');
    // Shouting says nothing about names.
    const loud = extractStormTerms('NO SIGNAL IN MANCHESTER AGAIN TODAY');
    expect(loud.specific.every((s) => !s)).toBe(true);
  });

  it('keeps a long e-mail bounded and survives any text', () => {
    const long = Array.from({ length: 1500 }, (_, i) => `Word${i} town${i}`).join(' ');
    expect(extractStormTerms(long).anchors.length).toBe(MAX_ANCHORS);
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 400 }), (text) => {
        const t = extractStormTerms(text);
        expect(t.anchors.length).toBeLessThanOrEqual(MAX_ANCHORS);
        expect(new Set(t.anchors).size).toBe(t.anchors.length);
        expect(new Set(t.issues).size).toBe(t.issues.length);
        expect(t.specific).toHaveLength(t.anchors.length);
        expect(extractStormTerms(text)).toEqual(t);
      }),
      { numRuns: 300 },
    );
    for (const odd of [
      '__proto__ constructor down',
      '\u200fno signal\u200f in Manchester',
      '📵📵 no signal 📵 Manchester',
      '<!here> app down',
    ])
      expect(() => extractStormTerms(odd)).not.toThrow();
  });

  it('learns a brand from its handle and recognises it written as a word', () => {
    const brands = new BrandVocabulary(stem);
    expect(brands.brandOf('fibrenet')).toBeNull();
    brands.observe(['FibreNetUK']);
    brands.observe(['FibreNetUK']);
    expect(brands.brandOf('fibrenet')).toEqual(expect.arrayContaining(['fibrenetuk']));
    expect(extractStormTerms('fibrenet down in Bristol', brands).names).toContain('fibrenetuk');
    // Bounded: a flood of one-off handles forgets the oldest brand.
    for (let i = 0; i < 600; i += 1) brands.observe([`someone${i}`, `someone${i}`]);
    expect(brands.brandOf('fibrenet')).toBeNull();
    // Configured brands are never forgotten.
    const configured = new BrandVocabulary(stem, [{ name: 'Northwind Bank', handles: ['@NorthwindBank'] }]);
    expect(configured.brandOf('northwind')).toEqual(['brand:northwind bank']);
  });

  it('knows everyday English words from a general corpus, and leaves places alone', () => {
    expect(generalRarity('because')).toBe(0);
    expect(generalRarity('manchester')).toBe(1);
    expect(generalRarity('kendal')).toBe(1);
  });
});

describe('paraphrase evidence', () => {
  it('links a shared symptom with a rare place, and never a place or brand alone', () => {
    expect(evidence('no signal in Manchester since 7am', 'Manchester outage? zero bars on my phone')).toBeGreaterThanOrEqual(LINK);
    expect(evidence('Telvo shop in Manchester was rude to me', 'no signal in Manchester since 7am')).toBeLessThan(LINK);
    expect(evidence('@TelvoMobile my bill is wrong again', '@TelvoMobile no signal anywhere')).toBeLessThan(LINK);
  });

  it('does not link the same local symptom in two places through the brand', () => {
    expect(evidence('@TelvoMobile no signal in Manchester', '@TelvoMobile no signal in my village near Truro')).toBeLessThan(LINK);
  });

  it('links "the brand is down" only while such reports burst', () => {
    expect(evidence('@Streamly is it down?', 'Streamly down for anyone else? @Streamly', cold(true))).toBeGreaterThanOrEqual(LINK);
    expect(evidence('@Streamly is it down?', 'Streamly down for anyone else? @Streamly', cold(false))).toBeLessThan(LINK);
  });

  it('never links on ordinary words alone; a late parcel needs its place', () => {
    expect(evidence('my parcel is late', 'parcel late again, third time')).toBeLessThan(LINK);
    expect(evidence("can't log in to my account on the app", 'app keeps failing at login, account locked out')).toBeLessThan(LINK);
    expect(evidence('router signal outage kitchen boiler engineer', 'kitchen broadband signal router outage engineer letter')).toBeLessThan(
      LINK,
    );
    expect(evidence("can't log in to the Northwind app, account locked", 'Northwind app keeps failing at login')).toBeGreaterThanOrEqual(
      LINK,
    );
    expect(
      evidence('parcel stuck at the Leeds depot since Monday', 'is the Leeds depot closed? parcel not moved all week'),
    ).toBeGreaterThanOrEqual(LINK);
  });

  it('weighs a term by its rarity and counts only what an incident is about', () => {
    const a = extractStormTerms('no signal in Manchester');
    const b = extractStormTerms('Manchester has no signal today');
    expect(paraphraseEvidence(a, b, { ...cold(), rarity: () => 0 })).toBeLessThan(LINK);
    expect(paraphraseEvidence(a, b, { ...cold(), admits: (key) => key !== 'manchester' }, 7)).toBeLessThan(LINK);
  });

  it('is symmetric and never negative', () => {
    const words = [
      'no signal',
      'Manchester',
      'down',
      'app',
      'Leeds depot',
      'stuck',
      'login',
      'Telvo',
      '@TelvoMobile',
      'power cut',
      'the',
      'error 503',
    ];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...words), { maxLength: 8 }), fc.array(fc.constantFrom(...words), { maxLength: 8 }), (x, y) => {
        const a = `x ${x.join(' ')}`;
        const b = `y ${y.join(' ')}`;
        const ab = evidence(a, b);
        expect(ab).toBeGreaterThanOrEqual(0);
        expect(ab).toBeCloseTo(evidence(b, a), 9);
      }),
      { numRuns: 300 },
    );
  });
});
