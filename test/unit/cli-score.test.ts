/**
 * `klaxon score [--explain]` (docs/CONTRACT.md §8, §9): JSON lines in, JSON lines out, with the harm
 * categories, language and intent, and with --explain every signal and the points it added, so a
 * person can check why a mention got its priority.
 */
import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { scoreCommand } from '../../app/cli/score.js';
import { makeConfig } from '../helpers/config.js';

async function run(
  lines: unknown[],
  options: { explain?: boolean } = {},
  file: Record<string, unknown> = {},
): Promise<{ code: number; out: Record<string, any>[] }> {
  const input = new PassThrough();
  const output = new PassThrough();
  const chunks: string[] = [];
  output.on('data', (c: Buffer) => chunks.push(c.toString()));
  input.end(lines.map((l) => (typeof l === 'string' ? l : JSON.stringify(l))).join('\n'));
  const code = await scoreCommand(makeConfig({}, file), input, output, options);
  return {
    code,
    out: chunks
      .join('')
      .trim()
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l)),
  };
}

const m = (id: string, text: string, followers = 100) => ({
  id,
  source: 'twitter',
  text,
  author: { handle: `u${id}`, followers },
  createdAt: '2026-11-23T10:00:00Z',
});

describe('klaxon score', () => {
  it('prints the contract fields and what is behind the priority', async () => {
    const { code, out } = await run([
      m('1', "someone took money from my account that I didn't authorise, 3 transactions"),
      m('2', 'Il mio pacco non è mai arrivato'),
    ]);
    expect(code).toBe(0);
    expect(out[0]).toMatchObject({
      id: '1',
      priority: 'P2',
      harm: [{ id: 'fraud', label: 'possible fraud', floor: 'P2' }],
      language: { code: 'en', scored: true },
      intent: 'complaint',
      noAction: false,
    });
    expect(out[0]!.reasons[0]).toMatch(/^possible fraud/);
    expect(typeof out[0]!.severity).toBe('number');
    expect(out[0]!.signals).toBeUndefined();
    expect(out[1]).toMatchObject({ priority: 'P3', language: { code: 'it', name: 'Italian', scored: false } });
  });

  it('--explain lists every signal with its points, biggest first, floors included, summing to the score', async () => {
    const { out } = await run([m('1', 'your engineer left a gas smell in my kitchen', 40)], { explain: true });
    const r = out[0]!;
    expect(r.priority).toBe('P1');
    const names = r.signals.map((s: { signal: string }) => s.signal);
    expect(names).toEqual(
      expect.arrayContaining(['severity', 'negativity', 'positivity', 'reach', 'harm:safety', 'floor:safety', 'source']),
    );
    const abs = r.signals.map((s: { points: number }) => Math.abs(s.points));
    expect(abs).toEqual([...abs].sort((a: number, b: number) => b - a));
    const total = r.signals.reduce((sum: number, s: { points: number }) => sum + s.points, 0);
    expect(Math.abs(total - r.score)).toBeLessThanOrEqual(1.5);
  });

  it('uses the config: harm floors and guidance', async () => {
    const { out } = await run(
      [m('1', 'three payments on my card I never made')],
      {},
      { harm: { fraud: { floor: 'P1', guidance: 'Block the card first.' } } },
    );
    expect(out[0]).toMatchObject({ priority: 'P1', guidance: 'Block the card first.' });
  });

  it('reports a bad line and exits non-zero, scoring the good ones', async () => {
    const { code, out } = await run(['{not json', m('ok', 'thanks, great service!'), { id: 'x' }]);
    expect(code).toBe(1);
    expect(out[0]).toEqual({ line: 1, error: 'not valid JSON' });
    expect(out[1]).toMatchObject({ id: 'ok', priority: 'P4', intent: 'praise' });
    expect(out[2]).toMatchObject({ line: 3 });
  });
});
