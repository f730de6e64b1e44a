import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, type Priority } from '../../src/domain/priority.js';
import { HARM_IDS } from '../../src/scoring/harm/categories.js';
import { DEFAULT_HARM_CONFIG, harmConfigSchema } from '../../src/scoring/harm/config.js';
import { harmFloor, priorityAfterModel } from '../../src/triage/adjust.js';
import { TRIAGE_CATEGORIES, TRIAGE_INTENTS } from '../../src/domain/triage.js';
import { TRIAGE_ANSWER_JSON_SCHEMA, TRIAGE_INSTRUCTIONS, triageAnswerSchema } from '../../src/triage/answer.js';
import { makeConfig } from '../helpers/config.js';

const rank = (p: Priority) => PRIORITIES.indexOf(p);
const harm = DEFAULT_HARM_CONFIG;

describe('the model answer → priority seam', () => {
  it('raises one level for a harm category above the local priority, lowers one for praise or noise, else keeps it', () => {
    expect(priorityAfterModel({ local: 'P4', answer: { category: 'safety', intent: 'complaint' }, localHarm: [], harm })).toBe('P3');
    expect(priorityAfterModel({ local: 'P2', answer: { category: 'fraud', intent: 'complaint' }, localHarm: [], harm })).toBe('P2');
    expect(priorityAfterModel({ local: 'P3', answer: { category: 'none', intent: 'praise' }, localHarm: [], harm })).toBe('P4');
    expect(priorityAfterModel({ local: 'P4', answer: { category: 'none', intent: 'irrelevant' }, localHarm: [], harm })).toBe('P4');
    expect(priorityAfterModel({ local: 'P3', answer: { category: 'none', intent: 'question' }, localHarm: [], harm })).toBe('P3');
    // Never below the floor: a P2 fraud case stays P2 however happy the model thinks it sounds.
    expect(priorityAfterModel({ local: 'P2', answer: { category: 'none', intent: 'praise' }, localHarm: ['fraud'], harm })).toBe('P2');
  });

  it('uses the configured floors (config harm.<id>), not the defaults', () => {
    const configured = harmConfigSchema.parse({ fraud: 'P1', press: { floor: 'P4' }, legal: 'P1' });
    const fraud = { category: 'fraud', intent: 'complaint' } as const;
    const praise = { category: 'none', intent: 'praise' } as const;
    // fraud at P1: a P2 case the model calls fraud rises to P1 (the default P2 floor would keep it).
    expect(priorityAfterModel({ local: 'P2', answer: fraud, localHarm: [], harm })).toBe('P2');
    expect(priorityAfterModel({ local: 'P2', answer: fraud, localHarm: [], harm: configured })).toBe('P1');
    // press at P4: naming press raises nothing.
    const press = { category: 'press', intent: 'complaint' } as const;
    expect(priorityAfterModel({ local: 'P4', answer: press, localHarm: [], harm: configured })).toBe('P4');
    // legal at P1: a P1 legal case is not lowered by "praise" (the default P2 floor would let it drop).
    expect(priorityAfterModel({ local: 'P1', answer: praise, localHarm: ['legal'], harm })).toBe('P2');
    expect(priorityAfterModel({ local: 'P1', answer: praise, localHarm: ['legal'], harm: configured })).toBe('P1');
  });

  it('for every answer and every configuration: at most one level, never lowered below any floor', () => {
    const priority = fc.constantFrom(...PRIORITIES);
    const config = fc.dictionary(fc.constantFrom(...HARM_IDS), priority).map((given) => harmConfigSchema.parse(given));
    const ids = fc.array(fc.constantFrom(...HARM_IDS, 'billing', '__proto__', 'constructor'), { maxLength: 4 });
    const categories = fc.constantFrom(...TRIAGE_CATEGORIES);
    const intents = fc.constantFrom(...TRIAGE_INTENTS);
    fc.assert(
      fc.property(priority, ids, config, categories, intents, (local, localHarm, harmConfig, category, intent) => {
        const next = priorityAfterModel({ local, answer: { category, intent }, localHarm, harm: harmConfig });
        expect(Math.abs(rank(next) - rank(local))).toBeLessThanOrEqual(1);
        if (rank(next) > rank(local)) {
          // Lowered: only for praise or noise with no category, and never below a floor the case has.
          expect(category).toBe('none');
          const floor = harmFloor(localHarm, harmConfig);
          if (floor !== null) expect(rank(next)).toBeLessThanOrEqual(rank(floor));
        }
        if (rank(next) < rank(local)) {
          // Raised: only by a named category whose configured floor is above the local priority.
          expect(category).not.toBe('none');
          expect(rank(harmConfig[category as (typeof HARM_IDS)[number]].floor)).toBeLessThanOrEqual(rank(next));
        }
      }),
    );
  });

  it('finds the most urgent configured floor among the categories a case has', () => {
    expect(harmFloor(['billing', 'legal'], harm)).toBe('P2');
    expect(harmFloor(['legal', 'safety'], harm)).toBe('P1');
    expect(harmFloor(['legal'], harmConfigSchema.parse({ legal: 'P3' }))).toBe('P3');
    expect(harmFloor(['delay'], harm)).toBeNull();
    expect(harmFloor(['__proto__', 'constructor', 'toString'], harm)).toBeNull();
  });
});

describe('the answer a model must give', () => {
  it('accepts the schema (leniently cased) and cleans the reason to one printable line', () => {
    const parsed = triageAnswerSchema.parse({
      category: 'Fraud',
      intent: 'COMPLAINT',
      language: 'en-GB',
      reason: '  two lines\nof\u2028reason\u0007  ',
    });
    expect(parsed).toEqual({ category: 'fraud', intent: 'complaint', language: 'en', reason: 'two lines of reason' });
    expect(triageAnswerSchema.parse({ category: 'none', intent: 'praise', language: 'und', reason: 'x'.repeat(900) }).reason).toHaveLength(
      200,
    );
  });

  it('refuses anything else', () => {
    for (const bad of [
      null,
      [],
      'fraud',
      { category: 'fraud', intent: 'complaint', language: 'en' },
      { category: 'banana', intent: 'complaint', language: 'en', reason: 'r' },
      { category: 'fraud', intent: 'rant', language: 'en', reason: 'r' },
      { category: 'fraud', intent: 'complaint', language: 'english', reason: 'r' },
      { category: 'fraud', intent: 'complaint', language: 'en', reason: '   ' },
      { category: 'fraud', intent: 'complaint', language: 'en', reason: 'r', priority: 'P1' },
      JSON.parse('{"__proto__": {"category": "fraud"}, "intent": "complaint", "language": "en", "reason": "r"}'),
    ]) {
      expect(triageAnswerSchema.safeParse(bad).success, JSON.stringify(bad)).toBe(false);
    }
    fc.assert(fc.property(fc.jsonValue(), (value) => void triageAnswerSchema.safeParse(value)));
  });

  it('sends a strict schema that matches what is checked', () => {
    expect(TRIAGE_ANSWER_JSON_SCHEMA.additionalProperties).toBe(false);
    expect([...TRIAGE_ANSWER_JSON_SCHEMA.required].sort()).toEqual(Object.keys(TRIAGE_ANSWER_JSON_SCHEMA.properties).sort());
  });

  it("speaks the core's taxonomy: exactly its harm ids (and none), in the schema sent, the check and the instructions", () => {
    expect(TRIAGE_ANSWER_JSON_SCHEMA.properties.category.enum).toEqual([...HARM_IDS, 'none']);
    for (const id of [...HARM_IDS, 'none']) {
      expect(triageAnswerSchema.safeParse({ category: id, intent: 'complaint', language: 'en', reason: 'r' }).success, id).toBe(true);
    }
    for (const id of HARM_IDS) expect(TRIAGE_INSTRUCTIONS).toContain(`${id}: `);
    // Near misses are not categories: the card's words, a complaint theme, an old or foreign name.
    const nearMisses = ['safety risk', 'possible fraud', 'billing', 'outage', 'self_harm', 'essential service', 'essential-service'];
    nearMisses.push('toString', '__proto__', '');
    for (const bad of nearMisses) {
      expect(triageAnswerSchema.safeParse({ category: bad, intent: 'complaint', language: 'en', reason: 'r' }).success, bad).toBe(false);
    }
  });
});

describe('the llm config', () => {
  it('is off unless set, with a 3 s timeout by default', () => {
    expect(makeConfig({}, {}).llm).toBeNull();
    const config = makeConfig(
      { MY_KEY: 'sk-abc' },
      { llm: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', apiKeyEnv: 'MY_KEY' } },
    );
    expect(config.llm).toEqual({
      baseUrl: 'http://127.0.0.1:11434/v1',
      model: 'llama3.1',
      apiKeyEnv: 'MY_KEY',
      timeoutMs: 3000,
      perMinute: 60,
      apiKey: 'sk-abc',
    });
    expect(makeConfig({}, { llm: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' } }).llm?.apiKey).toBeNull();
  });

  it('says what is wrong, by path', () => {
    expect(() => makeConfig({}, { llm: { baseUrl: 'not a url', model: '' } })).toThrow(/llm\.baseUrl[\s\S]*llm\.model/);
    expect(() => makeConfig({}, { llm: { baseUrl: 'ftp://x.example/v1', model: 'm' } })).toThrow(/llm\.baseUrl must be an http\(s\) URL/);
    expect(() => makeConfig({}, { llm: { baseUrl: 'https://api.openai.com/v1', model: 'm', apiKeyEnv: 'sk-live-123' } })).toThrow(
      /llm\.apiKeyEnv must be an environment variable name/,
    );
    expect(() => makeConfig({}, { llm: { baseUrl: 'https://api.openai.com/v1', model: 'm', apiKeyEnv: 'OPENAI_API_KEY' } })).toThrow(
      /llm\.apiKeyEnv names OPENAI_API_KEY, which is not set/,
    );
    expect(() => makeConfig({}, { llm: { baseUrl: 'https://api.openai.com/v1', model: 'm', timeoutMs: 10 } })).toThrow(/llm\.timeoutMs/);
  });
});
