/**
 * Language detection (issue #21): each scored language, other Latin-script languages, other
 * scripts, and texts with no evidence; the hand-made lexicons of es/fr/de/pt read harm and strong
 * complaint words; any other language is "not scored on text" and never P4 for that alone.
 * Intent: complaint, question, request, praise, irrelevant, spam and their priority rules.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { detectLanguage } from '../../src/scoring/language/detect.js';
import { analyzeText, DEFAULT_SCORING_CONFIG, scoreMention } from '../../src/scoring/index.js';
import { tokenize } from '../../src/scoring/text/tokenize.js';
import { score } from './fixtures.js';

describe('detectLanguage', () => {
  it.each([
    ['en', 'My parcel still has not arrived and nobody answers the phone'],
    ['en', 'THE APP HAS BEEN DOWN ALL DAY AGAIN'],
    ['es', 'Mi pedido no ha llegado y nadie contesta a mis correos'],
    ['es', '¿Por qué me han cobrado dos veces este mes?'],
    ['fr', "Je n'ai toujours pas reçu mon remboursement, c'est inadmissible"],
    ['fr', 'Bonjour, ma box internet ne fonctionne plus depuis hier'],
    ['de', 'Hallo, ich warte seit drei Wochen auf meine Erstattung. Unverschämt!'],
    ['de', 'Mein Paket ist nie angekommen und niemand antwortet'],
    ['pt', 'Meu pedido ainda não chegou e ninguém responde'],
    ['pt', 'Estou sem internet há três dias, isso é um absurdo'],
    ['it', 'Il mio pacco non è mai arrivato e nessuno risponde'],
    ['nl', 'Mijn pakket is nooit aangekomen en niemand reageert'],
    ['pl', 'Nie dostałem paczki i nikt nie odpowiada'],
    ['ru', 'Моя посылка так и не пришла'],
    ['uk', 'Моя посилка так і не прийшла, жодної відповіді'],
    ['zh', '我的包裹还没到，客服也不回复'],
    ['ja', '荷物がまだ届いていません'],
    ['ar', 'طلبي لم يصل بعد ولا أحد يرد'],
    ['he', 'החבילה שלי לא הגיעה'],
    ['el', 'Το δέμα μου δεν έφτασε ποτέ'],
  ])('%s: "%s"', (code, text) => {
    expect(detectLanguage(text).code).toBe(code);
    // The tokenised path the scorer uses agrees with the plain one.
    expect(detectLanguage(text, tokenize(text).words).code).toBe(code);
  });

  it('reads a text with no evidence (emoji, a name, "ok") as English with low confidence', () => {
    for (const text of ['', '🔥🔥🔥', 'ok', 'Telvo', '12345', '@brand']) {
      const g = detectLanguage(text);
      expect(g.code).toBe('en');
      expect(g.confidence).toBeLessThan(0.3);
    }
  });

  it('keeps an English text English when it quotes a word of another language or script', () => {
    expect(detectLanguage('Thanks for the merci card, but my order still has not arrived').code).toBe('en');
    expect(detectLanguage('The café in the Leeds store was closed again today').code).toBe('en');
    expect(detectLanguage('My order for the 東京 poster never arrived and nobody replies').code).toBe('en');
  });

  it('always answers with a code, a name and a confidence in 0..1 (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 300 }), (text) => {
        const g = detectLanguage(text);
        expect(g.code).toMatch(/^[a-z]{2,3}$/);
        expect(g.name.length).toBeGreaterThan(0);
        expect(g.confidence).toBeGreaterThanOrEqual(0);
        expect(g.confidence).toBeLessThanOrEqual(1);
      }),
      { numRuns: 300 },
    );
  });
});

describe('scored languages: harm and strong complaint words', () => {
  it.each([
    ['es', 'Alguien ha hecho compras con mi tarjeta sin mi permiso', 'fraud'],
    ['es', 'Huele a gas en toda la casa desde la visita del técnico', 'safety'],
    ['fr', "Ma mère de 86 ans n'a plus de chauffage depuis samedi", 'vulnerable'],
    ['fr', 'Je vais contacter mon avocat', 'legal'],
    ['de', 'Es riecht nach Gas in der Küche', 'safety'],
    ['de', 'Unser Internet ist seit vier Tagen weg und ich kann nicht arbeiten', 'essential_service'],
    ['pt', 'Fizeram compras no meu cartão que eu não autorizei', 'fraud'],
    ['pt', 'Não aguento mais, quero morrer', 'crisis'],
    // A stem and a longer one in the same lexicon ("autoriz*", "autorizad*") both reach "autorizado".
    ['es', 'Me han cobrado dos compras que no he autorizado', 'fraud'],
  ])('%s: "%s" → %s', (code, text, harm) => {
    const r = scoreMention({ text, source: 'twitter', author: { followers: 15 }, isVip: false }, DEFAULT_SCORING_CONFIG);
    expect(r.language).toMatchObject({ code, scored: true });
    expect(r.harm.map((h) => h.id)).toContain(harm);
    expect(['P1', 'P2']).toContain(r.priority);
  });

  it('strong complaint words make a complaint, praise makes praise, in each language', () => {
    for (const text of [
      'Es una vergüenza, llevo un mes esperando',
      "C'est scandaleux, toujours rien reçu",
      'Frechheit, immer noch keine Antwort',
      'Que absurdo, ainda não chegou',
    ]) {
      const a = analyzeText(text);
      expect(a.intent).toBe('complaint');
      expect(a.sentiment).toBeLessThan(-0.3);
    }
    for (const text of [
      'Muchas gracias, todo perfecto',
      'Merci beaucoup, service excellent',
      'Vielen Dank, super schnell',
      'Muito obrigado, ótimo atendimento',
    ]) {
      expect(analyzeText(text).intent).toBe('praise');
      expect(score(text).priority).toBe('P4');
    }
  });

  it('praise beside a complaint is bitter, not praise', () => {
    for (const text of ["Merci de m'avoir bloqué la carte sans prévenir, génial", 'Gracias por cortarme la línea sin avisar, genial']) {
      const a = analyzeText(text);
      expect(a.intent).toBe('complaint');
      expect(a.signals.sarcasm).toBe(true);
    }
  });

  it('a German outrage about a three-week refund is P2 with the complaint as its reason', () => {
    const r = scoreMention(
      {
        text: 'Hallo, ich warte seit drei Wochen auf meine Erstattung. Unverschämt!',
        source: 'twitter',
        author: { followers: 100 },
        isVip: false,
      },
      DEFAULT_SCORING_CONFIG,
    );
    expect(r.priority).toBe('P2');
    expect(r.language).toEqual({ code: 'de', name: 'German', scored: true });
    expect(r.reasons).toContain('waiting for weeks');
    expect(r.reasons.some((x) => x.includes('complaint'))).toBe(true);
  });
});

describe('other languages', () => {
  it('are marked "not scored on text" and lifted to the unscored floor, never P4 for that alone', () => {
    for (const text of ['Il mio pacco non è mai arrivato', 'Моя посылка так и не пришла', '我的包裹还没到']) {
      const r = score(text);
      expect(r.language.scored).toBe(false);
      expect(r.reasons[0]).toMatch(/^not scored on text \(/);
      expect(r.priority).toBe('P3');
      expect(r.severity).toBe(0);
    }
    const floorP2 = { ...DEFAULT_SCORING_CONFIG, unscoredFloor: 'P2' as const };
    expect(score('Il mio pacco non è mai arrivato', {}, floorP2).priority).toBe('P2');
  });
});

describe('intent', () => {
  it.each([
    ['complaint', 'My refund still has not arrived after three weeks'],
    ['complaint', 'Delivered at 14:02 says the app, I have been in all day, there is no parcel'],
    ['complaint', 'Billed for 45 seats, we reduced to 20 in March'],
    ['complaint', 'Oh brilliant, the app is down again. Love it.'],
    // Factual reports with no angry word: a claim against what happened, scare quotes, a mismatch, shouting.
    ['complaint', 'Seat map shows 12A, boarding pass says 31C'],
    ['complaint', 'Meter swapped in March, every bill since is triple'],
    ['complaint', 'CANCELLED MY CONTRACT IN MAY AND STILL BEING BILLED'],
    ['complaint', 'Great, another update that hides the export button 🙃'],
    ['other', 'Just bought the new trainers, picking them up tomorrow'],
    ['question', 'What time does the Oxford Street store open on Sunday?'],
    ['question', 'Can I change the name on my booking'],
    ['complaint', "Can't log in since the update, third day now"],
    ['request', 'Please send me a copy of my latest invoice'],
    ['praise', 'Thank you so much, Priya sorted everything in five minutes. Brilliant service!'],
    ['praise', 'Five stars, the offline mode is great'],
    ['irrelevant', 'Happy Friday everyone! ☀️'],
    ['spam', 'Earn £500 a day from home, DM me for details 🚀'],
    ['spam', 'Win a free iPhone!!! Click here'],
  ])('%s: "%s"', (intent, text) => {
    expect(analyzeText(text).intent).toBe(intent);
  });

  it('praise is P4 even from a VIP with a big audience; spam and small talk are P4 and "no action"', () => {
    const praise = score('Absolutely love the new app, great work team!', { isVip: true, author: { followers: 900_000, verified: true } });
    expect(praise).toMatchObject({ priority: 'P4', intent: 'praise', noAction: false });
    expect(praise.reasons[0]).toBe('positive feedback');
    const spam = score('Check out my channel for free giveaways!!! 🔥', { author: { followers: 200_000 } });
    expect(spam).toMatchObject({ priority: 'P4', intent: 'spam', noAction: true });
    expect(spam.reasons[0]).toBe('no action: spam');
  });

  it('a complaint is never left at P4 (complaintFloor)', () => {
    for (const text of [
      'Meter reading submitted, bill estimated anyway at double the usage',
      'Ordered 6 chairs, 4 arrived, order marked complete',
    ]) {
      expect(score(text, { author: { followers: 5 } }).priority).toBe('P3');
    }
  });

  it('a plain question is neutral in sentiment (and so in reports); a complaint put as a question is not', () => {
    for (const text of [
      'How long does a transfer to Spain take?',
      'Why is my statement in a different format this month?',
      'When is the next sale?',
    ]) {
      const r = score(text);
      expect(r.intent).toBe('question');
      expect(Math.abs(r.sentiment)).toBeLessThanOrEqual(0.05);
    }
    const complaint = score('Why has my refund still not arrived after a month?');
    expect(complaint.intent).toBe('complaint');
    expect(complaint.sentiment).toBeLessThan(-0.05);
  });
});
