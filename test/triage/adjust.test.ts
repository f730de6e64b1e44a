import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PRIORITIES, type Priority } from '../../src/domain/priority.js';
import { DEFAULT_HARM_FLOORS, floorFromThemes, priorityAfterModel } from '../../src/triage/adjust.js';
import { HARM_CATEGORY_IDS, TRIAGE_ANSWER_JSON_SCHEMA, TRIAGE_INTENTS, triageAnswerSchema } from '../../src/triage/answer.js';
import { makeConfig } from '../helpers/config.js';

const rank = (p: Priority) => PRIORITIES.indexOf(p);
const floors = (c: keyof typeof DEFAULT_HARM_FLOORS) => DEFAULT_HARM_FLOORS[c];

describe('the model answer → priority seam', () => {
  it('raises one level for a harm category above the local priority, lowers one for praise or noise, else keeps it', () => {
    expect(priorityAfterModel({ local: 'P4', answer: { category: 'safety', intent: 'complaint' }, floor: null, categoryFloor: floors })).toBe('P3');
    expect(priorityAfterModel({ local: 'P2', answer: { category: 'fraud', intent: 'complaint' }, floor: null, categoryFloor: floors })).toBe('P2');
    expect(priorityAfterModel({ local: 'P3', answer: { category: 'none', intent: 'praise' }, floor: null, categoryFloor: floors })).toBe('P4');
    expect(priorityAfterModel({ local: 'P4', answer: { category: 'none', intent: 'irrelevant' }, floor: null, categoryFloor: floors })).toBe('P4');
    expect(priorityAfterModel({ local: 'P3', answer: { category: 'none', intent: 'question' }, floor: null, categoryFloor: floors })).toBe('P3');
    // Never below the floor: a P2 fraud case stays P2 however happy the model thinks it sounds.
    expect(priorityAfterModel({ local: 'P2', answer: { category: 'none', intent: 'praise' }, floor: 'P2', categoryFloor: floors })).toBe('P2');
    // A configured floor (config harm.<id>) is honoured.
    expect(priorityAfterModel({ local: 'P4', answer: { category: 'press', intent: 'complaint' }, floor: null, categoryFloor: () => 'P4' })).toBe('P4');
  });

  it('for every answer: at most one level, never lowered below the floor', () => {
    const priority = fc.constantFrom(...PRIORITIES);
    fc.assert(
      fc.property(priority, fc.option(priority, { nil: null }), fc.constantFrom(...HARM_CATEGORY_IDS, 'none' as const), fc.constantFrom(...TRIAGE_INTENTS), (local, floor, category, intent) => {
        const next = priorityAfterModel({ local, answer: { category, intent }, floor, categoryFloor: floors });
        expect(Math.abs(rank(next) - rank(local))).toBeLessThanOrEqual(1);
        if (floor !== null && rank(next) > rank(local)) expect(rank(next)).toBeLessThanOrEqual(rank(floor));
      }),
    );
  });

  it('finds the floor from the harm categories the local analysis saw', () => {
    expect(floorFromThemes(['billing', 'legal'], floors)).toBe('P2');
    expect(floorFromThemes(['legal', 'safety'], floors)).toBe('P1');
    expect(floorFromThemes(['delay'], floors)).toBeNull();
    expect(floorFromThemes(['__proto__', 'constructor'], floors)).toBeNull();
  });
});

describe('the answer a model must give', () => {
  it('accepts the schema (leniently cased) and cleans the reason to one printable line', () => {
    const parsed = triageAnswerSchema.parse({ category: 'Fraud', intent: 'COMPLAINT', language: 'en-GB', reason: '  two lines\nof\u2028reason\u0007  ' });
    expect(parsed).toEqual({ category: 'fraud', intent: 'complaint', language: 'en', reason: 'two lines of reason' });
    expect(triageAnswerSchema.parse({ category: 'none', intent: 'praise', language: 'und', reason: 'x'.repeat(900) }).reason).toHaveLength(200);
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
});

describe('the llm config', () => {
  it('is off unless set, with a 3 s timeout by default', () => {
    expect(makeConfig({}, {}).llm).toBeNull();
    const config = makeConfig({ MY_KEY: 'sk-abc' }, { llm: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', apiKeyEnv: 'MY_KEY' } });
    expect(config.llm).toEqual({ baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1', apiKeyEnv: 'MY_KEY', timeoutMs: 3000, perMinute: 60, apiKey: 'sk-abc' });
    expect(makeConfig({}, { llm: { baseUrl: 'http://127.0.0.1:11434/v1', model: 'llama3.1' } }).llm?.apiKey).toBeNull();
  });

  it('says what is wrong, by path', () => {
    expect(() => makeConfig({}, { llm: { baseUrl: 'not a url', model: '' } })).toThrow(/llm\.baseUrl[\s\S]*llm\.model/);
    expect(() => makeConfig({}, { llm: { baseUrl: 'ftp://x.example/v1', model: 'm' } })).toThrow(/llm\.baseUrl must be an http\(s\) URL/);
    expect(() => makeConfig({}, { llm: { baseUrl: 'https://api.openai.com/v1', model: 'm', apiKeyEnv: 'sk-live-123' } })).toThrow(/llm\.apiKeyEnv must be an environment variable name/);
    expect(() => makeConfig({}, { llm: { baseUrl: 'https://api.openai.com/v1', model: 'm', apiKeyEnv: 'OPENAI_API_KEY' } })).toThrow(/llm\.apiKeyEnv names OPENAI_API_KEY, which is not set/);
    expect(() => makeConfig({}, { llm: { baseUrl: 'https://api.openai.com/v1', model: 'm', timeoutMs: 10 } })).toThrow(/llm\.timeoutMs/);
  });
});
