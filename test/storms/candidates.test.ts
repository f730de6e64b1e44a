import { eq } from 'drizzle-orm';
import { afterEach, describe, expect, it } from 'vitest';
import { cases, mentions } from '../../db/schema/index.js';
import { ingestMentions } from '../../src/ingest/ingest.js';
import { stormConfigSchema } from '../../src/ingest/storms/config.js';
import { StormDetector } from '../../src/ingest/storms/detector.js';
import { DocFrequency } from '../../src/ingest/storms/doc-frequency.js';
import { StormIndex } from '../../src/ingest/storms/index-store.js';
import { fingerprint } from '../../src/ingest/storms/minhash.js';
import { SymptomRates } from '../../src/ingest/storms/symptom-rates.js';
import { extractStormTerms } from '../../src/ingest/storms/terms/extract.js';
import { makeCore, parsed, type Core } from '../helpers/core.js';
import { mention } from '../helpers/ingest.js';

const entry = (text: string, i: number, at: number) => ({
  fp: fingerprint(text),
  links: [],
  terms: extractStormTerms(text),
  authorKey: `a${i}`,
  source: 'twitter',
  caseId: i,
  at,
  keepOwnCard: false,
  visited: 0,
});

describe('the shared candidate index', () => {
  it('is bounded by count and by time, whatever goes through it', () => {
    const index = new StormIndex(30 * 60_000, 1_000);
    let left = 0;
    const counted = new StormIndex(30 * 60_000, 1_000, () => (left += 1));
    for (let i = 0; i < 20_000; i += 1) {
      const e = entry(`customer ${i} says the Town${i % 5000} depot ${i % 97} is stuck, ref E${i}`, i, 0);
      index.add(e);
      counted.add({ ...e, visited: 0 });
    }
    expect(index.size).toBe(1_000);
    expect(left).toBe(19_000);
    // Keys belong only to entries still held: flat however much went through.
    expect(index.keyCount).toBeLessThan(1_000 * 30);
    index.prune(31 * 60_000);
    expect(index.size).toBe(0);
    expect(index.keyCount).toBe(0);
  });

  it('reads a bounded number of candidates per look-up, however busy a term is', () => {
    const index = new StormIndex(30 * 60_000, 50_000);
    for (let i = 0; i < 5_000; i += 1) index.add(entry(`Manchester signal report number ${i}`, i, 0));
    let visited = 0;
    const probe = entry('no signal in Manchester', 99_999, 0);
    index.similar(probe, 0, () => {
      visited += 1;
      return false;
    });
    expect(visited).toBeLessThan(200);
  });

  it('moves only a merged case’s own entries', () => {
    const index = new StormIndex(30 * 60_000, 100);
    for (let i = 0; i < 10; i += 1) index.add(entry(`text ${i}`, i % 3, 0));
    const moved = index.reassign(new Set([1]), 42);
    expect(moved.map((e) => e.caseId)).toEqual(moved.map(() => 42));
    expect(index.entriesOf(42)).toHaveLength(moved.length);
    expect(index.entriesOf(1)).toEqual([]);
  });
});

describe('document frequency', () => {
  it('halves with its half-life, counts back out what leaves, and stays the same size', () => {
    const history = new DocFrequency({ halfLifeMs: 1000 });
    for (let i = 0; i < 100; i += 1) history.add(['flight', `rare${i}`], 0);
    expect(history.count('flight')).toBe(100);
    expect(history.rarity('flight')).toBeLessThan(history.rarity('rare1'));
    history.add([], 2000);
    expect(history.count('flight')).toBe(25);
    const window = new DocFrequency();
    window.add(['manchester']);
    window.add(['manchester']);
    window.remove(['manchester']);
    expect(window.count('manchester')).toBe(1);
    expect(window.documents).toBe(1);
    // An incident's own occurrences do not make its place everyday.
    for (let i = 0; i < 50; i += 1) window.add(['manchester']);
    expect(window.rarity('manchester', 51)).toBe(1);
  });
});

describe('symptom rates', () => {
  it('calls a burst only well above the usual share and with enough reports', () => {
    const rates = new SymptomRates(3_600_000, 3);
    for (let i = 0; i < 1000; i += 1) rates.learn(i % 20 === 0 ? ['outage'] : [], 0);
    for (let i = 0; i < 100; i += 1) rates.enter(i % 20 === 0 ? ['outage'] : []);
    expect(rates.bursting('outage')).toBe(false);
    for (let i = 0; i < 20; i += 1) rates.enter(['outage']);
    expect(rates.bursting('outage')).toBe(true);
  });
});

describe('paraphrase storms on a real database', () => {
  let core: Core;
  afterEach(() => core.handle.close());
  const at = (minute: number) => new Date(Date.UTC(2026, 10, 23, 10, minute)).toISOString();

  function withStorms(): StormDetector {
    core = makeCore();
    const storms = new StormDetector(stormConfigSchema.parse({}));
    core.ingest.storms = storms;
    return storms;
  }

  async function say(id: string, text: string, minute: number, extra: Partial<Parameters<typeof mention>[0]> = {}) {
    core.clock.set(at(minute));
    await ingestMentions(core.ingest, [
      parsed(mention({ id, author: { id: `a-${id}`, handle: `h${id}`, followers: 50 }, text, createdAt: at(minute), ...extra })),
    ]);
  }

  const incidentOf = (id: string) => {
    const m = core.handle.db.select().from(mentions).where(eq(mentions.externalId, id)).get()!;
    return core.handle.db.select().from(cases).where(eq(cases.id, m.caseId!)).get()!;
  };

  it('an incident does not drift: a report sharing a side word with one member stays out', async () => {
    withStorms();
    await say('1', 'No signal in Manchester since 7am', 0);
    await say('2', 'Is there an outage in Manchester? no signal here', 1);
    await say('3', 'still no signal anywhere in Manchester, my Gorton office too', 2);
    expect(incidentOf('3').kind).toBe('incident');
    // Shares "Gorton" and the symptom with one member, not what the storm is about (Manchester).
    await say('4', 'no signal at the Gorton retail park in Denton either', 3);
    expect(incidentOf('4').kind).toBe('single');
  });

  it('keeps clustering paraphrases after a restart (index and term counts rebuilt from the database)', async () => {
    withStorms();
    await say('1', '@FibreNetUK broadband down in Bristol since lunchtime', 0);
    await say('2', 'No internet in Bristol on FibreNet, working from home is impossible', 1);
    core.ingest.storms = new StormDetector(stormConfigSchema.parse({}));
    expect(core.ingest.storms.warm(core.handle.db, new Date(at(2)))).toBe(2);
    await say('3', 'FibreNet outage in Bristol? My whole road has no broadband', 2);
    const incident = incidentOf('3');
    expect(incident.kind).toBe('incident');
    expect(incident.mentionCount).toBe(3);
  });

  it('an earlier report that matched no one joins once a later one links it to the incident', async () => {
    withStorms();
    await say('1', 'power cut in Kendal, whole street dark', 0);
    await say('2', 'No electricity in Kendal since 6pm, anyone know why?', 1);
    await say('3', 'Kendal blackout again?? second time this month', 2);
    // Matches the storm only through "LA9", which no member has yet.
    await say('4', 'lights out across LA9, no power at all', 3);
    expect(incidentOf('4').kind).toBe('single');
    await say('5', 'Still no power in Kendal LA9, kids are freezing', 4);
    expect(incidentOf('5').kind).toBe('incident');
    expect(incidentOf('4').id).toBe(incidentOf('5').id);
  });

  it('paraphrase clustering can be switched off on its own', async () => {
    core = makeCore();
    core.ingest.storms = new StormDetector(stormConfigSchema.parse({ paraphrase: { enabled: false } }));
    await say('1', 'No signal in Manchester since 7am', 0);
    await say('2', 'Is there an outage in Manchester? no signal here', 1);
    await say('3', 'still no signal anywhere in Manchester', 2);
    expect(incidentOf('3').kind).toBe('single');
  });
});
