/**
 * The learned weights live in src/scoring/model.json, read and validated at start (issue #21):
 * the file is found from the sources and from a build, a bad file fails with a message naming
 * what is wrong, and the runtime's one-lookup reading of the weights agrees with the walk the
 * fitting script uses.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { analyzeText } from '../../src/scoring/index.js';
import { loadTextModel, locateTextModel, MODEL_FORMAT } from '../../src/scoring/text/model-file.js';
import { sparseSum, sparseSumByVisitor } from '../../src/scoring/text/learned.js';
import { readRules } from '../../src/scoring/text/rules.js';
import { tokenize } from '../../src/scoring/text/tokenize.js';

const dir = mkdtempSync(join(tmpdir(), 'klaxon-model-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const write = (name: string, content: string): string => {
  const path = join(dir, name);
  writeFileSync(path, content);
  return path;
};

describe('model.json', () => {
  it('is found beside the scoring sources and holds the four heads', () => {
    const model = loadTextModel(locateTextModel());
    expect(model.format).toBe(MODEL_FORMAT);
    expect(model.heads).toEqual(['negative', 'positive', 'serious', 'irony']);
    expect(Object.keys(model.words).length).toBeGreaterThan(1000);
    expect(model.about?.['data']).toBeTruthy();
  });

  it('refuses a broken or hand-edited file with a message that says what is wrong', () => {
    expect(() => loadTextModel(write('truncated.json', '{"format":'))).toThrow(/cannot be read/);
    expect(() => loadTextModel(write('other.json', JSON.stringify({ format: 'x' })))).toThrow(/invalid: format/);
    const short = { format: MODEL_FORMAT, heads: ['negative', 'positive', 'serious'], bias: [0, 0], dense: {}, words: { bad: [1, 2, 3] } };
    expect(() => loadTextModel(write('short.json', JSON.stringify(short)))).toThrow(/bias must have 3 values/);
    const extra = { format: MODEL_FORMAT, heads: ['negative'], bias: [0], dense: {}, words: {}, surprise: true };
    expect(() => loadTextModel(write('extra.json', JSON.stringify(extra)))).toThrow(/surprise/);
    const nan = `{"format":"${MODEL_FORMAT}","heads":["negative"],"bias":[0],"dense":{},"words":{"a":[1e999]}}`;
    expect(() => loadTextModel(write('inf.json', nan))).toThrow(/invalid/);
  });

  it('reads the same weights in one lookup per word as the fit does through its visitor', () => {
    for (const text of [
      'not happy at all, my flight was cancelled and nobody called',
      'Thanks so much!!! great crew',
      'still waiting... refund please',
      '',
    ]) {
      const tok = tokenize(text);
      const rules = readRules(tok);
      for (const head of ['negative', 'positive', 'serious', 'irony']) {
        expect(sparseSum(tok, rules, head)).toBeCloseTo(sparseSumByVisitor(tok, rules, head), 10);
      }
    }
  });

  it('an evidence-free text reads neutral and not serious', () => {
    const a = analyzeText('');
    expect(Math.abs(a.sentiment)).toBeLessThan(0.05);
    expect(a.severity).toBeLessThan(0.2);
  });
});
