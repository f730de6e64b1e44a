import type { Config } from '../../src/config/load.js';
import { mentionSchema } from '../../src/ingest/schema.js';
import { scoreMention } from '../../src/scoring/index.js';
import { readJsonLines } from './json-lines.js';

export interface ScoreOptions {
  /** Add every signal with its contribution in score points ("signals"). */
  explain?: boolean;
}

/** Points rounded for people: one decimal, and no "-0". */
const points = (x: number): number => Math.round(x * 10) / 10 + 0;

/**
 * `klaxon score [--explain]`: mentions (ingest format) one JSON per line on stdin, one JSON score
 * per line on stdout: `id, score, priority, severity, sentiment, reasons`, and the harm
 * categories, language, intent and "no action" behind them. `--explain` adds `signals`: every
 * signal considered, with the points it added (floors and caps included), biggest first. Uses
 * the config's VIP list, weights and harm floors; touches no database. A bad line gets an
 * `{"line", "error"}` object on stdout and a non-zero exit at the end.
 */
export async function scoreCommand(
  config: Config,
  input: NodeJS.ReadableStream,
  output: NodeJS.WritableStream,
  options: ScoreOptions = {},
): Promise<number> {
  const vips = new Set(config.file.vips);
  let bad = 0;
  for await (const line of readJsonLines(input)) {
    const { lineNo } = line;
    if (!line.ok) {
      bad += 1;
      output.write(`${JSON.stringify({ line: lineNo, error: line.error })}\n`);
      continue;
    }
    const parsed = mentionSchema.safeParse(line.json);
    if (!parsed.success) {
      bad += 1;
      const error = parsed.error.issues.map((i) => `${i.path.join('.') || '(mention)'} ${i.message}`).join('; ');
      output.write(`${JSON.stringify({ line: lineNo, error })}\n`);
      continue;
    }
    const m = parsed.data;
    const handle = m.author.handle?.replace(/^@/, '').toLowerCase();
    const result = scoreMention(
      { text: m.text, source: m.source, author: m.author, isVip: handle ? vips.has(handle) : false, rating: m.rating },
      config.file.scoring,
      config.file.harm,
    );
    const out: Record<string, unknown> = {
      id: m.id,
      score: result.score,
      priority: result.priority,
      severity: result.severity,
      sentiment: result.sentiment,
      reasons: result.reasons,
      harm: result.harm.map((h) => ({ id: h.id, label: h.label, cue: h.cue, floor: h.floor })),
      language: result.language,
      intent: result.intent,
      noAction: result.noAction,
    };
    if (result.guidance) out['guidance'] = result.guidance;
    if (options.explain) {
      out['signals'] = [...result.signals]
        .sort((a, b) => Math.abs(b.points) - Math.abs(a.points))
        .map((sig) => ({ signal: sig.signal, points: points(sig.points), ...(sig.reason ? { reason: sig.reason } : {}) }));
    }
    output.write(`${JSON.stringify(out)}\n`);
  }
  return bad > 0 ? 1 : 0;
}
